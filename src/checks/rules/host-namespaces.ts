import { allContainers, isObject, podSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const hostNamespaces: JobRule = {
  id: 'JOB301',
  name: 'host-namespaces',
  category: RuleCategory.SECURITY,
  severity: RuleSeverity.ERROR,
  summary: 'The pod shares the node\'s network, PID or IPC namespace, or runs Windows hostProcess containers (Pod Security Standards baseline)',
  explanation: 'hostNetwork, hostPID and hostIPC give the pod a view of the node and its other workloads; a Windows hostProcess '
    + 'container runs directly on the node.',
  fix: 'Remove hostNetwork, hostPID, hostIPC and windowsOptions.hostProcess (or set them to false).',
  source: 'kubernetes/pod-security-admission policy/check_hostNamespaces.go, check_windowsHostProcess.go',
  check(job): Violation[] {
    const pod = podSpec(job);
    const violations: Violation[] = ['hostNetwork', 'hostPID', 'hostIPC']
      .filter(field => pod[field] === true)
      .map(field => ({ path: `spec.template.spec.${field}`, message: `spec.template.spec.${field} is true; Pod Security Standards baseline allows only false` }));
    const contexts = [{ sc: pod.securityContext, path: 'spec.template.spec.securityContext' }]
      .concat(allContainers(job).map(({ container, path }) => ({ sc: container.securityContext, path: `${path}.securityContext` })));
    for (const { sc, path } of contexts) {
      if (isObject(sc) && isObject(sc.windowsOptions) && sc.windowsOptions.hostProcess === true) {
        violations.push({ path: `${path}.windowsOptions.hostProcess`, message: `${path}.windowsOptions.hostProcess is true; Pod Security Standards baseline forbids hostProcess containers` });
      }
    }
    return violations;
  },
};
