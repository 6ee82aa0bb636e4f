import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { requireCount } from './internal/counts';
import { JobBase, JobOptions } from './job-base';

/**
 * Props of a `ParallelJob`.
 */
export interface ParallelJobProps extends JobOptions {
  /**
   * How many pods must succeed; the pods are interchangeable (no completion index), and the Job is Complete once
   * this many have succeeded.
   */
  readonly completions: number;

  /**
   * How many pods run at once.
   *
   * @default - 1 (Kubernetes default)
   */
  readonly parallelism?: number;

  /**
   * Containers of the pod; more can be added with `addContainer`.
   *
   * @default - none; at least one must be added before synth
   */
  readonly containers?: kplus.ContainerProps[];

  /**
   * Init containers of the pod, run in order before the containers (one with restartPolicy Always is a sidecar);
   * more with `addInitContainer`.
   *
   * @default - none
   */
  readonly initContainers?: kplus.ContainerProps[];
}

/**
 * A fixed number of interchangeable pods: the Kubernetes docs' "parallel Job with a fixed completion count"
 * (NonIndexed `completions` and `parallelism`), with the shared safe defaults. When each pod needs to know which
 * part of the work is its own, use an `IndexedJob`; for one pod, a `OneShotJob`; for pods that take work from a
 * queue until it is empty, a `WorkQueuePool`.
 */
export class ParallelJob extends JobBase {
  /** Pods that must succeed. */
  public readonly completions: number;
  /** Pods at once, if set. */
  public readonly parallelism?: number;

  constructor(scope: Construct, id: string, props: ParallelJobProps) {
    super(scope, id);
    requireCount(this.node.path, 'completions', props.completions);
    if (props.parallelism !== undefined) requireCount(this.node.path, 'parallelism', props.parallelism);
    this.completions = props.completions;
    this.parallelism = props.parallelism;
    this._setup(props, { indexed: false, completions: props.completions, parallelism: props.parallelism });
    props.containers?.forEach(c => this.addContainer(c));
    props.initContainers?.forEach(c => this.addInitContainer(c));
  }
}
