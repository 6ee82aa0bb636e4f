import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  DeployHook, DeploymentTool, JobRestartPolicy, JobSettings, KubeVersion, PodFailurePolicyAction, PodFailurePolicyRule, PodReplacementPolicy,
  ShardedMigration, ShardedMigrationProps,
} from '../src';
import { jobOf, newChart, synthValid } from './util';
import { checkJob } from '../src/checks/engine';

const tool = { name: 'migrate', image: 'registry.example.com/migrate:1.0.0', args: ['up'] };

function migration(props: Partial<ShardedMigrationProps> = {}, chart: Chart = newChart()) {
  const construct = new ShardedMigration(chart, 'migration', { shards: 10, activeDeadline: Duration.hours(2), container: tool, ...props });
  return { construct, job: jobOf(synthValid(chart)) };
}

describe('ShardedMigration', () => {
  test('matches the snapshot', () => {
    const chart = newChart();
    const db = kplus.Secret.fromSecretName(chart, 'db', 'db');
    migration({ maxConcurrentShards: 2, databaseUrl: { secret: db, key: 'url' }, nonRetriableExitCodes: [3] }, chart);
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('one index per shard, one shard at a time by default', () => {
    const { construct, job } = migration();
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 10, parallelism: 1 });
    expect(construct.maxConcurrentShards).toBe(1);
  });

  test('no blind retries: the first failed shard stops the migration', () => {
    const { construct, job } = migration();
    expect(job.spec).toMatchObject({ backoffLimit: 0, backoffLimitPerIndex: 0, maxFailedIndexes: 0, podReplacementPolicy: 'Failed' });
    expect(construct.backoffLimit).toBe(0);
  });

  test('an idempotent migration retries each shard a little', () => {
    const { job } = migration({ idempotent: true });
    expect(job.spec).toMatchObject({ backoffLimit: 2147483647, backoffLimitPerIndex: 2, maxFailedIndexes: 0 });
    expect(migration({ idempotent: true, retriesPerShard: 1 }).job.spec.backoffLimitPerIndex).toBe(1);
  });

  test('a disruption stops a migration that is not idempotent, and the tool\'s non-retriable exit codes fail the Job', () => {
    const { job } = migration({ nonRetriableExitCodes: [4, 3] });
    expect(job.spec.podFailurePolicy.rules).toEqual([
      { action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      { action: 'FailJob', onExitCodes: { containerName: 'migrate', operator: 'In', values: [3, 4] } },
    ]);
  });

  test('an idempotent migration ignores disruptions: the evicted shard\'s pod is replaced, no retry used', () => {
    expect(migration({ idempotent: true }).job.spec.podFailurePolicy.rules).toEqual([
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
    ]);
  });

  test('a DisruptionTarget rule of the user\'s is never shadowed: the construct adds none', () => {
    const own = PodFailurePolicyRule.onPodConditions(PodFailurePolicyAction.COUNT, [{ type: 'DisruptionTarget' }]);
    expect(migration({ podFailurePolicy: [own], nonRetriableExitCodes: [3] }).job.spec.podFailurePolicy.rules).toEqual([
      { action: 'FailJob', onExitCodes: { containerName: 'migrate', operator: 'In', values: [3] } },
      { action: 'Count', onPodConditions: [{ type: 'DisruptionTarget' }] },
    ]);
  });

  test('restartPolicy OnFailure: no per-index budget or podFailurePolicy the user did not write; the Job-wide budget carries the policy', () => {
    const { job } = migration({ restartPolicy: JobRestartPolicy.ON_FAILURE });
    expect(job.spec).toMatchObject({ backoffLimit: 0 });
    expect(job.spec.backoffLimitPerIndex).toBeUndefined();
    expect(job.spec.podFailurePolicy).toBeUndefined();
    expect(() => migration({ restartPolicy: JobRestartPolicy.ON_FAILURE, nonRetriableExitCodes: [3] })).toThrow(
      'test/migration: nonRetriableExitCodes (3) become a podFailurePolicy rule, which needs restartPolicy Never; restartPolicy is OnFailure');
  });

  test('podReplacementPolicy TerminatingOrFailed: no podFailurePolicy the user did not write', () => {
    const { job } = migration({ podReplacementPolicy: PodReplacementPolicy.TERMINATING_OR_FAILED });
    expect(job.spec.podReplacementPolicy).toBe('TerminatingOrFailed');
    expect(job.spec.podFailurePolicy).toBeUndefined();
    expect(() => migration({ podReplacementPolicy: PodReplacementPolicy.TERMINATING_OR_FAILED, nonRetriableExitCodes: [3] })).toThrow(
      'test/migration: nonRetriableExitCodes (3) become a podFailurePolicy rule, which needs podReplacementPolicy Failed; podReplacementPolicy is TerminatingOrFailed');
  });

  test('a deadline and two minutes of grace to release locks; a TTL only as a hook of the named tool', () => {
    const { job } = migration();
    expect(job.spec.activeDeadlineSeconds).toBe(7200);
    expect(job.spec.template.spec.terminationGracePeriodSeconds).toBe(120);
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
    // the unnamed GitOps tool may be Flux, which re-applies hooks like any object
    expect(migration({ hooks: [DeployHook.argoCdPreSync()] }).job.spec.ttlSecondsAfterFinished).toBeUndefined();
    const argo = newChart();
    JobSettings.apply(argo, { deploymentTool: DeploymentTool.ARGO_CD });
    expect(migration({ hooks: [DeployHook.argoCdPreSync()] }, argo).job.spec.ttlSecondsAfterFinished).toBe(86400);
    expect(migration({ terminationGracePeriod: Duration.minutes(5) }).job.spec.template.spec.terminationGracePeriodSeconds).toBe(300);
  });

  test('the tool gets its shard and the shard count, the URL from a Secret, and optionally a --shard flag', () => {
    const chart = newChart();
    const db = kplus.Secret.fromSecretName(chart, 'db', 'orders-db');
    const { job } = migration({ databaseUrl: { secret: db, key: 'url' }, shardFlag: '--shard' }, chart);
    const container = job.spec.template.spec.containers[0];
    expect(container.env.map((e: any) => e.name)).toEqual(['JOB_COMPLETION_INDEX', 'SHARD_INDEX', 'SHARD_COUNT', 'DATABASE_URL']);
    expect(container.env[1].valueFrom.fieldRef.fieldPath).toBe("metadata.annotations['batch.kubernetes.io/job-completion-index']");
    expect(container.env[2]).toEqual({ name: 'SHARD_COUNT', value: '10' });
    expect(container.env[3]).toEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'url' } } });
    expect(container.args).toEqual(['up', '--shard=$(JOB_COMPLETION_INDEX)']);
  });

  test('deploy hooks as annotations: Argo CD PreSync and Helm pre-upgrade', () => {
    const argo = migration({ hooks: [DeployHook.argoCdPreSync()] }).job;
    expect(argo.metadata.annotations).toEqual({ 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' });
    const helm = migration({ hooks: [DeployHook.helmPreInstallAndUpgrade(-5)] }).job;
    expect(helm.metadata.annotations).toEqual({
      'helm.sh/hook': 'pre-install,pre-upgrade',
      'helm.sh/hook-weight': '-5',
      'helm.sh/hook-delete-policy': 'before-hook-creation',
    });
  });

  test('a changed migration gets a new name', () => {
    expect(migration().job.metadata.name).toMatch(/^test-migration-[0-9a-f]{8}$/);
    expect(migration().job.metadata.name).not.toBe(migration({ container: { ...tool, args: ['down'] } }).job.metadata.name);
  });

  test('gets no finding from any rule once resources are set', () => {
    const resources = { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(64) } };
    const { job } = migration({ container: { ...tool, resources, securityContext: { user: 10001 } } });
    expect(checkJob(job, { deployment: 'GitOps' })).toEqual([]);
  });

  test('on Kubernetes 1.28, without per-index budgets, the Job-wide budget carries the retry policy', () => {
    const app = Testing.app();
    JobSettings.apply(app, { kubeVersion: KubeVersion.V1_28 });
    const chart = new Chart(app, 'old');
    new ShardedMigration(chart, 'migration', { shards: 3, activeDeadline: Duration.hours(1), container: tool, idempotent: true });
    const spec = jobOf(synthValid(chart)).spec;
    expect(spec.backoffLimit).toBe(2);
    expect(spec.backoffLimitPerIndex).toBeUndefined();
    expect(spec.maxFailedIndexes).toBeUndefined();
  });

  describe('refuses', () => {
    const fails = (props: Partial<ShardedMigrationProps>, message: string) =>
      expect(() => new ShardedMigration(newChart(), 'migration', { shards: 10, activeDeadline: Duration.hours(2), container: tool, ...props })).toThrow(message);

    test('fails without a deadline', () => {
      fails({ activeDeadline: undefined }, 'test/migration: activeDeadline is required for a ShardedMigration: no default fits every migration, '
        + 'and without one a hung migration holds its locks forever (e.g. activeDeadline: Duration.hours(2))');
    });
    test('fails with zero shards or more concurrent shards than shards', () => {
      fails({ shards: 0 }, 'test/migration: shards must be a whole number of at least 1, got 0');
      fails({ maxConcurrentShards: 11 }, 'test/migration: maxConcurrentShards must be a whole number from 1 to shards (10), got 11');
    });
    test('fails with retries on a migration not declared idempotent', () => {
      fails({ retriesPerShard: 2 }, 'test/migration: retriesPerShard (2) needs idempotent: true; a migration that is not idempotent must not be retried blindly');
    });
    test('fails with a literal database URL or password', () => {
      fails({ container: { ...tool, envVariables: { DATABASE_URL: kplus.EnvValue.fromValue('postgres://u:p@db/app') } } },
        'test/migration: env DATABASE_URL of the migration container is a literal value; take it from a Secret (databaseUrl, or EnvValue.fromSecretValue)');
      fails({ container: { ...tool, envVariables: { PGPASSWORD: kplus.EnvValue.fromValue('hunter2') } } },
        'test/migration: env PGPASSWORD of the migration container is a literal value');
    });
  });
  test('refuses a databaseUrlEnvName that would shadow the env it sets itself', () => {
    const chart = newChart();
    const databaseUrl = { secret: kplus.Secret.fromSecretName(chart, 'db', 'db'), key: 'url' };
    expect(() => migration({ databaseUrl, databaseUrlEnvName: 'SHARD_COUNT' }, chart))
      .toThrow('test/migration: databaseUrlEnvName "SHARD_COUNT" names an env var ShardedMigration sets itself (SHARD_INDEX, SHARD_COUNT, JOB_COMPLETION_INDEX); choose another name, such as "DATABASE_URL"');
  });
});
