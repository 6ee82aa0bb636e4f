import { isObject, show } from './manifest';
import { RuleContext } from './rule';
import { KubeVersion } from '../kube-version';
import * as jobSchema from './schema/job-schema.json';

type FieldType = string | { enum: string[] } | { array: FieldType } | { map: FieldType } | { ref: string };

const DEFINITIONS = (jobSchema as any).definitions as Record<string, Record<string, FieldType>>;
/** The first Kubernetes line of each field that is not in every line, by definition then field. */
const SINCE: Record<string, Record<string, string>> = {};
for (const [key, version] of Object.entries((jobSchema as any).since as Record<string, string>)) {
  const dot = key.lastIndexOf('.');
  (SINCE[key.slice(0, dot)] ??= {})[key.slice(dot + 1)] = version;
}
const ROOTS = (jobSchema as any).roots as Record<'Job' | 'CronJob', FieldType>;


/** A field the schema does not know, one newer than the target version, or a value of the wrong type. */
export interface SchemaIssue {
  readonly kind: 'unknown' | 'newer' | 'type';
  /** For `newer`: the first Kubernetes line whose API has the field. */
  readonly since?: string;
  readonly path: string;
  readonly message: string;
  /** The path is the enclosing CronJob's: the walk covers the CronJob's own fields and its jobTemplate. */
  readonly onParent?: boolean;
}

/** One walk per document and target version (a run checks every document at one version). */
const cache = new WeakMap<object, { version: KubeVersion; issues: SchemaIssue[] }>();

/**
 * Walks a Job against the batch/v1 schema once; both schema rules read the result. A CronJob's jobTemplate is
 * walked as part of the CronJob, so the CronJob's own fields are checked too.
 */
export function schemaIssues(job: any, context: RuleContext): SchemaIssue[] {
  const cronJob = context.parentKind === 'CronJob' && isObject(context.parent);
  const document = cronJob ? context.parent : job;
  if (!isObject(document)) return [];
  const target = context.kubeVersion;
  const cached = cache.get(document);
  if (cached !== undefined && cached.version === target) return cached.issues;
  let issues: SchemaIssue[] = [];
  walk(document, cronJob ? ROOTS.CronJob : ROOTS.Job, [], 0, issues, target);
  if (cronJob) issues = issues.map(issue => ({ ...issue, onParent: true }));
  cache.set(document, { version: target, issues });
  return issues;
}

function describe(type: FieldType): string {
  if (typeof type === 'string') return type === 'string|number' ? 'a string or a number' : `a ${type}`;
  if ('enum' in type) return `one of ${type.enum.map(v => `"${v}"`).join(', ')}`;
  if ('array' in type) return 'a list';
  return 'an object';
}

/** The path of the node at `depth` of the walk: built only when an issue is reported. */
function pathOf(segments: Array<string | number>, depth: number): string {
  let path = '';
  for (let i = 0; i < depth; i++) {
    const segment = segments[i];
    path += typeof segment === 'number' ? `[${segment}]` : segment.startsWith('[') ? segment : (i === 0 ? segment : `.${segment}`);
  }
  return path;
}

/** `segments` holds the path so far (map keys as `[key]`), reused across the walk so no string is built per node. */
function walk(value: unknown, type: FieldType, segments: Array<string | number>, depth: number, issues: SchemaIssue[], target: KubeVersion): void {
  if (value === null || value === undefined) return; // null means unset to the API server
  const wrong = () => {
    const path = pathOf(segments, depth);
    issues.push({ kind: 'type', path, message: `${path} is ${show(value)}; it must be ${describe(type)}` });
  };
  if (typeof type === 'string') {
    switch (type) {
      case 'any': return;
      case 'string|number': if (typeof value !== 'string' && typeof value !== 'number') wrong(); return;
      default: if (typeof value !== type) wrong(); return;
    }
  }
  if ('enum' in type) {
    if (typeof value !== 'string' || !type.enum.includes(value)) wrong();
    return;
  }
  if ('array' in type) {
    if (!Array.isArray(value)) return void wrong();
    for (let i = 0; i < value.length; i++) {
      segments[depth] = i;
      walk(value[i], type.array, segments, depth + 1, issues, target);
    }
    return;
  }
  if (!isObject(value)) return void wrong();
  if ('map' in type) {
    for (const key in value) {
      segments[depth] = `[${key}]`;
      walk(value[key], type.map, segments, depth + 1, issues, target);
    }
    return;
  }
  const fields = DEFINITIONS[type.ref];
  const newer = SINCE[type.ref];
  for (const key in value) {
    // own keys only: a field named "constructor" or "__proto__" is unknown, not Object.prototype's
    const fieldType = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
    segments[depth] = key;
    if (fieldType === undefined) {
      const path = pathOf(segments, depth + 1);
      issues.push({ kind: 'unknown', path, message: `${path} is not a field of ${type.ref.split('/').pop()}` });
    } else {
      const since = newer !== undefined && Object.prototype.hasOwnProperty.call(newer, key) ? newer[key] : undefined;
      if (since !== undefined && !target.isAtLeast(KubeVersion.of(since))) {
        const path = pathOf(segments, depth + 1);
        issues.push({ kind: 'newer', since, path, message: `${path} is a field of ${type.ref.split('/').pop()} from Kubernetes ${since} on` });
        continue; // one finding for the field; what it holds is not the target's either
      }
      walk(value[key], fieldType, segments, depth + 1, issues, target);
    }
  }
}
