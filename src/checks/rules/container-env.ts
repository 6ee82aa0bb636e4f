import { gateServed } from '../../k8s/features';
import { configMapKeyProblems, dns1123LabelProblems, dns1123SubdomainProblems, envVarNameProblems, qualifiedNameProblems } from '../../k8s/names';
import { parseQuantity } from '../../k8s/quantity';
import { allContainers, asArray, isObject, podSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

/** The valueFrom sources every supported version serves. */
const SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'];
/** And with EnvFiles (1.35+). */
const SOURCES_WITH_FILES = [...SOURCES, 'fileKeyRef'];
/** validEnvDownwardAPIFieldPathExpressions */
const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
/** ConvertDownwardAPIFieldLabel: the labels a v1 fieldRef may name at all. */
const DOWNWARD_LABELS = new Set(['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid',
  'spec.nodeName', 'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs', 'spec.host']);
/** validContainerResourceFieldPathExpressions */
const RESOURCE_FIELDS = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];
const DIVISORS: Record<string, string[]> = {
  cpu: ['1m', '1'],
  other: ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'],
};

/** SplitMaybeSubscriptedPath: `metadata.labels['app']` → ['metadata.labels', 'app']. */
export function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const inner = fieldPath.slice(0, -2);
  const at = inner.indexOf("['");
  if (at <= 0) return undefined;
  return [inner.slice(0, at), inner.slice(at + 2)];
}

/**
 * validateObjectFieldSelector: the fieldRef of an env var or a downwardAPI volume item. `allowed` is the set of
 * unsubscripted paths the caller supports.
 */
export function fieldRefViolations(ref: Record<string, any>, allowed: readonly string[], path: string): Violation[] {
  const apiVersion = ref.apiVersion ?? 'v1';
  const fieldPath = ref.fieldPath;
  if (typeof fieldPath !== 'string' || fieldPath === '') {
    return [{ path: `${path}.fieldPath`, message: `${path}.fieldPath is not set; name the pod field to read (${allowed.join(', ')})` }];
  }
  if (apiVersion !== 'v1') {
    return [{ path: `${path}.fieldPath`, message: `${path}.apiVersion is ${show(apiVersion)}; the downward API reads only "v1" pod fields` }];
  }
  const subscripted = splitSubscript(fieldPath);
  if (subscripted) {
    const [base, key] = subscripted;
    if (base !== 'metadata.annotations' && base !== 'metadata.labels') {
      return [{ path: `${path}.fieldPath`, message: `${path}.fieldPath ${show(fieldPath)} subscripts ${base}; only metadata.labels['…'] and metadata.annotations['…'] take a key` }];
    }
    const problems = qualifiedNameProblems(base === 'metadata.annotations' ? key.toLowerCase() : key);
    return problems.map(problem => ({ path, message: `${path}.fieldPath ${show(fieldPath)}: the key ${problem}` }));
  }
  if (!DOWNWARD_LABELS.has(fieldPath) || !allowed.includes(fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath)) {
    return [{ path: `${path}.fieldPath`, message: `${path}.fieldPath ${show(fieldPath)} is not a pod field the downward API gives here; allowed: ${allowed.join(', ')}, metadata.labels['<key>'], metadata.annotations['<key>']` }];
  }
  return [];
}

/** validateContainerResourceFieldSelector (env: containerName optional; volume: required). */
export function resourceFieldRefViolations(ref: Record<string, any>, path: string, volume: boolean): Violation[] {
  const resource = ref.resource;
  if (volume && (typeof ref.containerName !== 'string' || ref.containerName === '')) {
    return [{ path: `${path}.containerName`, message: `${path}.containerName is not set; a downwardAPI volume must name the container whose resources it reads` }];
  }
  if (typeof resource !== 'string' || resource === '') {
    return [{ path: `${path}.resource`, message: `${path}.resource is not set; allowed: ${RESOURCE_FIELDS.join(', ')}, requests.hugepages-<size>, limits.hugepages-<size>` }];
  }
  const violations: Violation[] = [];
  const hugePages = resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-');
  if (!RESOURCE_FIELDS.includes(resource) && !hugePages) {
    violations.push({ path: `${path}.resource`, message: `${path}.resource ${show(resource)} is not supported; allowed: ${RESOURCE_FIELDS.join(', ')}, requests.hugepages-<size>, limits.hugepages-<size>` });
  }
  if (ref.divisor !== undefined && parseQuantity(ref.divisor) !== 0) {
    const divisor = String(ref.divisor);
    const kind = resource.endsWith('.cpu') ? 'cpu' : 'other';
    if (RESOURCE_FIELDS.includes(resource) || hugePages) {
      if (!DIVISORS[kind].includes(divisor)) {
        violations.push({ path: `${path}.divisor`, message: `${path}.divisor ${show(ref.divisor)} is not supported for ${resource}; allowed: ${DIVISORS[kind].join(', ')}` });
      }
    }
  }
  return violations;
}

function nameViolations(name: unknown, path: string, what: string): Violation[] {
  const value = typeof name === 'string' ? name : '';
  return dns1123SubdomainProblems(value).map(problem => ({ path, message: `${path} ${show(name)} is not a valid ${what} name: it ${problem}` }));
}

function keyViolations(key: unknown, path: string): Violation[] {
  if (typeof key !== 'string' || key === '') return [{ path, message: `${path} is not set; name the key to read` }];
  return configMapKeyProblems(key).map(problem => ({ path, message: `${path} ${show(key)} is not a valid key: it ${problem}` }));
}

/** validateFileKeySelector: an env var read from a file in an emptyDir volume (EnvFiles, 1.35+). */
function fileKeyRefViolations(ref: Record<string, any>, path: string): Violation[] {
  const violations: Violation[] = [];
  if (typeof ref.key !== 'string' || ref.key === '') violations.push({ path: `${path}.key`, message: `${path}.key is not set; name the variable to read from the file` });
  else for (const problem of envVarNameProblems(ref.key)) violations.push({ path: `${path}.key`, message: `${path}.key ${show(ref.key)} is not a valid env var name: it ${problem}` });
  if (typeof ref.volumeName !== 'string' || ref.volumeName === '') violations.push({ path: `${path}.volumeName`, message: `${path}.volumeName is not set; name the emptyDir volume that holds the file` });
  else for (const problem of dns1123LabelProblems(ref.volumeName)) violations.push({ path: `${path}.volumeName`, message: `${path}.volumeName ${show(ref.volumeName)} is not a volume name: it ${problem}` });
  if (typeof ref.path !== 'string' || ref.path === '') violations.push({ path: `${path}.path`, message: `${path}.path is not set; name the file in the volume` });
  else if (ref.path.split('/').includes('..')) violations.push({ path: `${path}.path`, message: `${path}.path ${show(ref.path)} contains ".."; it must stay inside the volume` });
  return violations;
}

/** validateFileKeyRefVolumes: a fileKeyRef names an emptyDir volume of the pod. */
function fileKeyRefVolumeViolations(job: any): Violation[] {
  const volumes = new Map<string, any>();
  for (const volume of asArray(podSpec(job).volumes)) if (isObject(volume) && !volumes.has(volume.name)) volumes.set(volume.name, volume);
  const violations: Violation[] = [];
  for (const { container, path } of allContainers(job)) {
    asArray(container.env).forEach((entry, j) => {
      const ref = isObject(entry) && isObject(entry.valueFrom) ? entry.valueFrom.fileKeyRef : undefined;
      if (!isObject(ref)) return;
      const at = `${path}.env[${j}].valueFrom.fileKeyRef.volumeName`;
      const volume = volumes.get(ref.volumeName);
      // SetDefaults_Volume makes a volume without a source an emptyDir
      const emptyDir = isObject(volume) && (volume.emptyDir != null || !Object.keys(volume).some(k => k !== 'name'));
      if (volume === undefined) violations.push({ path: at, message: `${at} ${show(ref.volumeName)} is not a volume of the pod` });
      else if (!emptyDir) violations.push({ path: at, message: `${at} ${show(ref.volumeName)} is not an emptyDir volume; env files are read from an emptyDir` });
    });
  }
  return violations;
}

function valueFromViolations(entry: Record<string, any>, path: string, kinds: readonly string[]): Violation[] {
  const from = entry.valueFrom;
  if (!isObject(from)) return [];
  const violations: Violation[] = [];
  const sources = kinds.filter(s => from[s] !== undefined && from[s] !== null);
  if (isObject(from.fieldRef)) violations.push(...fieldRefViolations(from.fieldRef, ENV_FIELD_PATHS, `${path}.fieldRef`));
  if (isObject(from.resourceFieldRef)) violations.push(...resourceFieldRefViolations(from.resourceFieldRef, `${path}.resourceFieldRef`, false));
  if (kinds.includes('fileKeyRef') && isObject(from.fileKeyRef)) violations.push(...fileKeyRefViolations(from.fileKeyRef, `${path}.fileKeyRef`));
  for (const kind of ['configMapKeyRef', 'secretKeyRef'] as const) {
    const ref = from[kind];
    if (!isObject(ref)) continue;
    violations.push(...nameViolations(ref.name, `${path}.${kind}.name`, kind === 'secretKeyRef' ? 'Secret' : 'ConfigMap'));
    violations.push(...keyViolations(ref.key, `${path}.${kind}.key`));
  }
  if (sources.length === 0) {
    violations.push({ path, message: `${path} names no source; set one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef` });
  } else if (typeof entry.value === 'string' && entry.value !== '') {
    violations.push({ path, message: `${path} is set together with a non-empty value; an env var takes either value or valueFrom` });
  } else if (sources.length > 1) {
    violations.push({ path, message: `${path} sets ${sources.join(' and ')}; it takes exactly one source` });
  }
  return violations;
}

export const containerEnv: JobRule = {
  id: 'JOB016',
  name: 'container-env',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Env var names are printable ASCII without "=", and each valueFrom and envFrom names exactly one valid source',
  explanation: 'The API server validates every env entry of every container: a name of printable ASCII other than "=" '
    + '(RelaxedEnvironmentVariableValidation), either value or valueFrom, valueFrom with exactly one source, downward-API '
    + 'field paths it can serve, resource fields it knows, and Secret/ConfigMap references with DNS-subdomain names and valid '
    + 'keys. envFrom takes one of configMapRef or secretRef, and its prefix follows the env name rule.',
  fix: 'Rename the variable, pick a single source, or correct the referenced field, resource, name or key as the message says.',
  source: 'pkg/apis/core/validation/validation.go ValidateEnv, validateEnvVarValueFrom, validateObjectFieldSelector, '
    + 'validateContainerResourceFieldSelector, validateSecretKeySelector, ValidateEnvFrom',
  check(job, context): Violation[] {
    const violations: Violation[] = [];
    const envFiles = gateServed('EnvFiles', context.kubeVersion);
    if (envFiles) violations.push(...fileKeyRefVolumeViolations(job));
    // a fileKeyRef the server does not serve is dropped before validation, leaving valueFrom without a source
    const kinds = envFiles ? SOURCES_WITH_FILES : SOURCES;
    for (const { container, path } of allContainers(job)) {
      asArray(container.env).forEach((entry, i) => {
        if (!isObject(entry)) return;
        const at = `${path}.env[${i}]`;
        if (typeof entry.name !== 'string' || entry.name === '') {
          violations.push({ path: `${at}.name`, message: `${at}.name is not set; every env var needs a name` });
        } else {
          for (const problem of envVarNameProblems(entry.name)) {
            violations.push({ path: `${at}.name`, message: `${at}.name ${show(entry.name)} is not a valid env var name: it ${problem}` });
          }
        }
        violations.push(...valueFromViolations(entry, `${at}.valueFrom`, kinds));
      });
      asArray(container.envFrom).forEach((entry, i) => {
        if (!isObject(entry)) return;
        const at = `${path}.envFrom[${i}]`;
        if (typeof entry.prefix === 'string' && entry.prefix !== '') {
          for (const problem of envVarNameProblems(entry.prefix)) {
            violations.push({ path: `${at}.prefix`, message: `${at}.prefix ${show(entry.prefix)} is not a valid env var prefix: it ${problem}` });
          }
        }
        const sources = ['configMapRef', 'secretRef'].filter(s => isObject(entry[s]));
        for (const kind of sources) {
          const name = entry[kind].name;
          if (typeof name !== 'string' || name === '') {
            violations.push({ path: `${at}.${kind}.name`, message: `${at}.${kind}.name is not set; name the ${kind === 'secretRef' ? 'Secret' : 'ConfigMap'}` });
          } else {
            violations.push(...nameViolations(name, `${at}.${kind}.name`, kind === 'secretRef' ? 'Secret' : 'ConfigMap'));
          }
        }
        if (sources.length !== 1) {
          violations.push({
            path: `${path}.envFrom`,
            message: `${at} ${sources.length === 0 ? 'names no source' : 'sets both configMapRef and secretRef'}; it takes exactly one of configMapRef or secretRef`,
          });
        }
      });
    }
    return violations;
  },
};
