/**
 * The object that carries a Job spec: a batch/v1 Job itself, or (a later kind) a CronJob whose jobTemplate holds it.
 * The construct renders the Job spec once; the envelope decides where it goes.
 */
export interface JobEnvelope {
  readonly apiVersion: string;
  readonly kind: string;
  /** The object's spec, given the Job spec. */
  spec(jobSpec: () => any): any;
}

/** A batch/v1 Job: the Job spec is the object's spec. */
export const JOB_ENVELOPE: JobEnvelope = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  spec: jobSpec => jobSpec(),
};

/** What a CronJob's own fields are, after the defaults. */
export interface CronJobFields {
  readonly schedule: string;
  readonly timeZone?: string;
  readonly concurrencyPolicy?: string;
  readonly startingDeadlineSeconds?: number;
  readonly successfulJobsHistoryLimit?: number;
  readonly failedJobsHistoryLimit?: number;
  readonly suspend?: boolean;
}

/**
 * A batch/v1 CronJob: the Job spec is its jobTemplate's, exactly as the construct renders it otherwise.
 * `jobMetadata` is the jobTemplate's metadata: what each Job the CronJob creates carries (Kueue's labels).
 */
export function cronJobEnvelope(fields: CronJobFields, jobMetadata: { labels?: object; annotations?: object } = {}): JobEnvelope {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    spec: jobSpec => {
      const spec: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(fields)) if (value !== undefined) spec[key] = value;
      spec.jobTemplate = Object.keys(jobMetadata).length > 0 ? { metadata: jobMetadata, spec: jobSpec() } : { spec: jobSpec() };
      return spec;
    },
  };
}
