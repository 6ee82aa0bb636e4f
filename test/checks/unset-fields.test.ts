import { checkJob } from '../../src/checks/engine';

/** `completions:` with no value, as an unset Helm value renders it: YAML null, which the API server reads as unset. */
const workQueue = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'queue' },
  spec: {
    completions: null,
    parallelism: 3,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.37' }] } },
  },
};

test('a null completions is unset, not an api error', () => {
  expect(checkJob(workQueue).filter(f => f.ruleId === 'JOB003')).toEqual([]);
});

test('a null completions with parallelism 3 is a work queue, and the work-queue rule says so', () => {
  expect(checkJob(workQueue).filter(f => f.ruleId === 'JOB103').map(f => f.path)).toEqual(['spec.completions']);
});

test('template labels on an unlabelled Job are checked where the API server copies them (metadata.labels)', () => {
  const job = { ...workQueue, spec: { ...workQueue.spec, completions: 3, template: { metadata: { labels: { app: 'trail-' } }, spec: workQueue.spec.template.spec } } };
  expect(checkJob(job).filter(f => f.ruleId === 'JOB020').map(f => f.path)).toEqual(['spec.template.labels', 'metadata.labels']);
});
