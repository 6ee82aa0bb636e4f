import { ApiObject, ApiObjectMetadata, Duration, Lazy, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { MAX_INT32 } from './checks/manifest';
import { renderContainer, renderPodSecurityContext, withRestrictedSecurity, withoutUndefined } from './internal/containers';
import { COMPLETION_INDEX_FIELD, JOB_NAME_FIELD, indexEnvVar } from './internal/downward-api';
import { JobResource } from './internal/job-resource';
import { JobChecks } from './job-checks';
import { JobSettings } from './job-settings';
import { KubeVersion } from './kube-version';
import { PodFailurePolicyRule, SuccessPolicyRule } from './pod-failure-policy';
import { WorkItems, WorkItemsBinding } from './work-items';

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
 * Props of an `IndexedJob`.
 */
export interface IndexedJobProps {
  /**
   * Metadata of the Job (name, namespace, labels, annotations).
   *
   * @default - a name derived from the construct path (and, with content-hash naming, the spec)
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * Containers of the pod; more can be added with `addContainer`.
   *
   * @default - none; at least one must be added before synth
   */
  readonly containers?: kplus.ContainerProps[];

  /**
   * Init containers of the pod, run in order before the containers; more with `addInitContainer`.
   *
   * @default - none
   */
  readonly initContainers?: kplus.ContainerProps[];

  /**
   * Volumes of the pod; volumes mounted by a container are added on their own.
   *
   * @default - none
   */
  readonly volumes?: kplus.Volume[];

  /**
   * Number of indexes, 0 to completions-1; the Job succeeds when every index has a succeeded pod.
   *
   * @default - the number of work items; required without `workItems`
   */
  readonly completions?: number;

  /**
   * How many pods run at once.
   *
   * @default - 1 (Kubernetes default)
   */
  readonly parallelism?: number;

  /**
   * How each index maps to the work it does: `WorkItems.fromList`, `fromPattern` or `partition`.
   *
   * @default - the index alone
   */
  readonly workItems?: WorkItems;

  /**
   * Failed pods the whole Job tolerates before it fails (reason BackoffLimitExceeded).
   *
   * @default - 2147483647 with backoffLimitPerIndex (the Kubernetes default then: the per-index budget rules),
   * else 6 (the Kubernetes default), rendered explicitly; unset without safe defaults
   */
  readonly backoffLimit?: number;

  /**
   * Retries of each index; an index that uses them up is failed and not retried, while the other indexes go on.
   *
   * @default 1 with safe defaults, restartPolicy Never and Kubernetes 1.29 or newer; otherwise unset
   */
  readonly backoffLimitPerIndex?: number;

  /**
   * Failed indexes the Job tolerates before it fails (reason MaxFailedIndexesExceeded); needs backoffLimitPerIndex.
   *
   * @default - unset: every index runs, and the Job fails at the end if any index failed
   */
  readonly maxFailedIndexes?: number;

  /**
   * Rules that decide what a pod failure means, evaluated in order.
   *
   * @default - with safe defaults and restartPolicy Never, `PodFailurePolicyRule.ignoreDisruptions()` first,
   * then these rules (it is left out when a rule of yours matches DisruptionTarget)
   */
  readonly podFailurePolicy?: PodFailurePolicyRule[];

  /**
   * Rules under which the Job succeeds before every index has.
   *
   * @default - the Job succeeds when every index has succeeded
   */
  readonly successPolicy?: SuccessPolicyRule[];

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
   * Also expose the completion index under this env var name (e.g. `SHARD_INDEX`), in every container.
   *
   * @default - only JOB_COMPLETION_INDEX
   */
  readonly indexEnvName?: string;

  /**
   * Also expose the completion index as a file, through a downwardAPI volume mounted into every container.
   *
   * @default - no file
   */
  readonly indexFile?: IndexFileOptions;

  /**
   * Create a headless Service and set the pod `subdomain`, so that pods reach each other as
   * `<job-name>-<index>.<service>` (the Job name is in the env var JOB_NAME with safe defaults).
   *
   * @default false
   */
  readonly peerService?: boolean;

  /**
   * Name of the headless Service created by `peerService`.
   *
   * @default - derived from the construct path
   */
  readonly peerServiceName?: string;

  /**
   * Pod `subdomain`, for a headless Service you manage yourself.
   *
   * @default - the peer Service name with `peerService`, else none
   */
  readonly subdomain?: string;

  /**
   * Declare JOB_COMPLETION_INDEX (and JOB_NAME with `peerService`) as explicit downward-API env vars, first in
   * every container, so the YAML shows where the index comes from and later env vars can use `$(JOB_COMPLETION_INDEX)`
   * (the controller appends its own copy last, where earlier entries cannot reference it).
   *
   * @default - true with safe defaults; always when `WorkItems.fromPattern` needs it
   */
  readonly explicitIndexEnv?: boolean;

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
 * A batch/v1 Job with `completionMode: Indexed`: `completions` pods, each with its own index 0..completions-1,
 * at most `parallelism` at a time.
 *
 * Each container reads its index from JOB_COMPLETION_INDEX; `workItems` maps the index to the work it does.
 * The manifest is checked at synth against the API server's create-time validation and the Job controller's
 * behaviour: an error names the construct path, the field and the value.
 */
export class IndexedJob extends Construct {
  /** The Job API object, for escape hatches such as `addJsonPatch`. */
  public readonly apiObject: ApiObject;
  /** The Service created by `peerService`, if any. */
  public readonly peerService?: ApiObject;

  /** Number of indexes. */
  public readonly completions: number;
  /** Pods at once, if set. */
  public readonly parallelism?: number;
  /** The Job-wide retry budget in force, if rendered. */
  public readonly backoffLimit?: number;
  /** The per-index retry budget in force, if rendered. */
  public readonly backoffLimitPerIndex?: number;
  /** The podReplacementPolicy in force, if rendered. */
  public readonly podReplacementPolicy?: PodReplacementPolicy;
  /** The restartPolicy of the pod. */
  public readonly restartPolicy: JobRestartPolicy;
  /** The TTL in force, if rendered. */
  public readonly ttlAfterFinished?: Duration;
  /** Whether the service account token is mounted, if rendered. */
  public readonly automountServiceAccountToken?: boolean;
  /** Whether safe defaults apply to this Job. */
  public readonly safeDefaults: boolean;
  /** The Kubernetes version the Job is synthesized for. */
  public readonly kubeVersion: KubeVersion;

  private readonly props: IndexedJobProps;
  private readonly containers: Array<{ container: kplus.Container; props: kplus.ContainerProps }> = [];
  private readonly initContainers: Array<{ container: kplus.Container; props: kplus.ContainerProps }> = [];
  private readonly volumes: kplus.Volume[] = [];
  private readonly podFailureRules: PodFailurePolicyRule[];
  private readonly ignoreDisruptions: boolean;
  private readonly explicitIndexEnv: boolean;
  private readonly workItems?: WorkItemsBinding;

  constructor(scope: Construct, id: string, props: IndexedJobProps = {}) {
    super(scope, id);
    this.props = props;
    const settings = JobSettings.resolve(this, props);
    this.safeDefaults = settings.safeDefaults;
    this.kubeVersion = settings.kubeVersion;
    const safe = this.safeDefaults;

    this.workItems = props.workItems?._bind(this, safe);
    this.completions = this.resolveCompletions(props.completions, this.workItems?.completions);
    this.parallelism = props.parallelism;

    // the safe defaults, in one place
    this.restartPolicy = props.restartPolicy ?? JobRestartPolicy.NEVER;
    const never = this.restartPolicy === JobRestartPolicy.NEVER;
    // per-index budgets and replacement policy are served from 1.29 on; older targets keep the Job-wide budget
    const perIndexServed = this.kubeVersion.isAtLeast(KubeVersion.V1_29);
    this.backoffLimitPerIndex = props.backoffLimitPerIndex ?? (safe && never && perIndexServed ? 1 : undefined);
    this.backoffLimit = props.backoffLimit ?? (safe ? (this.backoffLimitPerIndex !== undefined ? MAX_INT32 : 6) : undefined);
    this.podReplacementPolicy = props.podReplacementPolicy ?? (safe && perIndexServed ? PodReplacementPolicy.FAILED : undefined);
    this.ttlAfterFinished = props.ttlAfterFinished ?? (safe ? Duration.days(1) : undefined);
    this.automountServiceAccountToken = props.automountServiceAccountToken ?? (safe ? false : undefined);
    this.podFailureRules = [...props.podFailurePolicy ?? []];
    this.ignoreDisruptions = safe && never && !this.podFailureRules.some(rule => rule._matchesCondition('DisruptionTarget'));
    this.explicitIndexEnv = (props.explicitIndexEnv ?? safe) || (this.workItems?.referencesIndexEnv ?? false);

    const hashName = props.contentHashName ?? safe;
    const baseName = props.metadata?.name ?? this.derivedName(hashName);
    this.apiObject = new JobResource(this, 'Resource', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { ...props.metadata, name: baseName },
      spec: Lazy.any({ produce: () => this._toKube() }),
    }, hashName ? { baseName, salt: props.metadata?.name ? '' : this.node.path } : undefined);

    if (props.peerService) {
      this.peerService = new ApiObject(this, 'PeerService', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: withoutUndefined({ name: props.peerServiceName, namespace: props.metadata?.namespace }),
        spec: {
          clusterIP: 'None',
          selector: { 'job-name': Lazy.any({ produce: () => this.name }) },
        },
      });
    }

    props.containers?.forEach(c => this.addContainer(c));
    props.initContainers?.forEach(c => this.addInitContainer(c));
    props.volumes?.forEach(v => this.addVolume(v));

    this.node.addValidation({ validate: () => this.validateManifest() });
  }

  /**
   * The Job name as synthesized. With content-hash naming it depends on the whole spec, so read it
   * once the Job is complete (all containers added).
   */
  public get name(): string {
    return this.apiObject.toJson().metadata.name;
  }

  /**
   * Adds a container to the pod.
   */
  public addContainer(props: kplus.ContainerProps): kplus.Container {
    const container = new kplus.Container(props);
    this.containers.push({ container, props });
    return container;
  }

  /**
   * Adds an init container; init containers run in the order they were added, before the containers.
   */
  public addInitContainer(props: kplus.ContainerProps): kplus.Container {
    const container = new kplus.Container(props);
    this.initContainers.push({ container, props });
    return container;
  }

  /**
   * Adds a volume to the pod (volumes mounted by a container are added on their own).
   */
  public addVolume(volume: kplus.Volume): void {
    this.volumes.push(volume);
  }

  /**
   * The Job spec as batch/v1 JSON.
   * @internal
   */
  public _toKube(): any {
    const podFailurePolicy = [
      ...this.ignoreDisruptions ? [PodFailurePolicyRule.ignoreDisruptions()] : [],
      ...this.podFailureRules,
    ];
    return withoutUndefined({
      completionMode: 'Indexed',
      completions: this.completions,
      parallelism: this.parallelism,
      backoffLimit: this.backoffLimit,
      backoffLimitPerIndex: this.backoffLimitPerIndex,
      maxFailedIndexes: this.props.maxFailedIndexes,
      podFailurePolicy: podFailurePolicy.length > 0 ? { rules: podFailurePolicy.map(rule => rule._toKube()) } : undefined,
      successPolicy: this.props.successPolicy ? { rules: this.props.successPolicy.map(rule => ({ ...rule })) } : undefined,
      podReplacementPolicy: this.podReplacementPolicy,
      activeDeadlineSeconds: this.props.activeDeadline?.toSeconds(),
      ttlSecondsAfterFinished: this.ttlAfterFinished?.toSeconds(),
      suspend: this.props.suspend,
      managedBy: this.props.managedBy,
      template: this.renderPodTemplate(),
    });
  }

  private renderPodTemplate(): any {
    const props = this.props;
    const metadata = withoutUndefined({ labels: props.podLabels, annotations: props.podAnnotations });
    const subdomain = props.subdomain ?? (this.peerService ? this.peerService.name : undefined);
    const spec = withoutUndefined({
      restartPolicy: this.restartPolicy,
      initContainers: this.renderContainers(this.initContainers, true),
      containers: this.renderContainers(this.containers, false),
      volumes: this.renderVolumes(),
      subdomain,
      serviceAccountName: props.serviceAccount?.name,
      automountServiceAccountToken: this.automountServiceAccountToken,
      securityContext: renderPodSecurityContext(props.podSecurityContext),
      terminationGracePeriodSeconds: props.terminationGracePeriod?.toSeconds(),
      nodeSelector: props.nodeSelector,
      priorityClassName: props.priorityClassName,
      imagePullSecrets: props.dockerRegistryAuth ? [{ name: props.dockerRegistryAuth.name }] : undefined,
    });
    return withoutUndefined({ metadata: Object.keys(metadata).length > 0 ? metadata : undefined, spec });
  }

  private renderContainers(entries: Array<{ container: kplus.Container; props: kplus.ContainerProps }>, init: boolean): any[] | undefined {
    const helpers = init ? this.workItems?.initContainers ?? [] : [];
    const rendered = [
      ...helpers,
      ...entries.map(({ container, props }) => this.wireContainer(renderContainer(container, props), !init)),
    ].map(c => this.safeDefaults ? withRestrictedSecurity(c) : c);
    return rendered.length > 0 ? rendered : undefined;
  }

  /** Adds the index env, the work-item env and mounts, and the index file mount to a user container. */
  private wireContainer(container: any, main: boolean): any {
    const env: any[] = [];
    if (this.explicitIndexEnv) {
      env.push(indexEnvVar(INDEX_ENV));
      if (this.peerService) {
        env.push({ name: 'JOB_NAME', valueFrom: { fieldRef: { fieldPath: JOB_NAME_FIELD } } });
      }
    }
    if (this.props.indexEnvName) {
      env.push(indexEnvVar(this.props.indexEnvName));
    }
    if (main && this.workItems) {
      env.push(...this.workItems.env);
    }
    const own: any[] = container.env ?? [];
    for (const entry of env) {
      if (own.some(e => e.name === entry.name)) {
        throw new Error(`${this.node.path}: container ${JSON.stringify(container.name)} sets env ${entry.name}, which IndexedJob sets `
          + `itself (${entry.valueFrom ? 'from the downward API' : JSON.stringify(entry.value)}); remove it or rename it`);
      }
    }
    const mounts: any[] = [...container.volumeMounts ?? []];
    if (main && this.workItems) mounts.push(...this.workItems.mounts);
    if (this.props.indexFile) mounts.push({ name: this.indexFileVolumeName, mountPath: dirname(this.props.indexFile.path) });
    return withoutUndefined({
      ...container,
      env: env.length + own.length > 0 ? [...env, ...own] : undefined,
      volumeMounts: mounts.length > 0 ? mounts : undefined,
    });
  }

  private get indexFileVolumeName(): string {
    return this.props.indexFile?.volumeName ?? 'job-completion-index';
  }

  private renderVolumes(): any[] | undefined {
    const byName = new Map<string, any>();
    const add = (volume: any) => {
      const existing = byName.get(volume.name);
      if (existing && JSON.stringify(existing) !== JSON.stringify(volume)) {
        throw new Error(`${this.node.path}: two different volumes are named ${JSON.stringify(volume.name)}; volume names must be unique in a pod`);
      }
      byName.set(volume.name, volume);
    };
    this.workItems?.volumes.forEach(add);
    const mounted = [...this.initContainers, ...this.containers].flatMap(({ container }) => container.mounts.map(m => m.volume));
    [...this.volumes, ...mounted].forEach(v => add(kplus.k8s.toJson_Volume(v._toKube())));
    const indexFile = this.props.indexFile;
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

  private resolveCompletions(completions: number | undefined, fromItems: number | undefined): number {
    if (completions !== undefined && fromItems !== undefined && completions !== fromItems) {
      throw new Error(`${this.node.path}: completions (${completions}) must equal the number of work items (${fromItems}); `
        + 'leave completions unset to use the item count');
    }
    const resolved = completions ?? fromItems;
    if (resolved === undefined) {
      throw new Error(`${this.node.path}: completions is not set; an IndexedJob needs completions (1 or more) or workItems`);
    }
    return resolved;
  }

  /**
   * A DNS-label name from the construct path, short enough that the hash suffix and the highest index still fit in 63 characters.
   */
  private derivedName(withHash: boolean): string {
    const lastIndexSuffix = Number.isInteger(this.completions) && this.completions > 0 ? `-${this.completions - 1}`.length : 0;
    const maxLen = 63 - lastIndexSuffix - (withHash ? HASH_SUFFIX_LENGTH : 0);
    return Names.toDnsLabel(this, { includeHash: !withHash, maxLen });
  }

  private validateManifest(): string[] {
    return JobChecks._validate(this.apiObject, { kubeVersion: this.kubeVersion });
  }
}

function dirname(path: string): string {
  const dir = path.slice(0, path.lastIndexOf('/'));
  return dir === '' ? '/' : dir;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
