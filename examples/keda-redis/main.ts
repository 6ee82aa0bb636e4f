// A thumbnail pool that grows and shrinks with its Redis list: a KEDA ScaledJob instead of a Job with a fixed worker
// count. No pods run while the list is empty; KEDA starts one Job per item as items arrive, at most 20 at a time. Its
// trigger reads the list's length with the password the workers use (a TriggerAuthentication from the same Secret,
// never a literal), counts with the `accurate` strategy (an item leaves the list when a worker pops it), keeps three
// finished Jobs of each kind, and lets running Jobs finish when the ScaledJob changes (`gradual` rollout).
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { WorkQueue, WorkQueuePool } from '../../src';

export class KedaRedisChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const redisAuth = kplus.Secret.fromSecretName(this, 'redis-auth', 'redis-auth');
    new WorkQueuePool(this, 'thumbnails', {
      workers: 20,
      scaledJob: {},
      activeDeadline: Duration.minutes(30),
      queue: WorkQueue.redis({
        url: kplus.EnvValue.fromValue('redis://redis.queues.svc:6379'),
        listKey: 'thumbnails',
        password: kplus.EnvValue.fromSecretValue({ secret: redisAuth, key: 'password' }),
      }),
      worker: {
        name: 'worker',
        image: 'registry.example.com/thumbnailer:1.8.0',
        securityContext: { user: 10001 },
        resources: { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(256) } },
      },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new KedaRedisChart(app, 'keda-redis');
  app.synth();
}
