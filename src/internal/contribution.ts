/**
 * What one feature of a construct adds to the Job it renders (the work items, the index file, the peer Service,
 * a migration's or a queue's env, deploy hooks), in batch/v1 JSON. The pod template renderer merges them in the
 * order given, so each feature lives in one place instead of as fields of one bag.
 */
export interface Contribution {
  /** Env entries first in every container, init containers included (the declared index env). */
  readonly env?: any[];
  /** Env entries of every main container, after `env`. */
  readonly mainEnv?: any[];
  /** Init containers that run before the user's. */
  readonly initContainers?: any[];
  /** Volumes of the pod. */
  readonly volumes?: any[];
  /** Mounts of every main container. */
  readonly mainMounts?: any[];
  /** Mounts of every container, init containers included. */
  readonly mounts?: any[];
  /** Annotations of the Job. */
  readonly annotations?: { readonly [key: string]: string };
  /** The pod's `subdomain`. */
  readonly subdomain?: string;
  /** Labels of the pod template. */
  readonly podLabels?: { readonly [key: string]: string };
}

/** Every contribution's entries of one kind, in order. */
export function collect(contributions: readonly Contribution[], kind: 'env' | 'mainEnv' | 'initContainers' | 'volumes' | 'mainMounts' | 'mounts'): any[] {
  return contributions.flatMap(c => c[kind] ?? []);
}
