import { ApiObject, Names } from 'cdk8s';
import { Construct } from 'constructs';
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
   * @default 'docker.io/library/busybox:1.37.0'
   */
  readonly image?: string;
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
  /** Env entries (batch/v1 JSON) for every main container. */
  readonly env: any[];
  /** Init containers (batch/v1 JSON) that run before the user's. */
  readonly initContainers: any[];
  readonly volumes: any[];
  /** Volume mounts for every main container. */
  readonly mounts: any[];
  /** Whether `env` refers to `$(JOB_COMPLETION_INDEX)`, which must then be declared first. */
  readonly referencesIndexEnv: boolean;
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
    return new WorkItems((scope, safeDefaults) => bindList(scope, [...items], options, safeDefaults));
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

  private constructor(private readonly binder: (scope: Construct, safeDefaults: boolean) => WorkItemsBinding) {}

  /** @internal */
  public _bind(scope: Construct, safeDefaults: boolean): WorkItemsBinding {
    return this.binder(scope, safeDefaults);
  }
}

function bindList(scope: Construct, items: string[], options: WorkItemListOptions, safeDefaults: boolean): WorkItemsBinding {
  const path = scope.node.path;
  if (items.length === 0) {
    throw new Error(`${path}: workItems is an empty list; give at least one item`);
  }
  items.forEach((item, i) => {
    if (item.includes('\0')) {
      throw new Error(`${path}: workItems[${i}] contains a NUL character, which a container command or ConfigMap file cannot carry`);
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
    const configMap = new ApiObject(scope, 'WorkItems', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      // named by content: a changed list is a new ConfigMap, so it can be immutable
      metadata: { name: `${Names.toDnsLabel(scope, { includeHash: false, maxLen: 48 })}-items-${contentHash(canonicalJson(data))}` },
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
    image: options.image ?? DEFAULT_IMAGE,
    command: ['sh', '-c', escapeKubeExpansion(script)],
    volumeMounts: initMounts,
  };
  if (safeDefaults) {
    init.securityContext = { runAsUser: HELPER_UID, runAsGroup: HELPER_UID };
    // our own helper only runs printf or cp: a small request keeps it schedulable under quotas and Kueue
    init.resources = { requests: { cpu: '10m', memory: '16Mi' } };
  }
  return {
    completions: items.length,
    env: [{ name: 'WORK_ITEM_FILE', value: escapeKubeExpansion(itemFile) }],
    initContainers: [init],
    volumes,
    mounts: [{ name: ITEM_VOLUME, mountPath, readOnly: true }],
    referencesIndexEnv: false,
  };
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
    env: [{ name: options.envName ?? 'WORK_ITEM', value: parts.map(escapeKubeExpansion).join('$(JOB_COMPLETION_INDEX)') }],
    initContainers: [],
    volumes: [],
    mounts: [],
    referencesIndexEnv: true,
  };
}

function bindPartition(scope: Construct, count: number, options: PartitionOptions): WorkItemsBinding {
  requireCount(scope.node.path, 'workItems partition count', count);
  return {
    completions: count,
    env: [
      indexEnvVar(options.indexEnvName ?? 'PARTITION_INDEX'),
      { name: options.countEnvName ?? 'PARTITION_COUNT', value: String(count) },
    ],
    initContainers: [],
    volumes: [],
    mounts: [],
    referencesIndexEnv: false,
  };
}
