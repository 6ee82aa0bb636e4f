import { jobSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const zeroActiveDeadline: JobRule = {
  id: 'JOB105',
  name: 'zero-active-deadline',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.ERROR,
  summary: 'activeDeadlineSeconds: 0 fails the Job as soon as it starts',
  explanation: 'The deadline is measured from status.startTime; 0 is accepted and the Job fails at once with reason DeadlineExceeded.',
  fix: 'Set a real deadline, or leave activeDeadlineSeconds unset.',
  source: 'pkg/controller/job/job_controller.go pastActiveDeadline',
  check(job): Violation[] {
    return jobSpec(job).activeDeadlineSeconds === 0
      ? [{ path: 'spec.activeDeadlineSeconds', message: 'spec.activeDeadlineSeconds is 0: the Job fails at once with DeadlineExceeded' }]
      : [];
  },
};
