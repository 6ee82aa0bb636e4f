import { MAX_INT32, jobSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

const FIELDS = [
  'parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit',
  'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes',
];

export const countFields: JobRule = {
  id: 'JOB003',
  name: 'count-fields',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Job counts and durations must be whole numbers from 0 to 2147483647',
  explanation: `${FIELDS.join(', ')} are int32 fields (activeDeadlineSeconds int64): the API server rejects a negative value, and `
    + 'decoding rejects a fraction or a number out of range. Zero is accepted (the semantics rules say what it does).',
  fix: 'Use a whole number of 0 or more.',
  source: 'pkg/apis/batch/validation/validation.go validateJobSpec (ValidateNonnegativeField); k8s.io/api batch/v1 types.go (int32 fields)',
  check(job): Violation[] {
    const spec = jobSpec(job);
    const violations: Violation[] = [];
    // null is how YAML writes an unset field (an empty `completions:`); the API server reads it as unset
    for (const field of FIELDS.filter(f => spec[f] !== undefined && spec[f] !== null)) {
      const value = spec[field];
      const max = field === 'activeDeadlineSeconds' ? Number.MAX_SAFE_INTEGER : MAX_INT32;
      // a value that is not a number at all ("six") is a type error, JOB014's: one finding per cause
      if (typeof value !== 'number') continue;
      if (!Number.isInteger(value)) {
        violations.push({ path: `spec.${field}`, message: `spec.${field} is ${show(value)}; it must be a whole number` });
      } else if (value < 0) {
        violations.push({ path: `spec.${field}`, message: `spec.${field} is ${value}; it must be greater than or equal to 0` });
      } else if (value > max) {
        violations.push({ path: `spec.${field}`, message: `spec.${field} is ${value}; it must be at most ${max}` });
      }
    }
    return violations;
  },
};
