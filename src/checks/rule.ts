import type { Deployment } from '../internal/deployment';
import { DeploymentTool } from '../job-settings';
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
  /**
   * The tool that deploys the manifest, when named (a TTL is only safe where nothing re-creates the Job).
   * @default - not named: see gitOps, else what the manifest's annotations show
   */
  readonly deploymentTool?: DeploymentTool;
  /**
   * Whether an unnamed tool that re-applies what is in git deploys the manifest (cdk8s synth assumes so).
   * @default false
   */
  readonly gitOps?: boolean;
}

/**
 * Whether a controller creates the Job from a template: a CronJob's jobTemplate or a KEDA ScaledJob's jobTargetRef.
 * The controller names each Job, gives it its selector, and cleans finished ones up by its history limits.
 */
export function createdByController(context: RuleContext): boolean {
  return context.parentKind === 'CronJob' || context.parentKind === 'ScaledJob';
}

/** The deployment a context names, in the form the deployment helpers take. */
export function deploymentOf(context: RuleContext): Deployment | undefined {
  return context.deploymentTool ?? (context.gitOps === true ? 'GitOps' : undefined);
}

/**
 * A Job rule: a small named unit in the style of cdk-nag and eslint (an id, an explanation, a fix). The built-in
 * rules are `JOB` and three digits; a rule of your own takes an id of its own (`ACME001`), and its severity is its
 * default level: configuration (a profile, `severities`) sets the level a run uses.
 *
 * `check` receives one batch/v1 Job as plain JSON (already parsed, never mutated) and returns
 * the violations it finds, or an empty array when the Job complies or the rule does not apply.
 */
export interface IJobRule {
  /** Stable id, `JOB001`. */
  readonly id: string;
  /** Short kebab-case name, `restart-policy`. */
  readonly name: string;
  /** What kind of problem it finds. */
  readonly category: RuleCategory;
  /** Its default level. */
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
  /** The violations in one Job (plain batch/v1 JSON), or none. */
  check(job: any, context: RuleContext): Violation[];
}

/** The name the built-in rules use for IJobRule. */
export type JobRule = IJobRule;

/**
 * A violation bound to the rule that found it.
 */
export interface Finding {
  /** Field path as the API server names it (`spec.completions`). */
  readonly path: string;
  /** What is wrong, naming the value found and what is allowed. */
  readonly message: string;
  /**
   * The path names a field of the enclosing CronJob.
   * @default false
   */
  readonly onParent?: boolean;
  /** The rule's id. */
  readonly ruleId: string;
  /**
   * The Job's name (for a CronJob, the CronJob's).
   * @default - the Job has none
   */
  readonly jobName?: string;
  /** The rule's name. */
  readonly ruleName: string;
  /** The rule's category. */
  readonly category: RuleCategory;
  /** The level of this run: the rule's own, or what configuration set. */
  readonly severity: RuleSeverity;
  /** How to fix it. */
  readonly fix: string;
}
