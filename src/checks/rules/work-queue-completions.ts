import { jobSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const workQueueCompletions: JobRule = {
  id: 'JOB103',
  name: 'work-queue-completions',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.WARNING,
  summary: 'completions is unset with parallelism above 1: the Job completes as soon as any one pod succeeds',
  explanation: 'Without completions a Job has work-queue semantics: once one pod exits 0 no new pods start, the running ones are left '
    + 'to finish, and the Job is Complete when they have. A worker pool whose first worker exits 0 early ends the whole Job.',
  fix: 'For a fixed amount of work set completions (or use an Indexed Job); for a queue, make every worker exit 0 only when the queue is empty.',
  source: 'pkg/controller/job/job_controller.go syncJob (Completions == nil branch); pkg/apis/batch/v1/defaults.go',
  check(job): Violation[] {
    const spec = jobSpec(job);
    if (spec.completionMode === 'Indexed' || (spec.completions !== undefined && spec.completions !== null)) return [];
    if (typeof spec.parallelism !== 'number' || spec.parallelism <= 1) return [];
    return [{
      path: 'spec.completions',
      message: `spec.completions is not set with spec.parallelism ${spec.parallelism}: the Job completes once any pod succeeds (work-queue semantics)`,
    }];
  },
};
