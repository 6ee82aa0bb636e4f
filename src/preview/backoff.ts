/**
 * The Job controller's pod failure backoff (pkg/controller/job/backoff_utils.go): after a failure no new pod is
 * created until 10 s have passed, doubling with each failure since the last success, capped at 10 minutes; with
 * backoffLimitPerIndex the same per index, counting that index's failures.
 */

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff, in seconds (job_controller.go). */
export const DEFAULT_BACKOFF_SECONDS = 10;
export const MAX_BACKOFF_SECONDS = 600;

/** What the controller remembers of a Job's failures. */
export interface BackoffRecord {
  readonly failuresAfterLastSuccess: number;
  /** Seconds on the simulation clock; undefined when there is none. */
  readonly lastFailureTime?: number;
}

/**
 * newBackoffRecord: the record after the pods that finished since the last sync (finish times in seconds).
 * A success resets the count to the failures that finished after the last success.
 */
export function nextBackoffRecord(previous: BackoffRecord, succeeded: number[], failed: number[]): BackoffRecord {
  const successes = [...succeeded].sort((a, b) => a - b);
  const failures = [...failed].sort((a, b) => a - b);
  if (successes.length === 0) {
    if (failures.length === 0) return previous;
    return { failuresAfterLastSuccess: previous.failuresAfterLastSuccess + failures.length, lastFailureTime: failures[failures.length - 1] };
  }
  const lastSuccess = successes[successes.length - 1];
  let count = 0;
  let lastFailureTime: number | undefined;
  for (let i = failures.length - 1; i >= 0 && failures[i] > lastSuccess; i--) {
    lastFailureTime ??= failures[i];
    count++;
  }
  return { failuresAfterLastSuccess: count, lastFailureTime };
}

/** getRemainingTimeForFailuresCount: seconds until a new pod may be created, 0 when it may now. */
export function remainingBackoff(failures: number, lastFailureTime: number | undefined, now: number,
  base: number = DEFAULT_BACKOFF_SECONDS, max: number = MAX_BACKOFF_SECONDS): number {
  if (failures === 0 || lastFailureTime === undefined) return 0;
  let backoff = base;
  for (let i = 1; i < failures; i++) {
    backoff *= 2;
    if (backoff >= max) {
      backoff = max;
      break;
    }
  }
  const elapsed = now - lastFailureTime;
  return backoff < elapsed ? 0 : backoff - elapsed;
}
