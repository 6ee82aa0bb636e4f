/**
 * What the Job controller does when a pod failure matches a rule.
 */
export enum PodFailurePolicyAction {
  /** Fail the whole Job at once (reason PodFailurePolicy). */
  FAIL_JOB = 'FailJob',
  /** Fail this index without retrying it; needs `backoffLimitPerIndex`. */
  FAIL_INDEX = 'FailIndex',
  /** Do not count the failure against any retry budget; the pod is replaced. */
  IGNORE = 'Ignore',
  /** Count the failure as usual. */
  COUNT = 'Count',
}

/**
 * How exit codes are compared with the listed values.
 */
export enum ExitCodeOperator {
  /** The exit code is one of the values. */
  IN = 'In',
  /** The exit code is none of the values (exit code 0 never matches). */
  NOT_IN = 'NotIn',
}

/**
 * The status a pod condition must have for a rule to match.
 */
export enum PodConditionStatus {
  TRUE = 'True',
  FALSE = 'False',
  UNKNOWN = 'Unknown',
}

/**
 * Options for a rule that matches container exit codes.
 */
export interface ExitCodeRuleOptions {
  /**
   * The exit codes; they are rendered sorted and without duplicates, as the API server requires.
   */
  readonly values: number[];

  /**
   * How the exit code is compared with `values`.
   *
   * @default ExitCodeOperator.IN
   */
  readonly operator?: ExitCodeOperator;

  /**
   * Only exit codes of this container (or init container) match.
   *
   * @default - any container
   */
  readonly containerName?: string;
}

/**
 * A pod condition to match, such as `DisruptionTarget`.
 */
export interface PodConditionPattern {
  /** The condition type, e.g. `DisruptionTarget`. */
  readonly type: string;

  /**
   * The condition status.
   *
   * @default - none written; the API server reads it as PodConditionStatus.TRUE
   */
  readonly status?: PodConditionStatus;
}

/**
 * One rule of a Job's podFailurePolicy. Rules are evaluated in order and the first match wins.
 */
export class PodFailurePolicyRule {
  /**
   * Matches a failed pod by the exit codes of its containers.
   */
  public static onExitCodes(action: PodFailurePolicyAction, options: ExitCodeRuleOptions): PodFailurePolicyRule {
    const values = [...new Set(options.values)].sort((a, b) => a - b);
    return new PodFailurePolicyRule({
      action,
      onExitCodes: {
        containerName: options.containerName,
        operator: options.operator ?? ExitCodeOperator.IN,
        values,
      },
    });
  }

  /**
   * Matches a failed pod by its conditions.
   */
  public static onPodConditions(action: PodFailurePolicyAction, patterns: PodConditionPattern[]): PodFailurePolicyRule {
    return new PodFailurePolicyRule({
      action,
      onPodConditions: patterns.map(p => (p.status === undefined ? { type: p.type } : { type: p.type, status: p.status })),
    });
  }

  /**
   * `Ignore` on the `DisruptionTarget` condition: evictions, preemptions and node drains do not
   * use up retries. The safe defaults add this rule.
   */
  public static ignoreDisruptions(): PodFailurePolicyRule {
    return PodFailurePolicyRule.onPodConditions(PodFailurePolicyAction.IGNORE, [{ type: 'DisruptionTarget', status: PodConditionStatus.TRUE }]);
  }

  private constructor(private readonly rule: any) {}

  /**
   * Whether this rule matches the given pod condition type.
   * @internal
   */
  public _matchesCondition(type: string): boolean {
    // an unwritten status is True to the API server
    const matches = (p: PodConditionPattern) => p.type === type && (p.status ?? PodConditionStatus.TRUE) === PodConditionStatus.TRUE;
    return (this.rule.onPodConditions ?? []).some(matches);
  }

  /**
   * The rule as batch/v1 JSON.
   * @internal
   */
  public _toKube(): any {
    return this.rule;
  }
}

/**
 * One rule of a Job's successPolicy: the Job succeeds once the rule is met, even if other indexes are still running.
 */
export interface SuccessPolicyRule {
  /**
   * Indexes that must succeed, in the interval format `"0,2-4"`.
   *
   * @default - any indexes
   */
  readonly succeededIndexes?: string;

  /**
   * How many indexes (of `succeededIndexes`, if given) must succeed.
   *
   * @default - all of `succeededIndexes`
   */
  readonly succeededCount?: number;
}

/**
 * Restart a container in place when it exits with chosen codes, instead of failing its pod (container
 * `restartPolicyRules`, Kubernetes 1.35+): for a retriable error where rescheduling is expensive (a training job on a
 * GPU node). The kubelet restarts the container with its usual backoff; the pod does not fail, so these restarts use
 * none of backoffLimit or backoffLimitPerIndex, and podFailurePolicy never sees them. Any other exit fails the pod as
 * before, and activeDeadline still bounds the Job.
 */
export interface InPlaceRestart {
  /** The container (or an init container that is not a sidecar). */
  readonly container: string;
  /** The exit codes. */
  readonly exitCodes: number[];
  /**
   * How the exit code is compared with `exitCodes`.
   *
   * @default ExitCodeOperator.IN
   */
  readonly operator?: ExitCodeOperator;
}
