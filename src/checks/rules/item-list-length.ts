import { containerTexts, effectiveCompletions, isIndexed } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

/** `items=(foo bar baz)` followed by `${items[$JOB_COMPLETION_INDEX]}`: the docs' shell mapping of index to item. */
const ARRAY = /(^|[\s;])([A-Za-z_][A-Za-z0-9_]*)=\(([^()]*)\)/g;

/** A shell list that an Indexed Job's containers index by the completion index, and where it is. */
export interface ItemList {
  readonly path: string;
  readonly name: string;
  readonly count: number;
}

/** The item lists a Job's scripts map the completion index into, each with its number of items (unquoted, literal lists only). */
export function itemLists(job: any): ItemList[] {
  const lists: ItemList[] = [];
  for (const { path, text } of containerTexts(job)) {
    if (!text.includes('=(')) continue; // no shell array here: spare the regex a long script
    for (const match of text.matchAll(ARRAY)) {
      const [, , name, body] = match;
      if (!new RegExp(`\\$\\{${name}\\[\\$\\{?JOB_COMPLETION_INDEX\\}?\\]\\}`).test(text)) continue;
      if (/["'\\$`]/.test(body)) continue; // quoted or computed items: not counted reliably
      lists.push({ path, name, count: body.split(/\s+/).filter(word => word !== '').length });
    }
  }
  return lists;
}

export const itemListLength: JobRule = {
  id: 'JOB102',
  name: 'item-list-length',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.ERROR,
  summary: 'A shell item list indexed by the completion index has a different length than completions',
  explanation: 'With fewer items than completions, the extra indexes read an empty item; with more, the extra items are never processed.',
  fix: 'Make completions equal to the number of items (cdk8s-jobs WorkItems.fromList does this for you).',
  source: 'kubernetes.io docs "Indexed Job for Parallel Processing with Static Work Assignment" (indexed-job.yaml)',
  check(job): Violation[] {
    const completions = effectiveCompletions(job);
    if (!isIndexed(job) || completions === undefined) return [];
    return itemLists(job).filter(list => list.count !== completions).map(({ path, name, count }) => ({
      path,
      message: `${path} maps the index into ${name}, which has ${count} items, but spec.completions is ${completions}`,
    }));
  },
};
