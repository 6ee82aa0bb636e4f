import { ApiObject, ApiObjectMetadata, Duration, Lazy, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { RuleSeverity } from './checks/rule';
import { newContainer, withoutUndefined } from './internal/containers';
import { Contribution } from './internal/contribution';
import { JOB_NAME_FIELD, indexEnvVar } from './internal/downward-api';
import { JobEnvelope, JOB_ENVELOPE, cronJobEnvelope } from './internal/envelope';
import { JobResource } from './internal/job-resource';
import { ScaledJobStructure, scaledJobEnvelope } from './internal/keda';
import { installKubectlSafeYaml } from './internal/kubectl-safe-yaml';
import { ContainerEntry, renderPodTemplate } from './internal/pod-template';
import { ConstructDefaults, JobDefaults, WrittenFields, resolveJobDefaults } from './internal/safe-defaults';
import { JobChecks } from './job-checks';
import { JobRestartPolicy, PodReplacementPolicy } from './job-policies';
import { JobSettings } from './job-settings';
import { gateHistory, jobSpecFieldServed } from './k8s/features';
import { KubeVersion } from './kube-version';
import { KueueOptions, KueueRendering, renderKueue } from './kueue';
import { InPlaceRestart, PodFailurePolicyRule, SuccessPolicyRule } from './pod-failure-policy';
import { JobPreview, PreviewOptions } from './preview/job-preview';
import { JobSchedule } from './schedule';
import { ExtendedResource, NodePreference, PodDnsConfig, PodOs, PodProximity, TopologySpread } from './scheduling';

// what cdk8s writes must read back through kubectl's reader as rendered (internal/kubectl-safe-yaml.ts)
installKubectlSafeYaml();

/**
 * A queued Job's containers must request resources: Kueue admits by requests, so one that requests nothing counts as
 * zero and no quota holds the Job back. The construct raises JOB118 (kueue-no-requests) to an error; a level set with
 * JobChecks.apply wins.
 */
const QUEUED_SEVERITIES = { JOB118: RuleSeverity.ERROR };

/** The env var the Job controller injects into every container of an Indexed Job. */
const INDEX_ENV = 'JOB_COMPLETION_INDEX';
const HASH_SUFFIX_LENGTH = 9; // "-" and 8 hex digits
/** ValidateCronJobCreate: a CronJob name has at most 52 characters. */
const CRONJOB_NAME_LIMIT = 52;
/** The CronJob controller names each run "<name>-<minutes since the epoch>": "-" and 8 digits until the year 2160. */
const RUN_SUFFIX_LENGTH = 9;

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
   * Taints of the nodes the pods may run on: `kplus.NodeTaintQuery.is('nvidia.com/gpu', 'present', { effect: kplus.TaintEffect.NO_SCHEDULE })`.
   *
   * @default - none: tainted nodes (GPU, spot, dedicated pools) take none of the pods
   */
  readonly tolerations?: kplus.NodeTaintQuery[];

  /**
   * The pods run only on nodes that match one of these (required node affinity); a
   * `kplus.Node.labeled(...queries)` matches a node with every query.
   *
   * @default - any node that `nodeSelector` allows
   */
  readonly requiredNodes?: kplus.LabeledNode[];

  /**
   * Nodes the pods prefer, with weights (preferred node affinity).
   *
   * @default - no preference
   */
  readonly preferredNodes?: NodePreference[];

  /**
   * Pods to run near (pod affinity), required or, with a weight, preferred.
   *
   * @default - none
   */
  readonly colocate?: PodProximity[];

  /**
   * Pods to run away from (pod anti-affinity), required or, with a weight, preferred.
   *
   * @default - none
   */
  readonly separate?: PodProximity[];

  /**
   * Spread the pods over zones or nodes (topologySpreadConstraints).
   *
   * @default - the cluster's default spreading
   */
  readonly topologySpread?: TopologySpread[];

  /**
   * Scheduling gates: the pods are not scheduled until a controller removes each gate (a queue, a quota manager).
   *
   * @default - none
   */
  readonly schedulingGates?: string[];

  /**
   * Secret holding registry credentials (`imagePullSecrets`).
   *
   * @default - none
   */
  readonly dockerRegistryAuth?: kplus.ISecret;

  /**
   * More registry credentials (`imagePullSecrets`, after `dockerRegistryAuth`).
   *
   * @default - none
   */
  readonly imagePullSecrets?: kplus.ISecret[];

  /**
   * Entries added to the pods' /etc/hosts.
   *
   * @default - none
   */
  readonly hostAliases?: kplus.HostAlias[];

  /**
   * The pods' DNS policy.
   *
   * @default - ClusterFirst (Kubernetes default)
   */
  readonly dnsPolicy?: kplus.DnsPolicy;

  /**
   * DNS settings added to those of the policy (required with `kplus.DnsPolicy.NONE`).
   *
   * @default - none
   */
  readonly dnsConfig?: PodDnsConfig;

  /**
   * RuntimeClass of the pods (gVisor, Kata, a GPU runtime).
   *
   * @default - the cluster's default runtime
   */
  readonly runtimeClassName?: string;

  /**
   * Whether the Services of the namespace are injected as env vars.
   *
   * @default - true (Kubernetes default)
   */
  readonly enableServiceLinks?: boolean;

  /**
   * CPU and memory of the pod as a whole, shared by its containers (pod-level resources, Kubernetes 1.34+).
   *
   * @default - none: each container's own
   */
  readonly podResources?: kplus.ContainerResources;

  /**
   * Containers restarted in place on chosen exit codes rather than failing the pod (Kubernetes 1.35+): the restarts
   * use no retry budget and podFailurePolicy does not see them.
   *
   * @default - none: any failure fails the pod (restartPolicy Never)
   */
  readonly restartInPlace?: InPlaceRestart[];

  /**
   * Devices and other extended resources the containers need, such as GPUs (cdk8s-plus resources hold only CPU,
   * memory and ephemeral storage).
   *
   * @default - none
   */
  readonly extendedResources?: ExtendedResource[];

  /**
   * The operating system of the pods' nodes.
   *
   * @default - none (Linux nodes in most clusters)
   */
  readonly os?: PodOs;

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
   * Run the Job on a schedule: the construct renders a batch/v1 CronJob whose jobTemplate is the Job it would
   * render otherwise, and still emits what that Job needs (a work-item ConfigMap, a peer Service).
   *
   * @default - a Job, which runs once when it is applied
   */
  readonly schedule?: JobSchedule;

  /**
   * The Kubernetes version to synthesize for; fields it does not serve are refused.
   *
   * @default - the value set with `JobSettings.apply`, else KubeVersion.V1_34
   */
  readonly kubeVersion?: KubeVersion;

  /**
   * Queue the Job with Kueue: its LocalQueue, WorkloadPriorityClass, partial admission and MultiKueue dispatch. Over
   * the chart-wide `kueue` of `JobSettings.apply`, field by field. A queued Job may not set `suspend` (Kueue owns it)
   * and each of its containers must request resources (Kueue admits by requests).
   *
   * @default - the value set with `JobSettings.apply`, else not queued
   */
  readonly kueue?: KueueOptions;
}

/**
 * The structure a construct gives its Job; the user's props and the safe defaults (internal/safe-defaults.ts) fill
 * in the rest.
 * @internal
 */
export interface JobStructure {
  readonly indexed: boolean;
  readonly completions?: number;
  readonly parallelism?: number;
  readonly successPolicy?: SuccessPolicyRule[];
  /** Job fields the user wrote through the construct's own props (IndexedJob's backoffLimitPerIndex, say). */
  readonly written?: Partial<WrittenFields>;
  /** The construct's own values for the safe-default rows. */
  readonly defaults?: ConstructDefaults;
  /** What the construct's features add: work items, index file, env, hook annotations. */
  readonly contributions?: Contribution[];
  /** The index env must be declared whatever the settings (an env value refers to `$(JOB_COMPLETION_INDEX)`). */
  readonly requiresIndexEnv?: boolean;
  /** Declare JOB_NAME next to the index env (peers address each other by the Job name). */
  readonly declaresJobName?: boolean;
  /** Containers the construct derives at render time (a pipeline's steps), before those added with addContainer. */
  readonly renderedContainers?: () => { initContainers: kplus.ContainerProps[]; containers: kplus.ContainerProps[] };
  /** The kind that carries the Job. @default - a batch/v1 Job */
  readonly envelope?: JobEnvelope;
  /** Render a KEDA ScaledJob whose jobTargetRef is the Job (its history limits and rollout come from the defaults). */
  readonly scaledJob?: ScaledJobStructure;
}

/**
 * What every cdk8s-jobs construct has in common: one batch/v1 Job rendered from plain JSON (so no field is
 * filtered out), its pod template built from cdk8s-plus container and volume types, the safe defaults applied
 * in one place (internal/safe-defaults.ts), content-hashed naming, and the semantics checker run at synth.
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

  /**
   * The Job name as synthesized. With content-hash naming it depends on the whole spec, so read it
   * once the Job is complete (all containers added).
   */
  public get name(): string {
    return (this.apiObject as JobResource)._render().metadata.name;
  }

  /** The Job-wide retry budget in force, if rendered. */
  public get backoffLimit(): number | undefined {
    return this.state.defaults.backoffLimit;
  }

  /** The per-index retry budget in force, if rendered. */
  public get backoffLimitPerIndex(): number | undefined {
    return this.state.defaults.backoffLimitPerIndex;
  }

  /** The podReplacementPolicy in force, if rendered. */
  public get podReplacementPolicy(): PodReplacementPolicy | undefined {
    return this.state.defaults.podReplacementPolicy;
  }

  /** The restartPolicy of the pod. */
  public get restartPolicy(): JobRestartPolicy {
    return this.state.defaults.restartPolicy;
  }

  /** The TTL in force, if rendered. */
  public get ttlAfterFinished(): Duration | undefined {
    return this.state.defaults.ttlAfterFinished;
  }

  /** Whether the service account token is mounted, if rendered. */
  public get automountServiceAccountToken(): boolean | undefined {
    return this.state.defaults.automountServiceAccountToken;
  }

  /** Whether safe defaults apply to this Job. */
  public get safeDefaults(): boolean {
    return this.state.safeDefaults;
  }

  /** The Kubernetes version the Job is synthesized for. */
  public get kubeVersion(): KubeVersion {
    return this.state.kubeVersion;
  }

  /** Whether the Job runs on a schedule (the construct renders a CronJob). */
  public get scheduled(): boolean {
    return this.state.props.schedule !== undefined;
  }

  /**
   * What the Job controller (Kubernetes 1.34) will do with this Job when its pods behave as the scenario says: pod
   * creation, failures and their backoff, podFailurePolicy, per-index budgets, successPolicy, deadlines and the final
   * conditions. For a scheduled construct, one run of its jobTemplate; for a ScaledJob, one of the Jobs KEDA creates. Read it once the Job is complete.
   */
  public preview(options: PreviewOptions = {}): JobPreview {
    return JobPreview.ofManifest(this.apiObject.toJson(), options);
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
   * Adds what a feature contributes once the Job exists (the peer Service's subdomain); annotations must be
   * given to _setup, since the defaults read them.
   * @internal
   */
  protected _contribute(contribution: Contribution): void {
    if (contribution.annotations !== undefined) {
      throw new Error(`${this.node.path}: annotations must be contributed when the Job is set up`);
    }
    this.state.contributions.push(contribution);
    this._changed();
  }

  /**
   * Applies the defaults and creates the Job; each subclass calls it once, from its constructor.
   * @internal
   */
  protected _setup(props: JobOptions, structure: JobStructure): void {
    if (this._state) throw new Error(`${this.node.path}: the Job is already set up`);
    const settings = JobSettings.resolve(this, props);
    const contributions = [...structure.contributions ?? []];
    const annotations: { [key: string]: string } = Object.assign({}, ...contributions.map(c => c.annotations ?? {}), props.metadata?.annotations);
    const defaults = resolveJobDefaults({
      safe: settings.safeDefaults,
      kubeVersion: settings.kubeVersion,
      indexed: structure.indexed,
      scheduled: props.schedule !== undefined,
      scaled: structure.scaledJob !== undefined,
      written: { ...writtenByProps(props), ...structure.written },
      own: structure.defaults ?? {},
      annotations,
      deploymentTool: settings.deploymentTool,
    });
    if (structure.indexed && (defaults.explicitIndexEnv || structure.requiresIndexEnv)) {
      const jobName = { name: 'JOB_NAME', valueFrom: { fieldRef: { fieldPath: JOB_NAME_FIELD } } };
      contributions.unshift({ env: [indexEnvVar(INDEX_ENV), ...structure.declaresJobName ? [jobName] : []] });
    }

    const state: JobState = {
      props,
      structure,
      defaults,
      safeDefaults: settings.safeDefaults,
      kubeVersion: settings.kubeVersion,
      contributions,
      containers: [],
      initContainers: [],
      volumes: [...props.volumes ?? []],
      generation: 0,
      apiObject: undefined as any,
      objectName: '',
    };
    this._state = state;

    const kueue = this.setupKueue(settings.kueue, settings.kubeVersion, props, structure);
    state.kueue = kueue;
    const scheduled = props.schedule !== undefined && structure.envelope === undefined && structure.scaledJob === undefined;
    const jobTemplateMetadata = scheduled ? withoutUndefined({
      labels: Object.keys(kueue.labels).length > 0 ? kueue.labels : undefined,
      annotations: Object.keys(kueue.annotations).length > 0 ? kueue.annotations : undefined,
    }) : {};
    // on a Job (or a ScaledJob, whose labels KEDA copies to its Jobs) Kueue reads the object's own metadata
    const objectLabels = scheduled ? props.metadata?.labels : { ...props.metadata?.labels, ...kueue.labels };
    if (!scheduled) Object.assign(annotations, kueue.annotations);

    const hashName = defaults.contentHashName;
    const baseName = props.metadata?.name ?? this.derivedName(hashName, structure, props.schedule !== undefined);
    state.objectName = baseName;
    const scaledJob = structure.scaledJob;
    const envelope = structure.envelope ?? (scaledJob !== undefined ? scaledJobEnvelope({
      ...scaledJob,
      successfulJobsHistoryLimit: defaults.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: defaults.failedJobsHistoryLimit,
      rolloutStrategy: defaults.rolloutStrategy,
    }) : undefined) ?? (props.schedule ? cronJobEnvelope({
      schedule: props.schedule.cron.expressionString,
      timeZone: defaults.timeZone,
      concurrencyPolicy: defaults.concurrencyPolicy,
      startingDeadlineSeconds: defaults.startingDeadline?.toSeconds(),
      successfulJobsHistoryLimit: defaults.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: defaults.failedJobsHistoryLimit,
      suspend: props.schedule.suspend,
    }, jobTemplateMetadata) : JOB_ENVELOPE);
    state.apiObject = new JobResource(this, 'Resource', {
      apiVersion: envelope.apiVersion,
      kind: envelope.kind,
      metadata: {
        ...props.metadata,
        name: baseName,
        labels: objectLabels !== undefined && Object.keys(objectLabels).length > 0 ? objectLabels : undefined,
        annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
      },
      spec: Lazy.any({ produce: () => envelope.spec(() => this._toKube()) }),
    }, hashName ? { baseName, salt: props.metadata?.name ? '' : this.node.path } : undefined, () => this.renderStamp());

    this.node.addValidation({
      validate: () => JobChecks._validate(state.apiObject, {
        kubeVersion: state.kubeVersion,
        severities: kueue.queued ? QUEUED_SEVERITIES : undefined,
      }),
    });
  }

  /** Kueue's labels and annotation for this Job, and what a queue changes: managedBy, and no suspend of its own. */
  private setupKueue(options: KueueOptions | undefined, kubeVersion: KubeVersion, props: JobOptions, structure: JobStructure): KueueRendering {
    const path = this.node.path;
    const kueue = renderKueue(path, options, structure.parallelism ?? 1, structure.completions);
    if (kueue.queued && props.suspend !== undefined) {
      throw new Error(`${path}: suspend is ${props.suspend}, but the Job is queued by Kueue (kueue.queueName ${JSON.stringify(kueue.queueName)}), `
        + 'which creates it suspended and starts it on admission; under GitOps a pinned value would undo that on every sync. Leave suspend unset');
    }
    if (kueue.managedBy !== undefined) {
      if (props.managedBy !== undefined && props.managedBy !== kueue.managedBy) {
        throw new Error(`${path}: managedBy is ${JSON.stringify(props.managedBy)}, but kueue.multiKueue sets it to ${JSON.stringify(kueue.managedBy)}; set one of them`);
      }
      if (!jobSpecFieldServed('managedBy', kubeVersion)) {
        throw new Error(`${path}: kueue.multiKueue needs spec.managedBy, which Kubernetes ${kubeVersion} does not serve by default `
          + `(${gateHistory('JobManagedBy')}); target Kubernetes 1.32 or later, or dispatch without managedBy`);
      }
    }
    return kueue;
  }

  /**
   * The object's name before any content hash (a ScaledJob's, which has none, is its whole name).
   * @internal
   */
  protected get _objectName(): string {
    return this.state.objectName;
  }

  /**
   * The Job spec as batch/v1 JSON.
   * @internal
   */
  public _toKube(): any {
    const { props, structure, defaults } = this.state;
    const rules = defaults.podFailureRules;
    return withoutUndefined({
      completionMode: structure.indexed ? 'Indexed' : undefined,
      completions: structure.completions,
      parallelism: structure.parallelism,
      backoffLimit: defaults.backoffLimit,
      backoffLimitPerIndex: defaults.backoffLimitPerIndex,
      maxFailedIndexes: defaults.maxFailedIndexes,
      podFailurePolicy: rules.length > 0 ? { rules: rules.map(rule => rule._toKube()) } : undefined,
      successPolicy: structure.successPolicy ? { rules: structure.successPolicy.map(rule => ({ ...rule })) } : undefined,
      podReplacementPolicy: defaults.podReplacementPolicy,
      activeDeadlineSeconds: props.activeDeadline?.toSeconds(),
      ttlSecondsAfterFinished: defaults.ttlAfterFinished?.toSeconds(),
      suspend: props.suspend,
      managedBy: props.managedBy ?? this.state.kueue?.managedBy,
      template: this.renderTemplate(),
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

  private renderTemplate(): any {
    const { props, defaults } = this.state;
    const derived = this.state.structure.renderedContainers?.() ?? { initContainers: [], containers: [] };
    const entry = (field: string) => (containerProps: kplus.ContainerProps, i: number) => ({ container: newContainer(this, `${field}[${i}]`, containerProps), props: containerProps });
    return renderPodTemplate({
      scope: this,
      path: this.node.path,
      constructName: this.constructor.name,
      props,
      restartPolicy: defaults.restartPolicy,
      automountServiceAccountToken: defaults.automountServiceAccountToken,
      terminationGracePeriodSeconds: defaults.terminationGracePeriod?.toSeconds(),
      restrictedContainerSecurity: defaults.restrictedContainerSecurity,
      initContainers: [...derived.initContainers.map(entry('initContainers')), ...this.state.initContainers],
      containers: [...derived.containers.map(entry('containers')), ...this.state.containers],
      volumes: this.state.volumes,
      contributions: this.state.contributions,
    });
  }

  /**
   * A DNS-label name from the construct path, short enough that the hash suffix and the highest index still fit in
   * 63 characters. A CronJob's name is at most 52, and its runs are named `<name>-<8 digits>`, which with the
   * highest index must still be a DNS label.
   */
  private derivedName(withHash: boolean, structure: JobStructure, scheduled: boolean): string {
    const completions = Math.max(structure.completions ?? 0, 100);
    const lastIndexSuffix = structure.indexed ? `-${completions - 1}`.length : 0;
    const hash = withHash ? HASH_SUFFIX_LENGTH : 0;
    const maxLen = scheduled
      ? Math.min(CRONJOB_NAME_LIMIT, 63 - RUN_SUFFIX_LENGTH - lastIndexSuffix) - hash
      : 63 - lastIndexSuffix - hash;
    return Names.toDnsLabel(this, { includeHash: !withHash, maxLen });
  }
}

/** The Job fields the user wrote as JobOptions props. */
function writtenByProps(props: JobOptions): WrittenFields {
  return {
    restartPolicy: props.restartPolicy,
    backoffLimit: props.backoffLimit,
    podReplacementPolicy: props.podReplacementPolicy,
    podFailurePolicy: props.podFailurePolicy,
    ttlAfterFinished: props.ttlAfterFinished,
    automountServiceAccountToken: props.automountServiceAccountToken,
    serviceAccount: props.serviceAccount,
    terminationGracePeriod: props.terminationGracePeriod,
    contentHashName: props.contentHashName,
    timeZone: props.schedule?.timeZone,
    concurrencyPolicy: props.schedule?.concurrencyPolicy,
    startingDeadline: props.schedule?.startingDeadline,
    successfulJobsHistoryLimit: props.schedule?.successfulJobsHistoryLimit,
    failedJobsHistoryLimit: props.schedule?.failedJobsHistoryLimit,
  };
}


interface JobState {
  readonly props: JobOptions;
  readonly structure: JobStructure;
  readonly defaults: JobDefaults;
  readonly safeDefaults: boolean;
  readonly kubeVersion: KubeVersion;
  readonly contributions: Contribution[];
  readonly containers: ContainerEntry[];
  readonly initContainers: ContainerEntry[];
  readonly volumes: kplus.Volume[];
  apiObject: ApiObject;
  generation: number;
  kueue?: KueueRendering;
  objectName: string;
}
