import { OrderedIntervals } from './intervals';

/**
 * Whether an Indexed Job's succeeded indexes meet its successPolicy, as the Job controller decides it
 * (pkg/controller/job/success_policy.go matchSuccessPolicy): the first rule met, in order, gives the reason's message.
 */
export function matchSuccessPolicy(policy: any, completions: number, succeeded: OrderedIntervals, served = true): string | undefined {
  if (!served || policy == null || succeeded.intervals.length === 0) return undefined;
  const rules: any[] = policy.rules ?? [];
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index];
    if (rule.succeededIndexes != null) {
      const required = OrderedIntervals.parse(rule.succeededIndexes, completions);
      if (required.intervals.length === 0) continue;
      if (matchSucceededIndexesRule(required, succeeded, rule.succeededCount)) return `Matched rules at index ${index}`;
    } else if (rule.succeededCount != null && succeeded.total() >= rule.succeededCount) {
      return `Matched rules at index ${index}`;
    }
  }
  return undefined;
}

/** All the rule's indexes succeeded, or at least `succeededCount` of them. */
function matchSucceededIndexesRule(rule: OrderedIntervals, succeeded: OrderedIntervals, succeededCount?: number): boolean {
  let contains = 0;
  let s = 0;
  let r = 0;
  const a = rule.intervals;
  const b = succeeded.intervals;
  while (r < a.length && s < b.length) {
    const overlap = Math.min(a[r].last, b[s].last) - Math.max(a[r].first, b[s].first) + 1;
    if (overlap > 0) contains += overlap;
    if (b[s].last < a[r].last) {s++;} else if (b[s].last > a[r].last) {r++;} else {
      s++;
      r++;
    }
  }
  return contains === rule.total() || (succeededCount != null && contains >= succeededCount);
}
