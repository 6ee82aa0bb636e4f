import type { Deployment } from '../internal/deployment';
import { KubeVersion } from '../kube-version';

/**
 * What kind of problem a rule finds.
 */
export enum RuleCategory {
  /** The Kubernetes API server rejects the manifest on create. */
  API = 'api',
  /** Accepted by the API server, but the Job will not do what the manifest says. */
  SEMANTICS = 'semantics',
  /** Accepted and meaningful, but risky in operation (retries, cleanup, deadlines). */
  SAFETY = 'safety',
  /** Pod Security Standards and related hardening. */
  SECURITY = 'security',
}

/**
 * How serious a finding is.
 */
export enum RuleSeverity {
  ERROR = 'error',
  WARNING = 'warning',
  INFO = 'info',
}

/**
 * One place where a manifest breaks a rule.
 */
export interface Violation {
  /** Field path as the API server names it, relative to the Job (`spec.completions`). */
  readonly path: string;
  /** What is wrong, naming the value found and what is allowed. */
  readonly message: string;
  /**
   * The fix for this violation, where the rule's general fix does not fit its cause.
   * @default - the rule's fix
   */
  readonly fix?: string;
  /**
   * The path names a field of the enclosing CronJob (`metadata.name`), not of the Job in its jobTemplate.
   * @default false
   */
  readonly onParent?: boolean;
}

/**
 * What a rule sees of the run it is part of.
 */
export interface RuleContext {
  /** The Kubernetes version the manifest is meant for. */
  readonly kubeVersion: KubeVersion;
  /** `CronJob` when the Job is a CronJob's jobTemplate (its name and cleanup come from the CronJob). */
  readonly parentKind?: string;
  /** The enclosing CronJob as plain JSON, when the Job is its jobTemplate. @default - none */
  readonly parent?: any;
  /** What deploys the manifest, if known (a TTL is only safe where nothing re-creates the Job). @default - unknown */
  readonly deployment?: Deployment;
}

/**
 * A Job rule: a small named unit in the style of cdk-nag.
 *
 * `check` receives one batch/v1 Job as plain JSON (already parsed, never mutated) and returns
 * the violations it finds, or an empty array when the Job complies or the rule does not apply.
 */
export interface JobRule {
  /** Stable id, `JOB001`. */
  readonly id: string;
  /** Short kebab-case name, `restart-policy`. */
  readonly name: string;
  readonly category: RuleCategory;
  readonly severity: RuleSeverity;
  /** One line: what the rule checks. */
  readonly summary: string;
  /** Why it matters: what the API server or the Job controller does. */
  readonly explanation: string;
  /** How to fix a violation. */
  readonly fix: string;
  /** Where the behaviour is defined in Kubernetes (file and function, or doc page). */
  readonly source: string;
  /** The first Kubernetes version the rule applies to. @default - every version */
  readonly minKubeVersion?: KubeVersion;
  check(job: any, context: RuleContext): Violation[];
}

/**
 * A violation bound to the rule that found it.
 */
export interface Finding extends Violation {
  readonly ruleId: string;
  /** The Job's name (for a CronJob, the CronJob's). */
  readonly jobName?: string;
  readonly ruleName: string;
  readonly category: RuleCategory;
  readonly severity: RuleSeverity;
  readonly fix: string;
}
