import { asArray, isObject } from './manifest';

/**
 * A Job found in a manifest: a batch/v1 Job, a CronJob's jobTemplate, a KEDA ScaledJob's jobTargetRef, or any of
 * them inside a List.
 */
export interface JobTarget {
  /** The Job as the rules see it (for a CronJob, its jobTemplate with the CronJob's name). */
  readonly job: any;
  /** Prefix that turns a path relative to the Job into one relative to the document (`spec.jobTemplate.`). */
  readonly pathPrefix: string;
  /** Name of the object in the document. */
  readonly name?: string;
  /** Annotations that may carry suppressions (the Job's, and for a CronJob its own too). */
  readonly annotations: Record<string, unknown>;
  readonly parentKind?: string;
  /** The enclosing CronJob (or ScaledJob), for rules on its own fields. */
  readonly parent?: any;
  /**
   * Where a path relative to the Job is in the document, when a prefix cannot say it: a ScaledJob's Job spec is its
   * `spec.jobTargetRef`, while the Job's metadata is the ScaledJob's own. @default - pathPrefix + path
   */
  readonly mapPath?: (path: string) => string;
}

/** The KEDA kind whose jobTargetRef is a batch/v1 JobSpec (kedacore/keda apis/keda/v1alpha1/scaledjob_types.go). */
const SCALED_JOB_API = 'keda.sh/';

/** The Jobs in one parsed YAML document; other kinds yield none. */
export function findJobs(document: unknown, prefix = ''): JobTarget[] {
  if (!isObject(document)) return [];
  const metadata = isObject(document.metadata) ? document.metadata : {};
  const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
  const apiVersion = String(document.apiVersion ?? '');
  if (document.kind === 'List' || (typeof document.kind === 'string' && document.kind.endsWith('List') && Array.isArray(document.items))) {
    return asArray(document.items).flatMap((item, i) => findJobs(item, `${prefix}items[${i}].`));
  }
  if (document.kind === 'Job' && apiVersion.startsWith('batch/')) {
    return [{ job: document, pathPrefix: prefix, name: metadata.name, annotations }];
  }
  if (document.kind === 'CronJob' && apiVersion.startsWith('batch/') && isObject(document.spec) && isObject(document.spec.jobTemplate)) {
    const template = document.spec.jobTemplate;
    const templateMetadata = isObject(template.metadata) ? template.metadata : {};
    const templateAnnotations = isObject(templateMetadata.annotations) ? templateMetadata.annotations : {};
    return [{
      // the CronJob controller names each Job "<cronjob>-<scheduled minute>"; the CronJob's own name stands in for it
      job: { apiVersion: 'batch/v1', kind: 'Job', metadata: { ...templateMetadata, name: metadata.name }, spec: template.spec },
      pathPrefix: `${prefix}spec.jobTemplate.`,
      name: metadata.name,
      annotations: { ...annotations, ...templateAnnotations },
      parentKind: 'CronJob',
      parent: document,
    }];
  }
  if (document.kind === 'ScaledJob' && apiVersion.startsWith(SCALED_JOB_API) && isObject(document.spec) && isObject(document.spec.jobTargetRef)) {
    return [{
      // KEDA creates each Job from jobTargetRef and copies the ScaledJob's labels and annotations onto it
      job: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: metadata.name, labels: metadata.labels, annotations: metadata.annotations }, spec: document.spec.jobTargetRef },
      pathPrefix: prefix,
      name: metadata.name,
      annotations,
      parentKind: 'ScaledJob',
      parent: document,
      mapPath: path => `${prefix}${path === 'spec' || path.startsWith('spec.') ? `spec.jobTargetRef${path.slice(4)}` : path}`,
    }];
  }
  return [];
}
