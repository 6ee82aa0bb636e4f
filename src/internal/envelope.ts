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
