import { effectiveCompletions, isIndexed, jobSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

const MAX_FAILED_INDEXES = 100000;
const HUGE_COMPLETIONS = 100000;
const LIMIT_WITH_HUGE_COMPLETIONS = 10000;

export const perIndexBackoff: JobRule = {
  id: 'JOB005',
  name: 'per-index-backoff',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'backoffLimitPerIndex and maxFailedIndexes need an Indexed Job; maxFailedIndexes needs backoffLimitPerIndex and at most completions',
  explanation: 'A per-index retry budget only exists for Indexed Jobs. maxFailedIndexes counts failed indexes, so it needs '
    + 'backoffLimitPerIndex (which marks indexes failed) and cannot exceed completions or 100000. Above 100000 completions '
    + 'with backoffLimitPerIndex, maxFailedIndexes is required and it and parallelism are capped at 10000.',
  fix: 'Use completionMode Indexed, set backoffLimitPerIndex whenever maxFailedIndexes is set, and keep maxFailedIndexes within completions.',
  source: 'pkg/apis/batch/validation/validation.go validateJobSpec',
  check(job): Violation[] {
    const spec = jobSpec(job);
    const violations: Violation[] = [];
    const perIndex = spec.backoffLimitPerIndex;
    const maxFailed = spec.maxFailedIndexes;
    const completions = effectiveCompletions(job);
    if (perIndex !== undefined && !isIndexed(job)) {
      violations.push({
        path: 'spec.backoffLimitPerIndex',
        message: `spec.backoffLimitPerIndex is ${show(perIndex)}; it requires spec.completionMode "Indexed"`,
      });
    }
    if (maxFailed === undefined) {
      if (isIndexed(job) && perIndex !== undefined && completions !== undefined && completions > HUGE_COMPLETIONS) {
        violations.push({
          path: 'spec.maxFailedIndexes',
          message: `spec.maxFailedIndexes is not set; it is required when spec.completions (${completions}) is above ${HUGE_COMPLETIONS} with spec.backoffLimitPerIndex`,
        });
      }
      return violations;
    }
    if (perIndex === undefined) {
      violations.push({
        path: 'spec.backoffLimitPerIndex',
        message: `spec.backoffLimitPerIndex is not set; it is required when spec.maxFailedIndexes (${show(maxFailed)}) is set`,
      });
    }
    if (!isIndexed(job)) {
      violations.push({
        path: 'spec.maxFailedIndexes',
        message: `spec.maxFailedIndexes is ${show(maxFailed)}; it requires spec.completionMode "Indexed"`,
      });
      return violations;
    }
    if (typeof maxFailed === 'number') {
      if (completions !== undefined && maxFailed > completions) {
        violations.push({
          path: 'spec.maxFailedIndexes',
          message: `spec.maxFailedIndexes is ${maxFailed}; it must be less than or equal to spec.completions (${completions})`,
        });
      } else if (maxFailed > MAX_FAILED_INDEXES) {
        violations.push({
          path: 'spec.maxFailedIndexes',
          message: `spec.maxFailedIndexes is ${maxFailed}; it must be less than or equal to ${MAX_FAILED_INDEXES}`,
        });
      }
      if (perIndex !== undefined && completions !== undefined && completions > HUGE_COMPLETIONS && maxFailed > LIMIT_WITH_HUGE_COMPLETIONS) {
        violations.push({
          path: 'spec.maxFailedIndexes',
          message: `spec.maxFailedIndexes is ${maxFailed}; it must be at most ${LIMIT_WITH_HUGE_COMPLETIONS} when spec.completions is above ${HUGE_COMPLETIONS}`,
        });
      }
    }
    if (perIndex !== undefined && completions !== undefined && completions > HUGE_COMPLETIONS
      && typeof spec.parallelism === 'number' && spec.parallelism > LIMIT_WITH_HUGE_COMPLETIONS) {
      violations.push({
        path: 'spec.parallelism',
        message: `spec.parallelism is ${spec.parallelism}; it must be at most ${LIMIT_WITH_HUGE_COMPLETIONS} when spec.completions is above ${HUGE_COMPLETIONS} with spec.backoffLimitPerIndex`,
      });
    }
    return violations;
  },
};
