import { jobSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const implicitBackoffLimit: JobRule = {
  id: 'JOB201',
  name: 'implicit-backoff-limit',
  category: RuleCategory.SAFETY,
  severity: RuleSeverity.WARNING,
  summary: 'backoffLimit is not set, so a silent default decides how often the Job is retried',
  explanation: 'Unset, backoffLimit is 6 (2147483647 when backoffLimitPerIndex is set): a side-effecting Job such as a migration is '
    + 'retried six times without anyone having decided so.',
  fix: 'Set spec.backoffLimit explicitly (0 for work that must not be retried blindly).',
  source: 'pkg/apis/batch/v1/defaults.go SetDefaults_Job',
  check(job): Violation[] {
    const spec = jobSpec(job);
    if (spec.backoffLimit !== undefined) return [];
    const silent = spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
    return [{ path: 'spec.backoffLimit', message: `spec.backoffLimit is not set: the Job is retried up to ${silent} times by default` }];
  },
};
