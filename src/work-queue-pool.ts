import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { suppression } from './internal/annotations';
import { requireCount } from './internal/counts';
import { indexEnvVar } from './internal/downward-api';
import { JobBase, JobOptions } from './job-base';
import { JobSettings } from './job-settings';
import { ScaledJobOptions } from './scaled-job';
import { WorkQueue } from './work-queue';

/**
 * How a WorkQueuePool's Job completes.
 */
export enum WorkQueueMode {
  /**
   * Every worker takes items until the queue is empty, then exits 0. `completions` is unset: once any worker
   * succeeds no new pods start, and the Job is Complete when the others have finished.
   */
  DRAIN_UNTIL_EMPTY = 'DrainUntilEmpty',
  /** Each pod takes exactly one item: `completions` is the number of items, `parallelism` the workers. */
  ONE_ITEM_PER_POD = 'OneItemPerPod',
}

/**
 * Props of a `WorkQueuePool`.
 */
export interface WorkQueuePoolProps extends JobOptions {
  /** The worker container; the queue's env vars are added to it. */
  readonly worker: kplus.ContainerProps;

  /** Where the items come from. */
  readonly queue: WorkQueue;

  /** How many workers run at once (parallelism). */
  readonly workers: number;

  /**
   * How the Job completes.
   *
   * @default WorkQueueMode.DRAIN_UNTIL_EMPTY
   */
  readonly mode?: WorkQueueMode;

  /**
   * The number of items, for ONE_ITEM_PER_POD (it becomes completions); refused with DRAIN_UNTIL_EMPTY.
   *
   * @default - required for ONE_ITEM_PER_POD
   */
  readonly items?: number;

  /**
   * Give each worker an identity: the Job becomes Indexed and each worker reads its number from `WORKER_ID`
   * (for partitioned queues such as `queue_<n>`). In DRAIN_UNTIL_EMPTY every worker must then succeed.
   *
   * @default false
   */
  readonly workerIdentity?: boolean;

  /**
   * Render a KEDA ScaledJob instead of one Job: no pods while the queue is empty, one Job per item as items arrive,
   * at most `workers` at once, with a trigger on the queue (Redis list, RabbitMQ, SQS) and its credentials through a
   * TriggerAuthentication from the Secret the workers read. For a queue that fills at any time and should not hold
   * workers while it is empty; a fixed pool suits a batch whose items are all there when it starts.
   *
   * @default - a Job with `workers` pods at once
   */
  readonly scaledJob?: ScaledJobOptions;
}

/**
 * A pool of workers taking items from a queue (Redis, RabbitMQ, SQS, ...), in one of two modes that say how
 * the Job completes. Prefer a KEDA ScaledJob when the pool should grow and shrink with the queue length.
 */
export class WorkQueuePool extends JobBase {
  /** Workers at once. */
  public readonly workers: number;
  /** How the Job completes. */
  public readonly mode: WorkQueueMode;

  constructor(scope: Construct, id: string, props: WorkQueuePoolProps) {
    super(scope, id);
    const path = this.node.path;
    this.workers = props.workers;
    this.mode = props.mode ?? WorkQueueMode.DRAIN_UNTIL_EMPTY;
    requireCount(path, 'workers', props.workers);
    if (props.scaledJob !== undefined) {
      this.setupScaledJob(props, props.scaledJob);
      this.addContainer(props.worker);
      return;
    }
    const drain = this.mode === WorkQueueMode.DRAIN_UNTIL_EMPTY;
    if (drain && props.items !== undefined) {
      throw new Error(`${path}: items (${props.items}) cannot be set with WorkQueueMode.DRAIN_UNTIL_EMPTY, where completions stays unset `
        + 'so the Job ends when the queue is empty; use WorkQueueMode.ONE_ITEM_PER_POD for a known number of items');
    }
    if (!drain) requireCount(path, 'items', props.items, undefined, ' with WorkQueueMode.ONE_ITEM_PER_POD');
    const identity = props.workerIdentity ?? false;
    const completions = drain ? (identity ? props.workers : undefined) : props.items;
    // with safe defaults off the manifest holds only what was written, so JOB103 speaks there
    const annotations = drain && !identity && JobSettings.resolve(this, props).safeDefaults
      ? suppression('JOB103', 'WorkQueuePool drain mode: completions is unset on purpose, workers exit 0 only when the queue is empty')
      : undefined;
    this._setup(props, {
      indexed: identity,
      completions,
      parallelism: props.workers,
      // sized to the pool: each worker may fail about once before the Job gives up
      defaults: { backoffLimit: props.workers },
      contributions: [
        ...identity ? [{ env: [indexEnvVar('WORKER_ID')] }] : [],
        { mainEnv: props.queue._toEnv(path), annotations },
      ],
    });
    this.addContainer(props.worker);
  }

  /**
   * The pool as a ScaledJob: each Job is one worker (parallelism and completions 1), KEDA keeps up to `workers` of
   * them running, and its trigger reads the queue with the workers' credentials.
   */
  private setupScaledJob(props: WorkQueuePoolProps, options: ScaledJobOptions): void {
    const path = this.node.path;
    for (const [field, value, why] of [
      ['items', props.items, 'KEDA counts the items in the queue'],
      ['workerIdentity', props.workerIdentity, 'each of KEDA\'s Jobs is one worker, with no number of its own'],
      ['schedule', props.schedule, 'KEDA starts Jobs when items arrive, not on a schedule'],
    ] as const) {
      if (value !== undefined && value !== false) throw new Error(`${path}: ${field} cannot be set with scaledJob: ${why}`);
    }
    for (const [field, value] of [['successfulJobsHistoryLimit', options.successfulJobsHistoryLimit], ['failedJobsHistoryLimit', options.failedJobsHistoryLimit]] as const) {
      if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
        throw new Error(`${path}: scaledJob.${field} must be a whole number of at least 0, got ${value}`);
      }
    }
    const interval = options.pollingInterval === undefined ? undefined : options.pollingInterval.toMilliseconds() / 1000;
    if (interval !== undefined && (!Number.isInteger(interval) || interval < 1)) {
      throw new Error(`${path}: scaledJob.pollingInterval is ${interval} seconds; KEDA takes a whole number of seconds, at least 1`);
    }
    const trigger = props.queue._toKedaTrigger(path);
    if (trigger.authentication?.podIdentity !== undefined && props.serviceAccount === undefined) {
      throw new Error(`${path}: KEDA reads the SQS queue with the workers' identity (podIdentity aws, identityOwner workload), so the workers need `
        + 'the service account that carries the IAM role: set serviceAccount');
    }
    let authentication: ApiObject | undefined;
    this._setup(props, {
      indexed: false,
      completions: 1,
      parallelism: 1,
      // one worker per Job: it may fail about once before KEDA's Job gives up
      defaults: { backoffLimit: 1 },
      written: {
        successfulJobsHistoryLimit: options.successfulJobsHistoryLimit,
        failedJobsHistoryLimit: options.failedJobsHistoryLimit,
        rolloutStrategy: options.rolloutStrategy,
      },
      contributions: [{ mainEnv: props.queue._toEnv(path) }],
      scaledJob: {
        maxReplicaCount: props.workers,
        pollingInterval: interval,
        scalingStrategy: options.scalingStrategy ?? trigger.strategy,
        pendingPodConditions: options.pendingPodConditions,
        trigger,
        authenticationName: () => authentication?.name,
      },
    });
    if (trigger.authentication !== undefined) {
      // its own name, the ScaledJob's: each pool has one, in the same namespace
      authentication = new ApiObject(this, 'TriggerAuthentication', {
        apiVersion: 'keda.sh/v1alpha1',
        kind: 'TriggerAuthentication',
        metadata: { name: this._objectName, namespace: props.metadata?.namespace },
        spec: trigger.authentication,
      });
    }
  }
}
