import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ParallelJob } from '../src';
import { jobOf, newChart, synthValid } from './util';
import { checkJob } from '../src/checks/engine';

const worker = { name: 'worker', image: 'registry.example.com/worker:1.2.3', securityContext: { user: 10001 } };

test('a fixed number of interchangeable pods with the shared safe defaults', () => {
  const chart = newChart();
  const job = new ParallelJob(chart, 'render', { completions: 12, parallelism: 3, activeDeadline: Duration.hours(1), containers: [worker] });
  const manifest = jobOf(synthValid(chart));
  expect(manifest).toMatchSnapshot();
  expect(manifest.spec).toMatchObject({ completions: 12, parallelism: 3, backoffLimit: 6, podReplacementPolicy: 'Failed' });
  // NonIndexed: no completion index, nothing to declare, no per-index budget
  expect(manifest.spec.completionMode).toBeUndefined();
  expect(manifest.spec.backoffLimitPerIndex).toBeUndefined();
  expect(manifest.spec.template.spec.containers[0].env).toBeUndefined();
  expect(manifest.spec.podFailurePolicy.rules).toEqual([{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }]);
  expect([job.completions, job.parallelism]).toEqual([12, 3]);
  expect(checkJob(manifest, { deployment: 'GitOps' }).map(f => f.ruleId)).toEqual(['JOB206']);
});

test('a sidecar: an init container with restartPolicy Always runs beside the worker and stops with it', () => {
  const chart = newChart();
  const logs = kplus.Volume.fromEmptyDir(chart, 'logs', 'logs');
  new ParallelJob(chart, 'job', {
    completions: 2,
    containers: [{ ...worker, volumeMounts: [{ path: '/var/log/app', volume: logs }] }],
    initContainers: [{
      name: 'shipper',
      image: 'registry.example.com/shipper:2.0.0',
      securityContext: { user: 10001 },
      restartPolicy: kplus.ContainerRestartPolicy.ALWAYS,
      volumeMounts: [{ path: '/var/log/app', volume: logs }],
    }],
  });
  const pod = jobOf(synthValid(chart)).spec.template.spec;
  expect(pod.initContainers[0]).toMatchObject({ name: 'shipper', restartPolicy: 'Always' });
});

test('refuses a count that is not a whole number of at least 1, naming the construct path and the prop', () => {
  expect(() => new ParallelJob(newChart(), 'job', { completions: 0, containers: [worker] }))
    .toThrow('test/job: completions must be a whole number of at least 1, got 0');
  expect(() => new ParallelJob(newChart(), 'job', { completions: 2, parallelism: 1.5, containers: [worker] }))
    .toThrow('test/job: parallelism must be a whole number of at least 1, got 1.5');
});
