import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ttlIsSafe } from './deployment';
import { JobRestartPolicy, PodReplacementPolicy } from '../job-policies';
import { DeploymentTool } from '../job-settings';
import { jobSpecFieldServed } from '../k8s/features';
import { MAX_INT32 } from '../k8s/names';
import { KubeVersion } from '../kube-version';
import { PodConditionStatus, PodFailurePolicyAction, PodFailurePolicyRule } from '../pod-failure-policy';

/**
 * The safe defaults, as data: one row per field, saying when it applies, the value, and the checker rule it
 * satisfies. A construct's own values override a row's; a value the user wrote always wins, and a row never
 * applies where its value would make a finding about a field the user did not write (a podFailurePolicy next to
 * a written podReplacementPolicy TerminatingOrFailed, a per-index budget next to restartPolicy OnFailure).
 */

/** The Job fields the user wrote, as the constructs' props give them. */
export interface WrittenFields {
  readonly restartPolicy?: JobRestartPolicy;
  readonly backoffLimit?: number;
  readonly backoffLimitPerIndex?: number;
  readonly maxFailedIndexes?: number;
  readonly podReplacementPolicy?: PodReplacementPolicy;
  readonly podFailurePolicy?: PodFailurePolicyRule[];
  readonly ttlAfterFinished?: Duration;
  readonly automountServiceAccountToken?: boolean;
  readonly serviceAccount?: unknown;
  readonly terminationGracePeriod?: Duration;
  readonly contentHashName?: boolean;
  readonly explicitIndexEnv?: boolean;
  readonly timeZone?: string;
  readonly concurrencyPolicy?: kplus.ConcurrencyPolicy;
  readonly startingDeadline?: Duration;
  readonly successfulJobsHistoryLimit?: number;
  readonly failedJobsHistoryLimit?: number;
  readonly rolloutStrategy?: string;
}

/** A construct's own values for the rows, where its kind of work needs another value than the shared one. */
export interface ConstructDefaults {
  /** The Job-wide budget when no per-index budget is rendered. @default 6 */
  readonly backoffLimit?: number;
  /** The Job-wide budget next to a per-index budget. @default MAX_INT32 (the Kubernetes default then) */
  readonly backoffLimitWithPerIndex?: number;
  /** The per-index budget of an Indexed Job with restartPolicy Never. @default - none: the Job-wide budget decides */
  readonly backoffLimitPerIndex?: number;
  /** Failed indexes the Job tolerates, next to a per-index budget. @default - unset */
  readonly maxFailedIndexes?: number;
  /** What a disruption (eviction, preemption, node drain) does. @default PodFailurePolicyAction.IGNORE */
  readonly disruptionAction?: PodFailurePolicyAction;
  /** The grace period after SIGTERM. @default - the Kubernetes default (30 s), not rendered */
  readonly terminationGracePeriod?: Duration;
}

/** Everything a row may look at. */
export interface DefaultsInput {
  readonly safe: boolean;
  readonly kubeVersion: KubeVersion;
  readonly indexed: boolean;
  /** The Job runs on a schedule, as a CronJob's jobTemplate. */
  readonly scheduled: boolean;
  /** The Job is a KEDA ScaledJob's jobTargetRef: KEDA creates and cleans up its Jobs. */
  readonly scaled?: boolean;
  readonly written: WrittenFields;
  readonly own: ConstructDefaults;
  /** The Job's annotations (deploy hooks among them). */
  readonly annotations: { readonly [key: string]: string };
  readonly deploymentTool?: DeploymentTool;
}

/** The Job fields in force after the defaults. */
export interface JobDefaults {
  restartPolicy: JobRestartPolicy;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  backoffLimit?: number;
  podReplacementPolicy?: PodReplacementPolicy;
  podFailureRules: PodFailurePolicyRule[];
  ttlAfterFinished?: Duration;
  automountServiceAccountToken?: boolean;
  terminationGracePeriod?: Duration;
  contentHashName: boolean;
  explicitIndexEnv: boolean;
  restrictedContainerSecurity: boolean;
  timeZone?: string;
  concurrencyPolicy?: kplus.ConcurrencyPolicy;
  startingDeadline?: Duration;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  rolloutStrategy?: string;
}

/** One safe default. */
export interface SafeDefault {
  /** The field, as the manifest names it. */
  readonly field: string;
  /** The prop that writes the field: a value the user wrote there skips the row. @default - not written by a prop */
  readonly writtenAs?: keyof WrittenFields;
  /** The checker rule a manifest without it would trip, if any. */
  readonly satisfies?: string;
  /** Why this value. */
  readonly why: string;
  /** Whether it applies, given the input and the fields resolved by the rows before it. */
  applies(input: DefaultsInput, resolved: Readonly<JobDefaults>): boolean;
  /** Sets the field. */
  apply(input: DefaultsInput, resolved: JobDefaults): void;
}

const never = (resolved: Readonly<JobDefaults>) => resolved.restartPolicy === JobRestartPolicy.NEVER;

/** The rows, in the order they resolve: a row may read the fields resolved before it. */
const JOB_DEFAULTS: readonly SafeDefault[] = [
  {
    field: 'spec.backoffLimitPerIndex',
    writtenAs: 'backoffLimitPerIndex',
    satisfies: 'JOB201',
    why: 'A retry budget per index: one bad index cannot use up the retries of the others (served from 1.29; needs Indexed and restartPolicy Never).',
    applies: (input, resolved) => input.own.backoffLimitPerIndex !== undefined && input.indexed && never(resolved)
      && jobSpecFieldServed('backoffLimitPerIndex', input.kubeVersion),
    apply: (input, resolved) => { resolved.backoffLimitPerIndex = input.own.backoffLimitPerIndex; },
  },
  {
    field: 'spec.maxFailedIndexes',
    writtenAs: 'maxFailedIndexes',
    why: 'The construct\'s tolerance of failed indexes (0 for a migration: the first failed shard stops it); needs a per-index budget.',
    applies: (input, resolved) => input.own.maxFailedIndexes !== undefined && resolved.backoffLimitPerIndex !== undefined,
    apply: (input, resolved) => { resolved.maxFailedIndexes = input.own.maxFailedIndexes; },
  },
  {
    field: 'spec.backoffLimit',
    writtenAs: 'backoffLimit',
    satisfies: 'JOB201',
    why: 'An explicit Job-wide budget, so the manifest says how many failures end the Job (6, the Kubernetes default, unless the '
      + 'construct needs another); with a per-index budget, MAX_INT32 (the Kubernetes default then), so the per-index budgets decide.',
    applies: () => true,
    apply: (input, resolved) => {
      resolved.backoffLimit = resolved.backoffLimitPerIndex !== undefined
        ? input.own.backoffLimitWithPerIndex ?? MAX_INT32
        : input.own.backoffLimit ?? 6;
    },
  },
  {
    field: 'spec.podReplacementPolicy',
    writtenAs: 'podReplacementPolicy',
    why: 'Failed: a replacement pod starts only once the old one has stopped, so two pods of one index never run at once (served from 1.29).',
    applies: input => jobSpecFieldServed('podReplacementPolicy', input.kubeVersion),
    apply: (_input, resolved) => { resolved.podReplacementPolicy = PodReplacementPolicy.FAILED; },
  },
  {
    field: 'spec.podFailurePolicy.rules[DisruptionTarget]',
    satisfies: 'JOB204',
    why: 'Evictions, preemptions and node drains are not the workload\'s failures: Ignore (or the construct\'s action, FailJob for a '
      + 'migration that must not run twice). Needs restartPolicy Never and podReplacementPolicy Failed; never added next to a '
      + 'DisruptionTarget rule of the user\'s.',
    applies: (_input, resolved) => never(resolved)
      && resolved.podReplacementPolicy !== PodReplacementPolicy.TERMINATING_OR_FAILED
      && !resolved.podFailureRules.some(rule => rule._matchesCondition('DisruptionTarget')),
    apply: (input, resolved) => {
      const action = input.own.disruptionAction ?? PodFailurePolicyAction.IGNORE;
      const disruption = PodFailurePolicyRule.onPodConditions(action, [{ type: 'DisruptionTarget', status: PodConditionStatus.TRUE }]);
      resolved.podFailureRules = [disruption, ...resolved.podFailureRules];
    },
  },
  {
    field: 'spec.ttlSecondsAfterFinished',
    writtenAs: 'ttlAfterFinished',
    satisfies: 'JOB203',
    why: 'One day to read the logs, then the Job and its pods go; only where nothing re-creates a deleted Job: a one-off apply, or '
      + 'a hook of the named tool (DeploymentTool ARGO_CD or HELM). Argo CD auto-sync and Flux re-create a tracked Job the TTL '
      + 'deleted, and it runs again (JOB207); Flux re-applies hooks too. Tracked Jobs keep their record until they leave git.',
    // a CronJob's (or a ScaledJob's) Jobs are the controller's, not the deployment tool's: its history limits clean them up
    applies: input => !input.scheduled && !input.scaled && ttlIsSafe(input.annotations, input.deploymentTool ?? 'GitOps'),
    apply: (_input, resolved) => { resolved.ttlAfterFinished = Duration.days(1); },
  },
  {
    field: 'spec.template.spec.automountServiceAccountToken',
    writtenAs: 'automountServiceAccountToken',
    why: 'false: a Job rarely calls the API server, so its pods carry no token; not with a service account of the user\'s, which '
      + 'is given for the API.',
    applies: input => input.written.serviceAccount === undefined,
    apply: (_input, resolved) => { resolved.automountServiceAccountToken = false; },
  },
  {
    field: 'spec.template.spec.terminationGracePeriodSeconds',
    writtenAs: 'terminationGracePeriod',
    why: 'The construct\'s grace period after SIGTERM (two minutes for a migration to release its locks).',
    applies: input => input.own.terminationGracePeriod !== undefined,
    apply: (input, resolved) => { resolved.terminationGracePeriod = input.own.terminationGracePeriod; },
  },
  {
    field: 'metadata.name (content hash)',
    writtenAs: 'contentHashName',
    why: 'The name ends in a hash of the spec: a changed Job is a new object, since a Job\'s template is immutable. Not for a '
      + 'CronJob or a ScaledJob: its spec is mutable (a change applies to the Jobs it creates next), and each of those gets a new name anyway.',
    applies: input => !input.scheduled && !input.scaled,
    apply: (_input, resolved) => { resolved.contentHashName = true; },
  },
  {
    field: 'env JOB_COMPLETION_INDEX (downward API)',
    writtenAs: 'explicitIndexEnv',
    why: 'Declared first in every container of an Indexed Job, so the YAML shows where the index comes from and later env can use it.',
    applies: input => input.indexed,
    apply: (_input, resolved) => { resolved.explicitIndexEnv = true; },
  },
  {
    field: 'containers[].securityContext (restricted)',
    satisfies: 'JOB301',
    why: 'The Pod Security Standards restricted controls on every container; a runAsNonRoot without a numeric runAsUser is warned '
      + 'about (JOB208), since the image must then declare a numeric non-root USER.',
    applies: () => true,
    apply: (_input, resolved) => { resolved.restrictedContainerSecurity = true; },
  },
];

/** The rows of the object that creates the Jobs: a CronJob's (scheduled construct) or a KEDA ScaledJob's. */
const CRONJOB_DEFAULTS: readonly SafeDefault[] = [
  {
    field: 'spec.timeZone',
    writtenAs: 'timeZone',
    why: 'Etc/UTC: unset, the schedule follows the time zone of kube-controller-manager, which differs between clusters.',
    applies: input => input.scheduled,
    apply: (_input, resolved) => { resolved.timeZone = 'Etc/UTC'; },
  },
  {
    field: 'spec.concurrencyPolicy',
    writtenAs: 'concurrencyPolicy',
    why: 'Forbid: a run due while the previous one still runs is skipped, so runs never pile up or work on the same data at once.',
    applies: input => input.scheduled,
    apply: (_input, resolved) => { resolved.concurrencyPolicy = kplus.ConcurrencyPolicy.FORBID; },
  },
  {
    field: 'spec.startingDeadlineSeconds',
    writtenAs: 'startingDeadline',
    satisfies: 'JOB114',
    why: '600: a run that cannot start within 10 minutes of its time is skipped rather than started late, and after a long '
      + 'outage the controller never stops at "too many missed start times" (it counts misses only within the deadline).',
    applies: input => input.scheduled,
    apply: (_input, resolved) => { resolved.startingDeadline = Duration.minutes(10); },
  },
  {
    field: 'spec.successfulJobsHistoryLimit',
    writtenAs: 'successfulJobsHistoryLimit',
    why: '3, the Kubernetes default, rendered: the last three successful runs and their pods are kept (KEDA\'s default for a '
      + 'ScaledJob is 100 finished Jobs with their pods).',
    applies: input => input.scheduled || input.scaled === true,
    apply: (_input, resolved) => { resolved.successfulJobsHistoryLimit = 3; },
  },
  {
    field: 'spec.failedJobsHistoryLimit',
    writtenAs: 'failedJobsHistoryLimit',
    why: '3 (the Kubernetes default is 1, KEDA\'s 100): the runs before a failing one often explain it.',
    applies: input => input.scheduled || input.scaled === true,
    apply: (_input, resolved) => { resolved.failedJobsHistoryLimit = 3; },
  },
  {
    field: 'spec.rollout.strategy (ScaledJob)',
    writtenAs: 'rolloutStrategy',
    why: 'gradual: a change to the ScaledJob leaves the running Jobs to finish on the spec they started with; KEDA\'s default '
      + 'deletes them, and the items they were working on are lost or redone.',
    applies: input => input.scaled === true,
    apply: (_input, resolved) => { resolved.rolloutStrategy = 'gradual'; },
  },
];

/** Every row: the Job's, then the CronJob's. */
export const SAFE_DEFAULTS: readonly SafeDefault[] = [...JOB_DEFAULTS, ...CRONJOB_DEFAULTS];


/** The Job's fields: what the user wrote, then each row that applies (only with safe defaults). */
export function resolveJobDefaults(input: DefaultsInput): JobDefaults {
  const written = input.written;
  const resolved: JobDefaults = {
    // required by the API server for a Job (Always is refused), so it is not a safe default: always rendered
    restartPolicy: written.restartPolicy ?? JobRestartPolicy.NEVER,
    backoffLimitPerIndex: written.backoffLimitPerIndex,
    maxFailedIndexes: written.maxFailedIndexes,
    backoffLimit: written.backoffLimit,
    podReplacementPolicy: written.podReplacementPolicy,
    podFailureRules: [...written.podFailurePolicy ?? []],
    ttlAfterFinished: written.ttlAfterFinished,
    automountServiceAccountToken: written.automountServiceAccountToken,
    terminationGracePeriod: written.terminationGracePeriod,
    contentHashName: written.contentHashName ?? false,
    explicitIndexEnv: written.explicitIndexEnv ?? false,
    restrictedContainerSecurity: false,
    timeZone: written.timeZone,
    concurrencyPolicy: written.concurrencyPolicy,
    startingDeadline: written.startingDeadline,
    successfulJobsHistoryLimit: written.successfulJobsHistoryLimit,
    failedJobsHistoryLimit: written.failedJobsHistoryLimit,
    rolloutStrategy: written.rolloutStrategy,
  };
  if (!input.safe) return resolved;
  for (const row of SAFE_DEFAULTS) {
    if (row.writtenAs !== undefined && written[row.writtenAs] !== undefined) continue;
    if (row.applies(input, resolved)) row.apply(input, resolved);
  }
  return resolved;
}
