import { App, Chart, Duration, Testing } from 'cdk8s';
import {
  ExitCodeOperator, IndexedJob, JobBase, JobRestartPolicy, JobSettings, KubeVersion, OneShotJob, ParallelJob, PipelineStrategy, PodConditionStatus,
  PodFailurePolicyAction, PodFailurePolicyRule, PodReplacementPolicy, SequentialPipeline, ShardedMigration, WorkQueue, WorkQueueMode,
  WorkQueuePool,
} from '../src';
import { synthValid } from './util';

/**
 * The safe defaults never fight the user: every construct, under every restartPolicy, podReplacementPolicy and
 * podFailurePolicy a user can write (each enum value), with the defaults on and off and on an old and a current
 * version, either synthesizes with no api or semantics error, or fails with an error that names only fields the
 * user wrote.
 */

const worker = { name: 'worker', image: 'registry.example.com/worker:1.2.3', securityContext: { user: 10001 } };

/** Each construct, built with the Job fields under test; `written` lists the field names those props render into. */
const CONSTRUCTS: Record<string, (chart: Chart, common: any) => JobBase> = {
  'IndexedJob': (chart, common) => new IndexedJob(chart, 'job', { completions: 3, containers: [worker], ...common }),
  'IndexedJob with a per-index budget': (chart, common) => new IndexedJob(chart, 'job', { completions: 3, backoffLimitPerIndex: 2, containers: [worker], ...common }),
  'ShardedMigration': (chart, common) => new ShardedMigration(chart, 'job', { shards: 3, activeDeadline: Duration.hours(1), container: worker, ...common }),
  'ShardedMigration, idempotent': (chart, common) => new ShardedMigration(chart, 'job', {
    shards: 3, activeDeadline: Duration.hours(1), container: worker, idempotent: true, ...common,
  }),
  'WorkQueuePool, drain': (chart, common) => new WorkQueuePool(chart, 'job', {
    workers: 2, queue: WorkQueue.sqs({ queueUrl: 'https://sqs.example/q', region: 'eu-west-1' }), worker, ...common,
  }),
  'WorkQueuePool, one item per pod, with identities': (chart, common) => new WorkQueuePool(chart, 'job', {
    workers: 2,
    items: 4,
    mode: WorkQueueMode.ONE_ITEM_PER_POD,
    workerIdentity: true,
    queue: WorkQueue.sqs({ queueUrl: 'https://sqs.example/q', region: 'eu-west-1' }),
    worker,
    ...common,
  }),
  'SequentialPipeline, single pod': (chart, common) => new SequentialPipeline(chart, 'job', {
    image: 'registry.example.com/etl:1', steps: [{ name: 'a', command: ['a'], securityContext: { user: 10001 } }], ...common,
  }),
  'SequentialPipeline, indexed': (chart, common) => new SequentialPipeline(chart, 'job', {
    strategy: PipelineStrategy.INDEXED, image: 'registry.example.com/etl:1', steps: [{ name: 'a', command: ['a'], securityContext: { user: 10001 } }], ...common,
  }),
  'OneShotJob': (chart, common) => new OneShotJob(chart, 'job', { containers: [worker], ...common }),
  'ParallelJob': (chart, common) => new ParallelJob(chart, 'job', { completions: 4, parallelism: 2, containers: [worker], ...common }),
};

const exitCodes = (action: PodFailurePolicyAction, operator = ExitCodeOperator.IN) =>
  PodFailurePolicyRule.onExitCodes(action, { values: [3], operator });
const condition = (action: PodFailurePolicyAction, type: string, status = PodConditionStatus.TRUE) =>
  PodFailurePolicyRule.onPodConditions(action, [{ type, status }]);

/** Every action, both operators, every status, and a DisruptionTarget rule of the user's. */
const POLICIES: Record<string, PodFailurePolicyRule[] | undefined> = {
  'none': undefined,
  ...Object.fromEntries(Object.values(PodFailurePolicyAction).map(action => [`${action} on exit code 3`, [exitCodes(action)]])),
  'FailJob on any exit code but 3': [exitCodes(PodFailurePolicyAction.FAIL_JOB, ExitCodeOperator.NOT_IN)],
  ...Object.fromEntries(Object.values(PodConditionStatus).map(status => [`Count on DisruptionTarget ${status}`, [condition(PodFailurePolicyAction.COUNT, 'DisruptionTarget', status)]])),
  'Ignore on ConfigIssue': [condition(PodFailurePolicyAction.IGNORE, 'ConfigIssue')],
};

const RESTART_POLICIES = [undefined, ...Object.values(JobRestartPolicy)];
const REPLACEMENT_POLICIES = [undefined, ...Object.values(PodReplacementPolicy)];

const cases: Array<[string, string, JobRestartPolicy | undefined, PodReplacementPolicy | undefined, string, boolean, KubeVersion]> = [];
for (const construct of Object.keys(CONSTRUCTS)) {
  for (const restartPolicy of RESTART_POLICIES) {
    for (const podReplacementPolicy of REPLACEMENT_POLICIES) {
      for (const policy of Object.keys(POLICIES)) {
        for (const safeDefaults of [true, false]) {
          for (const version of [KubeVersion.V1_28, KubeVersion.V1_34]) {
            const name = `${construct} / restartPolicy ${restartPolicy ?? '-'} / podReplacementPolicy ${podReplacementPolicy ?? '-'} / ${policy} / `
              + `safe defaults ${safeDefaults ? 'on' : 'off'} / ${version}`;
            cases.push([name, construct, restartPolicy, podReplacementPolicy, policy, safeDefaults, version]);
          }
        }
      }
    }
  }
}

/** The Job fields a finding may mention, and where the manifest holds them. */
const FIELDS: Record<string, (spec: any) => unknown> = {
  restartPolicy: spec => spec.template?.spec?.restartPolicy,
  podReplacementPolicy: spec => spec.podReplacementPolicy,
  podFailurePolicy: spec => spec.podFailurePolicy,
  backoffLimitPerIndex: spec => spec.backoffLimitPerIndex,
  maxFailedIndexes: spec => spec.maxFailedIndexes,
  ttlSecondsAfterFinished: spec => spec.ttlSecondsAfterFinished,
};

/** The Job fields a case's props write, as the manifest (and the checker's paths) name them. */
function writtenFields(construct: string, restartPolicy?: JobRestartPolicy, podReplacementPolicy?: PodReplacementPolicy, policy?: string): string[] {
  const fields: string[] = [];
  if (restartPolicy) fields.push('restartPolicy');
  if (podReplacementPolicy) fields.push('podReplacementPolicy');
  if (policy !== 'none') fields.push('podFailurePolicy');
  if (construct === 'IndexedJob with a per-index budget') fields.push('backoffLimitPerIndex');
  if (construct === 'ShardedMigration, idempotent') fields.push('idempotent');
  return fields;
}

/** Field names in a text: `podFailurePolicy` but not inside `podFailurePolicyX`, `backoffLimitPerIndex` apart from `backoffLimit`. */
function mentioned(text: string): string[] {
  return Object.keys(FIELDS).filter(field => new RegExp(`\\b${field}\\b`).test(text));
}

test(`the sweep covers ${cases.length} combinations`, () => {
  const perConstruct = RESTART_POLICIES.length * REPLACEMENT_POLICIES.length * Object.keys(POLICIES).length * 2 * 2;
  expect(cases.length).toBe(Object.keys(CONSTRUCTS).length * perConstruct);
});

const outcomes = { synthesized: 0, refused: 0 };

test.each(cases)('%s', (_name, construct, restartPolicy, podReplacementPolicy, policy, safeDefaults, kubeVersion) => {
  const app: App = Testing.app();
  JobSettings.apply(app, { safeDefaults, kubeVersion });
  const chart = new Chart(app, 'sweep');
  const written = writtenFields(construct, restartPolicy, podReplacementPolicy, policy);
  let error: Error | undefined;
  let job: JobBase | undefined;
  try {
    job = CONSTRUCTS[construct](chart, { restartPolicy, podReplacementPolicy, podFailurePolicy: POLICIES[policy] });
    synthValid(chart);
  } catch (caught) {
    error = caught as Error;
  }
  if (error === undefined) {
    outcomes.synthesized++;
    return;
  }
  outcomes.refused++;
  if (job === undefined) {
    // the construct refused the props itself: its message names what the user wrote
    expect(mentioned(error.message).filter(field => written.includes(field))).not.toEqual([]);
    return;
  }
  // a finding is on a field the user wrote, and every other field it blames that the manifest holds was written too
  const spec = job.apiObject.toJson().spec;
  const findings = error.message.split('\n').filter(line => /JOB\d{3} /.test(line));
  expect(findings).not.toEqual([]);
  for (const finding of findings) {
    const path = /JOB\d{3} (\S+)/.exec(finding)![1];
    const blamed = mentioned(finding).filter(field => FIELDS[field](spec) !== undefined && !written.includes(field));
    expect({ finding, onWrittenField: written.some(field => path.includes(field)), blamesUnwritten: blamed })
      .toEqual({ finding, onWrittenField: true, blamesUnwritten: [] });
  }
});

test('both outcomes occur: the sweep means nothing if every case synthesized, or none did', () => {
  expect(outcomes.synthesized + outcomes.refused).toBe(cases.length);
  expect(outcomes.synthesized).toBeGreaterThan(cases.length / 4);
  expect(outcomes.refused).toBeGreaterThan(0);
});
