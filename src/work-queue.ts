import * as kplus from 'cdk8s-plus-28';

/** `scheme://user:password@host`: a credential written into a URL. */
const CREDENTIAL_IN_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]+@/i;

/**
 * Redis list options.
 */
export interface RedisQueueOptions {
  /** The Redis URL, e.g. `redis://redis:6379`; take it from a Secret when it holds a password. */
  readonly url: kplus.EnvValue;
  /** The list the workers pop items from. */
  readonly listKey: string;
}

/**
 * AMQP (RabbitMQ) options.
 */
export interface AmqpQueueOptions {
  /** The broker URL, e.g. `amqp://rabbitmq-service:5672`; take it from a Secret when it holds credentials. */
  readonly brokerUrl: kplus.EnvValue;
  /** The queue the workers consume. */
  readonly queue: string;
}

/**
 * Amazon SQS options.
 */
export interface SqsQueueOptions {
  /** The queue URL. */
  readonly queueUrl: string;
  /** The AWS region of the queue. */
  readonly region: string;
}

/**
 * Where a WorkQueuePool's workers take their items from, passed to them as env vars.
 */
export class WorkQueue {
  /** A Redis list: env REDIS_URL and REDIS_LIST. */
  public static redis(options: RedisQueueOptions): WorkQueue {
    return new WorkQueue({ REDIS_URL: options.url, REDIS_LIST: kplus.EnvValue.fromValue(options.listKey) });
  }

  /** An AMQP (RabbitMQ) queue: env BROKER_URL and QUEUE, as in the Kubernetes docs' example. */
  public static amqp(options: AmqpQueueOptions): WorkQueue {
    return new WorkQueue({ BROKER_URL: options.brokerUrl, QUEUE: kplus.EnvValue.fromValue(options.queue) });
  }

  /** An SQS queue: env SQS_QUEUE_URL and AWS_REGION (credentials come from the pod's service account). */
  public static sqs(options: SqsQueueOptions): WorkQueue {
    return new WorkQueue({ SQS_QUEUE_URL: kplus.EnvValue.fromValue(options.queueUrl), AWS_REGION: kplus.EnvValue.fromValue(options.region) });
  }

  /** Any other queue, described by the env vars its workers read. */
  public static fromEnv(env: { [name: string]: kplus.EnvValue }): WorkQueue {
    return new WorkQueue({ ...env });
  }

  private constructor(private readonly env: { [name: string]: kplus.EnvValue }) {}

  /**
   * The env entries (batch/v1 JSON); a credential written into a URL is refused.
   * @internal
   */
  public _toEnv(path: string): any[] {
    return Object.entries(this.env).map(([name, value]) => {
      if (typeof value.value === 'string' && CREDENTIAL_IN_URL.test(value.value)) {
        throw new Error(`${path}: queue env ${name} holds a URL with a password; take it from a Secret with EnvValue.fromSecretValue`);
      }
      return value.valueFrom !== undefined
        ? { name, valueFrom: kplus.k8s.toJson_EnvVarSource(value.valueFrom) }
        : { name, value: value.value };
    });
  }
}
