import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { JobBase } from '../src';

/** A construct that carries its Job in another kind: the Job kind is not hard-coded in JobBase. */
class NightlyJob extends JobBase {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this._setup({}, {
      indexed: false,
      envelope: { apiVersion: 'batch/v1', kind: 'CronJob', spec: jobSpec => ({ schedule: '0 3 * * *', jobTemplate: { spec: jobSpec() } }) },
    });
    this.addContainer({ name: 'main', image: 'registry.example.com/nightly:1.0.0', securityContext: { user: 10001 } });
  }
}

test('an envelope carries the same Job spec in another kind, and the checks follow it there', () => {
  const chart = new Chart(Testing.app(), 'c');
  new NightlyJob(chart, 'nightly');
  const [cronJob] = Testing.synth(chart);
  expect(cronJob.kind).toBe('CronJob');
  expect(cronJob.spec.schedule).toBe('0 3 * * *');
  expect(cronJob.spec.jobTemplate.spec).toMatchObject({ backoffLimit: 6, podReplacementPolicy: 'Failed' });
  expect(cronJob.spec.jobTemplate.spec.template.spec.containers[0].name).toBe('main');
});

test('a checker error inside the envelope fails synth with the jobTemplate path', () => {
  class Broken extends JobBase {
    constructor(scope: Construct, id: string) {
      super(scope, id);
      this._setup({ backoffLimit: -1 }, {
        indexed: false,
        envelope: { apiVersion: 'batch/v1', kind: 'CronJob', spec: jobSpec => ({ schedule: '0 3 * * *', jobTemplate: { spec: jobSpec() } }) },
      });
      this.addContainer({ name: 'main', image: 'registry.example.com/nightly:1.0.0' });
    }
  }
  const chart = new Chart(Testing.app(), 'c');
  new Broken(chart, 'broken');
  expect(() => Testing.synth(chart)).toThrow(/JOB00\d spec\.jobTemplate\.spec\.backoffLimit/);
});
