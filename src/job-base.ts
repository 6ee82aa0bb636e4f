import { ApiObject, ApiObjectMetadata, Duration, Lazy, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { MAX_INT32 } from './checks/manifest';
import { newContainer, renderContainer, renderPodSecurityContext, withRestrictedSecurity, withoutUndefined } from './internal/containers';
import { COMPLETION_INDEX_FIELD, JOB_NAME_FIELD, indexEnvVar } from './internal/downward-api';
import { JobResource } from './internal/job-resource';
import { installKubectlSafeYaml } from './internal/kubectl-safe-yaml';
import { JobChecks } from './job-checks';
import { JobSettings } from './job-settings';
import { KubeVersion } from './kube-version';
import { PodFailurePolicyRule, SuccessPolicyRule } from './pod-failure-policy';
import { WorkItemsBinding } from './work-items';

// what cdk8s writes must read back through kubectl's reader as rendered (internal/kubectl-safe-yaml.ts)
installKubectlSafeYaml();

/** The env var the Job controller injects into every container of an Indexed Job. */
const INDEX_ENV = 'JOB_COMPLETION_INDEX';
const HASH_SUFFIX_LENGTH = 9; // "-" and 8 hex digits

/**
 * restartPolicy values a Job accepts (`Always` is rejected by the API server, so it is not offered).
 */
export enum JobRestartPolicy {
  /** A failed container fails its pod; the Job controller creates a replacement pod. Required by podFailurePolicy and backoffLimitPerIndex. */
  NEVER = 'Never',
  /** The kubelet restarts a failed container in place; restarts count against backoffLimit. */
  ON_FAILURE = 'OnFailure',
}

/**
 * When the Job controller creates a replacement for a failing pod.
 */
export enum PodReplacementPolicy {
  /** Only once the old pod has fully terminated (phase Failed): never two pods of one index at once. */
  FAILED = 'Failed',
  /** As soon as the old pod starts terminating. */
  TERMINATING_OR_FAILED = 'TerminatingOrFailed',
}

/**
 * The completion index as a file, through a downwardAPI volume.
 */
export interface IndexFileOptions {
  /** Absolute path of the file, e.g. `/etc/job/index`; its directory becomes the mount path. */
  readonly path: string;

  /**
   * Name of the downwardAPI volume.
   *
   * @default 'job-completion-index'
   */
  readonly volumeName?: string;
}

/**
 * Props shared by every cdk8s-jobs construct: the Job and pod template fields, and the defaults switch.
 */
export interface JobOptions {
  /**
   * Metadata of the Job (name, namespace, labels, annotations).
   *
   * @default - a name derived from the construct path (and, with content-hash naming, the spec)
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * Volumes of the pod; volumes mounted by a container are added on their own.
   *
   * @default - none
   */
  readonly volumes?: kplus.Volume[];

  /**
   * Failed pods the whole Job tolerates before it fails (reason BackoffLimitExceeded).
   *
   * @default - with safe defaults: 2147483647 when a per-index budget is set (the Kubernetes default then), else the
   * construct's own budget (6 for IndexedJob and OneShotJob, the worker count for WorkQueuePool, 0 for ShardedMigration
   * and SequentialPipeline), rendered explicitly; unset without safe defaults
   */
  readonly backoffLimit?: number;

  /**
   * Rules that decide what a pod failure means, evaluated in order.
   *
   * @default - with safe defaults and restartPolicy Never, `PodFailurePolicyRule.ignoreDisruptions()` first,
   * then these rules (it is left out when a rule of yours matches DisruptionTarget)
   */
  readonly podFailurePolicy?: PodFailurePolicyRule[];

  /**
   * When a replacement pod is created for a failing one.
   *
   * @default PodReplacementPolicy.FAILED with safe defaults on Kubernetes 1.29 or newer; otherwise the Kubernetes default
   * (Failed with a podFailurePolicy, else TerminatingOrFailed)
   */
  readonly podReplacementPolicy?: PodReplacementPolicy;

  /**
   * restartPolicy of the pod.
   *
   * @default JobRestartPolicy.NEVER
   */
  readonly restartPolicy?: JobRestartPolicy;

  /**
   * Time the Job may run, from its start, before it is failed (reason DeadlineExceeded); it takes precedence over the retry budgets.
   *
   * @default - no deadline
   */
  readonly activeDeadline?: Duration;

  /**
   * Time after the Job finishes (Complete or Failed) before it and its pods are deleted.
   *
   * @default Duration.days(1) with safe defaults; otherwise kept forever
   */
  readonly ttlAfterFinished?: Duration;

  /**
   * Create the Job suspended: no pods run until `suspend` is set to false.
   *
   * @default - not suspended (the field is left out, so a queue controller such as Kueue can manage it)
   */
  readonly suspend?: boolean;

  /**
   * The controller that reconciles the Job, as a domain-prefixed path; any value but `kubernetes.io/job-controller`
   * makes the built-in controller ignore the Job. Needs Kubernetes 1.32.
   *
   * @default - the built-in Job controller
   */
  readonly managedBy?: string;

  /**
   * Labels of the pod template.
   *
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };

  /**
   * Annotations of the pod template.
   *
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };

  /**
   * Service account the pods run as.
   *
   * @default - the namespace's default service account
   */
  readonly serviceAccount?: kplus.IServiceAccount;

  /**
   * Whether the service account token is mounted into the pods.
   *
   * @default false with safe defaults (Jobs rarely call the API server); otherwise the Kubernetes default (true)
   */
  readonly automountServiceAccountToken?: boolean;

  /**
   * Pod-level security context; only the fields you set are rendered.
   *
   * @default - none at pod level; with safe defaults each container gets the restricted controls
   */
  readonly podSecurityContext?: kplus.PodSecurityContextProps;

  /**
   * Time a pod is given to stop after SIGTERM.
   *
   * @default - 30 seconds (Kubernetes default)
   */
  readonly terminationGracePeriod?: Duration;

  /**
   * Node labels a pod's node must have.
   *
   * @default - any node
   */
  readonly nodeSelector?: { [key: string]: string };

  /**
   * PriorityClass of the pods.
   *
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;

  /**
   * Secret holding registry credentials (`imagePullSecrets`).
   *
   * @default - none
   */
  readonly dockerRegistryAuth?: kplus.ISecret;

  /**
   * Name the Job `<name>-<hash of its spec>`, pod template included, so that a changed Job becomes a new object
   * (a Job's template is immutable: GitOps tools would otherwise fail to update it).
   *
   * @default - true with safe defaults
   */
  readonly contentHashName?: boolean;

  /**
   * Apply the safe defaults (see each prop). With `false`, the manifest holds only what you wrote.
   *
   * @default - the value set with `JobSettings.apply`, else true
   */
  readonly safeDefaults?: boolean;

  /**
   * The Kubernetes version to synthesize for; fields it does not serve are refused.
   *
   * @default - the value set with `JobSettings.apply`, else KubeVersion.V1_34
   */
  readonly kubeVersion?: KubeVersion;
}

/**
 * The structure a construct gives its Job; the user's props and the safe defaults fill in the rest.
 * @internal
 */
export interface JobShape {
  readonly indexed: boolean;
  readonly completions?: number;
  readonly parallelism?: number;
  /** An explicit per-index budget (the user's, or one the construct needs). */
  readonly backoffLimitPerIndex?: number;
  /** The per-index budget the safe defaults add to an Indexed Job with restartPolicy Never. */
  readonly defaultBackoffLimitPerIndex?: number;
  /** The Job-wide budget the safe defaults render when there is no per-index budget. */
  readonly defaultBackoffLimit?: number;
  readonly maxFailedIndexes?: number;
  readonly successPolicy?: SuccessPolicyRule[];
  readonly workItems?: WorkItemsBinding;
  readonly indexEnvName?: string;
  readonly indexFile?: IndexFileOptions;
  readonly peerService?: boolean;
  readonly peerServiceName?: string;
  readonly subdomain?: string;
  readonly explicitIndexEnv?: boolean;
  /** Env entries (batch/v1 JSON) for every main container, after the index env. */
  readonly mainEnv?: any[];
  /** Annotations the construct puts on the Job (deploy hooks, suppressions with their reasons). */
  readonly annotations?: { [key: string]: string };
  /** Containers the construct derives at render time (a pipeline's steps), before those added with addContainer. */
  readonly renderedContainers?: () => { initContainers: kplus.ContainerProps[]; containers: kplus.ContainerProps[] };
}

interface ContainerEntry {
  readonly container: kplus.Container;
  readonly props: kplus.ContainerProps;
}

/**
 * What every cdk8s-jobs construct has in common: one batch/v1 Job rendered from plain JSON (so no field is
 * filtered out), its pod template built from cdk8s-plus container and volume types, the safe defaults applied
 * in one place, content-hashed naming, and the semantics checker run at synth.
 */
export abstract class JobBase extends Construct {
  private _state?: JobState;

  protected constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** The Job API object, for escape hatches such as `addJsonPatch`. */
  public get apiObject(): ApiObject {
    return this.state.apiObject;
  }

  /** The Service created for pod-to-pod DNS, if any. */
  public get peerService(): ApiObject | undefined {
    return this.state.peerService;
  }

  /**
   * The Job name as synthesized. With content-hash naming it depends on the whole spec, so read it
   * once the Job is complete (all containers added).
   */
  public get name(): string {
    return (this.apiObject as JobResource)._render().metadata.name;
  }

  /** The Job-wide retry budget in force, if rendered. */
  public get backoffLimit(): number | undefined {
    return this.state.backoffLimit;
  }

  /** The per-index retry budget in force, if rendered. */
  public get backoffLimitPerIndex(): number | undefined {
    return this.state.backoffLimitPerIndex;
  }

  /** The podReplacementPolicy in force, if rendered. */
  public get podReplacementPolicy(): PodReplacementPolicy | undefined {
    return this.state.podReplacementPolicy;
  }

  /** The restartPolicy of the pod. */
  public get restartPolicy(): JobRestartPolicy {
    return this.state.restartPolicy;
  }

  /** The TTL in force, if rendered. */
  public get ttlAfterFinished(): Duration | undefined {
    return this.state.ttlAfterFinished;
  }

  /** Whether the service account token is mounted, if rendered. */
  public get automountServiceAccountToken(): boolean | undefined {
    return this.state.automountServiceAccountToken;
  }

  /** Whether safe defaults apply to this Job. */
  public get safeDefaults(): boolean {
    return this.state.safeDefaults;
  }

  /** The Kubernetes version the Job is synthesized for. */
  public get kubeVersion(): KubeVersion {
    return this.state.kubeVersion;
  }

  /**
   * Adds a container to the pod.
   */
  public addContainer(props: kplus.ContainerProps): kplus.Container {
    const container = newContainer(this, `containers[${this.state.containers.length}]`, props);
    this.state.containers.push({ container, props });
    this._changed();
    return container;
  }

  /**
   * Adds an init container; init containers run in the order they were added, before the containers.
   */
  public addInitContainer(props: kplus.ContainerProps): kplus.Container {
    const container = newContainer(this, `initContainers[${this.state.initContainers.length}]`, props);
    this.state.initContainers.push({ container, props });
    this._changed();
    return container;
  }

  /**
   * Adds a volume to the pod (volumes mounted by a container are added on their own).
   */
  public addVolume(volume: kplus.Volume): void {
    this.state.volumes.push(volume);
    this._changed();
  }

  /**
   * Marks the Job as changed, so a render made before is not reused; subclasses call it when they change
   * what the Job renders.
   * @internal
   */
  protected _changed(): void {
    this.state.generation++;
  }

  /**
   * Applies the defaults and creates the Job; each subclass calls it once, from its constructor.
   * @internal
   */
  protected _setup(props: JobOptions, shape: JobShape): void {
    if (this._state) throw new Error(`${this.node.path}: the Job is already set up`);
    const settings = JobSettings.resolve(this, props);
    const safe = settings.safeDefaults;

    // the safe defaults, in one place
    const restartPolicy = props.restartPolicy ?? JobRestartPolicy.NEVER;
    const never = restartPolicy === JobRestartPolicy.NEVER;
    // per-index budgets and replacement policy are served from 1.29 on; older targets keep the Job-wide budget
    const perIndexServed = settings.kubeVersion.isAtLeast(KubeVersion.V1_29);
    const backoffLimitPerIndex = shape.backoffLimitPerIndex
      ?? (safe && never && perIndexServed && shape.indexed ? shape.defaultBackoffLimitPerIndex : undefined);
    const backoffLimit = props.backoffLimit
      ?? (safe ? (backoffLimitPerIndex !== undefined ? MAX_INT32 : shape.defaultBackoffLimit ?? 6) : undefined);
    const podFailureRules = [...props.podFailurePolicy ?? []];
    const ignoreDisruptions = safe && never && !podFailureRules.some(rule => rule._matchesCondition('DisruptionTarget'));
    const hashName = props.contentHashName ?? safe;

    const state: JobState = {
      props,
      shape,
      safeDefaults: safe,
      kubeVersion: settings.kubeVersion,
      restartPolicy,
      backoffLimit,
      backoffLimitPerIndex,
      podReplacementPolicy: props.podReplacementPolicy ?? (safe && perIndexServed ? PodReplacementPolicy.FAILED : undefined),
      ttlAfterFinished: props.ttlAfterFinished ?? (safe ? Duration.days(1) : undefined),
      automountServiceAccountToken: props.automountServiceAccountToken ?? (safe ? false : undefined),
      podFailureRules: [...ignoreDisruptions ? [PodFailurePolicyRule.ignoreDisruptions()] : [], ...podFailureRules],
      explicitIndexEnv: shape.indexed && ((shape.explicitIndexEnv ?? safe) || (shape.workItems?.referencesIndexEnv ?? false)),
      containers: [],
      initContainers: [],
      volumes: [...props.volumes ?? []],
      generation: 0,
      apiObject: undefined as any,
    };
    this._state = state;

    const baseName = props.metadata?.name ?? this.derivedName(hashName, shape);
    const annotations = { ...shape.annotations, ...props.metadata?.annotations };
    state.apiObject = new JobResource(this, 'Resource', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { ...props.metadata, name: baseName, annotations: Object.keys(annotations).length > 0 ? annotations : undefined },
      spec: Lazy.any({ produce: () => this._toKube() }),
    }, hashName ? { baseName, salt: props.metadata?.name ? '' : this.node.path } : undefined, () => this.renderStamp());

    if (shape.peerService) {
      state.peerService = new ApiObject(this, 'PeerService', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: withoutUndefined({ name: shape.peerServiceName ?? this.peerServiceDefaultName(), namespace: props.metadata?.namespace }),
        spec: {
          clusterIP: 'None',
          selector: { 'job-name': Lazy.any({ produce: () => this.name }) },
        },
      });
    }

    this.node.addValidation({ validate: () => JobChecks._validate(state.apiObject, { kubeVersion: state.kubeVersion }) });
  }

  /**
   * The Job spec as batch/v1 JSON.
   * @internal
   */
  public _toKube(): any {
    const { props, shape } = this.state;
    const rules = this.state.podFailureRules;
    return withoutUndefined({
      completionMode: shape.indexed ? 'Indexed' : undefined,
      completions: shape.completions,
      parallelism: shape.parallelism,
      backoffLimit: this.state.backoffLimit,
      backoffLimitPerIndex: this.state.backoffLimitPerIndex,
      maxFailedIndexes: shape.maxFailedIndexes,
      podFailurePolicy: rules.length > 0 ? { rules: rules.map(rule => rule._toKube()) } : undefined,
      successPolicy: shape.successPolicy ? { rules: shape.successPolicy.map(rule => ({ ...rule })) } : undefined,
      podReplacementPolicy: this.state.podReplacementPolicy,
      activeDeadlineSeconds: props.activeDeadline?.toSeconds(),
      ttlSecondsAfterFinished: this.state.ttlAfterFinished?.toSeconds(),
      suspend: props.suspend,
      managedBy: props.managedBy,
      template: this.renderPodTemplate(),
    });
  }

  /** What a render depends on that can change after construction; see JobResource. */
  private renderStamp(): string {
    const parts: Array<string | number> = [this.state.generation];
    for (const { container } of [...this.state.initContainers, ...this.state.containers]) {
      // the cdk8s-plus container handed back by addContainer can still be changed: mounts, ports, env
      const env = container.env as any;
      parts.push(container.mounts.length, container.ports.length, env._sources.length, JSON.stringify(env._variables));
    }
    return parts.join(',');
  }

  private get state(): JobState {
    if (!this._state) throw new Error(`${this.node.path}: the Job is not set up yet (a subclass must call _setup in its constructor)`);
    return this._state;
  }

  private renderPodTemplate(): any {
    const { props, shape } = this.state;
    const metadata = withoutUndefined({ labels: props.podLabels, annotations: props.podAnnotations });
    const subdomain = shape.subdomain ?? this.state.peerService?.name;
    const entries = this.containerEntries();
    const spec = withoutUndefined({
      restartPolicy: this.state.restartPolicy,
      initContainers: this.renderContainers(entries.initContainers, true),
      containers: this.renderContainers(entries.containers, false),
      volumes: this.renderVolumes(entries),
      subdomain,
      serviceAccountName: props.serviceAccount?.name,
      automountServiceAccountToken: this.state.automountServiceAccountToken,
      securityContext: renderPodSecurityContext(props.podSecurityContext),
      terminationGracePeriodSeconds: props.terminationGracePeriod?.toSeconds(),
      nodeSelector: props.nodeSelector,
      priorityClassName: props.priorityClassName,
      imagePullSecrets: props.dockerRegistryAuth ? [{ name: props.dockerRegistryAuth.name }] : undefined,
    });
    return withoutUndefined({ metadata: Object.keys(metadata).length > 0 ? metadata : undefined, spec });
  }

  /** The construct's render-time containers, then those added with addContainer and addInitContainer. */
  private containerEntries(): { initContainers: ContainerEntry[]; containers: ContainerEntry[] } {
    const derived = this.state.shape.renderedContainers?.() ?? { initContainers: [], containers: [] };
    const entry = (field: string) => (props: kplus.ContainerProps, i: number) => ({ container: newContainer(this, `${field}[${i}]`, props), props });
    return {
      initContainers: [...derived.initContainers.map(entry('initContainers')), ...this.state.initContainers],
      containers: [...derived.containers.map(entry('containers')), ...this.state.containers],
    };
  }

  private renderContainers(entries: ContainerEntry[], init: boolean): any[] | undefined {
    const helpers = init ? this.state.shape.workItems?.initContainers ?? [] : [];
    const rendered = [
      ...helpers,
      ...entries.map(({ container, props }) => this.wireContainer(renderContainer(container, props), !init)),
    ].map(c => this.state.safeDefaults ? withRestrictedSecurity(c) : c);
    return rendered.length > 0 ? rendered : undefined;
  }

  /** Adds the index env, the construct's env, and the work-item and index-file mounts to a user container. */
  private wireContainer(container: any, main: boolean): any {
    const shape = this.state.shape;
    const env: any[] = [];
    if (this.state.explicitIndexEnv) {
      env.push(indexEnvVar(INDEX_ENV));
      if (this.state.peerService) {
        env.push({ name: 'JOB_NAME', valueFrom: { fieldRef: { fieldPath: JOB_NAME_FIELD } } });
      }
    }
    if (shape.indexEnvName) env.push(indexEnvVar(shape.indexEnvName));
    if (main) env.push(...shape.mainEnv ?? [], ...shape.workItems?.env ?? []);
    const own: any[] = container.env ?? [];
    const names = new Set<string>();
    for (const entry of env) {
      // two of the construct's own settings (an index env name, a URL env name, work items) chose one name
      if (names.has(entry.name)) {
        throw new Error(`${this.node.path}: ${this.constructor.name} would set env ${entry.name} twice; give its env-name props distinct names`);
      }
      names.add(entry.name);
      if (own.some(e => e.name === entry.name)) {
        throw new Error(`${this.node.path}: container ${JSON.stringify(container.name)} sets env ${entry.name}, which ${this.constructor.name} sets `
          + `itself (${entry.valueFrom ? 'from the downward API' : JSON.stringify(entry.value)}); remove it or rename it`);
      }
    }
    const mounts: any[] = [...container.volumeMounts ?? []];
    if (main && shape.workItems) mounts.push(...shape.workItems.mounts);
    if (shape.indexFile) mounts.push({ name: this.indexFileVolumeName, mountPath: dirname(shape.indexFile.path) });
    return withoutUndefined({
      ...container,
      env: env.length + own.length > 0 ? [...env, ...own] : undefined,
      volumeMounts: mounts.length > 0 ? mounts : undefined,
    });
  }

  /**
   * A Service name must be a DNS-1035 label (it starts with a letter). cdk8s derives one from the construct path,
   * which starts with a digit under a chart id such as "1-batch"; only then is it prefixed.
   */
  private peerServiceDefaultName(): string | undefined {
    const derived = Names.toDnsLabel(this, { extra: ['PeerService'] });
    return /^[a-z]/.test(derived) ? undefined : `svc-${Names.toDnsLabel(this, { extra: ['PeerService'], maxLen: 59 })}`;
  }

  private get indexFileVolumeName(): string {
    return this.state.shape.indexFile?.volumeName ?? 'job-completion-index';
  }

  private renderVolumes(entries: { initContainers: ContainerEntry[]; containers: ContainerEntry[] }): any[] | undefined {
    const byName = new Map<string, any>();
    const add = (volume: any) => {
      const existing = byName.get(volume.name);
      if (existing && JSON.stringify(existing) !== JSON.stringify(volume)) {
        throw new Error(`${this.node.path}: two different volumes are named ${JSON.stringify(volume.name)}; volume names must be unique in a pod`);
      }
      byName.set(volume.name, volume);
    };
    this.state.shape.workItems?.volumes.forEach(add);
    const mounted = [...entries.initContainers, ...entries.containers].flatMap(({ container }) => container.mounts.map(m => m.volume));
    [...this.state.volumes, ...mounted].forEach(v => add(kplus.k8s.toJson_Volume(v._toKube())));
    const indexFile = this.state.shape.indexFile;
    if (indexFile) {
      if (!indexFile.path.startsWith('/') || indexFile.path.endsWith('/')) {
        throw new Error(`${this.node.path}: indexFile.path must be an absolute file path such as "/etc/job/index", got ${JSON.stringify(indexFile.path)}`);
      }
      add({
        name: this.indexFileVolumeName,
        downwardAPI: { items: [{ path: basename(indexFile.path), fieldRef: { fieldPath: COMPLETION_INDEX_FIELD } }] },
      });
    }
    return byName.size > 0 ? [...byName.values()] : undefined;
  }

  /**
   * A DNS-label name from the construct path, short enough that the hash suffix and the highest index still fit in 63 characters.
   */
  private derivedName(withHash: boolean, shape: JobShape): string {
    const completions = Math.max(shape.completions ?? 0, 100);
    const lastIndexSuffix = shape.indexed ? `-${completions - 1}`.length : 0;
    const maxLen = 63 - lastIndexSuffix - (withHash ? HASH_SUFFIX_LENGTH : 0);
    return Names.toDnsLabel(this, { includeHash: !withHash, maxLen });
  }
}

interface JobState {
  readonly props: JobOptions;
  readonly shape: JobShape;
  readonly safeDefaults: boolean;
  readonly kubeVersion: KubeVersion;
  readonly restartPolicy: JobRestartPolicy;
  readonly backoffLimit?: number;
  readonly backoffLimitPerIndex?: number;
  readonly podReplacementPolicy?: PodReplacementPolicy;
  readonly ttlAfterFinished?: Duration;
  readonly automountServiceAccountToken?: boolean;
  readonly podFailureRules: PodFailurePolicyRule[];
  readonly explicitIndexEnv: boolean;
  readonly containers: ContainerEntry[];
  readonly initContainers: ContainerEntry[];
  readonly volumes: kplus.Volume[];
  apiObject: ApiObject;
  peerService?: ApiObject;
  generation: number;
}

function dirname(path: string): string {
  const dir = path.slice(0, path.lastIndexOf('/'));
  return dir === '' ? '/' : dir;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
