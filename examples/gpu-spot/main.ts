// A batch run on GPU spot nodes: 8 shards of a training sweep, 4 at a time, one GPU each. The pods tolerate the GPU and spot
// taints, must land on an L4 or A100 node, prefer spot capacity, spread over zones so one zone's reclaim does not
// take every shard at once, and stay off the nodes that serve traffic. A spot reclaim is a disruption: the
// safe defaults ignore it (the shard's pod is replaced and no retry is used).
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { IndexedJob, SpreadConstraintAction, WorkItems } from '../../src';

export class GpuSpotChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new IndexedJob(this, 'sweep', {
      workItems: WorkItems.partition(8, { indexEnvName: 'SHARD', countEnvName: 'SHARDS' }),
      parallelism: 4,
      activeDeadline: Duration.hours(6),
      tolerations: [
        kplus.NodeTaintQuery.is('nvidia.com/gpu', 'present', { effect: kplus.TaintEffect.NO_SCHEDULE }),
        kplus.NodeTaintQuery.is('cloud.google.com/gke-spot', 'true', { effect: kplus.TaintEffect.NO_SCHEDULE }),
      ],
      requiredNodes: [kplus.Node.labeled(kplus.NodeLabelQuery.in('cloud.google.com/gke-accelerator', ['nvidia-l4', 'nvidia-tesla-a100']))],
      preferredNodes: [{ node: kplus.Node.labeled(kplus.NodeLabelQuery.is('cloud.google.com/gke-spot', 'true')), weight: 80 }],
      topologySpread: [{ topology: kplus.Topology.ZONE, whenUnsatisfiable: SpreadConstraintAction.SCHEDULE_ANYWAY }],
      separate: [{ pods: kplus.LabelSelector.of({ labels: { tier: 'serving' } }), weight: 100 }],
      priorityClassName: 'batch-low',
      extendedResources: [{ resource: 'nvidia.com/gpu', count: 1 }],
      containers: [{
        name: 'train',
        image: 'registry.example.com/sweep:3.2.0',
        args: ['--shard', '$(SHARD)', '--shards', '$(SHARDS)'],
        securityContext: { user: 10001 },
        resources: {
          cpu: { request: kplus.Cpu.units(4) },
          memory: { request: Size.gibibytes(16), limit: Size.gibibytes(16) },
        },
      }],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new GpuSpotChart(app, 'gpu-spot');
  app.synth();
}
