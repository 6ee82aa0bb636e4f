import { qualifiedNameProblems } from '../k8s/names';

/**
 * Read-only helpers for walking a Job manifest given as plain JSON. Rules use them so that
 * a malformed document (a string where an object belongs) yields `undefined`, not a crash.
 */

export { MAX_INT32, isDnsLabel, isDnsSubdomain } from '../k8s/names';

export function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

export function metadataOf(job: any): Record<string, any> {
  return isObject(job) && isObject(job.metadata) ? job.metadata : {};
}

export function jobSpec(job: any): Record<string, any> {
  return isObject(job) && isObject(job.spec) ? job.spec : {};
}

export function podSpec(job: any): Record<string, any> {
  const template = jobSpec(job).template;
  return isObject(template) && isObject(template.spec) ? template.spec : {};
}

/** The pod template's annotations, or an empty object. */
export function templateAnnotations(job: any): Record<string, unknown> {
  const template = jobSpec(job).template;
  return isObject(template) && isObject(template.metadata) && isObject(template.metadata.annotations) ? template.metadata.annotations : {};
}

export function isIndexed(job: any): boolean {
  return jobSpec(job).completionMode === 'Indexed';
}

/** The completions the API server works with after defaulting (it becomes 1 when parallelism is also unset). */
export function effectiveCompletions(job: any): number | undefined {
  const spec = jobSpec(job);
  if (spec.completions == null && spec.parallelism == null) {
    return 1;
  }
  return typeof spec.completions === 'number' ? spec.completions : undefined;
}

export interface ContainerRef {
  readonly container: Record<string, any>;
  /** `spec.template.spec.containers[0]` */
  readonly path: string;
}

/** Init containers first, then containers, each with its field path. */
export function allContainers(job: any): readonly ContainerRef[] {
  return shared(job, 'containers', listContainers);
}

/** The Job the engine is checking now: rules ask for the same views of it (its containers, its texts), so each is built once. */
let walking: unknown;
const views = new Map<string, unknown>();

/** A view of `job` computed once per check, shared by every rule of it (the rules never mutate the Job). */
function shared<T>(job: unknown, name: string, compute: (job: any) => T): T {
  if (job !== walking) return compute(job);
  let view = views.get(name) as T | undefined;
  if (view === undefined) {
    view = compute(job);
    views.set(name, view);
  }
  return view;
}

/** From now until `endSharedWalk`, the views of `job` are shared by every rule that asks (the engine brackets a check with the two). */
export function beginSharedWalk(job: unknown): void {
  walking = job;
  views.clear();
}

export function endSharedWalk(): void {
  walking = undefined;
  views.clear();
}

function listContainers(job: any): ContainerRef[] {
  const pod = podSpec(job);
  const refs: ContainerRef[] = [];
  for (const field of ['initContainers', 'containers']) {
    asArray(pod[field]).forEach((container, i) => {
      if (isObject(container)) {
        refs.push({ container, path: `spec.template.spec.${field}[${i}]` });
      }
    });
  }
  return refs;
}

/** Renders a value for a message the way it appears in YAML/JSON. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}


/** One implementation of Kubernetes' name syntax, in src/k8s/names.ts. */
export function isQualifiedName(value: unknown): boolean {
  return typeof value === 'string' && qualifiedNameProblems(value).length === 0;
}

export interface TextRef {
  /** `spec.template.spec.containers[0].command[2]` */
  readonly path: string;
  readonly text: string;
}

/** Every command, args and env value string of every container and init container, with its path. */
export function containerTexts(job: any): readonly TextRef[] {
  return shared(job, 'texts', listTexts);
}

function listTexts(job: any): TextRef[] {
  const texts: TextRef[] = [];
  for (const { container, path } of allContainers(job)) {
    for (const field of ['command', 'args']) {
      asArray(container[field]).forEach((text, i) => {
        if (typeof text === 'string') texts.push({ path: `${path}.${field}[${i}]`, text });
      });
    }
    asArray(container.env).forEach((entry, i) => {
      if (isObject(entry) && typeof entry.value === 'string') texts.push({ path: `${path}.env[${i}].value`, text: entry.value });
    });
  }
  return texts;
}

/** The pod's restartPolicy, or undefined. */
export function restartPolicyOf(job: any): unknown {
  return podSpec(job).restartPolicy;
}

/** Whether the podFailurePolicy has an Ignore rule on the DisruptionTarget condition. */
export function decidesDisruptions(job: any): boolean {
  const policy = jobSpec(job).podFailurePolicy;
  return isObject(policy) && asArray(policy.rules).some(rule => isObject(rule)
    && asArray(rule.onPodConditions).some(p => isObject(p) && p.type === 'DisruptionTarget' && (p.status ?? 'True') === 'True'));
}

/** A container's securityContext.capabilities, or an empty object. */
export function capabilitiesOf(container: Record<string, any>): Record<string, any> {
  const sc = container.securityContext;
  return isObject(sc) && isObject(sc.capabilities) ? sc.capabilities : {};
}

/** The downward-API fieldPath an env entry reads, if any. */
export function envFieldPath(entry: unknown): unknown {
  return isObject(entry) && isObject(entry.valueFrom) && isObject(entry.valueFrom.fieldRef) ? entry.valueFrom.fieldRef.fieldPath : undefined;
}
