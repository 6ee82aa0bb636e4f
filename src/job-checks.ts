import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { findJobs } from './checks/documents';
import { CheckOptions, checkTarget, formatFinding, isBlocking } from './checks/engine';
import { RuleSeverity } from './checks/rule';
import { JobSettings } from './job-settings';
import { KubeVersion } from './kube-version';

/**
 * What synth does with checker warnings (errors in the api and semantics categories always fail synth).
 */
export enum CheckWarnings {
  /** Print them to stderr; synth succeeds. */
  PRINT = 'print',
  /** Treat them as errors: synth fails. */
  FAIL = 'fail',
  /** Say nothing. */
  IGNORE = 'ignore',
}

/**
 * Options for `JobChecks.apply`.
 */
export interface JobChecksOptions {
  /**
   * The Kubernetes version to check for.
   *
   * @default - the value set with `JobSettings.apply`, else KubeVersion.V1_34
   */
  readonly kubeVersion?: KubeVersion;

  /**
   * What to do with warnings.
   *
   * @default - the value set with `JobSettings.apply`, else the CDK8S_JOBS_WARNINGS environment variable, else CheckWarnings.PRINT
   */
  readonly warnings?: CheckWarnings;

  /**
   * Rule ids not to run (e.g. `JOB202`).
   *
   * @default - every rule runs
   */
  readonly disable?: string[];
}

/** Marks ApiObjects that already validate themselves (cdk8s-jobs constructs) or were registered once. */
const registered = new WeakSet<IConstruct>();
/** The result for a render that cdk8s-jobs reuses within one synth (cdk8s validates once per chart it writes). */
const checked = new WeakMap<object, { key: string; failures: string[] }>();
/** The engine's options per settings key. */
const checkOptionsByKey = new Map<string, CheckOptions>();
/** Warnings already printed, per object: cdk8s validates the whole app once per chart it writes. */
const printed = new WeakMap<IConstruct, Set<string>>();

/**
 * Checks every Job of a cdk8s app or chart at synth: Jobs from cdk8s-jobs constructs, and also those made
 * with a plain `ApiObject`, a `KubeJob`, or a cdk8s-plus `Job`, and CronJob job templates.
 *
 * `JobChecks.apply(app)` in one line; errors fail synth with the object's construct path.
 */
export class JobChecks {
  /**
   * Checks every Job below `scope` when the app is synthesized.
   */
  public static apply(scope: IConstruct, options: JobChecksOptions = {}): void {
    // cdk8s validates the whole tree in pre-order, so this runs before the objects below it are validated
    scope.node.addValidation({
      validate: () => {
        for (const child of scope.node.findAll()) {
          if (!ApiObject.isApiObject(child) || registered.has(child)) continue;
          const kind = (child as ApiObject).kind;
          if (kind !== 'Job' && kind !== 'CronJob') continue;
          registered.add(child);
          child.node.addValidation({ validate: () => JobChecks._validate(child as ApiObject, options) });
        }
        return [];
      },
    });
  }

  /**
   * Runs the rules over the object's manifest: returns the messages that fail synth and prints the warnings.
   * @internal
   */
  public static _validate(apiObject: ApiObject, options: JobChecksOptions = {}): string[] {
    registered.add(apiObject);
    const settings = JobSettings.resolve(apiObject, { kubeVersion: options.kubeVersion, checkWarnings: options.warnings });
    const json = typeof (apiObject as any)._render === 'function' ? (apiObject as any)._render() : apiObject.toJson();
    // a tool that re-applies from git unless said: committing the YAML to a GitOps repo is cdk8s's main use
    const deployment = settings.deploymentTool ?? 'GitOps';
    const key = `${settings.kubeVersion}|${settings.checkWarnings}|${deployment}|${options.disable?.join(',') ?? ''}`;
    const known = checked.get(json);
    if (known && known.key === key) return known.failures;
    const failures: string[] = [];
    let checkOptions = checkOptionsByKey.get(key);
    if (checkOptions === undefined) {
      // one options object per setting, so the engine picks its rules once rather than once per Job
      checkOptions = { kubeVersion: settings.kubeVersion, disable: options.disable, deployment };
      checkOptionsByKey.set(key, checkOptions);
    }
    for (const target of findJobs(json)) {
      for (const finding of checkTarget(target, checkOptions)) {
        if (isBlocking(finding)) {
          failures.push(formatFinding(finding));
        } else if (finding.severity !== RuleSeverity.INFO) {
          if (settings.checkWarnings === CheckWarnings.FAIL) {
            failures.push(formatFinding(finding));
          } else if (settings.checkWarnings === CheckWarnings.PRINT) {
            // a construct's own Job ("Resource") is known to its user by the construct's path
            const owner = apiObject.node.id === 'Resource' && apiObject.node.scope ? apiObject.node.scope : apiObject;
            printOnce(apiObject, `[${owner.node.path}] ${finding.severity} ${formatFinding(finding)}\n`);
          }
        }
      }
    }
    checked.set(json, { key, failures });
    return failures;
  }

  private constructor() {}
}

function printOnce(scope: IConstruct, line: string): void {
  const seen = printed.get(scope) ?? new Set<string>();
  printed.set(scope, seen);
  if (seen.has(line)) return;
  seen.add(line);
  process.stderr.write(line);
}
