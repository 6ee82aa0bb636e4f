import { dns1123LabelProblems } from '../../k8s/names';
import { parseQuantity } from '../../k8s/quantity';
import { asArray, isObject, podSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';
import { fieldRefViolations, resourceFieldRefViolations } from './container-env';

/** The volume types of core.VolumeSource, in validateVolumeSource's order. */
const VOLUME_TYPES = ['emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'azureFile',
  'configMap', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos',
  'csi', 'ephemeral', 'image', 'flexVolume'];
/** validateHostPathType; an unknown type is JOB014's finding, but it still keeps the volume from being mounted. */
const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
/** validVolumeDownwardAPIFieldPathExpressions */
const VOLUME_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid'];

/** validatePathNoBacksteps */
function backstepViolations(target: string, path: string): Violation[] {
  return target.split('/').includes('..') ? [{ path, message: `${path} ${show(target)} contains ".."; it must stay inside the volume` }] : [];
}

/** ValidateLocalNonReservedPath: relative, no "..", not starting with "..". */
export function localPathViolations(target: string, path: string): Violation[] {
  const violations: Violation[] = [];
  if (target.startsWith('/')) violations.push({ path, message: `${path} ${show(target)} is absolute; it must be a path relative to the volume` });
  violations.push(...backstepViolations(target, path));
  if (target.startsWith('..') && !target.startsWith('../')) violations.push({ path, message: `${path} ${show(target)} starts with ".."` });
  return violations;
}

function modeViolations(mode: unknown, path: string): Violation[] {
  return typeof mode === 'number' && (mode < 0 || mode > 0o777)
    ? [{ path, message: `${path} is ${mode} (0${mode.toString(8)} in octal); a file mode must be between 0 and 0777 (511)` }] : [];
}

function keyToPathViolations(item: Record<string, any>, path: string): Violation[] {
  const violations: Violation[] = [];
  if (typeof item.key !== 'string' || item.key === '') violations.push({ path: `${path}.key`, message: `${path}.key is not set; name the key to project` });
  const target = typeof item.path === 'string' ? item.path : '';
  if (target === '') violations.push({ path: `${path}.path`, message: `${path}.path is not set; name the file to write the key to` });
  violations.push(...localPathViolations(target, `${path}.path`), ...modeViolations(item.mode, `${path}.mode`));
  return violations;
}

function downwardFileViolations(file: Record<string, any>, path: string): Violation[] {
  const violations: Violation[] = [];
  const target = typeof file.path === 'string' ? file.path : '';
  if (target === '') violations.push({ path: `${path}.path`, message: `${path} has an item without a path` });
  violations.push(...localPathViolations(target, `${path}.path`));
  if (isObject(file.fieldRef)) {
    violations.push(...fieldRefViolations(file.fieldRef, VOLUME_FIELD_PATHS, `${path}.fieldRef`));
    if (isObject(file.resourceFieldRef)) violations.push({ path, message: `${path} has an item with both fieldRef and resourceFieldRef; it takes one` });
  } else if (isObject(file.resourceFieldRef)) {
    violations.push(...resourceFieldRefViolations(file.resourceFieldRef, `${path}.resourceFieldRef`, true));
  } else {
    violations.push({ path, message: `${path} has an item with neither fieldRef nor resourceFieldRef; it takes one` });
  }
  violations.push(...modeViolations(file.mode, `${path}.mode`));
  return violations;
}

function sourceViolations(type: string, source: Record<string, any>, path: string): Violation[] {
  const violations: Violation[] = [];
  switch (type) {
    case 'emptyDir': {
      const limit = source.sizeLimit === undefined ? undefined : parseQuantity(source.sizeLimit);
      if (limit !== undefined && limit < 0) violations.push({ path: `${path}.sizeLimit`, message: `${path}.sizeLimit is ${show(source.sizeLimit)}; it must be 0 or more` });
      break;
    }
    case 'hostPath':
      if (typeof source.path !== 'string' || source.path === '') return [{ path: `${path}.path`, message: `${path}.path is not set` }];
      violations.push(...backstepViolations(source.path, `${path}.path`));
      break;
    case 'secret':
    case 'configMap': {
      const nameField = type === 'secret' ? 'secretName' : 'name';
      if (typeof source[nameField] !== 'string' || source[nameField] === '') {
        violations.push({ path: `${path}.${nameField}`, message: `${path}.${nameField} is not set; name the ${type === 'secret' ? 'Secret' : 'ConfigMap'}` });
      }
      violations.push(...modeViolations(source.defaultMode, `${path}.defaultMode`));
      asArray(source.items).forEach((item, i) => isObject(item) && violations.push(...keyToPathViolations(item, `${path}.items[${i}]`)));
      break;
    }
    case 'downwardAPI':
      violations.push(...modeViolations(source.defaultMode, `${path}.defaultMode`));
      asArray(source.items).forEach(file => isObject(file) && violations.push(...downwardFileViolations(file, path)));
      break;
    case 'persistentVolumeClaim':
      if (typeof source.claimName !== 'string' || source.claimName === '') violations.push({ path: `${path}.claimName`, message: `${path}.claimName is not set; name the PersistentVolumeClaim` });
      break;
    case 'projected':
      violations.push(...modeViolations(source.defaultMode, `${path}.defaultMode`));
      asArray(source.sources).forEach((projection, i) => {
        if (!isObject(projection)) return;
        const at = `${path}.sources[${i}]`;
        const token = projection.serviceAccountToken;
        if (isObject(token)) {
          const expiration = token.expirationSeconds ?? 3600;
          if (typeof expiration === 'number' && expiration < 600) violations.push({ path: `${at}.serviceAccountToken.expirationSeconds`, message: `${at}.serviceAccountToken.expirationSeconds is ${expiration}; it must be at least 600 (10 minutes)` });
          if (typeof expiration === 'number' && expiration > 2 ** 32) violations.push({ path: `${at}.serviceAccountToken.expirationSeconds`, message: `${at}.serviceAccountToken.expirationSeconds is ${expiration}; it must be at most 2^32` });
          if (typeof token.path !== 'string' || token.path === '') violations.push({ path: `${path}.path`, message: `${at}.serviceAccountToken.path is not set` });
          else violations.push(...localPathViolations(token.path, `${path}.path`));
        }
        for (const kind of ['secret', 'configMap']) {
          if (!isObject(projection[kind])) continue;
          if (typeof projection[kind].name !== 'string' || projection[kind].name === '') violations.push({ path: `${at}.${kind}.name`, message: `${at}.${kind}.name is not set` });
          asArray(projection[kind].items).forEach((item, k) => isObject(item) && violations.push(...keyToPathViolations(item, `${at}.${kind}.items[${k}]`)));
        }
        if (isObject(projection.downwardAPI)) {
          asArray(projection.downwardAPI.items).forEach(file => isObject(file) && violations.push(...downwardFileViolations(file, `${at}.downwardAPI`)));
        }
      });
      break;
    default:
  }
  return violations;
}

/** Everything validateVolumeSource and the volume name checks report for one volume. */
export function volumeViolations(volume: Record<string, any>, path: string): Violation[] {
  const violations: Violation[] = [];
  let count = 0;
  for (const type of VOLUME_TYPES) {
    const source = volume[type];
    if (source === undefined || source === null) continue;
    if (count > 0) {
      violations.push({ path: `${path}.${type}`, message: `${path} sets ${type} besides another volume type; a volume has exactly one source` });
      continue;
    }
    count++;
    if (isObject(source)) violations.push(...sourceViolations(type, source, `${path}.${type}`));
  }
  // a volume without a source is not an error: SetDefaults_Volume makes it an emptyDir
  if (typeof volume.name !== 'string' || volume.name === '') {
    violations.push({ path: `${path}.name`, message: `${path}.name is not set; every volume needs a name` });
  } else {
    for (const problem of dns1123LabelProblems(volume.name)) violations.push({ path: `${path}.name`, message: `${path}.name ${show(volume.name)} is not a valid volume name: it ${problem}` });
  }
  return violations;
}

/** The volumes the API server registers for mounts: those without any problem, first of each name. */
export function registeredVolumeNames(job: any): Set<string> {
  const names = new Set<string>();
  asArray(podSpec(job).volumes).forEach((volume, i) => {
    if (!isObject(volume) || names.has(volume.name)) return;
    const hostPathType = isObject(volume.hostPath) ? volume.hostPath.type ?? '' : '';
    if (volumeViolations(volume, `spec.template.spec.volumes[${i}]`).length === 0 && HOST_PATH_TYPES.includes(hostPathType)) names.add(volume.name);
  });
  return names;
}

export const volumeSources: JobRule = {
  id: 'JOB021',
  name: 'volume-sources',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Each volume has exactly one valid source: names set, file modes in 0..0777, item paths relative and inside the volume',
  explanation: 'The API server validates each volume of the pod template: one volume type, a DNS-label name, the source\'s '
    + 'required names (secretName, ConfigMap name, claimName, hostPath path), file modes between 0 and 0777, item and '
    + 'downward-API paths that are relative and contain no "..", downward-API fields it can serve, projected service '
    + 'account tokens that live 10 minutes to 2^32 seconds. A volume with any such error does not exist for volumeMounts.',
  fix: 'Keep one source per volume and correct the field the message names; write modes in octal (0644) or decimal (420).',
  source: 'pkg/apis/core/validation/validation.go ValidateVolumes, validateVolumeSource, validateKeyToPath, '
    + 'ValidateLocalNonReservedPath, validateDownwardAPIVolumeFile, validateProjectionSources',
  check(job): Violation[] {
    const violations: Violation[] = [];
    asArray(podSpec(job).volumes).forEach((volume, i) => {
      if (isObject(volume)) violations.push(...volumeViolations(volume, `spec.template.spec.volumes[${i}]`));
    });
    return violations;
  },
};
