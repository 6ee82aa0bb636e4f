import { ApiObject, App, Chart, JsonPatch, Lazy, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IndexedJob, SequentialPipeline } from '../src';
import { newChart } from './util';

/**
 * cdk8s validates the whole app once, then again for each chart it writes, then writes each object: the Job is
 * rendered once per synthesis and its render reused, but never after anything it depends on changed.
 */
const worker = { name: 'worker', image: 'busybox:1.37' };
const jobOf = (chart: Chart) => Testing.synth(chart).find((m: any) => m.kind === 'Job');

test('a synthesis renders each Job once, however many charts the app has', () => {
  const app = Testing.app();
  const charts = [new Chart(app, 'a'), new Chart(app, 'b'), new Chart(app, 'c')];
  const job = new IndexedJob(charts[0], 'job', { completions: 2, containers: [worker] });
  const render = jest.spyOn(ApiObject.prototype, 'toJson');
  try {
    app.synthYaml();
    expect(render.mock.contexts.filter(context => context === job.apiObject)).toHaveLength(1);
  } finally {
    render.mockRestore();
  }
});

test('changes between two syntheses in one synchronous run are seen: a container\'s mounts and env', () => {
  const chart = newChart();
  const job = new IndexedJob(chart, 'job', { completions: 2 });
  const container = job.addContainer(worker);
  const before = jobOf(chart);
  container.mount('/data', kplus.Volume.fromEmptyDir(chart, 'data', 'data'));
  container.env.addVariable('MODE', kplus.EnvValue.fromValue('fast'));
  const after = jobOf(chart);
  expect(before.spec.template.spec.containers[0].volumeMounts).toBeUndefined();
  expect(after.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }]);
  expect(after.spec.template.spec.containers[0].env[1]).toEqual({ name: 'MODE', value: 'fast' });
  expect(after.metadata.name).not.toBe(before.metadata.name);
});

test('a JSON patch, a label and an added step are seen too', () => {
  const chart = newChart();
  const job = new IndexedJob(chart, 'job', { completions: 2, containers: [worker] });
  jobOf(chart);
  job.apiObject.addJsonPatch(JsonPatch.add('/spec/template/spec/hostUsers', false));
  job.apiObject.metadata.addLabel('team', 'data');
  const after = jobOf(chart);
  expect(after.spec.template.spec.hostUsers).toBe(false);
  expect(after.metadata.labels).toEqual({ team: 'data' });

  const pipeline = new SequentialPipeline(chart, 'etl', { image: 'etl:1', steps: [{ name: 'a', command: ['a'] }] });
  const first = pipeline.name;
  pipeline.addStep({ name: 'b', command: ['b'] });
  expect(pipeline.name).not.toBe(first);
});

test('metadata holding a Lazy is resolved to compare, so a changed value is seen', () => {
  const chart = newChart();
  const job = new IndexedJob(chart, 'job', { completions: 2, containers: [worker] });
  let team = 'data';
  job.apiObject.metadata.addLabel('team', Lazy.any({ produce: () => team }) as any);
  expect(jobOf(chart).metadata.labels).toEqual({ team: 'data' });
  team = 'ml';
  expect(jobOf(chart).metadata.labels).toEqual({ team: 'ml' });
});

test('a reused render is handed out as a copy', () => {
  const chart = newChart();
  const job = new IndexedJob(chart, 'job', { completions: 2, containers: [worker] });
  const first = job.apiObject.toJson();
  first.spec.completions = 99;
  const second = job.apiObject.toJson();
  second.spec.parallelism = 7;
  expect(job.apiObject.toJson().spec.completions).toBe(2);
  expect(job.apiObject.toJson().spec.parallelism).toBeUndefined();
});

test('in a later tick the Job is rendered afresh', async () => {
  const app = new App({ outdir: '/tmp/unused' });
  const job = new IndexedJob(new Chart(app, 'c'), 'job', { completions: 2, containers: [worker] });
  const first = job.apiObject.toJson();
  await Promise.resolve();
  const render = jest.spyOn(ApiObject.prototype, 'toJson');
  try {
    expect(job.apiObject.toJson()).toEqual(first);
    expect(render.mock.contexts.filter(context => context === job.apiObject)).toHaveLength(1);
  } finally {
    render.mockRestore();
  }
});
