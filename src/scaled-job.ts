import { Duration } from 'cdk8s';

/**
 * How KEDA decides how many Jobs to create on each poll (keda-docs reference/scaledjob-spec.md, "Scaling Strategy").
 */
export enum KedaScalingStrategy {
  /** Items counted, less the Jobs running: right when the count includes the items workers hold (SQS in flight). */
  DEFAULT = 'default',
  /** Items counted, less only the Jobs still pending: right when the count leaves out the items workers hold (a Redis list, RabbitMQ over AMQP). */
  ACCURATE = 'accurate',
  /** Fill every free slot up to maxReplicaCount: the queue waits least, at the cost of Jobs that find nothing to do. */
  EAGER = 'eager',
}

/**
 * What KEDA does with running Jobs when the ScaledJob changes.
 */
export enum KedaRolloutStrategy {
  /** Delete the running Jobs and start over with the new spec (KEDA's default). */
  DEFAULT = 'default',
  /** Leave the running Jobs to finish on the spec they started with; new Jobs get the new spec. */
  GRADUAL = 'gradual',
}

/**
 * A WorkQueuePool as a KEDA ScaledJob (keda.sh/v1alpha1): no Jobs while the queue is empty, one Job per item as items
 * arrive, at most `workers` at once. Each Job runs one worker pod with the pool's pod template, defaults and checks.
 */
export interface ScaledJobOptions {
  /**
   * How often KEDA reads the queue length.
   *
   * @default - KEDA's 30 seconds (not written)
   */
  readonly pollingInterval?: Duration;

  /**
   * How KEDA turns the queue length into new Jobs.
   *
   * @default - chosen for the queue: ACCURATE for a Redis list and for RabbitMQ over AMQP, whose counts leave out the
   * items the workers already took; DEFAULT for SQS, whose count includes the messages in flight
   */
  readonly scalingStrategy?: KedaScalingStrategy;

  /**
   * Successful Jobs kept, with their pods.
   *
   * @default - with safe defaults 3; otherwise KEDA's 100
   */
  readonly successfulJobsHistoryLimit?: number;

  /**
   * Failed Jobs kept, with their pods.
   *
   * @default - with safe defaults 3; otherwise KEDA's 100
   */
  readonly failedJobsHistoryLimit?: number;

  /**
   * What a change to the ScaledJob does to running Jobs.
   *
   * @default - with safe defaults GRADUAL (running Jobs finish); otherwise KEDA's DEFAULT (they are deleted)
   */
  readonly rolloutStrategy?: KedaRolloutStrategy;

  /**
   * Pod conditions that must all be true before KEDA stops counting a Job as pending, e.g. `['Ready']` for workers
   * with a readiness probe that passes once they can take items (used by the ACCURATE and EAGER strategies).
   *
   * @default - KEDA's: a Job is pending until its pod runs
   */
  readonly pendingPodConditions?: string[];
}
