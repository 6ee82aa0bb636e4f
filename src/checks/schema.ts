import { isObject, show } from './manifest';
import * as jobSchema from './schema/job-schema.json';

type FieldType = string | { enum: string[] } | { array: FieldType } | { map: FieldType } | { ref: string };

const DEFINITIONS = (jobSchema as any).definitions as Record<string, Record<string, FieldType>>;
const JOB_ROOT = (jobSchema as any).roots.Job as FieldType;

/** A field the schema does not know, or a value of the wrong type. */
export interface SchemaIssue {
  readonly kind: 'unknown' | 'type';
  readonly path: string;
  readonly message: string;
}

const cache = new WeakMap<object, SchemaIssue[]>();

/** Walks a Job against the batch/v1 schema once; both schema rules read the result. */
export function schemaIssues(job: any): SchemaIssue[] {
  if (!isObject(job)) return [];
  let issues = cache.get(job);
  if (!issues) {
    issues = [];
    walk(job, JOB_ROOT, '', issues);
    cache.set(job, issues);
  }
  return issues;
}

function describe(type: FieldType): string {
  if (typeof type === 'string') return type === 'string|number' ? 'a string or a number' : `a ${type}`;
  if ('enum' in type) return `one of ${type.enum.map(v => `"${v}"`).join(', ')}`;
  if ('array' in type) return 'a list';
  return 'an object';
}

function walk(value: unknown, type: FieldType, path: string, issues: SchemaIssue[]): void {
  if (value === null || value === undefined) return; // null means unset to the API server
  const wrong = () => issues.push({ kind: 'type', path, message: `${path} is ${show(value)}; it must be ${describe(type)}` });
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
    value.forEach((item, i) => walk(item, type.array, `${path}[${i}]`, issues));
    return;
  }
  if (!isObject(value)) return void wrong();
  if ('map' in type) {
    for (const [key, item] of Object.entries(value)) walk(item, type.map, `${path}[${key}]`, issues);
    return;
  }
  const fields = DEFINITIONS[type.ref];
  for (const [key, item] of Object.entries(value)) {
    const childPath = path === '' ? key : `${path}.${key}`;
    const fieldType = fields[key];
    if (fieldType === undefined) {
      issues.push({ kind: 'unknown', path: childPath, message: `${childPath} is not a field of ${type.ref.split('/').pop()}` });
    } else {
      walk(item, fieldType, childPath, issues);
    }
  }
}
