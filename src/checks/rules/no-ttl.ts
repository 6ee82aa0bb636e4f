import { jobSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const noTtl: JobRule = {
  id: 'JOB203',
  name: 'no-ttl',
  category: RuleCategory.SAFETY,
  severity: RuleSeverity.WARNING,
  summary: 'ttlSecondsAfterFinished is not set: the finished Job and its pods are kept forever',
  explanation: 'Finished Jobs are never deleted on their own; their pods pile up in the namespace. (A CronJob\'s Jobs are cleaned up '
    + 'by its history limits instead, so the rule does not apply there.)',
  fix: 'Set spec.ttlSecondsAfterFinished (for example 86400, a day to read the logs).',
  source: 'kubernetes.io docs "TTL mechanism for finished Jobs"; kube-linter job-ttl-seconds-after-finished',
  check(job, context): Violation[] {
    if (context.parentKind === 'CronJob' || jobSpec(job).ttlSecondsAfterFinished !== undefined) return [];
    return [{ path: 'spec.ttlSecondsAfterFinished', message: 'spec.ttlSecondsAfterFinished is not set: the finished Job and its pods are never cleaned up' }];
  },
};
