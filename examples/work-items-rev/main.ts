// The docs' "static work assignment": five items, one per index, each reversed with `rev`.
// An init container writes item <index> to a shared volume; the worker reads $(WORK_ITEM_FILE).
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { IndexedJob, WorkItems } from '../../src';

export class WorkItemsRevChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new IndexedJob(this, 'rev', {
      activeDeadline: Duration.minutes(10),
      // the helper that writes each pod's item only runs printf: requests sized for that, stated rather than invented
      workItems: WorkItems.fromList(['foo', 'bar', 'baz', 'qux', 'xyz'], {
        resources: { cpu: { request: kplus.Cpu.millis(10) }, memory: { request: Size.mebibytes(16) } },
      }),
      parallelism: 3,
      containers: [{
        name: 'worker',
        image: 'docker.io/library/busybox:1.37.0',
        command: ['rev', '$(WORK_ITEM_FILE)'],
        securityContext: { user: 65534, group: 65534 },
        resources: { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(32) } },
      }],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new WorkItemsRevChart(app, 'work-items-rev');
  app.synth();
}
