/**
 * Seeded property test of the constructs: props drawn from values users write, valid and not (env names,
 * labels, annotations, nodeSelector, namespace, ports, quantities, ids, priority class, service account, Secret
 * names, the env names the constructs take; tolerations, affinity, topology spread, scheduling gates, host aliases,
 * DNS, runtime class, os, extended resources). Every case either fails at synth with an error that names the
 * construct path, or synthesizes; what synthesizes is recorded for `npm run conformance`, where the Kubernetes
 * oracle must accept every object.
 */
import { App, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { random } from '../conformance/generate';
import {
  IndexedJob, OneShotJob, ParallelJob, PipelineStrategy, PodOs, SequentialPipeline, ShardedMigration, SpreadConstraintAction, WorkItems,
  WorkQueue, WorkQueuePool,
} from '../src';
import { synthValid } from './util';

const SEED = 8;
const CASES_PER_CONSTRUCT = 600;

type Rng = () => number;
const pick = <T>(rng: Rng, values: readonly T[]): T => values[Math.floor(rng() * values.length)];
const sometimes = (rng: Rng, p = 0.2) => rng() < p;

const ENV_NAMES = ['MODE', 'A=B', 'naïve', 'with space', '1START', 'a.b-c', 'TAB\tX'];
const LABEL_KEYS = ['app', 'example.com/team', 'Example.COM/team', 'a/b/c', '-bad', 'x'.repeat(64)];
const LABEL_VALUES = ['v1', '', 'x'.repeat(64), '-lead', 'a_b.c', 'has space'];
const NAMES = ['ok-name', 'Bad_Name', 'a.b', 'x'.repeat(254)];
const NAMESPACES = ['batch', 'Bad_NS', 'a.b', 'x'.repeat(64)];
const PORT_NAMES = ['http', 'HTTP', 'averyveryverylongname', '1234', 'a--b'];
const PORTS = [80, 8080, 0, 65536, -1];
const IDS = [1000, 1000, 1000, 10001, -1, 2147483648];

function containerProps(rng: Rng, name = 'main'): kplus.ContainerProps {
  const props: any = { name, image: 'registry.example.com/tool:1.2.3', securityContext: { user: pick(rng, IDS), group: 2000 } };
  if (sometimes(rng)) props.envVariables = { [pick(rng, ENV_NAMES)]: kplus.EnvValue.fromValue('x') };
  if (sometimes(rng)) props.ports = [{ number: pick(rng, PORTS), name: pick(rng, PORT_NAMES) }];
  if (sometimes(rng)) {
    props.envVariables = {
      ...props.envVariables,
      PW: kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(new Chart(new App(), 'scratch'), 's', pick(rng, NAMES)), key: 'password' }),
    };
  }
  return props;
}

function jobOptions(rng: Rng): any {
  const options: any = { activeDeadline: Duration.hours(1) };
  if (sometimes(rng)) options.metadata = { namespace: pick(rng, NAMESPACES) };
  if (sometimes(rng)) options.metadata = { ...options.metadata, labels: { [pick(rng, LABEL_KEYS)]: pick(rng, LABEL_VALUES) } };
  if (sometimes(rng, 0.2)) options.metadata = { ...options.metadata, annotations: { [pick(rng, LABEL_KEYS)]: 'v' } };
  if (sometimes(rng)) options.podLabels = { [pick(rng, LABEL_KEYS)]: pick(rng, LABEL_VALUES) };
  if (sometimes(rng)) options.nodeSelector = { [pick(rng, LABEL_KEYS)]: pick(rng, LABEL_VALUES) };
  if (sometimes(rng, 0.2)) options.priorityClassName = pick(rng, NAMES);
  if (sometimes(rng, 0.15)) options.scheduling = true; // drawn below, so the cases above keep their draws
  return options.scheduling ? { ...options, ...scheduling(rng), scheduling: undefined } : options;
}

const WEIGHTS = [1, 50, 100, 0, 101];
const TOPOLOGIES = [kplus.Topology.HOSTNAME, kplus.Topology.ZONE, kplus.Topology.custom('Bad Key'), kplus.Topology.custom('example.com/rack')];
const IPS = ['10.0.0.1', 'fd00::1', 'not-an-ip', '300.1.1.1'];
const RESOURCES = ['nvidia.com/gpu', 'gpu', 'example.com/Bad_Name', 'cpu'];
const COUNTS = [1, 2, 0, -1];

/** Where the pods run and the rest of the pod spec, valid and not. */
function scheduling(rng: Rng): any {
  const options: any = {};
  const key = () => pick(rng, LABEL_KEYS);
  const labels = () => kplus.LabelSelector.of({ labels: { [key()]: pick(rng, LABEL_VALUES) } });
  if (sometimes(rng, 0.5)) {
    options.tolerations = [pick(rng, [
      kplus.NodeTaintQuery.is(key(), pick(rng, LABEL_VALUES), { effect: kplus.TaintEffect.NO_SCHEDULE }),
      kplus.NodeTaintQuery.exists(key(), { effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.seconds(pick(rng, [30, 0])) }),
      kplus.NodeTaintQuery.any(),
    ])];
  }
  if (sometimes(rng, 0.4)) options.requiredNodes = [kplus.Node.labeled(kplus.NodeLabelQuery.in(key(), [pick(rng, LABEL_VALUES)]))];
  if (sometimes(rng, 0.4)) {
    options.preferredNodes = [{ node: kplus.Node.labeled(pick(rng, [kplus.NodeLabelQuery.exists(key()), kplus.NodeLabelQuery.gt(key(), [pick(rng, ['3', 'x'])])])), weight: pick(rng, WEIGHTS) }];
  }
  if (sometimes(rng, 0.3)) {
    options.colocate = [{ pods: labels(), topology: pick(rng, TOPOLOGIES), weight: sometimes(rng, 0.5) ? pick(rng, WEIGHTS) : undefined }];
  }
  if (sometimes(rng, 0.3)) {
    options.separate = [{ pods: labels(), topology: pick(rng, TOPOLOGIES), namespaces: sometimes(rng, 0.3) ? [pick(rng, NAMESPACES)] : undefined }];
  }
  if (sometimes(rng, 0.4)) {
    options.topologySpread = [{
      topology: pick(rng, TOPOLOGIES),
      maxSkew: pick(rng, [1, 2, 0]),
      minDomains: sometimes(rng, 0.3) ? pick(rng, [1, 3, 0]) : undefined,
      whenUnsatisfiable: pick(rng, [SpreadConstraintAction.DO_NOT_SCHEDULE, SpreadConstraintAction.SCHEDULE_ANYWAY]),
      pods: sometimes(rng, 0.3) ? labels() : undefined,
    }];
  }
  if (sometimes(rng, 0.3)) options.schedulingGates = [pick(rng, ['example.com/quota', 'quota', 'Bad Gate', 'example.com/quota'])];
  if (sometimes(rng, 0.3)) options.hostAliases = [{ ip: pick(rng, IPS), hostnames: [pick(rng, ['db.internal', 'Bad_Host', ''])] }];
  if (sometimes(rng, 0.3)) options.dnsPolicy = pick(rng, Object.values(kplus.DnsPolicy));
  if (sometimes(rng, 0.3)) options.dnsConfig = { nameservers: [pick(rng, IPS)], searches: [pick(rng, ['svc.cluster.local', 'Bad Domain'])], options: [{ name: 'ndots', value: '2' }] };
  if (sometimes(rng, 0.2)) options.runtimeClassName = pick(rng, NAMES);
  if (sometimes(rng, 0.2)) options.enableServiceLinks = false;
  if (sometimes(rng, 0.2)) options.os = pick(rng, [PodOs.LINUX, PodOs.WINDOWS]);
  if (sometimes(rng, 0.3)) options.extendedResources = [{ resource: pick(rng, RESOURCES), count: pick(rng, COUNTS) }];
  return options;
}

/** Builds one construct in `chart` from `rng`; returns a description for failure messages. */
const BUILDERS: Record<string, (chart: Chart, rng: Rng) => void> = {
  IndexedJob: (chart, rng) => new IndexedJob(chart, 'job', {
    ...jobOptions(rng),
    containers: [containerProps(rng)],
    ...(sometimes(rng) ? { workItems: WorkItems.fromList(['a', 'b', 'c']) } : { completions: 3 }),
    ...(sometimes(rng, 0.2) ? { indexEnvName: pick(rng, ENV_NAMES) } : {}),
    ...(sometimes(rng, 0.2) ? { peerService: true } : {}),
  }),
  ShardedMigration: (chart, rng) => new ShardedMigration(chart, 'migrate', {
    ...jobOptions(rng),
    container: containerProps(rng, 'migrate'),
    shards: 4,
    ...(sometimes(rng) ? { databaseUrlEnvName: pick(rng, [...ENV_NAMES, 'SHARD_COUNT', 'SHARD_INDEX']) } : {}),
  }),
  WorkQueuePool: (chart, rng) => new WorkQueuePool(chart, 'pool', {
    ...jobOptions(rng),
    worker: containerProps(rng, 'worker'),
    workers: 3,
    queue: sometimes(rng, 0.7)
      ? WorkQueue.redis({ url: kplus.EnvValue.fromValue('redis://redis:6379'), listKey: 'jobs' })
      : WorkQueue.fromEnv({ [pick(rng, ENV_NAMES)]: kplus.EnvValue.fromValue('x') }),
  }),
  SequentialPipeline: (chart, rng) => new SequentialPipeline(chart, 'pipe', {
    ...jobOptions(rng),
    strategy: pick(rng, [PipelineStrategy.SINGLE_POD, PipelineStrategy.INDEXED]),
    image: 'registry.example.com/tool:1.2.3',
    steps: [
      { name: 'extract', command: ['extract'], envVariables: sometimes(rng) ? { [pick(rng, ENV_NAMES)]: kplus.EnvValue.fromValue('x') } : undefined },
      { name: 'load', command: ['load'] },
    ],
  }),
  OneShotJob: (chart, rng) => new OneShotJob(chart, 'once', { ...jobOptions(rng), containers: [containerProps(rng)] }),
  ParallelJob: (chart, rng) => new ParallelJob(chart, 'fixed', { ...jobOptions(rng), completions: 4, parallelism: 2, containers: [containerProps(rng)] }),
};

/** An error a user can act on: it names the construct's path (`[c3/job] JOB016 ...` or `c3/job: ...`). */
function namesConstructPath(message: string, chartId: string): boolean {
  return new RegExp(`(^|\\n|\\[|Error: )${chartId}/\\S+(\\] JOB\\d{3} |: )`).test(message);
}

describe.each(Object.keys(BUILDERS))('%s with seeded props', (construct) => {
  test(`${CASES_PER_CONSTRUCT} cases: each synthesizes valid objects or fails naming the construct path`, () => {
    const rng = random(SEED + construct.length);
    let synthesized = 0;
    const unnamed: string[] = [];
    for (let i = 0; i < CASES_PER_CONSTRUCT; i++) {
      const app = Testing.app();
      const chart = new Chart(app, `c${i}`);
      let manifests: any[] | undefined;
      try {
        BUILDERS[construct](chart, rng);
        manifests = synthValid(chart);
      } catch (error) {
        const message = String((error as Error).message);
        if (!namesConstructPath(message, `c${i}`)) unnamed.push(message.slice(0, 300));
        if (process.env.SHOW_ERRORS) console.log(message.slice(0, 400));
      }
      if (manifests) synthesized++;
    }
    expect(unnamed).toEqual([]);
    // the generator must exercise both outcomes
    expect(synthesized).toBeGreaterThan(CASES_PER_CONSTRUCT / 10);
    expect(synthesized).toBeLessThan(CASES_PER_CONSTRUCT);
  });
});
