import { isPortNumber, portNameProblems } from '../../k8s/names';
import { allContainers, asArray, isObject, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

/** ValidatePortNumOrName: a probe or handler port is a number in 1..65535 or an IANA port name. */
export function portNumOrNameViolations(port: unknown, path: string): Violation[] {
  if (typeof port === 'string') {
    return portNameProblems(port).map(problem => ({ path, message: `${path} ${show(port)} is not a port name: it ${problem}` }));
  }
  if (!isPortNumber(port)) return [{ path, message: `${path} is ${show(port)}; a port number must be between 1 and 65535` }];
  return [];
}

export const containerPorts: JobRule = {
  id: 'JOB018',
  name: 'container-ports',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Container ports are numbers in 1..65535 with unique IANA names (at most 15 characters)',
  explanation: 'The API server validates each container port: containerPort is required and in 1..65535, a hostPort too when '
    + 'set; a name is an IANA service name (at most 15 lowercase alphanumerics or "-", at least one letter, no "--", no leading '
    + 'or trailing "-") and unique in the container. (The protocol enum is JOB014\'s.)',
  fix: 'Use a port number in 1..65535 and a short lowercase name such as "http" or "metrics".',
  source: 'pkg/apis/core/validation/validation.go validateContainerPorts; k8s.io/apimachinery/pkg/util/validation IsValidPortName, IsValidPortNum',
  check(job): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path } of allContainers(job)) {
      const names = new Set<string>();
      asArray(container.ports).forEach((port, i) => {
        if (!isObject(port)) return;
        const at = `${path}.ports[${i}]`;
        if (typeof port.name === 'string' && port.name !== '') {
          const problems = portNameProblems(port.name);
          for (const problem of problems) violations.push({ path: `${at}.name`, message: `${at}.name ${show(port.name)} is not a port name: it ${problem}` });
          if (problems.length === 0 && names.has(port.name)) {
            violations.push({ path: `${at}.name`, message: `${at}.name ${show(port.name)} is used by another port of this container; port names must be unique` });
          }
          names.add(port.name);
        }
        if (port.containerPort === undefined || port.containerPort === 0 || port.containerPort === null) {
          violations.push({ path: `${at}.containerPort`, message: `${at}.containerPort is not set; it must be a port number between 1 and 65535` });
        } else if (!isPortNumber(port.containerPort)) {
          violations.push({ path: `${at}.containerPort`, message: `${at}.containerPort is ${show(port.containerPort)}; it must be between 1 and 65535` });
        }
        if (port.hostPort !== undefined && port.hostPort !== 0 && port.hostPort !== null && !isPortNumber(port.hostPort)) {
          violations.push({ path: `${at}.hostPort`, message: `${at}.hostPort is ${show(port.hostPort)}; it must be between 1 and 65535` });
        }
      });
    }
    return violations;
  },
};
