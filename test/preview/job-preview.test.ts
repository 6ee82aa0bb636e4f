import { Cron, Duration } from 'cdk8s';
import { IndexedJob, JobPreview, PreviewOutcome, ShardedMigration } from '../../src';
import { parseScenario } from '../../src/preview/scenario';
import { newChart } from '../util';

const worker = { name: 'worker', image: 'registry.example.com/worker:1.2.3' };
const tool = { name: 'migrate', image: 'registry.example.com/migrate:4.1.0' };

describe('the construct method', () => {
  test('an IndexedJob with safe defaults: a failed index is retried once, the Job completes', () => {
    const job = new IndexedJob(newChart(), 'job', { completions: 4, parallelism: 2, containers: [worker] });
    const result = job.preview({ scenario: { pods: [{ indexes: [1], attempt: 0, duration: Duration.seconds(5), exitCode: 1 }] } }).result;
    expect(result.outcome).toBe(PreviewOutcome.COMPLETE);
    expect(result.reason).toBe('CompletionsReached');
    expect(result.status).toMatchObject({ succeeded: 4, failed: 1, completedIndexes: '0-3', failedIndexes: '' });
    expect(result.pods.filter(p => p.index === 1).map(p => [p.attempt, p.start, p.result])).toEqual([[0, 0, 'Failed'], [1, 15, 'Succeeded']]);
  });

  test('the safe default ignores an eviction: it uses no retry, and the replacement waits until the pod has stopped', () => {
    const job = new IndexedJob(newChart(), 'job', { completions: 2, parallelism: 2, containers: [worker] });
    const result = job.preview({
      scenario: { terminating: Duration.seconds(20), pods: [{ indexes: [0], attempt: 0, duration: Duration.seconds(5), condition: 'DisruptionTarget' }] },
    }).result;
    expect(result.outcome).toBe(PreviewOutcome.COMPLETE);
    expect(result.pods[0]).toMatchObject({ index: 0, result: 'Disrupted', end: 25, counted: false });
    // podReplacementPolicy Failed: the replacement starts once the evicted pod has stopped (plus the 10 s failure backoff)
    expect(result.pods.find(p => p.index === 0 && p.attempt === 1)!.start).toBe(35);
    expect(result.status.failed).toBe(0);
  });

  test('a non-idempotent ShardedMigration fails on a disruption instead of running a shard twice', () => {
    const migration = new ShardedMigration(newChart(), 'migration', { shards: 3, activeDeadline: Duration.hours(2), container: tool });
    const result = migration.preview({ scenario: { pods: [{ indexes: [2], duration: Duration.seconds(10), condition: 'DisruptionTarget' }] } }).result;
    expect(result.outcome).toBe(PreviewOutcome.FAILED);
    expect(result.reason).toBe('PodFailurePolicy');
    expect(result.conditions.find(c => c.type === 'Failed')!.message).toMatch(/^Pod default\/test-migration-[a-z0-9]+-2-p0003 has condition DisruptionTarget matching FailJob rule at index 0$/);
  });

  test('a scheduled construct previews one run of its jobTemplate', () => {
    const job = new IndexedJob(newChart(), 'nightly', { completions: 2, containers: [worker], schedule: { cron: Cron.daily() } });
    expect(job.scheduled).toBe(true);
    const result = job.preview().result;
    expect(result.outcome).toBe(PreviewOutcome.COMPLETE);
    expect(result.jobName).toMatch(/-<time>$/);
    // parallelism 1: the two indexes run one after the other
    expect(result.duration).toBe(60);
  });

  test('the same Job and scenario give the same preview', () => {
    const make = () => new IndexedJob(newChart(), 'job', { completions: 6, parallelism: 3, containers: [worker] })
      .preview({ scenario: { exitCode: 1, duration: Duration.seconds(7) } }).toJson();
    expect(JSON.stringify(make())).toBe(JSON.stringify(make()));
  });
});

describe('--format json: the interface other tools read', () => {
  const job = {
    kind: 'Job',
    metadata: { name: 'shape' },
    spec: { completions: 2, parallelism: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main' }] } } },
  };

  test('every field, with null where unset', () => {
    const json = JobPreview.ofManifest(job, { scenario: parseScenario('pods: [{attempt: 0, exitCode: 3, duration: 4s}]') }).toJson();
    expect(Object.keys(json)).toEqual(['outcome', 'reason', 'duration', 'conditions', 'status', 'pods']);
    expect(Object.keys(json.status)).toEqual(['active', 'succeeded', 'failed', 'terminating', 'completedIndexes', 'failedIndexes']);
    expect(json.pods[0]).toEqual({ index: null, attempt: 0, start: 0, end: 4, result: 'Failed', exitCode: 3, counted: true });
    expect(Object.keys(json.conditions[0])).toEqual(['type', 'status', 'reason', 'message', 'time']);
    expect(json).toMatchObject({ outcome: 'Complete', reason: 'CompletionsReached', duration: 74, status: { failedIndexes: null } });
  });

  test('a Job still running at the end of the preview has no duration and open attempts', () => {
    const json = JobPreview.ofManifest(job, { scenario: parseScenario('duration: 2h\nuntil: 1h') }).toJson();
    expect(json).toMatchObject({ outcome: 'Running', reason: null, duration: null });
    expect(json.pods[0]).toMatchObject({ end: null, result: 'Running', exitCode: null, counted: false });
  });
});

describe('the text timeline', () => {
  test('one row per index with attempts and backoff gaps, then the conditions and a summary', () => {
    const text = JobPreview.ofManifest({
      kind: 'Job',
      metadata: { name: 'etl' },
      spec: { completionMode: 'Indexed', completions: 3, parallelism: 3, backoffLimitPerIndex: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main' }] } } },
    }, { scenario: parseScenario('pods: [{index: 2, duration: 5s, exitCode: 7}]') }).toText();
    expect(text).toContain('Job etl: Failed after 30s (FailedIndexes)');
    expect(text).toMatch(/^index 2 +\|.*\| {2}#0 0s-5s Failed exit 7; wait 10s; #1 15s-20s Failed exit 7$/m);
    expect(text).toMatch(/^ +30s {2}Failed=True FailedIndexes: Job has failed indexes$/m);
    expect(text).toContain('status: active 0, succeeded 2, failed 2, terminating 0, completedIndexes "0,1", failedIndexes "2"');
    expect(text).toContain('Failed after 30s: index 2 used up its 1 retry (backoffLimitPerIndex 1); every other index finished.');
    expect(text).toContain('Replacements waited for the pod failure backoff: 10s.');
  });

  test('a 10,000-index Job keeps to 200 rows', () => {
    const text = JobPreview.ofManifest({
      kind: 'Job',
      metadata: { name: 'big' },
      spec: { completionMode: 'Indexed', completions: 10_000, parallelism: 500, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main' }] } } },
    }).toText();
    expect(text).toContain('... and 9800 more rows (--format json has them all)');
  });
});

describe('scenario files', () => {
  test('durations in Go form or seconds, single indexes or lists, per-container exit codes', () => {
    const scenario = parseScenario('duration: 1m30s\nterminating: 2.5\npods: [{index: 3, containers: {main: 42}}, {index: [1, 2], attempt: 1, duration: 250ms}]\n'
      + 'events: [{at: 2m, suspend: true}]');
    expect(scenario.duration!.toMilliseconds()).toBe(90_000);
    expect(scenario.terminating!.toMilliseconds()).toBe(2500);
    expect(scenario.pods![0]).toMatchObject({ indexes: [3], containerExitCodes: { main: 42 } });
    expect(scenario.pods![1].duration!.toMilliseconds()).toBe(250);
    expect(scenario.events![0]).toMatchObject({ suspend: true });
  });

  test.each([
    ['duration: 5x', 'duration: "5x" is not a duration (30s, 2m, 1h30m, 250ms, or a number of seconds)'],
    ['pods: [{index: 1, exitcode: 3}]', 'pods[0]: unknown field "exitcode"; allowed: index, attempt, duration, exitCode, containers, condition, terminating'],
    ['pods: [{index: -1}]', 'pods[0].index: -1 is not a completion index (a whole number from 0)'],
    ['pods: [{attempt: 1.5}]', 'pods[0].attempt: 1.5 is not a whole number'],
    ['events: [{suspend: true}]', 'events[0].at: required (when, from the Job\'s creation: 2m)'],
    ['events: [{at: 1m, suspend: "yes"}]', 'events[0].suspend: "yes" is not true or false'],
    ['pods: {index: 1}', 'pods: expected a list, got {"index":1}'],
    ['- 1', 'the scenario: expected a mapping, got [1]'],
    ['a: &a [*a, *a]\n', ''],
  ])('refuses %j', (text, message) => {
    expect(() => JobPreview.ofManifest({ kind: 'Job', spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } } } },
      { scenario: parseScenario(text) })).toThrow(message);
  });

  test('an alias bomb is refused quickly', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    expect(() => parseScenario(bomb.join('\n'))).toThrow(/alias/i);
  });
});

describe('Jobs the preview refuses, naming the field', () => {
  test.each([
    [{ kind: 'Pod' }, 'expected a Job, CronJob or ScaledJob, got kind "Pod"'],
    [{ kind: 'Job', spec: { template: { spec: { containers: [{ name: 'c' }] } } } }, 'spec.template.spec.restartPolicy: undefined; a Job\'s pods must say Never or OnFailure'],
    [{ kind: 'Job', spec: { completionMode: 'Indexed', parallelism: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } } } }, 'spec.completions: an Indexed Job needs completions'],
    [{ kind: 'Job', spec: { completions: -1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } } } }, 'spec.completions: -1; must be a whole number from 0 to 2147483647'],
    [{ kind: 'Job', spec: { template: { spec: { restartPolicy: 'Never', containers: [] } } } }, 'spec.template.spec.containers: a Job needs at least one container'],
  ])('%j', (manifest, message) => {
    expect(() => JobPreview.ofManifest(manifest)).toThrow(message);
  });

  test('a Job that would create more than 100,000 pods stops with an error', () => {
    const huge = { kind: 'Job', spec: { completions: 120_000, parallelism: 120_000, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } } } };
    expect(() => JobPreview.ofManifest(huge)).toThrow('the preview stopped: the Job created more than 100000 pods');
  });
});
