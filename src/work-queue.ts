import * as kplus from 'cdk8s-plus-28';
import type { KedaTrigger } from './internal/keda';

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
  /**
   * The Redis password, from a Secret (`EnvValue.fromSecretValue`): env REDIS_PASSWORD for the workers, and the
   * TriggerAuthentication of a ScaledJob, whose scaler takes a host and port rather than a URL.
   *
   * @default - none: the URL says all
   */
  readonly password?: kplus.EnvValue;
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
  /** A Redis list: env REDIS_URL and REDIS_LIST (and REDIS_PASSWORD with `password`). */
  public static redis(options: RedisQueueOptions): WorkQueue {
    const env: { [name: string]: kplus.EnvValue } = { REDIS_URL: options.url, REDIS_LIST: kplus.EnvValue.fromValue(options.listKey) };
    if (options.password !== undefined) env.REDIS_PASSWORD = options.password;
    return new WorkQueue(env, { redis: options });
  }

  /** An AMQP (RabbitMQ) queue: env BROKER_URL and QUEUE, as in the Kubernetes docs' example. */
  public static amqp(options: AmqpQueueOptions): WorkQueue {
    return new WorkQueue({ BROKER_URL: options.brokerUrl, QUEUE: kplus.EnvValue.fromValue(options.queue) }, { amqp: options });
  }

  /** An SQS queue: env SQS_QUEUE_URL and AWS_REGION (credentials come from the pod's service account). */
  public static sqs(options: SqsQueueOptions): WorkQueue {
    const env = { SQS_QUEUE_URL: kplus.EnvValue.fromValue(options.queueUrl), AWS_REGION: kplus.EnvValue.fromValue(options.region) };
    return new WorkQueue(env, { sqs: options });
  }

  /** Any other queue, described by the env vars its workers read (a ScaledJob cannot scale on it: KEDA must know the queue). */
  public static fromEnv(env: { [name: string]: kplus.EnvValue }): WorkQueue {
    return new WorkQueue({ ...env }, {});
  }

  private constructor(private readonly env: { [name: string]: kplus.EnvValue }, private readonly kind: QueueKind) {}

  /**
   * The KEDA trigger that scales on this queue, its TriggerAuthentication spec (credentials from the Secret the
   * workers read, never a literal), and the scaling strategy its count calls for. Each trigger asks for one Job per
   * item (its target is 1).
   * @internal
   */
  public _toKedaTrigger(path: string): KedaTrigger {
    const { redis, amqp, sqs } = this.kind;
    if (redis !== undefined) {
      const url = redis.url.value;
      if (typeof url !== 'string' || redis.url.valueFrom !== undefined) {
        throw new Error(`${path}: a ScaledJob needs the Redis address, and KEDA's redis scaler reads a host and port, not a URL from a Secret: `
          + 'give WorkQueue.redis a url without credentials (redis://host:6379) and the password as `password`, from a Secret');
      }
      const parsed = parseUrl(path, url, ['redis:', 'rediss:']);
      const metadata: { [key: string]: string } = { address: `${parsed.hostname}:${parsed.port || '6379'}`, listName: redis.listKey, listLength: '1' };
      const database = parsed.pathname.replace(/^\//, '');
      if (database !== '') metadata.databaseIndex = database;
      if (parsed.protocol === 'rediss:') metadata.enableTLS = 'true';
      const password = redis.password === undefined ? undefined : secretRef(path, 'password', redis.password, 'Redis password');
      return {
        trigger: { type: 'redis', metadata },
        authentication: password === undefined ? undefined : { secretTargetRef: [password] },
        // LLEN counts the items still in the list; a worker's item left it when popped
        strategy: 'accurate',
      };
    }
    if (amqp !== undefined) {
      const metadata: { [key: string]: string } = { protocol: 'amqp', queueName: amqp.queue, mode: 'QueueLength', value: '1' };
      let authentication: any;
      if (amqp.brokerUrl.valueFrom !== undefined) {
        authentication = { secretTargetRef: [secretRef(path, 'host', amqp.brokerUrl, 'broker URL')] };
      } else if (typeof amqp.brokerUrl.value === 'string') {
        parseUrl(path, amqp.brokerUrl.value, ['amqp:', 'amqps:']);
        metadata.host = amqp.brokerUrl.value;
      }
      // over AMQP the count is of ready messages: one a worker holds unacknowledged is not in it
      return { trigger: { type: 'rabbitmq', metadata }, authentication, strategy: 'accurate' };
    }
    if (sqs !== undefined) {
      return {
        trigger: { type: 'aws-sqs-queue', metadata: { queueURL: sqs.queueUrl, awsRegion: sqs.region, queueLength: '1' } },
        // the workers' service account carries the IAM role; KEDA reads the queue with it
        authentication: { podIdentity: { provider: 'aws', identityOwner: 'workload' } },
        // KEDA counts in-flight messages too (scaleOnInFlight defaults to true), so running Jobs are subtracted
        strategy: 'default',
      };
    }
    throw new Error(`${path}: a ScaledJob must know the queue it scales on: use WorkQueue.redis, WorkQueue.amqp or WorkQueue.sqs rather than WorkQueue.fromEnv`);
  }

  /**
   * The env entries (batch/v1 JSON); a credential written into a URL is refused.
   * @internal
   */
  public _toEnv(path: string): any[] {
    return Object.entries(this.env).map(([name, value]) => {
      if (typeof value.value === 'string' && CREDENTIAL_IN_URL.test(value.value)) {
        throw new Error(`${path}: queue env ${name} holds a URL with a password; take it from a Secret with EnvValue.fromSecretValue`);
      }
      if (name === 'REDIS_PASSWORD' && value.valueFrom?.secretKeyRef === undefined) {
        throw new Error(`${path}: the Redis password is written as a value; take it from a Secret with EnvValue.fromSecretValue`);
      }
      return value.valueFrom !== undefined
        ? { name, valueFrom: kplus.k8s.toJson_EnvVarSource(value.valueFrom) }
        : { name, value: value.value };
    });
  }
}

/** The queue a WorkQueue was made for, when one of its factories made it. */
interface QueueKind {
  readonly redis?: RedisQueueOptions;
  readonly amqp?: AmqpQueueOptions;
  readonly sqs?: SqsQueueOptions;
}

function parseUrl(path: string, url: string, protocols: string[]): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${path}: the queue URL ${JSON.stringify(url)} is not a URL`);
  }
  if (!protocols.includes(parsed.protocol) || parsed.hostname === '') {
    throw new Error(`${path}: the queue URL ${JSON.stringify(url)} must be ${protocols.map(p => `${p}//host:port`).join(' or ')}`);
  }
  return parsed;
}

/** A TriggerAuthentication secretTargetRef from the Secret an env value reads (KEDA takes credentials only from one). */
function secretRef(path: string, parameter: string, value: kplus.EnvValue, what: string): any {
  const ref = value.valueFrom?.secretKeyRef;
  if (ref === undefined) {
    const written = value.valueFrom === undefined ? 'is written as a value' : 'does not come from a Secret';
    throw new Error(`${path}: the ${what} ${written}; take it from a Secret with EnvValue.fromSecretValue (the TriggerAuthentication reads the same one)`);
  }
  return { parameter, name: ref.name, key: ref.key };
}
