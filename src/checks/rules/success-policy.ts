import { asArray, effectiveCompletions, isIndexed, isObject, jobSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

const MAX_RULES = 20;
const MAX_INDEXES_LENGTH = 64 * 1024;

/**
 * Parses the interval format "0,2-4" the way the API server does; returns how many indexes it names,
 * or an error text.
 */
function countIndexes(indexes: string, completions: number): number | string {
  if (indexes.length === 0) return 0;
  let last: number | undefined;
  let total = 0;
  for (const interval of indexes.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2) return `the fragment ${show(interval)} has more than two parts separated by "-"`;
    const bounds: number[] = [];
    for (const limit of limits) {
      if (!/^\+?\d+$/.test(limit)) return `cannot convert ${show(limit)} to an index`;
      const value = Number(limit);
      if (value >= completions) return `index ${value} is not below spec.completions (${completions})`;
      if (last !== undefined && last >= value) return `indexes must increase, but ${value} follows ${last}`;
      last = value;
      bounds.push(value);
    }
    total += bounds.length === 2 ? bounds[1] - bounds[0] + 1 : 1;
  }
  return total;
}

export const successPolicy: JobRule = {
  id: 'JOB007',
  name: 'success-policy',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'successPolicy needs an Indexed Job and 1 to 20 rules whose indexes and counts lie within completions',
  explanation: 'Each rule names succeededIndexes (increasing intervals like "0,2-4", every index below completions, at most 64 KiB), '
    + 'succeededCount (0 to completions, and no more than the indexes named), or both.',
  fix: 'Use completionMode Indexed and keep every index and count within completions.',
  source: 'pkg/apis/batch/validation/validation.go validateSuccessPolicy, validateIndexesFormat',
  check(job): Violation[] {
    const spec = jobSpec(job);
    if (!isObject(spec.successPolicy)) return [];
    if (!isIndexed(job)) {
      return [{ path: 'spec.successPolicy', message: 'spec.successPolicy is set; it requires spec.completionMode "Indexed"' }];
    }
    const completions = effectiveCompletions(job) ?? 0;
    const rules = asArray(spec.successPolicy.rules);
    const violations: Violation[] = [];
    if (rules.length === 0) {
      violations.push({ path: 'spec.successPolicy.rules', message: 'spec.successPolicy.rules is empty; at least one rule is required' });
    } else if (rules.length > MAX_RULES) {
      violations.push({ path: 'spec.successPolicy.rules', message: `spec.successPolicy.rules has ${rules.length} rules; at most ${MAX_RULES} are allowed` });
    }
    rules.forEach((rule, i) => {
      const path = `spec.successPolicy.rules[${i}]`;
      const indexes = isObject(rule) ? rule.succeededIndexes : undefined;
      const count = isObject(rule) ? rule.succeededCount : undefined;
      if (indexes === undefined && count === undefined) {
        violations.push({ path, message: `${path} sets neither succeededIndexes nor succeededCount; at least one is required` });
        return;
      }
      let named: number | undefined;
      if (typeof indexes === 'string') {
        if (indexes.length > MAX_INDEXES_LENGTH) {
          violations.push({ path: `${path}.succeededIndexes`, message: `${path}.succeededIndexes is ${indexes.length} characters; at most ${MAX_INDEXES_LENGTH} are allowed` });
        }
        const parsed = countIndexes(indexes, completions);
        if (typeof parsed === 'string') {
          violations.push({ path: `${path}.succeededIndexes`, message: `${path}.succeededIndexes is ${show(indexes)}: ${parsed}` });
          // validateIndexesFormat counts no index in a list it cannot parse
          named = 0;
        } else {
          named = parsed;
        }
      }
      if (typeof count === 'number') {
        if (count < 0) {
          violations.push({ path: `${path}.succeededCount`, message: `${path}.succeededCount is ${count}; it must be greater than or equal to 0` });
        }
        if (count > completions) {
          violations.push({ path: `${path}.succeededCount`, message: `${path}.succeededCount is ${count}; it must be less than or equal to spec.completions (${completions})` });
        }
        if (named !== undefined && count > named) {
          violations.push({ path: `${path}.succeededCount`, message: `${path}.succeededCount is ${count}; it must be less than or equal to the ${named} indexes named in succeededIndexes` });
        }
      }
    });
    return violations;
  },
};
