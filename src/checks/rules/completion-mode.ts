import { effectiveCompletions, jobSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

const MAX_INDEXED_PARALLELISM = 100000;

export const completionMode: JobRule = {
  id: 'JOB004',
  name: 'completion-mode',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'An Indexed Job needs completions and at most 100000 parallelism',
  explanation: 'An Indexed Job runs one pod per index 0..completions-1, so completions is required (it defaults to 1 only when '
    + 'parallelism is also unset). Its parallelism is capped at 100000; completions has no hard cap.',
  fix: 'Give an Indexed Job completions and a parallelism of at most 100000.',
  source: 'pkg/apis/batch/validation/validation.go validateJobSpec; pkg/apis/batch/v1/defaults.go SetDefaults_Job',
  check(job, context): Violation[] {
    const spec = jobSpec(job);
    // an unknown completionMode is JOB014's finding (a schema enum)
    if (spec.completionMode !== 'Indexed') return [];
    const violations: Violation[] = [];
    // SetDefaults_Job gives a Job completions 1 when parallelism is unset too; a CronJob's jobTemplate gets no such default
    const completions = context.parentKind === 'CronJob' ? spec.completions ?? undefined : effectiveCompletions(job);
    if (completions === undefined) {
      violations.push({ path: 'spec.completions', message: 'spec.completions is not set; an Indexed Job requires it' });
    }
    if (typeof spec.parallelism === 'number' && spec.parallelism > MAX_INDEXED_PARALLELISM) {
      violations.push({
        path: 'spec.parallelism',
        message: `spec.parallelism is ${spec.parallelism}; an Indexed Job allows at most ${MAX_INDEXED_PARALLELISM}`,
      });
    }
    return violations;
  },
};
