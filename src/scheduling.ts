import * as kplus from 'cdk8s-plus-28';

/**
 * A node the pods prefer, and how much: `{ node: kplus.Node.labeled(kplus.NodeLabelQuery.is('lifecycle', 'spot')), weight: 80 }`.
 */
export interface NodePreference {
  /** The nodes preferred: those with every label query. */
  readonly node: kplus.LabeledNode;
  /** How much, from 1 to 100; the scheduler adds the weights of the preferences a node meets. */
  readonly weight: number;
}

/**
 * Pods to run near (`colocate`, pod affinity) or away from (`separate`, pod anti-affinity), within a topology.
 */
export interface PodProximity {
  /** The pods, by their labels: `kplus.LabelSelector.of({ labels: { app: 'cache' } })`. */
  readonly pods: kplus.LabelSelector;

  /**
   * The domain that counts as near: the same node, zone or region.
   *
   * @default kplus.Topology.HOSTNAME
   */
  readonly topology?: kplus.Topology;

  /**
   * Prefer rather than require, with this weight from 1 to 100.
   *
   * @default - required: a pod that cannot be placed so stays pending
   */
  readonly weight?: number;

  /**
   * Namespaces the pods are in.
   *
   * @default - the Job's namespace
   */
  readonly namespaces?: string[];
}

/**
 * What the scheduler does when a pod cannot be placed within `maxSkew`.
 */
export enum SpreadConstraintAction {
  /** Keep the pod pending. */
  DO_NOT_SCHEDULE = 'DoNotSchedule',
  /** Place it anyway, preferring the domains that reduce the skew. */
  SCHEDULE_ANYWAY = 'ScheduleAnyway',
}

/**
 * Spread the Job's pods evenly over a topology (topologySpreadConstraints).
 */
export interface TopologySpread {
  /** The domains to spread over: `kplus.Topology.ZONE`, `kplus.Topology.HOSTNAME`. */
  readonly topology: kplus.Topology;

  /**
   * The largest difference allowed between the number of matching pods in two domains.
   *
   * @default 1
   */
  readonly maxSkew?: number;

  /**
   * What to do with a pod that would exceed `maxSkew`.
   *
   * @default SpreadConstraintAction.DO_NOT_SCHEDULE
   */
  readonly whenUnsatisfiable?: SpreadConstraintAction;

  /**
   * The pods counted.
   *
   * @default - this Job's own pods: those with the label `batch.kubernetes.io/controller-uid`, counted per value
   * (`matchLabelKeys`), so the pods of another run or another Job do not count
   */
  readonly pods?: kplus.LabelSelector;

  /**
   * The least number of eligible domains; below it, empty domains count as holding zero pods (DO_NOT_SCHEDULE only).
   *
   * @default - none
   */
  readonly minDomains?: number;
}

/**
 * The operating system of the pod's nodes (`spec.os.name`), which Pod Security admission reads too.
 */
export enum PodOs {
  LINUX = 'linux',
  WINDOWS = 'windows',
}

/**
 * DNS settings of the pod beyond its policy.
 */
export interface PodDnsConfig {
  /**
   * Name server IPs, added to those of the policy.
   *
   * @default - none
   */
  readonly nameservers?: string[];

  /**
   * Search domains, added to those of the policy.
   *
   * @default - none
   */
  readonly searches?: string[];

  /**
   * resolver options, such as `{ name: 'ndots', value: '2' }`.
   *
   * @default - none
   */
  readonly options?: kplus.DnsOption[];
}

/**
 * A device or other extended resource a container needs, such as a GPU: `{ resource: 'nvidia.com/gpu', count: 1 }`.
 * It is written as the container's limit, which Kubernetes also takes as its request (extended resources cannot be
 * overcommitted).
 */
export interface ExtendedResource {
  /** The resource name, as the device plugin registers it: `nvidia.com/gpu`, `amd.com/gpu`, `google.com/tpu`. */
  readonly resource: string;
  /** How many, a whole number. */
  readonly count: number;
  /**
   * The container that needs it.
   *
   * @default - every container (not the init containers)
   */
  readonly container?: string;
}
