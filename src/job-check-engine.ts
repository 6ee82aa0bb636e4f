import { CheckConfig, resolveCheckConfig } from './checks/config';
import { findJobs } from './checks/documents';
import { checkTarget } from './checks/engine';
import { ALL_RULES } from './checks/registry';
import { Finding, IJobRule } from './checks/rule';
import { DeploymentTool } from './job-settings';
import { KubeVersion } from './kube-version';

/** Options for one run of the checker on a manifest. */
export interface JobCheckRunOptions extends CheckConfig {
  /**
   * The Kubernetes version the manifest is for.
   * @default KubeVersion.V1_34
   */
  readonly kubeVersion?: KubeVersion;
  /**
   * What applies the manifest (decides whether a TTL is safe).
   * @default - what the manifest's annotations and labels show
   */
  readonly deploymentTool?: DeploymentTool;
}

/**
 * The checker's engine, for tools of your own: the rules it runs, and a run on one parsed manifest (a Job, a
 * CronJob or a List) with your rules, profile and levels. `cdk8s-jobs check`, `JobChecks` and the validation plugin
 * are built on it.
 */
export class JobCheckEngine {
  /** The built-in rules, in id order. */
  public static builtInRules(): IJobRule[] {
    return [...ALL_RULES];
  }

  /** The findings for every Job in one parsed manifest (plain JSON), paths relative to the manifest. */
  public static check(manifest: any, options: JobCheckRunOptions = {}): Finding[] {
    const config = resolveCheckConfig(options);
    const run = {
      kubeVersion: options.kubeVersion,
      rules: config.rules,
      severities: config.severities,
      disable: config.disable,
      deployment: options.deploymentTool,
    };
    return findJobs(manifest).flatMap(target => checkTarget(target, run));
  }

  private constructor() {}
}
