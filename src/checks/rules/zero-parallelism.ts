import { jobSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const zeroParallelism: JobRule = {
  id: 'JOB104',
  name: 'zero-parallelism',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.ERROR,
  summary: 'parallelism: 0 stalls the Job; it is not suspension',
  explanation: 'The controller runs no pods and deletes running ones, but the Job is not Suspended: startTime is set, '
    + 'activeDeadlineSeconds keeps running and the Job never completes.',
  fix: 'Use spec.suspend: true to pause a Job.',
  source: 'pkg/controller/job/job_controller.go manageJob',
  check(job): Violation[] {
    return jobSpec(job).parallelism === 0
      ? [{ path: 'spec.parallelism', message: 'spec.parallelism is 0: no pod runs and the Job never completes (use spec.suspend to pause)' }]
      : [];
  },
};
