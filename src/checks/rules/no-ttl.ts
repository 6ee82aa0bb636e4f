import { deletedByHookPolicy, ttlIsSafe } from '../../internal/deployment';
import { isObject, jobSpec, metadataOf } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation, deploymentOf, createdByController } from '../rule';

export const noTtl: JobRule = {
  id: 'JOB203',
  name: 'no-ttl',
  category: RuleCategory.SAFETY,
  severity: RuleSeverity.WARNING,
  summary: 'ttlSecondsAfterFinished is not set where nothing would re-create the Job: the finished Job and its pods are kept forever',
  explanation: 'Finished Jobs are never deleted on their own; their pods pile up in the namespace. A TTL is only safe where nothing '
    + 're-creates the deleted Job: a hook of the tool that deploys it, or a one-off apply (JobSettings deploymentTool, or the CLI\'s '
    + '--deployment-tool one-off). A Job that Argo CD, Flux or Helm re-applies must keep no TTL (JOB207); it goes when it leaves '
    + 'git. A hook with a hook-delete-policy is deleted by its tool; a CronJob\'s Jobs by its history limits.',
  fix: 'Set spec.ttlSecondsAfterFinished (for example 86400, a day to read the logs).',
  source: 'kubernetes.io docs "TTL mechanism for finished Jobs"; kube-linter job-ttl-seconds-after-finished',
  check(job, context): Violation[] {
    if (createdByController(context) || jobSpec(job).ttlSecondsAfterFinished != null) return [];
    const metadata = metadataOf(job);
    const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
    if (!ttlIsSafe(annotations, deploymentOf(context)) || deletedByHookPolicy(annotations)) return [];
    return [{ path: 'spec.ttlSecondsAfterFinished', message: 'spec.ttlSecondsAfterFinished is not set: the finished Job and its pods are never cleaned up' }];
  },
};
