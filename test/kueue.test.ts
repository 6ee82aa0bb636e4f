import { Chart, Cron, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IndexedJob, JobChecks, JobSettings, KubeVersion, OneShotJob, ParallelJob, RuleSeverity } from '../src';
import { jobOf, newChart, synthValid } from './util';
import { findJobs } from '../src/checks/documents';
import { checkJob, checkTarget } from '../src/checks/engine';

const resources = { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(256) } };
const container = { name: 'main', image: 'registry.example.com/train:2.0.0', securityContext: { user: 10001 }, resources };

describe('Kueue on a construct', () => {
  test('the LocalQueue and WorkloadPriorityClass as labels, partial admission as the annotation, on the Job', () => {
    const chart = newChart();
    new IndexedJob(chart, 'sweep', { completions: 20, parallelism: 8, containers: [container], kueue: { queueName: 'team-a', priorityClass: 'batch-high', minParallelism: 2 } });
    const job = jobOf(synthValid(chart));
    expect(job.metadata.labels).toEqual({ 'kueue.x-k8s.io/queue-name': 'team-a', 'kueue.x-k8s.io/priority-class': 'batch-high' });
    expect(job.metadata.annotations['kueue.x-k8s.io/job-min-parallelism']).toBe('2');
    expect(job.spec.suspend).toBeUndefined();
    expect(job.spec.managedBy).toBeUndefined();
    expect(checkJob(job).filter(f => /^JOB1(1[1-9]|20)$/.test(f.ruleId))).toEqual([]);
  });

  test('chart-wide through JobSettings, a construct\'s own fields winning one by one; user labels kept', () => {
    const app = Testing.app();
    JobSettings.apply(app, { kueue: { queueName: 'shared', priorityClass: 'batch-low' } });
    const chart = new Chart(app, 'c');
    new OneShotJob(chart, 'a', { containers: [container], metadata: { labels: { team: 'data' } } });
    new OneShotJob(chart, 'b', { containers: [container], kueue: { priorityClass: 'batch-high' } });
    const [a, b] = synthValid(chart);
    expect(a.metadata.labels).toEqual({ 'team': 'data', 'kueue.x-k8s.io/queue-name': 'shared', 'kueue.x-k8s.io/priority-class': 'batch-low' });
    expect(b.metadata.labels).toEqual({ 'kueue.x-k8s.io/queue-name': 'shared', 'kueue.x-k8s.io/priority-class': 'batch-high' });
  });

  test('a scheduled construct puts them on the jobTemplate, which each Job the CronJob creates carries', () => {
    const chart = newChart();
    new ParallelJob(chart, 'nightly', { completions: 4, parallelism: 4, containers: [container], schedule: { cron: Cron.daily() }, kueue: { queueName: 'team-a', minParallelism: 2 } });
    const [cronJob] = synthValid(chart);
    expect(cronJob.kind).toBe('CronJob');
    expect(cronJob.metadata.labels).toBeUndefined();
    expect(cronJob.metadata.annotations?.['kueue.x-k8s.io/job-min-parallelism']).toBeUndefined();
    expect(cronJob.spec.jobTemplate.metadata).toEqual({
      labels: { 'kueue.x-k8s.io/queue-name': 'team-a' },
      annotations: { 'kueue.x-k8s.io/job-min-parallelism': '2' },
    });
    expect(findJobs(cronJob).flatMap(t => checkTarget(t)).filter(f => /^JOB1(1[1-9]|20)$/.test(f.ruleId))).toEqual([]);
  });

  test('MultiKueue: managedBy kueue.x-k8s.io/multikueue, from Kubernetes 1.32 (JobManagedBy on by default)', () => {
    const chart = newChart();
    new OneShotJob(chart, 'remote', { containers: [container], kueue: { queueName: 'multi', multiKueue: true } });
    expect(jobOf(synthValid(chart)).spec.managedBy).toBe('kueue.x-k8s.io/multikueue');
    expect(() => new OneShotJob(newChart(), 'old', { containers: [container], kubeVersion: KubeVersion.V1_31, kueue: { queueName: 'multi', multiKueue: true } }))
      .toThrow('test/old: kueue.multiKueue needs spec.managedBy, which Kubernetes 1.31 does not serve by default (JobManagedBy: alpha 1.30 (off), beta 1.32, GA 1.35); '
        + 'target Kubernetes 1.32 or later, or dispatch without managedBy');
    expect(() => new OneShotJob(newChart(), 'both', { containers: [container], managedBy: 'example.com/other', kueue: { queueName: 'multi', multiKueue: true } }))
      .toThrow('test/both: managedBy is "example.com/other", but kueue.multiKueue sets it to "kueue.x-k8s.io/multikueue"; set one of them');
  });

  test.each([
    ['minParallelism at the pods at once', { queueName: 'q', minParallelism: 4 }, { completions: 10, parallelism: 4 },
      'test/j: kueue.minParallelism is 4; with 4 pods at once (min(parallelism, completions)) Kueue\'s webhook allows a whole number from 1 to 3'],
    ['completions below parallelism', { queueName: 'q', minParallelism: 3 }, { completions: 3, parallelism: 8 },
      'test/j: kueue.minParallelism is 3; with 3 pods at once (min(parallelism, completions)) Kueue\'s webhook allows a whole number from 1 to 2'],
    ['a fraction', { queueName: 'q', minParallelism: 1.5 }, { completions: 10, parallelism: 4 },
      'test/j: kueue.minParallelism is 1.5; with 4 pods at once (min(parallelism, completions)) Kueue\'s webhook allows a whole number from 1 to 3'],
    ['no queue', { priorityClass: 'high' }, { completions: 2, parallelism: 2 },
      'test/j: kueue.priorityClass is set, but no kueue.queueName: Kueue acts only on the Jobs it queues; name the LocalQueue in kueue.queueName '
      + '(or for the whole app with JobSettings.apply(app, { kueue: { queueName } }))'],
    ['a queue name Kueue refuses', { queueName: 'Team_A' }, { completions: 2, parallelism: 2 },
      'test/j: kueue.queueName is "Team_A"; it must name a LocalQueue: a lowercase DNS subdomain of at most 63 characters (letters, digits, "-" and ".")'],
  ])('refused at synth: %s', (_name, kueue, counts, message) => {
    expect(() => new ParallelJob(newChart(), 'j', { ...counts, containers: [container], kueue })).toThrow(message);
  });

  test('a queued Job may not pin suspend: Kueue owns it', () => {
    expect(() => new OneShotJob(newChart(), 'j', { containers: [container], suspend: true, kueue: { queueName: 'q' } }))
      .toThrow('test/j: suspend is true, but the Job is queued by Kueue (kueue.queueName "q"), which creates it suspended and starts it on admission; '
        + 'under GitOps a pinned value would undo that on every sync. Leave suspend unset');
  });

  test('partial admission is per Job: JobSettings refuses it', () => {
    expect(() => JobSettings.apply(Testing.app(), { kueue: { queueName: 'q', minParallelism: 2 } as any }))
      .toThrow('the app: JobSettings kueue.minParallelism is set; partial admission depends on each Job\'s parallelism, so set it on the construct');
  });

  test('a queued container without requests fails synth (JOB118 raised to an error); JobChecks.apply can lower it', () => {
    const chart = newChart();
    new OneShotJob(chart, 'j', { containers: [{ name: 'main', image: 'registry.example.com/x:1.0.0' }], kueue: { queueName: 'q' } });
    expect(() => Testing.synth(chart)).toThrow('[test/j] JOB118 spec.template.spec.containers[0].resources requests nothing on a Job queued by Kueue '
      + '(kueue.x-k8s.io/queue-name: q): Kueue counts the container as 0 CPU and 0 memory');
    const app = Testing.app();
    JobChecks.apply(app, { severities: { JOB118: RuleSeverity.WARNING } });
    const lowered = new Chart(app, 'c');
    new OneShotJob(lowered, 'j', { containers: [{ name: 'main', image: 'registry.example.com/x:1.0.0' }], kueue: { queueName: 'q' } });
    expect(Testing.synth(lowered)).toHaveLength(1);
    const unqueued = newChart();
    new OneShotJob(unqueued, 'j', { containers: [{ name: 'main', image: 'registry.example.com/x:1.0.0' }] });
    expect(Testing.synth(unqueued)).toHaveLength(1);
  });
});
