import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { JobSettings, WorkQueue, WorkQueueMode, WorkQueuePool, WorkQueuePoolProps } from '../src';
import { jobOf, newChart, synthValid } from './util';
import { checkJob } from '../src/checks/engine';

const worker = { name: 'worker', image: 'registry.example.com/worker:1.0.0' };
const redis = WorkQueue.redis({ url: kplus.EnvValue.fromValue('redis://redis:6379'), listKey: 'jobs' });

function pool(props: Partial<WorkQueuePoolProps> = {}) {
  const chart = newChart();
  const construct = new WorkQueuePool(chart, 'pool', { workers: 3, queue: redis, worker, ...props });
  return { construct, job: jobOf(synthValid(chart)) };
}

describe('WorkQueuePool', () => {
  test('matches the snapshot', () => {
    expect(pool().job).toMatchSnapshot();
  });

  test('drain until empty: completions unset, parallelism is the workers, a retry budget sized to the pool', () => {
    const { construct, job } = pool();
    expect(job.spec.completions).toBeUndefined();
    expect(job.spec.completionMode).toBeUndefined();
    expect(job.spec).toMatchObject({ parallelism: 3, backoffLimit: 3 });
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
    expect(job.spec.podFailurePolicy.rules[0].onPodConditions[0].type).toBe('DisruptionTarget');
    expect(construct.mode).toBe(WorkQueueMode.DRAIN_UNTIL_EMPTY);
  });

  test('drain mode says in the YAML why completions is unset, and the checker honours it', () => {
    const { job } = pool();
    expect(job.metadata.annotations['suppress.cdk8s-jobs.io/JOB103']).toContain('workers exit 0 only when the queue is empty');
    expect(checkJob(job).map(f => f.ruleId)).not.toContain('JOB103');
  });

  test('one item per pod: completions is the number of items (the docs\' RabbitMQ example)', () => {
    const { job } = pool({ mode: WorkQueueMode.ONE_ITEM_PER_POD, items: 8, workers: 2 });
    expect(job.spec).toMatchObject({ completions: 8, parallelism: 2 });
    expect(job.metadata.annotations).toBeUndefined();
  });

  test('worker identity makes the Job Indexed, with WORKER_ID', () => {
    const { job } = pool({ workerIdentity: true });
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 3, parallelism: 3 });
    expect(job.spec.backoffLimitPerIndex).toBeUndefined();
    expect(job.spec.template.spec.containers[0].env[1].name).toBe('WORKER_ID');
  });

  test('the queue reaches the workers as env, secrets by reference', () => {
    const chart = newChart();
    const secret = kplus.Secret.fromSecretName(chart, 'broker', 'broker');
    new WorkQueuePool(chart, 'amqp', { workers: 1, worker, queue: WorkQueue.amqp({ brokerUrl: kplus.EnvValue.fromSecretValue({ secret, key: 'url' }), queue: 'job1' }) });
    new WorkQueuePool(chart, 'sqs', { workers: 1, worker, queue: WorkQueue.sqs({ queueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q', region: 'eu-west-1' }) });
    new WorkQueuePool(chart, 'custom', { workers: 1, worker, queue: WorkQueue.fromEnv({ NATS_SUBJECT: kplus.EnvValue.fromValue('jobs') }) });
    const [amqp, sqs, custom] = synthValid(chart).map(job => job.spec.template.spec.containers[0].env);
    expect(amqp).toEqual([{ name: 'BROKER_URL', valueFrom: { secretKeyRef: { name: 'broker', key: 'url' } } }, { name: 'QUEUE', value: 'job1' }]);
    expect(sqs).toEqual([{ name: 'SQS_QUEUE_URL', value: 'https://sqs.eu-west-1.amazonaws.com/1/q' }, { name: 'AWS_REGION', value: 'eu-west-1' }]);
    expect(custom).toEqual([{ name: 'NATS_SUBJECT', value: 'jobs' }]);
  });

  test('gets no finding from any rule with a deadline and requests', () => {
    const { job } = pool({
      activeDeadline: Duration.hours(1),
      worker: {
        ...worker,
        securityContext: { user: 10001 },
        resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(64) } },
      },
    });
    expect(checkJob(job, { deployment: 'GitOps' })).toEqual([]);
  });

  test('with safe defaults off, no suppression annotation: the manifest holds only what was written, and JOB103 speaks', () => {
    const chart = newChart();
    JobSettings.apply(chart, { safeDefaults: false });
    const job = jobOf(synthValid((new WorkQueuePool(chart, 'pool', { workers: 3, queue: redis, worker }), chart)));
    expect(job.metadata.annotations).toBeUndefined();
    expect(checkJob(job).map(f => f.ruleId)).toContain('JOB103');
  });

  describe('refuses combinations that break the mode', () => {
    const fails = (props: Partial<WorkQueuePoolProps>, message: string) =>
      expect(() => new WorkQueuePool(newChart(), 'pool', { workers: 3, queue: redis, worker, ...props })).toThrow(message);

    test('fails with items in drain mode', () => {
      fails({ items: 10 }, 'test/pool: items (10) cannot be set with WorkQueueMode.DRAIN_UNTIL_EMPTY, where completions stays unset so the Job ends when the queue is empty; use WorkQueueMode.ONE_ITEM_PER_POD for a known number of items');
    });
    test('fails without items in one-item-per-pod mode', () => {
      fails({ mode: WorkQueueMode.ONE_ITEM_PER_POD }, 'test/pool: items must be a whole number of at least 1 with WorkQueueMode.ONE_ITEM_PER_POD, got undefined');
    });
    test('fails without workers', () => {
      fails({ workers: 0 }, 'test/pool: workers must be a whole number of at least 1, got 0');
    });
    test('fails with a password in a literal queue URL', () => {
      fails({ queue: WorkQueue.amqp({ brokerUrl: kplus.EnvValue.fromValue('amqp://guest:guest@rabbitmq:5672'), queue: 'q' }) },
        'test/pool: queue env BROKER_URL holds a URL with a password; take it from a Secret with EnvValue.fromSecretValue');
    });
  });
});
