import * as path from 'path';

/**
 * The Kubernetes docs' way of giving each index its item ("Indexed Job for Parallel Processing with Static Work
 * Assignment"): an init container runs
 *
 *     items=(foo bar baz qux xyz)
 *     echo ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt
 *
 * into an emptyDir the workers mount. WorkItems.fromList does the same job, so the converter writes that instead.
 */
export interface ItemPattern {
  /** The init container that writes the item. */
  readonly initContainer: string;
  /** The emptyDir that carries it. */
  readonly volume: string;
  readonly mountPath: string;
  readonly fileName: string;
  /** Each index's item, as the bytes echo writes: the word and a newline. */
  readonly items: string[];
  readonly image: string;
}

const SCRIPT = /^items=\(([^()\n]*)\)\necho \$\{items\[\$JOB_COMPLETION_INDEX\]\} > (\/[^\s'"$`\\]+)\n?$/;
/** A word bash leaves alone and echo prints as it is: no quotes, expansions, globs, escapes, or a leading `-` or `~`. */
const PLAIN_WORD = /^[A-Za-z0-9._/:@%+,=][A-Za-z0-9._/:@%+,=-]*$/;

/** The pattern in an Indexed Job's spec, or undefined when any part of it differs from the docs' form. */
export function findItemPattern(spec: any): ItemPattern | undefined {
  const pod = spec?.template?.spec;
  const inits: any[] = Array.isArray(pod?.initContainers) ? pod.initContainers : [];
  const containers: any[] = Array.isArray(pod?.containers) ? pod.containers : [];
  const volumes: any[] = Array.isArray(pod?.volumes) ? pod.volumes : [];
  for (const init of inits) {
    const command = init?.command;
    if (!Array.isArray(command) || command.length !== 3 || !['bash', '/bin/bash'].includes(command[0]) || command[1] !== '-c') continue;
    const match = typeof command[2] === 'string' ? SCRIPT.exec(command[2]) : null;
    if (match === null) continue;
    const words = match[1].trim().split(/ +/);
    if (words.some(w => !PLAIN_WORD.test(w)) || words.length !== spec.completions) continue;
    const others = Object.keys(init).filter(k => !['name', 'image', 'command', 'volumeMounts'].includes(k));
    const mounts = init.volumeMounts;
    if (others.length > 0 || typeof init.name !== 'string' || typeof init.image !== 'string' || !Array.isArray(mounts) || mounts.length !== 1) continue;
    const [mount] = mounts;
    const file = match[2];
    if (typeof mount?.mountPath !== 'string' || Object.keys(mount).some(k => k !== 'name' && k !== 'mountPath')) continue;
    if (path.posix.dirname(file) !== mount.mountPath.replace(/\/$/, '')) continue;
    const volume = volumes.find(v => v?.name === mount.name);
    if (volume === undefined || Object.keys(volume).length !== 2 || JSON.stringify(volume.emptyDir) !== '{}') continue;
    // the workers read it where it was written, and nothing else uses the volume
    const readers = containers.map(c => (c.volumeMounts ?? []).filter((m: any) => m?.name === mount.name));
    const exact = readers.every(r => r.length === 1 && r[0].mountPath === mount.mountPath && Object.keys(r[0]).every(k => k === 'name' || k === 'mountPath'));
    const elsewhere = inits.some(c => c !== init && (c.volumeMounts ?? []).some((m: any) => m?.name === mount.name));
    if (!exact || elsewhere || containers.length === 0) continue;
    return {
      initContainer: init.name,
      volume: mount.name,
      mountPath: mount.mountPath,
      fileName: path.posix.basename(file),
      items: words.map(w => `${w}\n`),
      image: init.image,
    };
  }
  return undefined;
}

/** The Job spec without the pattern's init container, volume and mounts (a copy). */
export function withoutItemPattern(spec: any, pattern: ItemPattern): any {
  const copy = JSON.parse(JSON.stringify(spec));
  const pod = copy.template.spec;
  pod.initContainers = pod.initContainers.filter((c: any) => c.name !== pattern.initContainer);
  if (pod.initContainers.length === 0) delete pod.initContainers;
  pod.volumes = pod.volumes.filter((v: any) => v.name !== pattern.volume);
  if (pod.volumes.length === 0) delete pod.volumes;
  for (const container of pod.containers) {
    container.volumeMounts = container.volumeMounts.filter((m: any) => m.name !== pattern.volume);
    if (container.volumeMounts.length === 0) delete container.volumeMounts;
  }
  return copy;
}
