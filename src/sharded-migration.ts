import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DeployHook } from './deploy-hook';
import { requireCount } from './internal/counts';
import { indexEnvVar } from './internal/downward-api';
import { JobBase, JobOptions } from './job-base';
import { JobRestartPolicy, PodReplacementPolicy } from './job-policies';
import { JobSettings } from './job-settings';
import { jobSpecFieldServed } from './k8s/features';
import { PodFailurePolicyAction, PodFailurePolicyRule } from './pod-failure-policy';

/** Env names that carry secrets: a literal value there is refused. */
const SECRET_ENV = /(PASSWORD|PASSWD|SECRET|TOKEN|DATABASE_URL|DB_URL|DSN)$/i;

/** The env vars a ShardedMigration gives its tool, which no other env var may shadow. */
const OWN_ENV = ['SHARD_INDEX', 'SHARD_COUNT', 'JOB_COMPLETION_INDEX'];

/**
 * Props of a `ShardedMigration`.
 */
export interface ShardedMigrationProps extends JobOptions {
  /** The migration tool's container; it receives SHARD_INDEX and SHARD_COUNT, and the database URL. */
  readonly container: kplus.ContainerProps;

  /** Number of shards (completions): shard i is index i. */
  readonly shards: number;

  /**
   * Shards migrated at once (parallelism).
   *
   * @default 1
   */
  readonly maxConcurrentShards?: number;

  /**
   * Also pass the shard as an argument to the tool: `--shard` appends `--shard=$(JOB_COMPLETION_INDEX)`.
   *
   * @default - env SHARD_INDEX only
   */
  readonly shardFlag?: string;

  /**
   * The database URL, from a Secret (never a literal): it reaches the tool as a secretKeyRef env var.
   *
   * @default - none
   */
  readonly databaseUrl?: kplus.SecretValue;

  /**
   * The env var that carries `databaseUrl`.
   *
   * @default 'DATABASE_URL'
   */
  readonly databaseUrlEnvName?: string;

  /**
   * Whether running a shard twice is harmless. Only then are failed shards retried, and an evicted shard's pod
   * replaced; otherwise a disruption (eviction, preemption, node drain) fails the migration (a podFailurePolicy
   * FailJob rule on DisruptionTarget, whose message names it) instead of running the shard again.
   *
   * @default false
   */
  readonly idempotent?: boolean;

  /**
   * Retries of each shard, only with `idempotent: true`.
   *
   * @default - 2 when idempotent, else 0
   */
  readonly retriesPerShard?: number;

  /**
   * Exit codes of the tool that mean "do not retry, stop the migration" (a podFailurePolicy FailJob rule).
   *
   * @default - none
   */
  readonly nonRetriableExitCodes?: number[];

  /**
   * Run the migration as a deployment hook (Argo CD PreSync, Helm pre-upgrade).
   *
   * @default - a plain Job
   */
  readonly hooks?: DeployHook[];
}

/**
 * A database migration split into shards, one Indexed Job with one index per shard.
 *
 * `activeDeadline` is required. Migration-safe by construction: no blind retries (the first failed shard stops the migration, through
 * backoffLimitPerIndex 0 and maxFailedIndexes 0) unless the migration is declared idempotent; never two pods
 * of one shard at once (podReplacementPolicy Failed); evictions do not count as failures; a required deadline;
 * two minutes of grace after SIGTERM to release the tool's locks.
 *
 * What Kubernetes cannot guarantee: a shard's pod may still start twice (a node that stops reporting, a
 * controller restart). The migration tool's own database lock (`pg_advisory_lock`, `GET_LOCK`, a lock table)
 * is the real guard; this construct only makes a second run rare.
 */
export class ShardedMigration extends JobBase {
  /** Number of shards. */
  public readonly shards: number;
  /** Shards at once. */
  public readonly maxConcurrentShards: number;

  constructor(scope: Construct, id: string, props: ShardedMigrationProps) {
    super(scope, id);
    const path = this.node.path;
    this.shards = props.shards;
    this.maxConcurrentShards = props.maxConcurrentShards ?? 1;
    requireCount(path, 'shards', props.shards);
    requireCount(path, 'maxConcurrentShards', this.maxConcurrentShards, { value: props.shards, label: 'shards' });
    if (props.activeDeadline === undefined) {
      throw new Error(`${path}: activeDeadline is required for a ShardedMigration: no default fits every migration, `
        + 'and without one a hung migration holds its locks forever (e.g. activeDeadline: Duration.hours(2))');
    }
    const idempotent = props.idempotent ?? false;
    if (!idempotent && (props.retriesPerShard ?? 0) > 0) {
      throw new Error(`${path}: retriesPerShard (${props.retriesPerShard}) needs idempotent: true; a migration that is not idempotent must not be retried blindly`);
    }
    const retries = idempotent ? props.retriesPerShard ?? 2 : 0;
    const envName = props.databaseUrlEnvName ?? 'DATABASE_URL';
    if (OWN_ENV.includes(envName)) {
      throw new Error(`${path}: databaseUrlEnvName ${JSON.stringify(envName)} names an env var ShardedMigration sets itself `
        + `(${OWN_ENV.join(', ')}); choose another name, such as "DATABASE_URL"`);
    }
    for (const [name, value] of Object.entries(props.container.envVariables ?? {})) {
      if ((SECRET_ENV.test(name) || name === envName) && value.value !== undefined) {
        throw new Error(`${path}: env ${name} of the migration container is a literal value; take it from a Secret (databaseUrl, or EnvValue.fromSecretValue)`);
      }
    }

    const settings = JobSettings.resolve(this, props);
    const never = (props.restartPolicy ?? JobRestartPolicy.NEVER) === JobRestartPolicy.NEVER;
    const perIndex = never && jobSpecFieldServed('backoffLimitPerIndex', settings.kubeVersion);
    const codes = props.nonRetriableExitCodes ?? [];
    if (codes.length > 0 && !never) {
      throw new Error(`${path}: nonRetriableExitCodes (${codes.join(', ')}) become a podFailurePolicy rule, which needs restartPolicy Never; `
        + `restartPolicy is ${props.restartPolicy}`);
    }
    if (codes.length > 0 && props.podReplacementPolicy === PodReplacementPolicy.TERMINATING_OR_FAILED) {
      throw new Error(`${path}: nonRetriableExitCodes (${codes.join(', ')}) become a podFailurePolicy rule, which needs podReplacementPolicy `
        + 'Failed; podReplacementPolicy is TerminatingOrFailed');
    }
    const concurrency = props.schedule?.concurrencyPolicy;
    if (concurrency === kplus.ConcurrencyPolicy.ALLOW || concurrency === kplus.ConcurrencyPolicy.REPLACE) {
      throw new Error(`${path}: schedule.concurrencyPolicy is ${concurrency}; a scheduled migration must not run twice at once (Allow) or be `
        + 'killed half-way by its next run (Replace): use ConcurrencyPolicy.FORBID');
    }
    const toolName = props.container.name ?? 'main';
    // the retry budget follows idempotent: written when the user said so, else one of the safe defaults
    const budgetWritten = props.idempotent !== undefined || props.retriesPerShard !== undefined;
    this._setup(props, {
      indexed: true,
      completions: props.shards,
      parallelism: this.maxConcurrentShards,
      written: {
        podFailurePolicy: [
          ...codes.length > 0 ? [PodFailurePolicyRule.onExitCodes(PodFailurePolicyAction.FAIL_JOB, { values: codes, containerName: toolName })] : [],
          ...props.podFailurePolicy ?? [],
        ],
        ...budgetWritten && perIndex ? { backoffLimitPerIndex: retries, maxFailedIndexes: 0 } : {},
        ...budgetWritten && !perIndex ? { backoffLimit: props.backoffLimit ?? retries } : {},
      },
      defaults: {
        backoffLimit: retries,
        backoffLimitPerIndex: retries,
        // not idempotent: a failure anywhere ends the migration, whatever the per-index budget
        backoffLimitWithPerIndex: idempotent ? undefined : 0,
        // the first shard that uses up its retries stops the migration
        maxFailedIndexes: 0,
        disruptionAction: idempotent ? PodFailurePolicyAction.IGNORE : PodFailurePolicyAction.FAIL_JOB,
        // time for the tool to release its database locks after SIGTERM
        terminationGracePeriod: Duration.minutes(2),
      },
      contributions: [
        { env: [indexEnvVar('SHARD_INDEX')] },
        {
          mainEnv: [
            { name: 'SHARD_COUNT', value: String(props.shards) },
            ...props.databaseUrl
              ? [{ name: envName, valueFrom: { secretKeyRef: { name: props.databaseUrl.secret.name, key: props.databaseUrl.key } } }]
              : [],
          ],
          annotations: Object.assign({}, ...(props.hooks ?? []).map(hook => hook.annotations)),
        },
      ],
    });
    this.addContainer({
      ...props.container,
      args: props.shardFlag ? [...props.container.args ?? [], `${props.shardFlag}=$(JOB_COMPLETION_INDEX)`] : props.container.args,
    });
  }
}
