import { jobSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const zeroCompletions: JobRule = {
  id: 'JOB100',
  name: 'zero-completions',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.ERROR,
  summary: 'completions: 0 completes the Job at once without running a pod',
  explanation: 'The API server accepts completions 0, and the Job controller marks such a Job Complete immediately: nothing runs.',
  fix: 'Set completions to 1 or more, or leave it unset for a work-queue Job.',
  source: 'pkg/controller/job/job_controller.go syncJob (complete when succeeded >= completions)',
  check(job): Violation[] {
    return jobSpec(job).completions === 0
      ? [{ path: 'spec.completions', message: 'spec.completions is 0: the Job completes at once without running a pod; use 1 or more' }]
      : [];
  },
};
