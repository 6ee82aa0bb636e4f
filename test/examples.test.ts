import { Testing } from 'cdk8s';
import { jobOf, synthValid } from './util';
import { EverydayJobsChart } from '../examples/everyday-jobs/main';
import { GpuSpotChart } from '../examples/gpu-spot/main';
import { IndexFileChart } from '../examples/index-file/main';
import { IndexedDemoChart } from '../examples/indexed-demo/main';
import { KedaRedisChart } from '../examples/keda-redis/main';
import { KueueQueuedChart } from '../examples/kueue-queued/main';
import { PipelinesChart } from '../examples/pipelines/main';
import { PodToPodChart } from '../examples/pod-to-pod/main';
import { ScheduledChart } from '../examples/scheduled/main';
import { ShardedMigrationChart } from '../examples/sharded-migration/main';
import { WorkItemsRevChart } from '../examples/work-items-rev/main';
import { WorkQueuePoolsChart } from '../examples/work-queue-pools/main';
import { CheckWarnings, JobSettings } from '../src';
import { findJobs } from '../src/checks/documents';
import { checkJob, checkTarget } from '../src/checks/engine';

const RESTRICTED = { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };

const indexedExamples = [
  ['indexed-demo', IndexedDemoChart],
  ['work-items-rev', WorkItemsRevChart],
  ['index-file', IndexFileChart],
  ['pod-to-pod', PodToPodChart],
  ['gpu-spot', GpuSpotChart],
  ['kueue-queued', KueueQueuedChart],
] as const;

const allExamples = [
  ...indexedExamples,
  ['sharded-migration', ShardedMigrationChart],
  ['work-queue-pools', WorkQueuePoolsChart],
  ['pipelines', PipelinesChart],
  ['everyday-jobs', EverydayJobsChart],
  ['scheduled', ScheduledChart],
  ['keda-redis', KedaRedisChart],
] as const;

/** An app whose synth fails on any checker warning, as the examples promise zero findings. */
function strictApp() {
  const app = Testing.app();
  JobSettings.apply(app, { checkWarnings: CheckWarnings.FAIL });
  return app;
}

describe.each(allExamples)('examples/%s', (name, ChartClass) => {
  const manifests = () => synthValid(new ChartClass(strictApp(), name));

  test('passes the schema and gets no finding from any rule, with the safe defaults on', () => {
    const objects = manifests();
    const jobs = objects.filter(m => m.kind === 'Job');
    const cronJobs = objects.filter(m => m.kind === 'CronJob');
    const scaledJobs = objects.filter(m => m.kind === 'ScaledJob');
    expect(jobs.length + cronJobs.length + scaledJobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      // JOB207 aside: the CI Job is applied once (its own setting, which synth used)
      expect(checkJob(job, { deployment: 'GitOps' }).filter(f => f.ruleId !== 'JOB207')).toEqual([]);
      // a TTL only where nothing re-creates the Job: here the CI Job a pipeline applies once
      expect(job.spec.ttlSecondsAfterFinished).toBe(job.metadata.name.startsWith(`${name}-ci-tests`) ? 86400 : undefined);
    }
    for (const cronJob of cronJobs) {
      expect(findJobs(cronJob).flatMap(target => checkTarget(target, { deployment: 'GitOps' }))).toEqual([]);
      expect(cronJob.spec.jobTemplate.spec.ttlSecondsAfterFinished).toBeUndefined();
    }
    for (const scaledJob of scaledJobs) {
      expect(findJobs(scaledJob).flatMap(target => checkTarget(target, { deployment: 'GitOps' }))).toEqual([]);
    }
    for (const spec of [...jobs.map(j => j.spec), ...cronJobs.map(c => c.spec.jobTemplate.spec), ...scaledJobs.map(s => s.spec.jobTargetRef)]) {
      for (const container of [...spec.template.spec.containers, ...spec.template.spec.initContainers ?? []]) {
        expect(container.securityContext).toMatchObject(RESTRICTED);
      }
    }
  });

  test('matches the snapshot', () => {
    expect(manifests()).toMatchSnapshot();
  });
});

test.each(indexedExamples)('examples/%s is an Indexed Job that never runs two pods of one index', (name, ChartClass) => {
  const job = jobOf(synthValid(new ChartClass(Testing.app(), name)));
  expect(job.spec.completionMode).toBe('Indexed');
  expect(job.spec.podReplacementPolicy).toBe('Failed');
});

test('scheduled: the nightly backup at 02:30 Berlin time, and an hourly IndexedJob whose items go through a ConfigMap', () => {
  const manifests = synthValid(new ScheduledChart(Testing.app(), 's'));
  const [backup, hourly] = manifests.filter(m => m.kind === 'CronJob');
  expect(backup.spec).toMatchObject({ schedule: '30 2 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid' });
  expect(hourly.spec.schedule).toBe('0 * * * *');
  expect(hourly.spec.jobTemplate.spec).toMatchObject({ completionMode: 'Indexed', completions: 2000, parallelism: 20 });
  const configMap = manifests.find(m => m.kind === 'ConfigMap');
  expect(Object.keys(configMap.data)).toHaveLength(2000);
});

test('sharded-migration: 10 shards, 2 at a time, the URL from a Secret, a PreSync hook', () => {
  const job = jobOf(synthValid(new ShardedMigrationChart(Testing.app(), 'm')));
  expect(job.spec).toMatchObject({ completions: 10, parallelism: 2, backoffLimitPerIndex: 0, maxFailedIndexes: 0 });
  expect(job.spec.template.spec.containers[0].env).toContainEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'url' } } });
  expect(job.metadata.annotations['argocd.argoproj.io/hook']).toBe('PreSync');
});

test('work-queue-pools: a Redis drain pool and a RabbitMQ one-item-per-pod pool', () => {
  const [drain, onePerPod] = synthValid(new WorkQueuePoolsChart(Testing.app(), 'q'));
  expect(drain.spec.completions).toBeUndefined();
  expect(drain.spec.parallelism).toBe(4);
  expect(onePerPod.spec).toMatchObject({ completions: 8, parallelism: 2 });
});

test('pipelines: the same four steps in each strategy', () => {
  const [singlePod, indexed] = synthValid(new PipelinesChart(Testing.app(), 'p'));
  expect([...singlePod.spec.template.spec.initContainers, ...singlePod.spec.template.spec.containers].map((c: any) => c.name))
    .toEqual(['extract', 'validate', 'transform', 'load']);
  expect(indexed.spec).toMatchObject({ completionMode: 'Indexed', completions: 4, parallelism: 1 });
});

test('everyday-jobs: a nightly backup and a CI test runner, neither retried', () => {
  const [backup, ci] = synthValid(new EverydayJobsChart(Testing.app(), 'e'));
  expect(backup.spec).toMatchObject({ backoffLimit: 0 });
  expect(backup.spec.ttlSecondsAfterFinished).toBeUndefined();
  expect(ci.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 1800, ttlSecondsAfterFinished: 86400 });
});

test('indexed-demo runs 5 indexes, 2 at a time, each logging its index', () => {
  const job = jobOf(synthValid(new IndexedDemoChart(Testing.app(), 'demo')));
  expect(job.spec).toMatchObject({ completions: 5, parallelism: 2 });
  expect(job.spec.template.spec.containers[0].command[2]).toContain('$JOB_COMPLETION_INDEX');
});

test('work-items-rev maps the five docs items to rev', () => {
  const job = jobOf(synthValid(new WorkItemsRevChart(Testing.app(), 'rev')));
  expect(job.spec.completions).toBe(5);
  const script = job.spec.template.spec.initContainers[0].command[2];
  for (const item of ['foo', 'bar', 'baz', 'qux', 'xyz']) expect(script).toContain(`'${item}'`);
  expect(job.spec.template.spec.containers[0].command).toEqual(['rev', '$(WORK_ITEM_FILE)']);
});

test('index-file mounts the index through a downwardAPI volume', () => {
  const job = jobOf(synthValid(new IndexFileChart(Testing.app(), 'file')));
  expect(job.spec.template.spec.volumes[0].downwardAPI.items[0].path).toBe('index');
  expect(job.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'job-completion-index', mountPath: '/etc/job' }]);
});

test('pod-to-pod has a headless Service selecting the Job and the subdomain pointing at it', () => {
  const manifests = synthValid(new PodToPodChart(Testing.app(), 'p2p'));
  const service = manifests.find(m => m.kind === 'Service');
  const job = jobOf(manifests);
  expect(service.spec).toEqual({ clusterIP: 'None', selector: { 'job-name': job.metadata.name } });
  expect(job.spec.template.spec.subdomain).toBe(service.metadata.name);
  expect(job.spec.parallelism).toBe(job.spec.completions);
});

test('kueue-queued: the sweep names its LocalQueue and priority, may start with 2 of its 8 pods, and leaves suspend to Kueue', () => {
  const job = jobOf(synthValid(new KueueQueuedChart(Testing.app(), 'k')));
  expect(job.metadata.labels).toEqual({ 'kueue.x-k8s.io/queue-name': 'ml-research', 'kueue.x-k8s.io/priority-class': 'research-low' });
  expect(job.metadata.annotations['kueue.x-k8s.io/job-min-parallelism']).toBe('2');
  expect(job.spec).toMatchObject({ completions: 40, parallelism: 8 });
  expect(job.spec.suspend).toBeUndefined();
  expect(job.spec.template.spec.containers[0].resources.requests).toEqual({ cpu: '2', memory: '4096Mi' });
});

test('keda-redis: a ScaledJob of one-pod Jobs, at most 20, its trigger authenticated by the workers\' Secret', () => {
  const [scaledJob, auth] = synthValid(new KedaRedisChart(Testing.app(), 'k'));
  expect(scaledJob.spec).toMatchObject({ maxReplicaCount: 20, scalingStrategy: { strategy: 'accurate' }, rollout: { strategy: 'gradual' } });
  expect(scaledJob.spec.triggers[0].metadata).toEqual({ address: 'redis.queues.svc:6379', listName: 'thumbnails', listLength: '1' });
  expect(auth.spec.secretTargetRef).toEqual([{ parameter: 'password', name: 'redis-auth', key: 'password' }]);
  expect(scaledJob.spec.triggers[0].authenticationRef.name).toBe(auth.metadata.name);
});
