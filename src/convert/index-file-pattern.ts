import { COMPLETION_INDEX_FIELD } from '../internal/downward-api';

/**
 * The docs' other way of handing each pod its index (indexed-job-vol.yaml): a downwardAPI volume with one file holding
 * the completion index, mounted by every container. IndexedJob's `indexFile` prop renders exactly that.
 */
export interface IndexFilePattern {
  /** The file's full path in the containers, e.g. `/input/data.txt`. */
  readonly path: string;
  readonly volumeName: string;
  /** The Job spec without the volume and its mounts (a copy), for the props of the rest. */
  readonly rest: any;
}

export function findIndexFile(spec: any): IndexFilePattern | undefined {
  const pod = spec?.template?.spec;
  const volumes: any[] = Array.isArray(pod?.volumes) ? pod.volumes : [];
  const all: any[] = [...Array.isArray(pod?.initContainers) ? pod.initContainers : [], ...Array.isArray(pod?.containers) ? pod.containers : []];
  for (const volume of volumes) {
    const items = volume?.downwardAPI?.items;
    if (!Array.isArray(items) || items.length !== 1 || Object.keys(volume).length !== 2 || Object.keys(volume.downwardAPI).length !== 1) continue;
    const [item] = items;
    const plain = item !== null && typeof item === 'object' && Object.keys(item).length === 2 && typeof item.path === 'string' && !item.path.includes('/')
      && JSON.stringify(item.fieldRef) === JSON.stringify({ fieldPath: COMPLETION_INDEX_FIELD });
    if (!plain) continue;
    // every container mounts it once, at one directory, with nothing else set
    const mounts = all.map(c => (Array.isArray(c?.volumeMounts) ? c.volumeMounts : []).filter((m: any) => m?.name === volume.name));
    const directory = mounts[0]?.[0]?.mountPath;
    const same = mounts.every(m => m.length === 1 && m[0].mountPath === directory && Object.keys(m[0]).length === 2);
    if (!same || typeof directory !== 'string' || !directory.startsWith('/')) continue;
    const rest = JSON.parse(JSON.stringify(spec));
    const restPod = rest.template.spec;
    restPod.volumes = restPod.volumes.filter((v: any) => v.name !== volume.name);
    if (restPod.volumes.length === 0) delete restPod.volumes;
    for (const c of [...restPod.initContainers ?? [], ...restPod.containers ?? []]) {
      c.volumeMounts = c.volumeMounts.filter((m: any) => m.name !== volume.name);
      if (c.volumeMounts.length === 0) delete c.volumeMounts;
    }
    return { path: `${directory.replace(/\/$/, '')}/${item.path}`, volumeName: volume.name, rest };
  }
  return undefined;
}
