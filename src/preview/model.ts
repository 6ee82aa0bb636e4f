/**
 * The objects the preview plays with: a Job as the controller reads it after the API server's defaulting, and its
 * pods as the kubelet reports them. Times are milliseconds since the Job was created.
 */

/** A container's state as the pod status gives it. */
export interface ContainerState {
  readonly name: string;
  /** A restartable init container (a sidecar): its exit codes take no part in the pod's phase. */
  readonly sidecar?: boolean;
  /** Running, or waiting to restart (OnFailure), when undefined. */
  exitCode?: number;
  finishedAt?: number;
  /** Whether the container has ever started (an init container that failed leaves the others unstarted). */
  started: boolean;
  restartCount: number;
}

export type PodPhase = 'Running' | 'Succeeded' | 'Failed';

export interface PodCondition {
  readonly type: string;
  readonly status: string;
  readonly time: number;
}

/** One pod of the Job. */
export interface SimPod {
  /** The creation sequence number, from 1: the simulator's UID. */
  readonly uid: number;
  readonly name: string;
  /** The completion index (Indexed Jobs). */
  readonly index?: number;
  readonly created: number;
  phase: PodPhase;
  /** Whether the batch.kubernetes.io/job-tracking finalizer is still on the pod. */
  finalizer: boolean;
  /** When the pod's deletion was asked for (by the controller or an eviction). */
  deletedAt?: number;
  readonly containers: ContainerState[];
  readonly initContainers: ContainerState[];
  readonly conditions: PodCondition[];
  /** Ready, and since when (the time of the last change). */
  ready: boolean;
  readyChanged: number;
  /** batch.kubernetes.io/job-index-failure-count and job-index-ignored-failure-count (backoffLimitPerIndex). */
  readonly failureCount: number;
  readonly ignoredFailureCount: number;
}

/** The Job spec, defaulted as the API server does (pkg/apis/batch/v1/defaults.go SetDefaults_Job). */
export interface SimJobSpec {
  readonly name: string;
  readonly namespace: string;
  readonly indexed: boolean;
  readonly completions?: number;
  parallelism: number;
  readonly backoffLimit: number;
  readonly backoffLimitPerIndex?: number;
  readonly maxFailedIndexes?: number;
  readonly activeDeadlineSeconds?: number;
  suspend: boolean;
  readonly podReplacementPolicy: 'Failed' | 'TerminatingOrFailed';
  readonly podFailurePolicy?: any;
  readonly successPolicy?: any;
  readonly restartPolicy: 'Never' | 'OnFailure';
  readonly containers: readonly string[];
  readonly initContainers: ReadonlyArray<{ readonly name: string; readonly sidecar: boolean }>;
  /** spec.managedBy when another controller owns the Job. */
  readonly managedBy?: string;
}

export interface SimCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
  time: number;
}

/** The Job status as the controller writes it. */
export interface SimJobStatus {
  active: number;
  ready: number;
  succeeded: number;
  failed: number;
  terminating?: number;
  completedIndexes: string;
  failedIndexes?: string;
  uncountedSucceeded: number[];
  uncountedFailed: number[];
  conditions: SimCondition[];
  startTime?: number;
  completionTime?: number;
}

export function emptyStatus(): SimJobStatus {
  return { active: 0, ready: 0, succeeded: 0, failed: 0, completedIndexes: '', uncountedSucceeded: [], uncountedFailed: [], conditions: [] };
}

export function copyStatus(status: SimJobStatus): SimJobStatus {
  return {
    ...status,
    uncountedSucceeded: [...status.uncountedSucceeded],
    uncountedFailed: [...status.uncountedFailed],
    conditions: status.conditions.map(c => ({ ...c })),
  };
}

export function isTerminal(pod: SimPod): boolean {
  return pod.phase === 'Succeeded' || pod.phase === 'Failed';
}

/** controller.IsPodActive. */
export function isActive(pod: SimPod): boolean {
  return !isTerminal(pod) && pod.deletedAt === undefined;
}

/** controller.IsPodTerminating. */
export function isTerminating(pod: SimPod): boolean {
  return !isTerminal(pod) && pod.deletedAt !== undefined;
}

/**
 * getFinishedTime (backoff_utils.go): the last container's finish time when every container has finished, else
 * when the pod stopped being ready, else when its deletion was asked for, else its creation.
 */
export function finishedTime(pod: SimPod): number {
  let latest: number | undefined;
  let allFinished = pod.containers.length > 0;
  for (const c of pod.containers) {
    if (c.finishedAt === undefined || c.exitCode === undefined) {
      allFinished = false;
      break;
    }
    latest = latest === undefined ? c.finishedAt : Math.max(latest, c.finishedAt);
  }
  if (allFinished) {
    for (const c of pod.initContainers) {
      if (!c.sidecar) continue;
      if (c.finishedAt === undefined || c.exitCode === undefined) {
        allFinished = false;
        break;
      }
      latest = Math.max(latest!, c.finishedAt);
    }
  }
  if (allFinished && latest !== undefined) return latest;
  if (!pod.ready) return pod.readyChanged;
  if (pod.deletedAt !== undefined) return pod.deletedAt;
  return pod.created;
}
