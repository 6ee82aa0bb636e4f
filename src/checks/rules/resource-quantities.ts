import { qualifiedNameProblems } from '../../k8s/names';
import { QUANTITY_FORMAT, parseQuantity } from '../../k8s/quantity';
import { allContainers, isObject, podSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

/** helper.standardResources: the unprefixed names validateResourceName accepts. */
const STANDARD_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'quotas', 'services', 'replicationcontrollers', 'secrets',
  'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers']);
const CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const INTEGER_RESOURCES = new Set(['pods', 'quotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);

const isHugePages = (name: string) => name.startsWith('hugepages-');
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
/** IsExtendedResourceName */
const isExtended = (name: string) => !isNative(name) && !name.startsWith('requests.') && qualifiedNameProblems(`requests.${name}`).length === 0;
/** IsOvercommitAllowed: only native, non-hugepages resources may request less than their limit. */
const overcommitAllowed = (name: string) => isNative(name) && !isHugePages(name);

/** validateResourceName + validateContainerResourceName, or validatePodResourceName at pod level. */
function resourceNameProblems(name: string, podLevel: boolean): string[] {
  const problems = qualifiedNameProblems(name);
  if (problems.length > 0) return problems;
  const prefixed = name.includes('/');
  if (!prefixed && !STANDARD_RESOURCES.has(name) && !name.startsWith('requests.hugepages-') && !isHugePages(name)) {
    return ['is not a standard resource type (cpu, memory, ephemeral-storage, hugepages-<size>) or fully qualified (example.com/gpu)'];
  }
  if (podLevel) {
    return name === 'cpu' || name === 'memory' || isHugePages(name) ? [] : ['is not supported in pod-level resources; allowed: cpu, memory, hugepages-<size>'];
  }
  if (!prefixed && !CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
    return ['is not a resource a container can request; allowed: cpu, memory, ephemeral-storage, hugepages-<size>, or an extended resource such as example.com/gpu'];
  }
  if (prefixed && !isNative(name) && !isExtended(name)) return ['does not follow the extended resource name standard (domain/name)'];
  return [];
}

/** HugePageSizeFromResourceName */
function hugePageSize(name: string): number | undefined {
  return parseQuantity(name.slice('hugepages-'.length));
}

/** validateResourceRequirements for one `resources` object. */
function requirementsViolations(resources: Record<string, any>, path: string, podLevel: boolean): Violation[] {
  const violations: Violation[] = [];
  const limits = isObject(resources.limits) ? resources.limits : {};
  const requests = isObject(resources.requests) ? resources.requests : {};
  let cpuOrMemory = false;
  let hugePages = false;
  const values: Record<'limits' | 'requests', Record<string, number>> = { limits: {}, requests: {} };
  for (const kind of ['limits', 'requests'] as const) {
    const entries = kind === 'limits' ? limits : requests;
    for (const name of Object.keys(entries)) {
      const at = `${path}.${kind}[${name}]`;
      for (const problem of resourceNameProblems(name, podLevel)) {
        violations.push({ path: at, message: `${path}.${kind} names ${show(name)}, which ${problem}` });
      }
      const raw = entries[name];
      const value = parseQuantity(raw);
      if (value === undefined) {
        violations.push({ path: at, message: `${at} is ${show(raw)}, which is not a quantity; a quantity is ${QUANTITY_FORMAT}` });
        continue;
      }
      values[kind][name] = value;
      if (value < 0) violations.push({ path: at, message: `${at} is ${show(raw)}; it must be 0 or more` });
      if ((INTEGER_RESOURCES.has(name) || isExtended(name)) && Math.ceil(value * 1000) % 1000 !== 0) {
        violations.push({ path: at, message: `${at} is ${show(raw)}; ${name} is counted in whole units` });
      }
      if (isHugePages(name)) {
        hugePages = true;
        const size = hugePageSize(name);
        if (size === undefined || size <= 0 || !Number.isInteger(size) || Math.ceil(value) % size !== 0) {
          violations.push({ path: at, message: `${at} is ${show(raw)}; it must be a whole multiple of the page size of ${name}` });
        }
      }
      if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
    }
  }
  for (const name of Object.keys(requests)) {
    const request = values.requests[name];
    if (request === undefined) continue;
    if (name in limits) {
      const limit = values.limits[name];
      if (limit === undefined) continue;
      if (request !== limit && !overcommitAllowed(name)) {
        violations.push({ path: `${path}.requests`, message: `${path}.requests[${name}] is ${show(requests[name])}; for ${name} it must equal the limit (${show(limits[name])})` });
      } else if (request > limit) {
        violations.push({ path: `${path}.requests`, message: `${path}.requests[${name}] is ${show(requests[name])}, above the limit of ${show(limits[name])}; a request must not exceed its limit` });
      }
    } else if (!overcommitAllowed(name)) {
      violations.push({ path: `${path}.limits`, message: `${path}.requests[${name}] is set without a limit; ${name} cannot be overcommitted, so set limits[${name}] to the same value` });
    }
  }
  if (hugePages && !cpuOrMemory) {
    violations.push({ path, message: `${path} requests hugepages without cpu or memory; hugepages need a cpu or memory request or limit` });
  }
  return violations;
}

export const resourceQuantities: JobRule = {
  id: 'JOB017',
  name: 'resource-quantities',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Resource requests and limits are quantities of known resources, not negative, and no request exceeds its limit',
  explanation: 'The API server reads every request and limit as a resource.Quantity ("1 Gi", "1GB" and "512K" are not '
    + 'quantities and fail decoding), refuses negative values and unknown unprefixed resource names, requires a request to be at '
    + 'most its limit (equal for extended resources and hugepages, which also need a limit), whole numbers for extended '
    + 'resources, hugepages in multiples of their page size and together with cpu or memory. Pod-level resources take cpu, '
    + 'memory and hugepages only.',
  fix: 'Write the quantity as Kubernetes does ("500m", "1Gi"), lower the request or raise the limit, and qualify extended resources (example.com/gpu).',
  source: 'pkg/apis/core/validation/validation.go validateResourceRequirements, validateContainerResourceName, '
    + 'validatePodResourceName, ValidateResourceQuantityValue; k8s.io/apimachinery/pkg/api/resource ParseQuantity',
  check(job): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path } of allContainers(job)) {
      if (isObject(container.resources)) violations.push(...requirementsViolations(container.resources, `${path}.resources`, false));
    }
    const pod = podSpec(job);
    if (isObject(pod.resources)) violations.push(...requirementsViolations(pod.resources, 'spec.template.spec.resources', true));
    return violations;
  },
};
