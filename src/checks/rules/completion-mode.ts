import { effectiveCompletions, jobSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

const MAX_INDEXED_PARALLELISM = 100000;

export const completionMode: JobRule = {
  id: 'JOB004',
  name: 'completion-mode',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'completionMode must be NonIndexed or Indexed; an Indexed Job needs completions and at most 100000 parallelism',
  explanation: 'An Indexed Job runs one pod per index 0..completions-1, so completions is required (it defaults to 1 only when '
    + 'parallelism is also unset). Its parallelism is capped at 100000; completions has no hard cap.',
  fix: 'Set completionMode to Indexed or NonIndexed; give an Indexed Job completions and a parallelism of at most 100000.',
  source: 'pkg/apis/batch/validation/validation.go validateJobSpec; pkg/apis/batch/v1/defaults.go SetDefaults_Job',
  check(job): Violation[] {
    const spec = jobSpec(job);
    const mode = spec.completionMode;
    if (mode === undefined || mode === 'NonIndexed') return [];
    if (mode !== 'Indexed') {
      return [{ path: 'spec.completionMode', message: `spec.completionMode is ${show(mode)}; allowed: "NonIndexed", "Indexed"` }];
    }
    const violations: Violation[] = [];
    if (effectiveCompletions(job) === undefined) {
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
