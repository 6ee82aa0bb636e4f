// The completion index as a file, through a downwardAPI volume (the docs' indexed-job-vol.yaml pattern).
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { IndexedJob } from '../../src';

export class IndexFileChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new IndexedJob(this, 'reader', {
      activeDeadline: Duration.minutes(10),
      completions: 3,
      parallelism: 3,
      indexFile: { path: '/etc/job/index' },
      containers: [{
        name: 'reader',
        image: 'docker.io/library/busybox:1.37.0',
        command: ['sh', '-c', 'echo "my index, read from a file: $(cat /etc/job/index)"'],
        securityContext: { user: 65534, group: 65534 },
        resources: { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(32) } },
      }],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new IndexFileChart(app, 'index-file');
  app.synth();
}
