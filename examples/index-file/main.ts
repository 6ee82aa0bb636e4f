// The completion index as a file, through a downwardAPI volume (the docs' indexed-job-vol.yaml pattern).
import { App, Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { IndexedJob } from '../../src';

export class IndexFileChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new IndexedJob(this, 'reader', {
      completions: 3,
      parallelism: 3,
      indexFile: { path: '/etc/job/index' },
      containers: [{
        name: 'reader',
        image: 'docker.io/library/busybox:1.37.0',
        command: ['sh', '-c', 'echo "my index, read from a file: $(cat /etc/job/index)"'],
        securityContext: { user: 65534, group: 65534 },
      }],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new IndexFileChart(app, 'index-file');
  app.synth();
}
