import { readFileSync } from 'fs';
import * as path from 'path';
import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  IndexedJob, JobBase, JobSettings, OneShotJob, ParallelJob, PipelineStrategy, PodReplacementPolicy, SequentialPipeline, ShardedMigration,
  WorkQueue, WorkQueuePool,
} from '../src';
import { jobOf, newChart, synthValid } from './util';
import { ALL_RULES } from '../src/checks/registry';
import { SAFE_DEFAULTS } from '../src/internal/safe-defaults';

const worker = { name: 'worker', image: 'registry.example.com/worker:1.2.3' };
const queue = WorkQueue.sqs({ queueUrl: 'https://sqs.example/q', region: 'eu-west-1' });

const CONSTRUCTS: Record<string, (chart: Chart) => JobBase> = {
  IndexedJob: chart => new IndexedJob(chart, 'job', { completions: 3, containers: [worker] }),
  ShardedMigration: chart => new ShardedMigration(chart, 'job', { shards: 3, activeDeadline: Duration.hours(1), container: worker }),
  WorkQueuePool: chart => new WorkQueuePool(chart, 'job', { workers: 2, queue, worker }),
  SequentialPipeline: chart => new SequentialPipeline(chart, 'job', { image: 'etl:1', steps: [{ name: 'a', command: ['a'] }] }),
  SequentialPipelineIndexed: chart => new SequentialPipeline(chart, 'job', { strategy: PipelineStrategy.INDEXED, image: 'etl:1', steps: [{ name: 'a', command: ['a'] }] }),
  OneShotJob: chart => new OneShotJob(chart, 'job', { containers: [worker] }),
  ParallelJob: chart => new ParallelJob(chart, 'job', { completions: 3, parallelism: 2, containers: [worker] }),
};

describe.each(Object.keys(CONSTRUCTS))('%s with safe defaults off', name => {
  const job = () => {
    const chart = newChart();
    JobSettings.apply(chart, { safeDefaults: false });
    CONSTRUCTS[name](chart);
    return jobOf(synthValid(chart));
  };

  test('adds nothing the user did not write', () => {
    const { metadata, spec } = job();
    expect(metadata.annotations).toBeUndefined();
    // cdk8s's name from the construct path (the same for every construct here), not a hash of the spec
    expect(metadata.name).toBe('test-job-c8a36c90');
    for (const field of ['backoffLimit', 'backoffLimitPerIndex', 'maxFailedIndexes', 'podFailurePolicy', 'podReplacementPolicy', 'ttlSecondsAfterFinished']) {
      expect({ field, value: spec[field] }).toEqual({ field, value: undefined });
    }
    const pod = spec.template.spec;
    expect(pod.automountServiceAccountToken).toBeUndefined();
    expect(pod.terminationGracePeriodSeconds).toBeUndefined();
    for (const container of [...pod.initContainers ?? [], ...pod.containers]) {
      expect(container.securityContext).toBeUndefined();
      // the controller injects the index; it is declared only where an env value refers to it
      expect((container.env ?? []).map((e: any) => e.name)).not.toContain('JOB_COMPLETION_INDEX');
    }
    // required by the API server for a Job (Always is refused): always written
    expect(pod.restartPolicy).toBe('Never');
  });
});

test('what the user writes is rendered as written, with the defaults on: the defaults step aside', () => {
  const chart = newChart();
  new IndexedJob(chart, 'job', {
    completions: 2,
    containers: [worker],
    podReplacementPolicy: PodReplacementPolicy.TERMINATING_OR_FAILED,
    backoffLimit: 3,
    ttlAfterFinished: Duration.minutes(5),
    automountServiceAccountToken: true,
    terminationGracePeriod: Duration.seconds(10),
  });
  const spec = jobOf(synthValid(chart)).spec;
  expect(spec).toMatchObject({ podReplacementPolicy: 'TerminatingOrFailed', backoffLimit: 3, ttlSecondsAfterFinished: 300, backoffLimitPerIndex: 1 });
  // a podFailurePolicy needs podReplacementPolicy Failed: the default disruption rule is not added next to the user's choice
  expect(spec.podFailurePolicy).toBeUndefined();
  expect(spec.template.spec).toMatchObject({ automountServiceAccountToken: true, terminationGracePeriodSeconds: 10 });
});

test('a service account of the user\'s gets its token mounted unless the user says otherwise', () => {
  const chart = newChart();
  const account = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'reporter');
  new IndexedJob(chart, 'with-account', { completions: 1, containers: [worker], serviceAccount: account });
  new IndexedJob(chart, 'without-token', { completions: 1, containers: [worker], serviceAccount: account, automountServiceAccountToken: false });
  new IndexedJob(chart, 'no-account', { completions: 1, containers: [worker] });
  const [withAccount, withoutToken, noAccount] = synthValid(chart).filter(m => m.kind === 'Job').map(j => j.spec.template.spec);
  expect(withAccount.serviceAccountName).toBe('reporter');
  expect(withAccount.automountServiceAccountToken).toBeUndefined();
  expect(withoutToken.automountServiceAccountToken).toBe(false);
  expect(noAccount.automountServiceAccountToken).toBe(false);
});

test('synth warns when runAsNonRoot has no numeric runAsUser, naming the container (JOB208)', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'warn');
  new OneShotJob(chart, 'job', { containers: [worker] });
  const printed: string[] = [];
  const write = jest.spyOn(process.stderr, 'write').mockImplementation((text: any) => { printed.push(String(text)); return true; });
  const before = process.env.CDK8S_JOBS_WARNINGS;
  process.env.CDK8S_JOBS_WARNINGS = 'print';
  try {
    app.synthYaml();
  } finally {
    process.env.CDK8S_JOBS_WARNINGS = before;
    write.mockRestore();
  }
  expect(printed.filter(line => line.includes('JOB208'))).toEqual([
    "[warn/job] warning JOB208 spec.template.spec.containers[0] runs with runAsNonRoot but no runAsUser (on the container or the pod): it starts only if its image's USER is a numeric id other than 0\n"
    + "    fix: Set a numeric runAsUser above 0 (securityContext.user in cdk8s-plus props), on the container or the pod, or make sure the image's USER is numeric and not 0.\n",
  ]);
});

describe('the table of safe defaults', () => {
  test('each row says why, and names a rule that exists', () => {
    const ids = new Set(ALL_RULES.map(rule => rule.id));
    for (const row of SAFE_DEFAULTS) {
      expect(row.why.length).toBeGreaterThan(40);
      if (row.satisfies !== undefined) expect({ field: row.field, known: ids.has(row.satisfies) }).toEqual({ field: row.field, known: true });
    }
  });

  test('the README lists every row', () => {
    const readme = readFileSync(path.join(__dirname, '../README.md'), 'utf8');
    for (const row of SAFE_DEFAULTS) expect({ field: row.field, listed: readme.includes(`\`${row.field}\``) }).toEqual({ field: row.field, listed: true });
  });
});
