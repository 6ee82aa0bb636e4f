import { allContainers, asArray, isObject } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const hostPorts: JobRule = {
  id: 'JOB305',
  name: 'host-ports',
  category: RuleCategory.SECURITY,
  severity: RuleSeverity.ERROR,
  summary: 'A container binds a port on the node (Pod Security Standards baseline)',
  explanation: 'hostPort exposes the pod on the node\'s address and limits scheduling to one such pod per node.',
  fix: 'Remove hostPort; reach the pod through a Service.',
  source: 'kubernetes/pod-security-admission policy/check_hostPorts.go',
  check(job): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path } of allContainers(job)) {
      asArray(container.ports).forEach((port, i) => {
        if (isObject(port) && typeof port.hostPort === 'number' && port.hostPort !== 0) {
          violations.push({ path: `${path}.ports[${i}].hostPort`, message: `${path}.ports[${i}].hostPort is ${port.hostPort}; Pod Security Standards baseline allows only 0 or unset` });
        }
      });
    }
    return violations;
  },
};
