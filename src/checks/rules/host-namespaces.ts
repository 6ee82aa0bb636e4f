import { podSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const hostNamespaces: JobRule = {
  id: 'JOB301',
  name: 'host-namespaces',
  category: RuleCategory.SECURITY,
  severity: RuleSeverity.ERROR,
  summary: 'The pod shares the node\'s network, PID or IPC namespace (Pod Security Standards baseline)',
  explanation: 'hostNetwork, hostPID and hostIPC give the pod a view of the node and its other workloads.',
  fix: 'Remove hostNetwork, hostPID and hostIPC (or set them to false).',
  source: 'kubernetes/pod-security-admission policy/check_hostNamespaces.go',
  check(job): Violation[] {
    const pod = podSpec(job);
    return ['hostNetwork', 'hostPID', 'hostIPC']
      .filter(field => pod[field] === true)
      .map(field => ({ path: `spec.template.spec.${field}`, message: `spec.template.spec.${field} is true; Pod Security Standards baseline allows only false` }));
  },
};
