import { isIndexed, jobSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const implicitSingleIndex: JobRule = {
  id: 'JOB113',
  name: 'implicit-single-index',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.WARNING,
  summary: 'An Indexed Job with neither completions nor parallelism runs a single index',
  explanation: 'With both unset the API server defaults both to 1, so the Indexed Job silently becomes a one-pod Job.',
  fix: 'Set completions to the number of indexes.',
  source: 'pkg/apis/batch/v1/defaults.go SetDefaults_Job',
  check(job): Violation[] {
    const spec = jobSpec(job);
    if (!isIndexed(job) || spec.completions !== undefined || spec.parallelism !== undefined) return [];
    return [{ path: 'spec.completions', message: 'spec.completions is not set on an Indexed Job: it defaults to 1, so only index 0 runs' }];
  },
};
