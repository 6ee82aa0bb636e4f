import { loadRuleModule, parseProfile, parseSeverities, resolveCheckConfig } from './checks/config';
import { findJobs } from './checks/documents';
import { checkTarget } from './checks/engine';
import { RuleSeverity } from './checks/rule';
import { Deployment, parseDeploymentTool } from './internal/deployment';
import { KubeVersion } from './kube-version';

/**
 * Properties of the cdk8s validation plugin, from `properties:` in cdk8s.yaml.
 */
export interface JobValidationProperties {
  /**
   * The Kubernetes version to check for, e.g. "1.33".
   *
   * @default "1.34"
   */
  readonly kubeVersion?: string;

  /**
   * Rule ids not to run.
   *
   * @default - every rule runs
   */
  readonly disable?: string[];

  /**
   * What applies the manifests: "argocd", "flux", "helm" or "one-off" (decides whether a TTL is safe, JOB203 and JOB207).
   *
   * @default - a tool that re-applies what is in git, as at synth
   */
  readonly deploymentTool?: string;

  /**
   * Fail on warnings too.
   *
   * @default false
   */
  readonly failOnWarnings?: boolean;

  /**
   * Modules of your own rules, paths relative to the project (`./my-rules.js`, exporting `{ rules: [...] }`).
   *
   * @default - none
   */
  readonly rules?: string[];

  /**
   * A set of levels: "recommended", "strict", "pss-baseline", "pss-restricted" or "gitops".
   *
   * @default "recommended"
   */
  readonly profile?: string;

  /**
   * Levels per rule id, over the profile's: `{ JOB202: "error" }`.
   *
   * @default - each rule's own
   */
  readonly severities?: { [ruleId: string]: string };
}

/**
 * The semantics checker as a cdk8s validation plugin, for every Job in the synthesized manifests:
 *
 * ```yaml
 * validations:
 *   - package: cdk8s-jobs
 *     class: JobValidation
 *     version: <the installed version>
 *     properties: { kubeVersion: "1.33" }
 * ```
 */
export class JobValidation {
  private readonly properties: JobValidationProperties;

  constructor(properties: JobValidationProperties = {}) {
    this.properties = properties;
  }

  /**
   * Called by the cdk8s CLI with its ValidationContext (typed loosely: the CLI is not a dependency of this library).
   */
  public async validate(context: any): Promise<void> {
    const kubeVersion = this.properties.kubeVersion ? KubeVersion.of(this.properties.kubeVersion) : undefined;
    const deployment: Deployment = this.properties.deploymentTool !== undefined ? parseDeploymentTool(this.properties.deploymentTool) : 'GitOps';
    const config = resolveCheckConfig({
      rules: (this.properties.rules ?? []).flatMap(file => loadRuleModule(file)),
      profile: this.properties.profile !== undefined ? parseProfile(this.properties.profile) : undefined,
      severities: this.properties.severities !== undefined
        ? parseSeverities(Object.entries(this.properties.severities).map(([id, level]) => `${id}=${level}`))
        : undefined,
      disable: this.properties.disable,
    });
    // one options object for the run, so that the engine chooses its rules once
    const options = {
      kubeVersion, rules: config.rules, severities: config.severities, disable: config.disable, minSeverity: RuleSeverity.WARNING, deployment,
    };
    let failed = false;
    for (const manifestPath of context.manifests as string[]) {
      for (const document of context.parseManifest(manifestPath)) {
        for (const target of findJobs(document)) {
          for (const finding of checkTarget(target, options)) {
            failed ||= finding.severity === RuleSeverity.ERROR || this.properties.failOnWarnings === true;
            context.report.addViolation({
              ruleName: `${finding.ruleId} ${finding.ruleName} (${finding.severity})`,
              recommendation: finding.message,
              fix: finding.fix,
              violatingResources: [{ resourceName: target.name ?? '<unnamed>', manifestPath, locations: [finding.path] }],
            });
          }
        }
      }
    }
    context.report.submit(failed ? 'failure' : 'success');
  }
}
