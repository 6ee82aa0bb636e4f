import { jobSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const noActiveDeadline: JobRule = {
  id: 'JOB202',
  name: 'no-active-deadline',
  category: RuleCategory.SAFETY,
  severity: RuleSeverity.WARNING,
  summary: 'activeDeadlineSeconds is not set: a hung Job runs forever',
  explanation: 'activeDeadlineSeconds bounds the whole Job, retries included, and takes precedence over backoffLimit. Without it a '
    + 'stuck pod or an endless retry loop holds its resources (and any lock it took) indefinitely.',
  fix: 'Set spec.activeDeadlineSeconds to a generous upper bound of the expected run time.',
  source: 'kubernetes.io docs "Job termination and cleanup"; kubernetes/kubernetes#62382',
  check(job): Violation[] {
    return jobSpec(job).activeDeadlineSeconds === undefined
      ? [{ path: 'spec.activeDeadlineSeconds', message: 'spec.activeDeadlineSeconds is not set: nothing stops a hung Job' }]
      : [];
  },
};
