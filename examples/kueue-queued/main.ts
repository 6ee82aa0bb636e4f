// A training sweep queued with Kueue: 40 trials, 8 at a time when the team's quota allows, down to 2 at a time when it
// does not (partial admission), ordered against the team's other work by a WorkloadPriorityClass. Kueue creates the
// Job suspended and starts it when it is admitted, so the manifest leaves `suspend` alone; every container requests
// CPU and memory, since Kueue admits by requests. The same settings could be given once for the whole app:
// `JobSettings.apply(app, { kueue: { queueName: 'ml-research' } })`.
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { IndexedJob } from '../../src';

export class KueueQueuedChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new IndexedJob(this, 'sweep', {
      completions: 40,
      parallelism: 8,
      backoffLimitPerIndex: 1,
      activeDeadline: Duration.hours(6),
      kueue: { queueName: 'ml-research', priorityClass: 'research-low', minParallelism: 2 },
      containers: [{
        name: 'trial',
        image: 'registry.example.com/sweep:3.2.0',
        args: ['--trial', '$(JOB_COMPLETION_INDEX)', '--trials', '40'],
        securityContext: { user: 10001 },
        resources: { cpu: { request: kplus.Cpu.units(2) }, memory: { request: Size.gibibytes(4), limit: Size.gibibytes(4) } },
      }],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new KueueQueuedChart(app, 'kueue-queued');
  app.synth();
}
