import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, parseDocument as parseYamlDocument } from 'yaml';
import { findJobs } from './documents';
import { CheckOptions, checkTarget } from './engine';
import { Finding, RuleCategory, RuleSeverity } from './rule';
import { itemLists } from './rules/item-list-length';
import { parseDocument, pathSegments, splitDocuments } from './source';

/**
 * `cdk8s-jobs check --fix`: the fixes that are mechanical and safe, written into the file as text edits at the
 * places the YAML parser reports (the `yaml` library's node ranges), so that comments, key order, quoting, spacing
 * and the other documents stay as they were. Each fix belongs to one rule and sets one field:
 *
 * - JOB001: restartPolicy missing or Always becomes Never;
 * - JOB102: completions becomes the number of items of the shell list the index is mapped into (when every such list
 *   of the Job has the same number of items);
 * - JOB201: the implicit backoffLimit is written out (6, or 2147483647 with backoffLimitPerIndex): nothing changes;
 * - JOB203: ttlSecondsAfterFinished 86400 (a day to read the logs), only where the checker says a TTL is safe;
 * - JOB312, JOB313, JOB314, JOB315 (drop): allowPrivilegeEscalation false, runAsNonRoot true, seccompProfile
 *   RuntimeDefault and capabilities.drop ALL on the container the finding names (Pod Security Standards restricted).
 *
 * Everything else needs a person: the finding stays, and the run says so. A document is written only if, read back
 * as kubectl reads it, it equals the original with exactly those fields set, and the checker finds no error of the
 * api category in it that it did not find before (a fix never makes the API server refuse a Job); otherwise it is
 * left alone.
 */

interface FieldSet {
  readonly path: Array<string | number>;
  readonly value: unknown;
  /** Append to a list instead of setting the field. */
  readonly append?: boolean;
}

/** One applied fix, for the report. */
export interface AppliedFix {
  readonly ruleId: string;
  readonly path: string;
  readonly value: string;
}

export interface FixResult {
  readonly text: string;
  readonly applied: AppliedFix[];
  /** Documents left alone, and why. */
  readonly refused: Array<{ document: number; reason: string }>;
}

const TTL_SECONDS = 86400;

/** The field a finding's fix sets, if the finding has a mechanical one. */
function fieldFor(finding: Finding, job: any, jobPrefix: Array<string | number>): FieldSet | undefined {
  const path = pathSegments(finding.path);
  switch (finding.ruleId) {
    case 'JOB001': return { path, value: 'Never' };
    case 'JOB102': {
      const counts = new Set(itemLists(job).map(list => list.count));
      return counts.size === 1 ? { path: [...jobPrefix, 'spec', 'completions'], value: [...counts][0] } : undefined;
    }
    case 'JOB201': return { path, value: job?.spec?.backoffLimitPerIndex !== undefined ? 2147483647 : 6 };
    case 'JOB203': return { path: [...jobPrefix, 'spec', 'ttlSecondsAfterFinished'], value: TTL_SECONDS };
    case 'JOB312': return endsWith(path, 'allowPrivilegeEscalation') ? { path, value: false } : undefined;
    case 'JOB313': return endsWith(path, 'runAsNonRoot') ? { path, value: true } : undefined;
    case 'JOB314': return endsWith(path, 'seccompProfile') ? { path: [...path, 'type'], value: 'RuntimeDefault' } : undefined;
    case 'JOB315': return endsWith(path, 'drop') ? { path, value: 'ALL', append: true } : undefined;
    default: return undefined;
  }
}

function endsWith(path: Array<string | number>, key: string): boolean {
  return path[path.length - 1] === key;
}

/** Fixes what is mechanical in a file's text; `check` runs the rules on one parsed document. */
export function fixText(text: string, options: CheckOptions): FixResult {
  const applied: AppliedFix[] = [];
  const refused: FixResult['refused'] = [];
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) return { text, applied, refused: [{ document: 0, reason: 'the file is not YAML the fixer can edit' }] };
  let output = '';
  let cursor = 0;
  documents.forEach((doc, n) => {
    const [start, , end] = doc.range;
    output += text.slice(cursor, start);
    cursor = end;
    const original = text.slice(start, end);
    const fixed = fixDocument(original, n, options, applied, refused);
    output += fixed;
  });
  output += text.slice(cursor);
  return { text: output, applied, refused };
}

function readAsKubectl(text: string): unknown {
  const parts = splitDocuments(text).filter(d => d.text.trim() !== '');
  if (parts.length !== 1) return undefined;
  return parseDocument(parts[0]).value;
}

function fixDocument(original: string, n: number, options: CheckOptions, applied: AppliedFix[], refused: FixResult['refused']): string {
  let value: unknown;
  try {
    value = readAsKubectl(original);
  } catch {
    return original; // the check reports why it cannot be read
  }
  const sets: Array<FieldSet & { ruleId: string; findingPath: string }> = [];
  for (const target of findJobs(value)) {
    // a ScaledJob's Job spec and metadata live in two places: its findings are reported, not edited
    if (target.mapPath !== undefined) continue;
    const prefix = pathSegments(target.pathPrefix.replace(/\.$/, ''));
    for (const finding of checkTarget(target, options)) {
      const field = fieldFor(finding, target.job, target.pathPrefix.startsWith('spec.jobTemplate') ? ['spec', 'jobTemplate'] : prefix);
      if (field === undefined || sets.some(s => sameJson(s.path, field.path))) continue;
      sets.push({ ...field, ruleId: finding.ruleId, findingPath: finding.path });
    }
  }
  if (sets.length === 0) return original;
  const yamlDoc = parseYamlDocument(original);
  if (yamlDoc.errors.length > 0) {
    refused.push({ document: n, reason: `the YAML editor cannot read it: ${yamlDoc.errors[0].message.split('\n')[0]}` });
    return original;
  }
  let text = original;
  try {
    for (const set of sets) text = applySet(text, set);
  } catch (error) {
    refused.push({ document: n, reason: (error as Error).message });
    return original;
  }
  // safe only if kubectl reads exactly the original with those fields set
  const expected = JSON.parse(JSON.stringify(value));
  for (const set of sets) setIn(expected, set);
  let actual: unknown;
  try {
    actual = readAsKubectl(text);
  } catch (error) {
    refused.push({ document: n, reason: `the edited text does not read back: ${(error as Error).message}` });
    return original;
  }
  if (!sameJson(actual, expected)) {
    refused.push({ document: n, reason: 'the edited text would not read back as the original with only the fixed fields changed' });
    return original;
  }
  const refusedBefore = new Set(apiErrors(value, options));
  const introduced = apiErrors(actual, options).filter(e => !refusedBefore.has(e));
  if (introduced.length > 0) {
    refused.push({ document: n, reason: `the fixes would make the API server refuse it (${introduced[0]}); it needs a person` });
    return original;
  }
  for (const set of sets) applied.push({ ruleId: set.ruleId, path: set.findingPath, value: JSON.stringify(set.append ? [set.value] : set.value) });
  return text;
}

/** The api errors the checker finds in a document, each as "rule path". */
function apiErrors(document: unknown, options: CheckOptions): string[] {
  return findJobs(document).flatMap(target => checkTarget(target, options))
    .filter(f => f.category === RuleCategory.API && f.severity === RuleSeverity.ERROR)
    .map(f => `${f.ruleId} ${f.path}`);
}

/** Equal as JSON values, whatever the key order (and whichever realm made the objects). */
function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length
      && keys.every(k => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as any)[k], (b as any)[k]));
  }
  return a === b;
}

function setIn(root: any, set: FieldSet): void {
  let node = root;
  for (const key of set.path.slice(0, -1)) {
    if (node[key] === undefined || node[key] === null) node[key] = {};
    node = node[key];
  }
  const last = set.path[set.path.length - 1];
  if (set.append) node[last] = Array.isArray(node[last]) ? [...node[last], set.value] : [set.value];
  else node[last] = set.value;
}

/** The YAML text of a value that may be new: scalars plain, maps and lists in flow style. */
function flow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}: ${flow(v)}`).join(', ')}}`;
  return String(value);
}

/** One field set as a text edit on a document's text, at the place the parser gives. */
function applySet(text: string, set: FieldSet): string {
  const doc = parseYamlDocument(text);
  // the deepest node that exists on the path
  let depth = 0;
  let node: any = doc.contents;
  for (; depth < set.path.length; depth++) {
    const next = childOf(node, set.path[depth]);
    if (next === undefined) break;
    if (isAlias(next) || (next as any).anchor !== undefined) {
      throw new Error(`${set.path.slice(0, depth + 1).join('.')} is an anchor or alias shared with other places: an edit would change them all; it needs a person`);
    }
    node = next;
  }
  const empty = node?.isNullValue === true || (isScalar(node) && (node.value === null || node.value === undefined));
  if (depth === set.path.length) {
    if (empty) return replaceNode(text, node, flow(set.append ? [set.value] : set.value), true);
    if (set.append) {
      if (!isSeq(node)) return replaceNode(text, node, flow([set.value]));
      return appendToSeq(text, node, flow(set.value));
    }
    if (!isScalar(node)) throw new Error(`${set.path.join('.')} is not a single value; it needs a person`);
    return replaceNode(text, node, flow(set.value));
  }
  // build what is missing below the deepest existing node
  const key = set.path[depth];
  let value: unknown = set.append ? [set.value] : set.value;
  for (let i = set.path.length - 1; i > depth; i--) value = { [set.path[i]]: value };
  if (typeof key === 'number') throw new Error(`${set.path.slice(0, depth + 1).join('.')} is not in the list; it needs a person`);
  if (empty) return replaceNode(text, node, flow({ [key]: value }), true);
  if (!isMap(node)) throw new Error(`${set.path.slice(0, depth).join('.')} is not a mapping; it needs a person`);
  return insertIntoMap(text, node, key, flow(value));
}

function childOf(node: any, key: string | number): any {
  if (typeof key === 'number') return isSeq(node) ? node.items[key] : undefined;
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p: any) => (isScalar(p.key) ? p.key.value : p.key) === key);
  return pair?.value ?? (pair !== undefined ? { value: null, range: undefined, isNullValue: true, pair } : undefined);
}

function replaceNode(text: string, node: any, replacement: string, spaceBefore = false): string {
  if (node.range === undefined || node.isNullValue) {
    // `key:` with nothing after it: the value goes after the colon
    const keyNode = node.pair.key;
    const colon = text.indexOf(':', keyNode.range[1]);
    return `${text.slice(0, colon + 1)} ${replacement}${text.slice(colon + 1)}`;
  }
  const [start, end] = node.range;
  return `${text.slice(0, start)}${spaceBefore && text[start - 1] !== ' ' ? ' ' : ''}${replacement}${text.slice(end)}`;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function insertIntoMap(text: string, map: any, key: string, value: string): string {
  if (map.flow) {
    const close = text.lastIndexOf('}', map.range[1] - 1);
    const empty = map.items.length === 0;
    return `${text.slice(0, close)}${empty ? '' : ', '}${key}: ${value}${text.slice(close)}`;
  }
  const firstKey = map.items[0].key;
  const indent = firstKey.range[0] - lineStartOf(text, firstKey.range[0]);
  const at = lineEndAfter(text, map.range[1]);
  const line = `${' '.repeat(indent)}${key}: ${value}\n`;
  return at === text.length && !text.endsWith('\n') ? `${text}\n${line}` : `${text.slice(0, at)}${line}${text.slice(at)}`;
}

function appendToSeq(text: string, seq: any, value: string): string {
  if (seq.flow) {
    const close = text.lastIndexOf(']', seq.range[1] - 1);
    return `${text.slice(0, close)}${seq.items.length === 0 ? '' : ', '}${value}${text.slice(close)}`;
  }
  const last = seq.items[seq.items.length - 1];
  const dash = text.lastIndexOf('-', last.range[0]);
  const indent = dash - lineStartOf(text, dash);
  const at = lineEndAfter(text, seq.range[1]);
  const line = `${' '.repeat(indent)}- ${value}\n`;
  return at === text.length && !text.endsWith('\n') ? `${text}\n${line}` : `${text.slice(0, at)}${line}${text.slice(at)}`;
}

