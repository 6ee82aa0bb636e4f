// An Indexed Job: 5 indexes, 2 pods at a time, each logging its completion index.
// In your own app, import from 'cdk8s-jobs'; the examples import the source of this repository.
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { IndexedJob } from '../../src';

export class IndexedDemoChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new IndexedJob(this, 'demo', {
      activeDeadline: Duration.minutes(10),
      completions: 5,
      parallelism: 2,
      containers: [{
        name: 'worker',
        image: 'docker.io/library/busybox:1.37.0',
        command: ['sh', '-c', 'echo "processing index $JOB_COMPLETION_INDEX of 5"'],
        // busybox runs as root by default; the safe defaults require a non-root user
        securityContext: { user: 65534, group: 65534 },
        resources: { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(32) } },
      }],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new IndexedDemoChart(app, 'indexed-demo');
  app.synth();
}
