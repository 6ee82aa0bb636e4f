import { ApiObject, Lazy, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { withoutUndefined } from './internal/containers';
import { Contribution } from './internal/contribution';
import { indexEnvVar } from './internal/downward-api';
import { indexFileContribution } from './internal/index-file';
import { JobBase, JobOptions } from './job-base';
import { JobSettings } from './job-settings';
import { SuccessPolicyRule } from './pod-failure-policy';
import { WorkItems } from './work-items';

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


/** The pod label a scheduled IndexedJob's peer Service selects (its value is the Service's name). */
const PEER_LABEL = 'cdk8s-jobs.io/peer-service';

/**
 * Props of an `IndexedJob`.
 */
export interface IndexedJobProps extends JobOptions {
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
   * Rules under which the Job succeeds before every index has.
   *
   * @default - the Job succeeds when every index has succeeded
   */
  readonly successPolicy?: SuccessPolicyRule[];

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
}

/**
 * A batch/v1 Job with `completionMode: Indexed`: `completions` pods, each with its own index 0..completions-1,
 * at most `parallelism` at a time.
 *
 * Each container reads its index from JOB_COMPLETION_INDEX; `workItems` maps the index to the work it does.
 * The manifest is checked at synth against the API server's create-time validation and the Job controller's
 * behaviour: an error names the construct path, the field and the value.
 */
export class IndexedJob extends JobBase {
  /** Number of indexes. */
  public readonly completions: number;
  /** Pods at once, if set. */
  public readonly parallelism?: number;
  /** The headless Service created for pod-to-pod DNS, if any. */
  public readonly peerService?: ApiObject;

  constructor(scope: Construct, id: string, props: IndexedJobProps = {}) {
    super(scope, id);
    const settings = JobSettings.resolve(this, props);
    const workItems = props.workItems?._bind(this, {
      safeDefaults: settings.safeDefaults,
      image: settings.workItemImage,
      namespace: props.metadata?.namespace,
      jobAnnotations: props.metadata?.annotations ?? {},
    });
    this.completions = resolveCompletions(this.node.path, props.completions, workItems?.completions);
    this.parallelism = props.parallelism;
    const contributions: Contribution[] = [];
    if (props.indexEnvName) contributions.push({ env: [indexEnvVar(props.indexEnvName)] });
    if (workItems) contributions.push(workItems.contribution);
    if (props.indexFile) contributions.push(indexFileContribution(this.node.path, props.indexFile.path, props.indexFile.volumeName));
    if (props.subdomain !== undefined) contributions.push({ subdomain: props.subdomain });
    this._setup(props, {
      indexed: true,
      completions: this.completions,
      parallelism: props.parallelism,
      successPolicy: props.successPolicy,
      written: {
        backoffLimitPerIndex: props.backoffLimitPerIndex,
        maxFailedIndexes: props.maxFailedIndexes,
        explicitIndexEnv: props.explicitIndexEnv,
      },
      defaults: { backoffLimitPerIndex: 1 },
      contributions,
      requiresIndexEnv: workItems?.referencesIndexEnv ?? false,
      declaresJobName: props.peerService ?? false,
    });
    if (props.peerService) {
      // each run of a schedule is a Job of its own name: the Service selects the pods by a label of the template
      const scheduled = props.schedule !== undefined;
      const service = new ApiObject(this, 'PeerService', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: withoutUndefined({ name: props.peerServiceName ?? this.peerServiceDefaultName(), namespace: props.metadata?.namespace }),
        spec: {
          clusterIP: 'None',
          selector: scheduled ? { [PEER_LABEL]: Lazy.any({ produce: () => service.name }) } : { 'job-name': Lazy.any({ produce: () => this.name }) },
        },
      });
      this.peerService = service;
      // a subdomain of the user's wins: it names a Service they manage
      this._contribute({
        subdomain: props.subdomain === undefined ? service.name : undefined,
        podLabels: scheduled ? { [PEER_LABEL]: service.name } : undefined,
      });
    }
    props.containers?.forEach(c => this.addContainer(c));
    props.initContainers?.forEach(c => this.addInitContainer(c));
  }

  /**
   * A Service name must be a DNS-1035 label (it starts with a letter). cdk8s derives one from the construct path,
   * which starts with a digit under a chart id such as "1-batch"; only then is it prefixed.
   */
  private peerServiceDefaultName(): string | undefined {
    const derived = Names.toDnsLabel(this, { extra: ['PeerService'] });
    return /^[a-z]/.test(derived) ? undefined : `svc-${Names.toDnsLabel(this, { extra: ['PeerService'], maxLen: 59 })}`;
  }
}

function resolveCompletions(path: string, completions: number | undefined, fromItems: number | undefined): number {
  if (completions !== undefined && fromItems !== undefined && completions !== fromItems) {
    throw new Error(`${path}: completions (${completions}) must equal the number of work items (${fromItems}); `
      + 'leave completions unset to use the item count');
  }
  const resolved = completions ?? fromItems;
  if (resolved === undefined) {
    throw new Error(`${path}: completions is not set; an IndexedJob needs completions (1 or more) or workItems`);
  }
  return resolved;
}
