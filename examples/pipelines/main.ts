// The same 4-step pipeline in both strategies: one pod of init containers sharing an emptyDir, and an
// Indexed Job whose index picks the step (one image, steps in order, the first failure stops it).
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PipelineStep, PipelineStrategy, SequentialPipeline } from '../../src';

const image = 'registry.example.com/etl:3.1.0';
const steps: PipelineStep[] = [
  { name: 'extract', command: ['etl', 'extract', '--out', '/workspace/raw'] },
  { name: 'validate', command: ['etl', 'validate', '/workspace/raw'] },
  { name: 'transform', command: ['etl', 'transform', '/workspace/raw', '/workspace/clean'] },
  { name: 'load', command: ['etl', 'load', '/workspace/clean'] },
].map(step => ({
  ...step,
  securityContext: { user: 10001 },
  resources: { cpu: { request: kplus.Cpu.millis(200) }, memory: { request: Size.mebibytes(256) } },
}));

export class PipelinesChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new SequentialPipeline(this, 'etl-single-pod', { image, steps, activeDeadline: Duration.hours(1) });
    const data = kplus.Volume.fromPersistentVolumeClaim(this, 'data', kplus.PersistentVolumeClaim.fromClaimName(this, 'claim', 'etl-workspace'));
    new SequentialPipeline(this, 'etl-indexed', {
      strategy: PipelineStrategy.INDEXED,
      image,
      steps,
      workspace: data, // each step is its own pod: the workspace must outlive it
      activeDeadline: Duration.hours(1),
    });
  }
}

if (require.main === module) {
  const app = new App();
  new PipelinesChart(app, 'pipelines');
  app.synth();
}
