import { readFileSync } from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as yaml from 'js-yaml';
import {
  ExitCodeOperator, IndexedJob, JobRestartPolicy, JobSettings, OneShotJob, ParallelJob, PodConditionStatus, PodFailurePolicyAction,
  PodFailurePolicyRule, WorkQueue, WorkQueuePool,
} from '../src';
import { synthValid } from './util';

/**
 * The official Kubernetes docs Job examples, written with the constructs' public props and safe defaults off,
 * synthesize to the docs' manifests object for object: fifteen examples. Not here: job-tmpl.yaml (a template whose
 * `$ITEM` is replaced by a script before use; its name is no DNS name as written), job-success-policy-example.yaml (it
 * has no name, so the API server refuses it as written) and cronjob.yaml (a CronJob).
 */
function docsExample(file: string): any[] {
  return yaml.loadAll(readFileSync(path.join(__dirname, 'fixtures/kubernetes-docs', file), 'utf8')) as any[];
}

function plainChart(): Chart {
  const app = Testing.app();
  JobSettings.apply(app, { safeDefaults: false });
  return new Chart(app, 'docs');
}

test('indexed-job.yaml: items mapped by an init container onto an emptyDir', () => {
  const chart = plainChart();
  const input = kplus.Volume.fromEmptyDir(chart, 'input', 'input');
  const bashScript = 'items=(foo bar baz qux xyz)\necho ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt\n';
  new IndexedJob(chart, 'job', {
    metadata: { name: 'indexed-job' },
    completions: 5,
    parallelism: 3,
    initContainers: [{ name: 'input', image: 'docker.io/library/bash', command: ['bash', '-c', bashScript], volumeMounts: [{ path: '/input', volume: input }] }],
    containers: [{ name: 'worker', image: 'docker.io/library/busybox', command: ['rev', '/input/data.txt'], volumeMounts: [{ path: '/input', volume: input }] }],
  });
  expect(synthValid(chart)).toEqual(docsExample('indexed-job.yaml'));
});

test('indexed-job-vol.yaml: the index as a file through a downwardAPI volume', () => {
  const chart = plainChart();
  new IndexedJob(chart, 'job', {
    metadata: { name: 'indexed-job' },
    completions: 5,
    parallelism: 3,
    indexFile: { path: '/input/data.txt', volumeName: 'input' },
    containers: [{ name: 'worker', image: 'docker.io/library/busybox', command: ['rev', '/input/data.txt'] }],
  });
  expect(synthValid(chart)).toEqual(docsExample('indexed-job-vol.yaml'));
});

test('job-with-pod-to-pod-communication: a headless Service and the pod subdomain', () => {
  const chart = plainChart();
  const [service, job] = docsExample('job-with-pod-to-pod-communication.yaml');
  new IndexedJob(chart, 'job', {
    metadata: { name: 'example-job' },
    completions: 3,
    parallelism: 3,
    peerService: true,
    peerServiceName: 'headless-svc',
    containers: [{ name: 'example-workload', image: 'bash:latest', command: job.spec.template.spec.containers[0].command }],
  });
  const manifests = synthValid(chart);
  expect(manifests).toHaveLength(2);
  expect(manifests).toContainEqual(service);
  expect(manifests).toContainEqual(job);
});

/** The container of a docs example, as cdk8s-plus props (name, image, command, args, env as written). */
function containerOf(example: any, index = 0, field = 'containers'): kplus.ContainerProps {
  const c = example.spec.template.spec[field][index];
  const env = Object.fromEntries((c.env ?? []).map((e: any) => [e.name, kplus.EnvValue.fromValue(e.value)]));
  return { name: c.name, image: c.image, command: c.command, args: c.args, envVariables: c.env ? env : undefined };
}

test('job.yaml: one pod computing pi, four retries', () => {
  const chart = plainChart();
  const [docs] = docsExample('job.yaml');
  new OneShotJob(chart, 'job', { metadata: { name: 'pi' }, backoffLimit: 4, containers: [containerOf(docs)] });
  expect(synthValid(chart)).toEqual([docs]);
});

test('job-backoff-limit-per-index-example.yaml: a per-index budget and a cap on failed indexes', () => {
  const chart = plainChart();
  const [docs] = docsExample('job-backoff-limit-per-index-example.yaml');
  new IndexedJob(chart, 'job', {
    metadata: { name: 'job-backoff-limit-per-index-example' },
    completions: 10,
    parallelism: 3,
    backoffLimitPerIndex: 1,
    maxFailedIndexes: 5,
    containers: [containerOf(docs)],
  });
  expect(synthValid(chart)).toEqual([docs]);
});

test('job-backoff-limit-per-index-failindex.yaml: FailIndex on exit code 42', () => {
  const chart = plainChart();
  const [docs] = docsExample('job-backoff-limit-per-index-failindex.yaml');
  new IndexedJob(chart, 'job', {
    metadata: { name: 'job-backoff-limit-per-index-failindex' },
    completions: 4,
    parallelism: 2,
    backoffLimitPerIndex: 1,
    backoffLimit: 6,
    podFailurePolicy: [PodFailurePolicyRule.onExitCodes(PodFailurePolicyAction.FAIL_INDEX, { values: [42], containerName: 'main', operator: ExitCodeOperator.IN })],
    containers: [containerOf(docs)],
  });
  expect(synthValid(chart)).toEqual([docs]);
});

test('job-pod-failure-policy-example.yaml: a fixed number of interchangeable pods, FailJob on 42, disruptions ignored', () => {
  const chart = plainChart();
  const [docs] = docsExample('job-pod-failure-policy-example.yaml');
  new ParallelJob(chart, 'job', {
    metadata: { name: 'job-pod-failure-policy-example' },
    completions: 12,
    parallelism: 3,
    backoffLimit: 6,
    podFailurePolicy: [
      PodFailurePolicyRule.onExitCodes(PodFailurePolicyAction.FAIL_JOB, { values: [42], containerName: 'main', operator: ExitCodeOperator.IN }),
      PodFailurePolicyRule.onPodConditions(PodFailurePolicyAction.IGNORE, [{ type: 'DisruptionTarget', status: PodConditionStatus.TRUE }]),
    ],
    containers: [containerOf(docs)],
  });
  expect(synthValid(chart)).toEqual([docs]);
});

test('job-pod-failure-policy-failjob.yaml: FailJob on exit code 42', () => {
  const chart = plainChart();
  const [docs] = docsExample('job-pod-failure-policy-failjob.yaml');
  new ParallelJob(chart, 'job', {
    metadata: { name: 'job-pod-failure-policy-failjob' },
    completions: 8,
    parallelism: 2,
    backoffLimit: 6,
    podFailurePolicy: [PodFailurePolicyRule.onExitCodes(PodFailurePolicyAction.FAIL_JOB, { values: [42], containerName: 'main', operator: ExitCodeOperator.IN })],
    containers: [containerOf(docs)],
  });
  expect(synthValid(chart)).toEqual([docs]);
});

test('job-pod-failure-policy-ignore.yaml: disruptions ignored, no retries', () => {
  const chart = plainChart();
  const [docs] = docsExample('job-pod-failure-policy-ignore.yaml');
  new ParallelJob(chart, 'job', {
    metadata: { name: 'job-pod-failure-policy-ignore' },
    completions: 4,
    parallelism: 2,
    backoffLimit: 0,
    podFailurePolicy: [PodFailurePolicyRule.ignoreDisruptions()],
    containers: [containerOf(docs)],
  });
  expect(synthValid(chart)).toEqual([docs]);
});

test('job-pod-failure-policy-config-issue.yaml: FailJob on a custom pod condition', () => {
  const chart = plainChart();
  const [docs] = docsExample('job-pod-failure-policy-config-issue.yaml');
  new ParallelJob(chart, 'job', {
    metadata: { name: 'job-pod-failure-policy-config-issue' },
    completions: 8,
    parallelism: 2,
    backoffLimit: 6,
    podFailurePolicy: [PodFailurePolicyRule.onPodConditions(PodFailurePolicyAction.FAIL_JOB, [{ type: 'ConfigIssue', status: PodConditionStatus.TRUE }])],
    containers: [containerOf(docs)],
  });
  expect(synthValid(chart)).toEqual([docs]);
});

test('job-success-policy.yaml: the Job succeeds once one of indexes 0, 2 and 3 has', () => {
  const chart = plainChart();
  const [docs] = docsExample('job-success-policy.yaml');
  new IndexedJob(chart, 'job', {
    metadata: { name: 'job-success' },
    completions: 10,
    parallelism: 10,
    successPolicy: [{ succeededIndexes: '0,2-3', succeededCount: 1 }],
    containers: [containerOf(docs)],
  });
  expect(synthValid(chart)).toEqual([docs]);
});

test('job-sidecar.yaml: a log shipper as a sidecar (an init container with restartPolicy Always)', () => {
  const chart = plainChart();
  const [docs] = docsExample('job-sidecar.yaml');
  const data = kplus.Volume.fromEmptyDir(chart, 'data', 'data');
  const mounts = [{ path: '/opt', volume: data }];
  new OneShotJob(chart, 'job', {
    metadata: { name: 'myjob' },
    containers: [{ ...containerOf(docs), volumeMounts: mounts }],
    initContainers: [{ ...containerOf(docs, 0, 'initContainers'), restartPolicy: kplus.ContainerRestartPolicy.ALWAYS, volumeMounts: mounts }],
  });
  expect(synthValid(chart)).toEqual([docs]);
});

test('job-sidecar-legacy.yaml: the same, with the shipper as a second container', () => {
  const chart = plainChart();
  const [docs] = docsExample('job-sidecar-legacy.yaml');
  const data = kplus.Volume.fromEmptyDir(chart, 'data', 'data');
  const mounts = [{ path: '/opt', volume: data }];
  new OneShotJob(chart, 'job', {
    metadata: { name: 'myjob' },
    containers: [{ ...containerOf(docs, 0), volumeMounts: mounts }, { ...containerOf(docs, 1), volumeMounts: mounts }],
  });
  expect(synthValid(chart)).toEqual([docs]);
});

/**
 * The two work-queue examples name their pod template (`template.metadata.name`), which the API server keeps but
 * no pod uses (the Job controller names its pods); no prop writes it, so the comparison leaves it out.
 */
function withoutTemplateName(docs: any): any {
  const copy = JSON.parse(JSON.stringify(docs));
  delete copy.spec.template.metadata;
  return copy;
}

test('job-wq-rabbitmq.yaml: one item per pod, 8 items, 2 at a time, restarted in place', () => {
  const chart = plainChart();
  const [docs] = docsExample('job-wq-rabbitmq.yaml');
  // the docs' URL holds guest:guest, which WorkQueue.amqp refuses: the worker's env carries it as written
  new ParallelJob(chart, 'job', {
    metadata: { name: 'job-wq-1' },
    completions: 8,
    parallelism: 2,
    restartPolicy: JobRestartPolicy.ON_FAILURE,
    containers: [containerOf(docs)],
  });
  expect(synthValid(chart)).toEqual([withoutTemplateName(docs)]);
});

test('job-wq-redis.yaml: a pool of 2 draining a queue until it is empty', () => {
  const chart = plainChart();
  const [docs] = docsExample('job-wq-redis.yaml');
  new WorkQueuePool(chart, 'job', {
    metadata: { name: 'job-wq-2' },
    workers: 2,
    queue: WorkQueue.fromEnv({}),
    restartPolicy: JobRestartPolicy.ON_FAILURE,
    worker: containerOf(docs),
  });
  expect(synthValid(chart)).toEqual([withoutTemplateName(docs)]);
});
