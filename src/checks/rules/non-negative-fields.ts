import { jobSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

const FIELDS = [
  'parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit',
  'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes',
];

export const nonNegativeFields: JobRule = {
  id: 'JOB003',
  name: 'non-negative-fields',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Job counts and durations must not be negative',
  explanation: `The API server rejects a negative ${FIELDS.join(', ')}. Zero is accepted (see the semantics rules for what it does).`,
  fix: 'Use a value of 0 or more.',
  source: 'pkg/apis/batch/validation/validation.go validateJobSpec (ValidateNonnegativeField)',
  check(job): Violation[] {
    const spec = jobSpec(job);
    return FIELDS
      .filter(field => typeof spec[field] === 'number' && spec[field] < 0)
      .map(field => ({
        path: `spec.${field}`,
        message: `spec.${field} is ${show(spec[field])}; it must be greater than or equal to 0`,
      }));
  },
};
