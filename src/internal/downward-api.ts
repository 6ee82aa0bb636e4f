/** The pod annotation the Job controller sets on Indexed pods (since 1.21; the label twin only since 1.28). */
export const COMPLETION_INDEX_FIELD = "metadata.annotations['batch.kubernetes.io/job-completion-index']";
/** The pod label the API server sets to the Job name (prefixed form since 1.27). */
export const JOB_NAME_FIELD = "metadata.labels['batch.kubernetes.io/job-name']";

/** An env entry (batch/v1 JSON) reading the completion index through the downward API. */
export function indexEnvVar(name: string): any {
  return { name, valueFrom: { fieldRef: { fieldPath: COMPLETION_INDEX_FIELD } } };
}
