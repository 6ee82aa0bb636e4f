// Two worker pools: one drains a Redis list until it is empty; one takes exactly one RabbitMQ message per pod
// (the Kubernetes docs' "coarse parallel processing" example, 8 items, 2 workers).
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { WorkQueue, WorkQueueMode, WorkQueuePool } from '../../src';

const resources = { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128) } };

export class WorkQueuePoolsChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new WorkQueuePool(this, 'redis-drain', {
      workers: 4,
      activeDeadline: Duration.hours(1),
      queue: WorkQueue.redis({ url: kplus.EnvValue.fromValue('redis://redis:6379'), listKey: 'thumbnails' }),
      worker: { name: 'worker', image: 'registry.example.com/thumbnailer:1.8.0', securityContext: { user: 10001 }, resources },
    });
    const broker = kplus.Secret.fromSecretName(this, 'broker', 'rabbitmq-credentials');
    new WorkQueuePool(this, 'rabbitmq-one-per-pod', {
      mode: WorkQueueMode.ONE_ITEM_PER_POD,
      items: 8,
      workers: 2,
      activeDeadline: Duration.minutes(30),
      queue: WorkQueue.amqp({ brokerUrl: kplus.EnvValue.fromSecretValue({ secret: broker, key: 'url' }), queue: 'job1' }),
      worker: { name: 'worker', image: 'registry.example.com/job-wq-1:1.0.0', securityContext: { user: 10001 }, resources },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new WorkQueuePoolsChart(app, 'work-queue-pools');
  app.synth();
}
