// Pods that find each other by name: a headless Service plus the pod subdomain, so index i of the
// Job resolves as <job-name>-<i>.<service>. Each pod waits until every peer resolves.
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { IndexedJob } from '../../src';

const PEERS = 3;

export class PodToPodChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const job = new IndexedJob(this, 'peers', {
      activeDeadline: Duration.minutes(10),
      completions: PEERS,
      parallelism: PEERS, // every peer must run at once
      peerService: true,
    });
    // JOB_NAME comes from the downward API: the Job name carries a content hash
    const script = [
      `for i in $(seq 0 ${PEERS - 1}); do`,
      '  until nslookup "$JOB_NAME-$i.$PEER_SUBDOMAIN" > /dev/null 2>&1; do',
      '    echo "waiting for $JOB_NAME-$i.$PEER_SUBDOMAIN"; sleep 1',
      '  done',
      '  echo "found peer $JOB_NAME-$i.$PEER_SUBDOMAIN"',
      'done',
    ].join('\n');
    job.addContainer({
      name: 'peer',
      image: 'docker.io/library/busybox:1.37.0',
      command: ['sh', '-c', script],
      envVariables: { PEER_SUBDOMAIN: kplus.EnvValue.fromValue(job.peerService!.name) },
      securityContext: { user: 65534, group: 65534 },
      resources: { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(32) } },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new PodToPodChart(app, 'pod-to-pod');
  app.synth();
}
