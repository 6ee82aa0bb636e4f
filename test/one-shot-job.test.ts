import { Duration } from 'cdk8s';
import { OneShotJob } from '../src';
import { jobOf, newChart, synthValid } from './util';

test('a NonIndexed one-pod Job with the shared safe defaults', () => {
  const chart = newChart();
  new OneShotJob(chart, 'backup', { backoffLimit: 0, activeDeadline: Duration.hours(3), containers: [{ name: 'backup', image: 'backup:1.0' }] });
  const job = jobOf(synthValid(chart));
  expect(job.spec.completionMode).toBeUndefined();
  expect(job.spec.completions).toBeUndefined();
  expect(job.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 10800, podReplacementPolicy: 'Failed' });
  expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
  expect(job.spec.backoffLimitPerIndex).toBeUndefined();
  // no completion index on a NonIndexed Job: nothing to declare
  expect(job.spec.template.spec.containers[0].env).toBeUndefined();
  expect(job.spec.podFailurePolicy.rules[0].onPodConditions[0].type).toBe('DisruptionTarget');
});

test('the Job-wide budget defaults to 6, rendered', () => {
  const chart = newChart();
  new OneShotJob(chart, 'job', { containers: [{ name: 'main', image: 'busybox:1.37' }] });
  expect(jobOf(synthValid(chart)).spec.backoffLimit).toBe(6);
});
