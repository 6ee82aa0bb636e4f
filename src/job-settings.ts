import { IConstruct } from 'constructs';
import type { CheckWarnings } from './job-checks';
import { KubeVersion } from './kube-version';
import { KueueOptions, KueueSettings, mergeKueue } from './kueue';

const KUBE_VERSION_KEY = 'cdk8s-jobs:kubeVersion';
const SAFE_DEFAULTS_KEY = 'cdk8s-jobs:safeDefaults';
const CHECK_WARNINGS_KEY = 'cdk8s-jobs:checkWarnings';
const DEPLOYMENT_TOOL_KEY = 'cdk8s-jobs:deploymentTool';
const WORK_ITEM_IMAGE_KEY = 'cdk8s-jobs:workItemImage';
const KUEUE_KEY = 'cdk8s-jobs:kueue';
/** Sets what synth does with checker warnings when no code does: print, fail or ignore. */
const CHECK_WARNINGS_ENV = 'CDK8S_JOBS_WARNINGS';

/**
 * What applies the synthesized manifests to the cluster. It decides whether a finished Job may be deleted by a TTL:
 * a tool that re-applies what is in git re-creates a deleted Job, and the Job runs again.
 */
export enum DeploymentTool {
  /**
   * Argo CD: auto-sync re-creates a tracked Job the TTL deleted (argo-cd#8586, #13851). Hooks
   * (`argocd.argoproj.io/hook`, and Helm hooks, which Argo CD maps to its own) are not tracked: they may have a TTL.
   */
  ARGO_CD = 'ArgoCD',
  /** Flux (kustomize-controller): every reconciliation re-applies what is missing, so no Job may have a TTL. */
  FLUX = 'Flux',
  /** Helm: `helm upgrade` re-creates a deleted release resource; hooks (`helm.sh/hook`) are not release resources. */
  HELM = 'Helm',
  /** Applied once (`kubectl create`, a one-off pipeline step): nothing re-creates a deleted Job, so a TTL is safe. */
  ONE_OFF = 'OneOff',
}

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

  /**
   * What deploys the manifests: with safe defaults a finished Job gets a TTL only where that tool will not
   * re-create it (a hook Job, or a one-off apply), and the checker warns about a TTL it would undo.
   *
   * @default - a tool that re-applies what is in git (Argo CD, Flux): tracked Jobs get no TTL
   */
  readonly deploymentTool?: DeploymentTool;

  /**
   * Image of the init container that writes a pod's work item (`WorkItems.fromList`); it needs `sh`, `printf`
   * and `cp`. Set it to a mirror for air-gapped clusters and registry allow-lists.
   *
   * @default 'docker.io/library/busybox:1.37.0'
   */
  readonly workItemImage?: string;

  /**
   * Queue every Job below the scope with Kueue: one LocalQueue, priority and MultiKueue choice (a construct's own
   * `kueue` wins field by field).
   *
   * @default - not queued
   */
  readonly kueue?: KueueSettings;
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
    if (options.deploymentTool !== undefined) {
      scope.node.setContext(DEPLOYMENT_TOOL_KEY, options.deploymentTool);
    }
    if (options.workItemImage !== undefined) {
      scope.node.setContext(WORK_ITEM_IMAGE_KEY, options.workItemImage);
    }
    if (options.kueue !== undefined) {
      const { queueName, priorityClass, multiKueue } = options.kueue;
      // the partial-admission minimum depends on each Job's parallelism: a construct's own setting
      if ((options.kueue as KueueOptions).minParallelism !== undefined) {
        throw new Error(`${scope.node.path || 'the app'}: JobSettings kueue.minParallelism is set; partial admission depends on each Job's parallelism, so set it on the construct`);
      }
      scope.node.setContext(KUEUE_KEY, { queueName, priorityClass, multiKueue });
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
      deploymentTool: own.deploymentTool ?? scope.node.tryGetContext(DEPLOYMENT_TOOL_KEY),
      workItemImage: own.workItemImage ?? scope.node.tryGetContext(WORK_ITEM_IMAGE_KEY),
      kueue: mergeKueue(scope.node.tryGetContext(KUEUE_KEY), own.kueue),
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
  /** What deploys the manifests, if said. */
  readonly deploymentTool?: DeploymentTool;
  /** The work-item helper image, if set. */
  readonly workItemImage?: string;
  /** How Kueue queues the Job: the construct's own options over the chart-wide ones. */
  readonly kueue?: KueueOptions;
}

function warningsFromEnvironment(): CheckWarnings {
  const value = process.env[CHECK_WARNINGS_ENV];
  if (value === undefined || value === '') return 'print' as CheckWarnings;
  if (!['print', 'fail', 'ignore'].includes(value)) {
    throw new Error(`${CHECK_WARNINGS_ENV} must be print, fail or ignore, got ${JSON.stringify(value)}`);
  }
  return value as CheckWarnings;
}
