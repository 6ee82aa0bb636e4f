/**
 * restartPolicy values a Job accepts (`Always` is rejected by the API server, so it is not offered).
 */
export enum JobRestartPolicy {
  /** A failed container fails its pod; the Job controller creates a replacement pod. Required by podFailurePolicy and backoffLimitPerIndex. */
  NEVER = 'Never',
  /** The kubelet restarts a failed container in place; restarts count against backoffLimit. */
  ON_FAILURE = 'OnFailure',
}

/**
 * When the Job controller creates a replacement for a failing pod.
 */
export enum PodReplacementPolicy {
  /** Only once the old pod has fully terminated (phase Failed): never two pods of one index at once. */
  FAILED = 'Failed',
  /** As soon as the old pod starts terminating. */
  TERMINATING_OR_FAILED = 'TerminatingOrFailed',
}
