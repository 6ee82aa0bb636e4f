import { readFileSync } from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as yaml from 'js-yaml';
import { IndexedJob, JobSettings } from '../src';
import { synthValid } from './util';

/**
 * The official Kubernetes docs examples for Indexed Jobs, written with IndexedJob and safe defaults off,
 * synthesize to the docs' manifests object for object.
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
