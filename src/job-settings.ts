import { IConstruct } from 'constructs';
import type { CheckWarnings } from './job-checks';
import { KubeVersion } from './kube-version';

const KUBE_VERSION_KEY = 'cdk8s-jobs:kubeVersion';
const SAFE_DEFAULTS_KEY = 'cdk8s-jobs:safeDefaults';
const CHECK_WARNINGS_KEY = 'cdk8s-jobs:checkWarnings';
/** Sets what synth does with checker warnings when no code does: print, fail or ignore. */
const CHECK_WARNINGS_ENV = 'CDK8S_JOBS_WARNINGS';

/**
 * Settings shared by every cdk8s-jobs construct below a scope.
 */
export interface JobSettingsOptions {
  /**
   * The Kubernetes version manifests are synthesized and checked for.
   *
   * @default KubeVersion.V1_34
   */
  readonly kubeVersion?: KubeVersion;

  /**
   * Whether the constructs apply their safe defaults (retry budgets, disruption handling, TTL,
   * restricted security contexts, explicit index env, content-hashed names).
   * With `false`, a manifest holds only what you wrote.
   *
   * @default true
   */
  readonly safeDefaults?: boolean;

  /**
   * What synth does with checker warnings (api and semantics errors always fail synth).
   *
   * @default - the CDK8S_JOBS_WARNINGS environment variable (print, fail or ignore), else CheckWarnings.PRINT
   */
  readonly checkWarnings?: CheckWarnings;
}

/**
 * Settings for a whole app or chart, in one line:
 * `JobSettings.apply(app, { kubeVersion: KubeVersion.V1_31 })`.
 *
 * Call it before adding charts or constructs to the scope; a construct's own props win over it.
 */
export class JobSettings {
  /**
   * Applies settings to every cdk8s-jobs construct created below `scope`.
   */
  public static apply(scope: IConstruct, options: JobSettingsOptions): void {
    if (options.kubeVersion !== undefined) {
      scope.node.setContext(KUBE_VERSION_KEY, options.kubeVersion.toString());
    }
    if (options.safeDefaults !== undefined) {
      scope.node.setContext(SAFE_DEFAULTS_KEY, options.safeDefaults);
    }
    if (options.checkWarnings !== undefined) {
      scope.node.setContext(CHECK_WARNINGS_KEY, options.checkWarnings);
    }
  }

  /**
   * The settings in force for `scope`: the construct's own options, else the nearest `JobSettings.apply`, else the defaults.
   */
  public static resolve(scope: IConstruct, own: JobSettingsOptions = {}): ResolvedJobSettings {
    const version = scope.node.tryGetContext(KUBE_VERSION_KEY);
    return {
      kubeVersion: own.kubeVersion ?? (version !== undefined ? KubeVersion.of(String(version)) : KubeVersion.DEFAULT),
      safeDefaults: own.safeDefaults ?? scope.node.tryGetContext(SAFE_DEFAULTS_KEY) ?? true,
      checkWarnings: own.checkWarnings ?? scope.node.tryGetContext(CHECK_WARNINGS_KEY) ?? warningsFromEnvironment(),
    };
  }

  private constructor() {}
}

/**
 * Settings after every level has been consulted.
 */
export interface ResolvedJobSettings {
  /** The Kubernetes version in force. */
  readonly kubeVersion: KubeVersion;
  /** Whether safe defaults apply. */
  readonly safeDefaults: boolean;
  /** What synth does with checker warnings. */
  readonly checkWarnings: CheckWarnings;
}

function warningsFromEnvironment(): CheckWarnings {
  const value = process.env[CHECK_WARNINGS_ENV];
  if (value === undefined || value === '') return 'print' as CheckWarnings;
  if (!['print', 'fail', 'ignore'].includes(value)) {
    throw new Error(`${CHECK_WARNINGS_ENV} must be print, fail or ignore, got ${JSON.stringify(value)}`);
  }
  return value as CheckWarnings;
}
