import { MAX_INT32, allContainers, asArray, isDnsLabel, podSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const podTemplate: JobRule = {
  id: 'JOB011',
  name: 'pod-template',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'The pod template needs containers with unique DNS-label names and images; hostname and subdomain must be DNS labels',
  explanation: 'The API server validates the pod template as it would a Pod: at least one container; every container and init '
    + 'container has a name that is a DNS-1123 label, unique across both lists, and an image; hostname and subdomain are DNS labels; '
    + 'a pod-level activeDeadlineSeconds lies in 1..2147483647.',
  fix: 'Correct the field at the reported path.',
  source: 'pkg/apis/core/validation/validation.go ValidatePodTemplateSpec, validateContainers, ValidatePodSpec',
  check(job): Violation[] {
    const pod = podSpec(job);
    const violations: Violation[] = [];
    if (asArray(pod.containers).length === 0) {
      violations.push({ path: 'spec.template.spec.containers', message: 'spec.template.spec.containers is empty; a pod needs at least one container' });
    }
    const seen = new Set<string>();
    // validateContainers sees the containers first; a clash is reported on the init container (validateInitContainers)
    const refs = allContainers(job);
    const ordered = [...refs.filter(r => r.path.includes('.containers[')), ...refs.filter(r => !r.path.includes('.containers['))];
    for (const { container, path } of ordered) {
      const name = container.name;
      if (name === undefined || name === '') {
        violations.push({ path: `${path}.name`, message: `${path}.name is not set; every container needs a name` });
      } else if (!isDnsLabel(name)) {
        violations.push({ path: `${path}.name`, message: `${path}.name ${show(name)} is not a DNS label (at most 63 lowercase alphanumerics or "-")` });
      } else if (seen.has(name)) {
        violations.push({ path: `${path}.name`, message: `${path}.name ${show(name)} is used by another container; names must be unique across containers and init containers` });
      }
      seen.add(name);
      if (container.image === undefined || container.image === '' || (typeof container.image === 'string' && container.image.trim() === '')) {
        violations.push({ path: `${path}.image`, message: `${path}.image is not set; every container needs an image` });
      }
    }
    for (const field of ['hostname', 'subdomain']) {
      // ValidatePodSpec checks them only when non-empty
      if (pod[field] !== undefined && pod[field] !== null && pod[field] !== '' && !isDnsLabel(pod[field])) {
        violations.push({
          path: `spec.template.spec.${field}`,
          message: `spec.template.spec.${field} ${show(pod[field])} is not a DNS label (at most 63 lowercase alphanumerics or "-")`,
        });
      }
    }
    const deadline = pod.activeDeadlineSeconds;
    if (typeof deadline === 'number' && (deadline < 1 || deadline > MAX_INT32)) {
      violations.push({
        path: 'spec.template.spec.activeDeadlineSeconds',
        message: `spec.template.spec.activeDeadlineSeconds is ${deadline}; it must be between 1 and ${MAX_INT32}`,
      });
    }
    return violations;
  },
};
