import { jobSpec, restartPolicyOf } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const perIndexOnFailure: JobRule = {
  id: 'JOB107',
  name: 'per-index-on-failure',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.ERROR,
  summary: 'backoffLimitPerIndex with restartPolicy OnFailure does not limit retries',
  explanation: 'In-place container restarts under OnFailure are not pod failures, so they never count against the per-index budget, '
    + 'and backoffLimit defaults to 2147483647 when backoffLimitPerIndex is set: a crashing index restarts without end.',
  fix: 'Use restartPolicy Never with backoffLimitPerIndex.',
  source: 'k8s.io/api batch/v1 types.go JobSpec.BackoffLimitPerIndex ("requires ... restartPolicy Never"); pkg/apis/batch/v1/defaults.go',
  check(job): Violation[] {
    if (jobSpec(job).backoffLimitPerIndex === undefined || restartPolicyOf(job) !== 'OnFailure') return [];
    return [{
      path: 'spec.backoffLimitPerIndex',
      message: 'spec.backoffLimitPerIndex is set with restartPolicy "OnFailure": container restarts never count against it, so an index restarts without end',
    }];
  },
};
