import { ApiObject, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  ARGO_CD_HOOK, ARGO_CD_HOOK_DELETE_POLICY, ARGO_CD_SYNC_WAVE, HELM_HOOK, HELM_HOOK_DELETE_POLICY, HELM_HOOK_WEIGHT,
} from './internal/annotations';
import { renderResources, withoutUndefined } from './internal/containers';
import { Contribution } from './internal/contribution';
import { requireCount } from './internal/counts';
import { indexEnvVar } from './internal/downward-api';
import { canonicalJson, contentHash } from './internal/names';
import { escapeKubeExpansion, shellQuote } from './internal/shell';

/** Kubernetes refuses a ConfigMap whose keys and values add up to more than 1 MiB (core.MaxConfigMapSize). */
const MAX_CONFIG_MAP_BYTES = 1024 * 1024;
/** Above this, the items go through a ConfigMap: one `sh -c` argument is capped at 128 KiB by Linux execve. */
const MAX_INLINE_SCRIPT_BYTES = 32 * 1024;
const DEFAULT_IMAGE = 'docker.io/library/busybox:1.37.0';
const ITEM_VOLUME = 'work-item';
const SOURCE_VOLUME = 'work-items';
/** busybox's `nobody`: the helper container runs as non-root, and the emptyDir it writes is world-writable. */
const HELPER_UID = 65534;

/**
 * Options for `WorkItems.fromList`.
 */
export interface WorkItemListOptions {
  /**
   * Where the shared volume holding the item is mounted in the workers.
   *
   * @default '/work-item'
   */
  readonly mountPath?: string;

  /**
   * Name of the file, in `mountPath`, that holds this pod's item. Its full path is also in the env var `WORK_ITEM_FILE`.
   *
   * @default 'item'
   */
  readonly fileName?: string;

  /**
   * Image of the init container that writes the item; it needs `sh`, `printf` and `cp`.
   *
   * @default - the `workItemImage` set with `JobSettings.apply`, else 'docker.io/library/busybox:1.37.0'
   */
  readonly image?: string;

  /**
   * CPU and memory of the init container that writes the item (it runs printf or cp, for well under a second).
   *
   * @default - none: no requests or limits are invented
   */
  readonly resources?: kplus.ContainerResources;
}

/**
 * Options for `WorkItems.fromPattern`.
 */
export interface WorkItemPatternOptions {
  /**
   * Name of the env var that carries the work item.
   *
   * @default 'WORK_ITEM'
   */
  readonly envName?: string;
}

/**
 * Options for `WorkItems.partition`.
 */
export interface PartitionOptions {
  /**
   * Env var holding the worker's partition number, 0 to count-1.
   *
   * @default 'PARTITION_INDEX'
   */
  readonly indexEnvName?: string;

  /**
   * Env var holding the number of partitions.
   *
   * @default 'PARTITION_COUNT'
   */
  readonly countEnvName?: string;
}

/**
 * What a work-item mapping adds to an IndexedJob.
 * @internal
 */
export interface WorkItemsBinding {
  readonly completions?: number;
  readonly contribution: Contribution;
  /** Whether its env refers to `$(JOB_COMPLETION_INDEX)`, which must then be declared first. */
  readonly referencesIndexEnv: boolean;
}

/**
 * What a mapping needs to know of the Job it binds to.
 * @internal
 */
export interface WorkItemsContext {
  readonly safeDefaults: boolean;
  /** The chart-wide helper image, if set. */
  readonly image?: string;
  /** The Job's namespace: a ConfigMap the pods mount must be in it. */
  readonly namespace?: string;
  /** The Job's annotations: a hook Job's ConfigMap is a hook of the same phase. */
  readonly jobAnnotations: { readonly [key: string]: string };
}

/**
 * How a pod's completion index maps to the work it does.
 */
export class WorkItems {
  /**
   * One item per index: an init container writes item `i` byte-for-byte to a file on a shared emptyDir,
   * which the workers read (`$WORK_ITEM_FILE`). Small lists are inlined in the init container's script;
   * larger ones go through a generated, immutable ConfigMap with one key per index (1 MiB at most).
   * `completions` defaults to the number of items.
   */
  public static fromList(items: string[], options: WorkItemListOptions = {}): WorkItems {
    return new WorkItems((scope, context) => bindList(scope, [...items], options, context));
  }

  /**
   * The index is the work id: `/data/file_{index}.txt` gives each pod an env var with `{index}`
   * replaced by its completion index (`/data/file_3.txt`), usable in args as `$(WORK_ITEM)`.
   */
  public static fromPattern(pattern: string, options: WorkItemPatternOptions = {}): WorkItems {
    return new WorkItems(scope => bindPattern(scope, pattern, options));
  }

  /**
   * The index is a worker id among `count` workers: each pod gets its partition number and the count as env vars,
   * so a worker takes the records with `id % count == index`. `completions` defaults to `count`.
   */
  public static partition(count: number, options: PartitionOptions = {}): WorkItems {
    return new WorkItems(scope => bindPartition(scope, count, options));
  }

  private constructor(private readonly binder: (scope: Construct, context: WorkItemsContext) => WorkItemsBinding) {}

  /** @internal */
  public _bind(scope: Construct, context: WorkItemsContext): WorkItemsBinding {
    return this.binder(scope, context);
  }
}

function bindList(scope: Construct, items: string[], options: WorkItemListOptions, context: WorkItemsContext): WorkItemsBinding {
  const path = scope.node.path;
  if (items.length === 0) {
    throw new Error(`${path}: workItems is an empty list; give at least one item`);
  }
  items.forEach((item, i) => {
    if (item.includes('\0')) {
      throw new Error(`${path}: workItems[${i}] contains a NUL character (U+0000), which a container command or ConfigMap file cannot carry`);
    }
    const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(item);
    if (lone) {
      const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
      throw new Error(`${path}: workItems[${i}] contains a lone surrogate (U+${code}), which has no UTF-8 form; the item cannot arrive byte-exact`);
    }
  });
  const mountPath = (options.mountPath ?? '/work-item').replace(/\/+$/, '');
  const fileName = options.fileName ?? 'item';
  if (!mountPath.startsWith('/') || fileName.includes('/') || fileName === '') {
    throw new Error(`${path}: workItems mountPath must be absolute and fileName a plain file name, got ${JSON.stringify(mountPath)} and ${JSON.stringify(fileName)}`);
  }
  const itemFile = `${mountPath}/${fileName}`;
  const volumes: any[] = [{ name: ITEM_VOLUME, emptyDir: {} }];
  const initMounts: any[] = [{ name: ITEM_VOLUME, mountPath }];

  let script = inlineScript(items, itemFile);
  if (Buffer.byteLength(script) > MAX_INLINE_SCRIPT_BYTES) {
    const data: Record<string, string> = {};
    items.forEach((item, i) => data[String(i)] = item);
    const size = items.reduce((sum, item, i) => sum + String(i).length + Buffer.byteLength(item), 0);
    if (size > MAX_CONFIG_MAP_BYTES) {
      throw new Error(`${path}: workItems add up to ${size} bytes, over the ${MAX_CONFIG_MAP_BYTES}-byte ConfigMap limit; `
        + 'store the items elsewhere (an object store, a queue) and map each index with WorkItems.fromPattern');
    }
    const annotations = hookAnnotationsBefore(context.jobAnnotations);
    const configMap = new ApiObject(scope, 'WorkItems', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      // named by content: a changed list is a new ConfigMap, so it can be immutable
      metadata: withoutUndefined({
        name: `${Names.toDnsLabel(scope, { includeHash: false, maxLen: 48 })}-items-${contentHash(canonicalJson(data))}`,
        namespace: context.namespace,
        annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
      }),
      immutable: true,
      data,
    });
    const sourcePath = `${mountPath}-source`;
    volumes.push({ name: SOURCE_VOLUME, configMap: { name: configMap.name } });
    initMounts.push({ name: SOURCE_VOLUME, mountPath: sourcePath, readOnly: true });
    script = `cp ${shellQuote(sourcePath)}/"$JOB_COMPLETION_INDEX" ${shellQuote(itemFile)}\n`;
  }

  const init: any = {
    name: 'work-item',
    image: options.image ?? context.image ?? DEFAULT_IMAGE,
    command: ['sh', '-c', escapeKubeExpansion(script)],
    // the script reads the index: declared, not left to the controller's injection
    env: [indexEnvVar('JOB_COMPLETION_INDEX')],
    volumeMounts: initMounts,
  };
  if (options.resources !== undefined) init.resources = renderResources(scope, 'workItems helper resources', options.resources);
  if (context.safeDefaults) {
    init.securityContext = { runAsUser: HELPER_UID, runAsGroup: HELPER_UID };
  }
  return {
    completions: items.length,
    contribution: {
      mainEnv: [{ name: 'WORK_ITEM_FILE', value: escapeKubeExpansion(itemFile) }],
      initContainers: [init],
      volumes,
      mainMounts: [{ name: ITEM_VOLUME, mountPath, readOnly: true }],
    },
    referencesIndexEnv: false,
  };
}

/**
 * A hook Job's ConfigMap must exist when the hook runs and go with it: a hook of the same phase, created just before
 * the Job (one wave or weight lower), and deleted only before the next run creates it again (deleting it on success
 * could remove it before the Job's pods mount it).
 */
function hookAnnotationsBefore(job: { readonly [key: string]: string }): { [key: string]: string } {
  const before = (value: string | undefined) => String((/^-?\d+$/.test(value ?? '') ? Number(value) : 0) - 1);
  const annotations: { [key: string]: string } = {};
  if (job[ARGO_CD_HOOK] !== undefined) {
    annotations[ARGO_CD_HOOK] = job[ARGO_CD_HOOK];
    annotations[ARGO_CD_HOOK_DELETE_POLICY] = 'BeforeHookCreation';
    annotations[ARGO_CD_SYNC_WAVE] = before(job[ARGO_CD_SYNC_WAVE]);
  }
  if (job[HELM_HOOK] !== undefined) {
    annotations[HELM_HOOK] = job[HELM_HOOK];
    annotations[HELM_HOOK_WEIGHT] = before(job[HELM_HOOK_WEIGHT]);
    annotations[HELM_HOOK_DELETE_POLICY] = 'before-hook-creation';
  }
  return annotations;
}

/**
 * `case` over the index, printing the item with printf so that no byte is added or interpreted.
 */
function inlineScript(items: string[], itemFile: string): string {
  const branches = items.map((item, i) => `${i}) printf '%s' ${shellQuote(item)} ;;`);
  return [
    'case "$JOB_COMPLETION_INDEX" in',
    ...branches,
    '*) echo "no work item for index $JOB_COMPLETION_INDEX" >&2; exit 1 ;;',
    `esac > ${shellQuote(itemFile)}`,
    '',
  ].join('\n');
}

function bindPattern(scope: Construct, pattern: string, options: WorkItemPatternOptions): WorkItemsBinding {
  const parts = pattern.split('{index}');
  if (parts.length < 2) {
    throw new Error(`${scope.node.path}: workItems pattern ${JSON.stringify(pattern)} has no {index} placeholder; write e.g. "/data/file_{index}.txt"`);
  }
  return {
    contribution: { mainEnv: [{ name: options.envName ?? 'WORK_ITEM', value: parts.map(escapeKubeExpansion).join('$(JOB_COMPLETION_INDEX)') }] },
    referencesIndexEnv: true,
  };
}

function bindPartition(scope: Construct, count: number, options: PartitionOptions): WorkItemsBinding {
  requireCount(scope.node.path, 'workItems partition count', count);
  return {
    completions: count,
    contribution: {
      mainEnv: [
        indexEnvVar(options.indexEnvName ?? 'PARTITION_INDEX'),
        { name: options.countEnvName ?? 'PARTITION_COUNT', value: String(count) },
      ],
    },
    referencesIndexEnv: false,
  };
}
