import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { CheckProfile, ResolvedCheckConfig, resolveCheckConfig } from './checks/config';
import { findJobs } from './checks/documents';
import { CheckOptions, checkTarget, formatFinding, isBlocking } from './checks/engine';
import { IJobRule, RuleSeverity } from './checks/rule';
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

  /**
   * Rules of your own, run beside the built-in ones on every Job below the scope, cdk8s-jobs constructs included.
   * An error of yours fails synth.
   *
   * @default - none
   */
  readonly rules?: IJobRule[];

  /**
   * A named set of levels (PSS baseline or restricted, strict, GitOps).
   *
   * @default CheckProfile.RECOMMENDED
   */
  readonly profile?: CheckProfile;

  /**
   * Levels per rule id, over the profile's. A rule raised to error fails synth, whatever its category.
   *
   * @default - each rule's own
   */
  readonly severities?: { [ruleId: string]: RuleSeverity };
}

/** The options `JobChecks.apply` was given per scope: constructs below it use them too. */
const appliedOptions = new WeakMap<IConstruct, JobChecksOptions>();
/** The configuration of a run that names none. */
const DEFAULT_CONFIG = resolveCheckConfig();
/** Each options object resolved once. */
const resolvedConfigs = new WeakMap<JobChecksOptions, ResolvedCheckConfig>();
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
    // a bad rule or level fails here, at the call, not in the middle of synth
    resolvedConfigs.set(options, resolveCheckConfig(options));
    appliedOptions.set(scope, options);
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
  public static _validate(apiObject: ApiObject, own: JobChecksOptions = {}): string[] {
    registered.add(apiObject);
    const options = withApplied(apiObject, own);
    const plain = options.rules === undefined && options.profile === undefined && options.severities === undefined && options.disable === undefined;
    let config = plain ? DEFAULT_CONFIG : resolvedConfigs.get(options);
    if (config === undefined) {
      config = resolveCheckConfig(options);
      resolvedConfigs.set(options, config);
    }
    const settings = JobSettings.resolve(apiObject, { kubeVersion: options.kubeVersion, checkWarnings: options.warnings });
    const json = typeof (apiObject as any)._render === 'function' ? (apiObject as any)._render() : apiObject.toJson();
    // a tool that re-applies from git unless said: committing the YAML to a GitOps repo is cdk8s's main use
    const deployment = settings.deploymentTool ?? 'GitOps';
    const key = `${settings.kubeVersion}|${settings.checkWarnings}|${deployment}|${configKey(options, config)}`;
    const known = checked.get(json);
    if (known && known.key === key) return known.failures;
    const failures: string[] = [];
    let checkOptions = checkOptionsByKey.get(key);
    if (checkOptions === undefined) {
      // one options object per setting, so the engine picks its rules once rather than once per Job
      checkOptions = { kubeVersion: settings.kubeVersion, rules: config.rules, severities: config.severities, disable: config.disable, deployment };
      checkOptionsByKey.set(key, checkOptions);
    }
    for (const target of findJobs(json)) {
      for (const finding of checkTarget(target, checkOptions)) {
        // a level configuration raised to error is the user's word: it fails synth whatever the category
        if (isBlocking(finding) || (finding.severity === RuleSeverity.ERROR && config.severities.get(finding.ruleId) === RuleSeverity.ERROR)
          || (finding.severity === RuleSeverity.ERROR && !/^JOB\d{3}$/.test(finding.ruleId))) {
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

/** The options of the nearest `JobChecks.apply` above the object, under the object's own. */
function withApplied(apiObject: IConstruct, own: JobChecksOptions): JobChecksOptions {
  for (let scope: IConstruct | undefined = apiObject; scope !== undefined; scope = scope.node.scope) {
    const applied = appliedOptions.get(scope);
    if (applied === undefined) continue;
    if (applied === own) return own;
    // a construct raises a rule for itself (a queued Job's JOB118); a level the user applied is the user's word and wins
    const severities = own.severities !== undefined && applied.severities !== undefined ? { ...own.severities, ...applied.severities } : undefined;
    const merged: JobChecksOptions = {
      ...applied,
      ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)),
      ...severities !== undefined ? { severities } : {},
    };
    // one merged object per pair, so that its resolution and the engine's rule choice are made once
    return mergedOptions(applied, own, merged);
  }
  return own;
}

const merges = new WeakMap<JobChecksOptions, Map<string, JobChecksOptions>>();
function mergedOptions(applied: JobChecksOptions, own: JobChecksOptions, merged: JobChecksOptions): JobChecksOptions {
  const key = JSON.stringify({ kubeVersion: own.kubeVersion?.toString(), warnings: own.warnings, disable: own.disable, severities: own.severities });
  const byOwn = merges.get(applied) ?? new Map<string, JobChecksOptions>();
  merges.set(applied, byOwn);
  let found = byOwn.get(key);
  if (found === undefined) {
    found = merged;
    byOwn.set(key, found);
  }
  return found;
}

/** What makes two configurations differ, for the render cache. */
function configKey(options: JobChecksOptions, config: ResolvedCheckConfig): string {
  return [config.disable.join(','), [...config.severities].map(([id, s]) => `${id}=${s}`).join(','), (options.rules ?? []).map(r => r.id).join(',')].join('|');
}

function printOnce(scope: IConstruct, line: string): void {
  const seen = printed.get(scope) ?? new Set<string>();
  printed.set(scope, seen);
  if (seen.has(line)) return;
  seen.add(line);
  process.stderr.write(line);
}
