import { Chart, Cron, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IndexedJob, JobSettings, OneShotJob, ParallelJob, ShardedMigration, WorkItems } from '../src';
import { newChart, synthValid } from './util';
import { findJobs } from '../src/checks/documents';
import { checkTarget } from '../src/checks/engine';

const worker = { name: 'worker', image: 'registry.example.com/worker:1.2.3', securityContext: { user: 10001 } };
const nightly = { cron: Cron.schedule({ minute: '30', hour: '2' }) };

function cronJobOf(manifests: any[]): any {
  const cronJobs = manifests.filter(m => m.kind === 'CronJob');
  expect(cronJobs).toHaveLength(1);
  return cronJobs[0];
}

test('a scheduled construct renders a CronJob whose jobTemplate is exactly the Job it would render otherwise', () => {
  const plain = newChart();
  new ParallelJob(plain, 'job', { completions: 3, containers: [worker], metadata: { name: 'report' } });
  const scheduled = newChart();
  new ParallelJob(scheduled, 'job', { completions: 3, containers: [worker], metadata: { name: 'report' }, schedule: nightly });
  const job = synthValid(plain)[0];
  const cronJob = cronJobOf(synthValid(scheduled));
  expect(cronJob.spec.jobTemplate.spec).toEqual(job.spec);
  expect(cronJob).toMatchSnapshot();
});

test('the CronJob fields with safe defaults: a zone, Forbid, a starting deadline, history limits', () => {
  const chart = newChart();
  const job = new OneShotJob(chart, 'backup', { containers: [worker], schedule: nightly });
  const cronJob = cronJobOf(synthValid(chart));
  expect(cronJob.spec).toMatchObject({
    schedule: '30 2 * * *',
    timeZone: 'Etc/UTC',
    concurrencyPolicy: 'Forbid',
    startingDeadlineSeconds: 600,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 3,
  });
  // the controller's Jobs are cleaned up by the history limits, not a TTL; the name is stable, not a hash of the spec
  expect(cronJob.spec.jobTemplate.spec.ttlSecondsAfterFinished).toBeUndefined();
  expect(cronJob.metadata.name).toBe('test-backup-c8e1662f');
  expect(job.scheduled).toBe(true);
  expect(findJobs(cronJob).flatMap(t => checkTarget(t, { deployment: 'GitOps' })).map(f => f.ruleId)).toEqual(['JOB202', 'JOB206']);
});

test('what the user writes wins; with safe defaults off only what was written is rendered', () => {
  const chart = newChart();
  new OneShotJob(chart, 'job', {
    containers: [worker],
    schedule: { ...nightly, timeZone: 'Europe/Berlin', concurrencyPolicy: kplus.ConcurrencyPolicy.REPLACE, startingDeadline: Duration.minutes(1), successfulJobsHistoryLimit: 1, suspend: true },
  });
  expect(cronJobOf(synthValid(chart)).spec).toMatchObject({
    timeZone: 'Europe/Berlin', concurrencyPolicy: 'Replace', startingDeadlineSeconds: 60, successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 3, suspend: true,
  });
  const plain = newChart();
  JobSettings.apply(plain, { safeDefaults: false });
  new OneShotJob(plain, 'job', { containers: [worker], schedule: nightly });
  const spec = cronJobOf(synthValid(plain)).spec;
  expect(Object.keys(spec).sort()).toEqual(['jobTemplate', 'schedule']);
});

test('a bad schedule, zone or deadline fails at synth, naming the construct, the field and the value', () => {
  const fails = (schedule: any, message: RegExp) => {
    const chart = newChart();
    new OneShotJob(chart, 'job', { containers: [worker], schedule });
    expect(() => Testing.synth(chart)).toThrow(message);
  };
  fails({ cron: Cron.schedule({ minute: '60' }) }, /\[test\/job\] JOB030 spec\.schedule is "60 \* \* \* \*": end of range \(60\) above maximum \(59\)/);
  fails({ cron: Cron.schedule({ minute: 'TZ=UTC 0' }) }, /JOB030 spec\.schedule is "TZ=UTC 0 \* \* \* \*": cannot use TZ or CRON_TZ in schedule, use timeZone field instead/);
  fails({ ...nightly, timeZone: 'Local' }, /JOB030 spec\.timeZone is "Local": timeZone must be an explicit time zone/);
  fails({ ...nightly, timeZone: 'Mars/Olympus' }, /JOB030 spec\.timeZone is "Mars\/Olympus": unknown time zone Mars\/Olympus/);
  fails({ ...nightly, startingDeadline: Duration.seconds(5) }, /JOB114 spec\.startingDeadlineSeconds is 5; the CronJob controller looks every 10 seconds/);
});

test('names: at most 52 characters, and short enough that an Indexed run\'s pod hostnames stay DNS labels', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'a-chart-with-a-rather-long-name-for-its-batch-workloads');
  new IndexedJob(chart, 'an-indexed-job-with-a-long-id-as-well', { completions: 500, containers: [worker], schedule: nightly });
  const cronJob = cronJobOf(synthValid(chart));
  expect(cronJob.metadata.name.length).toBeLessThanOrEqual(63 - 9 - '-499'.length);
  // a content-hash name asked for on a schedule still fits
  const hashed = new Chart(Testing.app(), 'a-chart-with-a-rather-long-name-for-its-batch-workloads');
  new IndexedJob(hashed, 'an-indexed-job-with-a-long-id-as-well', { completions: 500, containers: [worker], schedule: nightly, contentHashName: true });
  expect(cronJobOf(synthValid(hashed)).metadata.name.length).toBeLessThanOrEqual(63 - 9 - '-499'.length);
  const long = newChart();
  new IndexedJob(long, 'job', { completions: 11, containers: [worker], schedule: nightly, metadata: { name: 'a'.repeat(52) } });
  expect(() => Testing.synth(long)).toThrow(/JOB115 metadata\.name "a{52}" with 11 completions gives its runs' pods hostnames such as "a{52}-29000000-10"/);
});

test('what the Job needs comes along: the work-item ConfigMap in its namespace, and a peer Service that finds every run', () => {
  const chart = newChart();
  const items = Array.from({ length: 3000 }, (_, i) => `item-${i}`);
  new IndexedJob(chart, 'hourly', {
    metadata: { namespace: 'batch' },
    workItems: WorkItems.fromList(items),
    parallelism: 10,
    peerService: true,
    containers: [worker],
    schedule: { cron: Cron.hourly() },
  });
  const manifests = synthValid(chart);
  const cronJob = cronJobOf(manifests);
  const configMap = manifests.find(m => m.kind === 'ConfigMap');
  const service = manifests.find(m => m.kind === 'Service');
  expect(configMap.metadata.namespace).toBe('batch');
  expect(cronJob.spec.jobTemplate.spec.template.spec.volumes).toContainEqual({ name: 'work-items', configMap: { name: configMap.metadata.name } });
  // each run is a Job of its own name: the Service selects the pods by a label of the template
  expect(service.spec.selector).toEqual({ 'cdk8s-jobs.io/peer-service': service.metadata.name });
  expect(cronJob.spec.jobTemplate.spec.template.metadata.labels).toEqual({ 'cdk8s-jobs.io/peer-service': service.metadata.name });
});

test('a ShardedMigration is never scheduled with Allow or Replace', () => {
  for (const policy of [kplus.ConcurrencyPolicy.ALLOW, kplus.ConcurrencyPolicy.REPLACE]) {
    expect(() => new ShardedMigration(newChart(), 'm', {
      shards: 2, activeDeadline: Duration.hours(1), container: worker, schedule: { ...nightly, concurrencyPolicy: policy },
    })).toThrow(`test/m: schedule.concurrencyPolicy is ${policy}; a scheduled migration must not run twice at once (Allow) or be killed half-way by its next run (Replace): use ConcurrencyPolicy.FORBID`);
  }
});

test('every construct can be scheduled, under every concurrency policy, defaults on and off', () => {
  const builds: Record<string, (chart: Chart, schedule: any) => void> = {
    IndexedJob: (chart, schedule) => new IndexedJob(chart, 'job', { completions: 3, containers: [worker], schedule }),
    ParallelJob: (chart, schedule) => new ParallelJob(chart, 'job', { completions: 3, containers: [worker], schedule }),
    OneShotJob: (chart, schedule) => new OneShotJob(chart, 'job', { containers: [worker], schedule }),
    ShardedMigration: (chart, schedule) => new ShardedMigration(chart, 'job', { shards: 2, activeDeadline: Duration.hours(1), container: worker, schedule }),
  };
  let synthesized = 0;
  for (const [name, build] of Object.entries(builds)) {
    for (const concurrencyPolicy of [undefined, ...Object.values(kplus.ConcurrencyPolicy)]) {
      for (const safeDefaults of [true, false]) {
        const app = Testing.app();
        JobSettings.apply(app, { safeDefaults });
        const chart = new Chart(app, 'c');
        const refused = name === 'ShardedMigration' && (concurrencyPolicy === kplus.ConcurrencyPolicy.ALLOW || concurrencyPolicy === kplus.ConcurrencyPolicy.REPLACE);
        if (refused) {
          expect(() => build(chart, { ...nightly, concurrencyPolicy })).toThrow('schedule.concurrencyPolicy');
          continue;
        }
        build(chart, { ...nightly, concurrencyPolicy });
        const cronJob = cronJobOf(synthValid(chart));
        expect(cronJob.spec.concurrencyPolicy).toBe(concurrencyPolicy ?? (safeDefaults ? 'Forbid' : undefined));
        synthesized++;
      }
    }
  }
  expect(synthesized).toBe(4 * 4 * 2 - 2 * 2);
});
