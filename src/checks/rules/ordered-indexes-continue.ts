import { isIndexed, jobSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const orderedIndexesContinue: JobRule = {
  id: 'JOB108',
  name: 'ordered-indexes-continue',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.WARNING,
  summary: 'parallelism: 1 with a per-index budget: later indexes still run after one has failed',
  explanation: 'With parallelism 1 the indexes run in order, which reads like a pipeline. But backoffLimitPerIndex makes a failed index '
    + 'final without stopping the others: the next steps run on the output of a failed one, and the Job only fails at the end.',
  fix: 'If the indexes are ordered steps, set maxFailedIndexes: 0 (the first failed index fails the Job) or drop backoffLimitPerIndex.',
  source: 'pkg/controller/job/job_controller.go (FailedIndexes, MaxFailedIndexesExceeded); kubernetes.io docs "Backoff limit per index"',
  check(job): Violation[] {
    const spec = jobSpec(job);
    // only a deliberate parallelism: 1 declares the order to matter; unset means "the default", not "a pipeline"
    const oneAtATime = spec.parallelism === 1;
    const completions = typeof spec.completions === 'number' ? spec.completions : 1;
    if (!isIndexed(job) || !oneAtATime || completions < 2 || spec.backoffLimitPerIndex === undefined || spec.maxFailedIndexes === 0) return [];
    return [{
      path: 'spec.maxFailedIndexes',
      message: `spec.maxFailedIndexes is ${spec.maxFailedIndexes === undefined ? 'not set' : spec.maxFailedIndexes}: with one index at a time and spec.backoffLimitPerIndex, later indexes run after one has failed`,
    }];
  },
};
