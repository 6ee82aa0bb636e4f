import { KubeVersion } from '../../kube-version';
import { allContainers, isObject } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const hostProbes: JobRule = {
  id: 'JOB307',
  name: 'host-probes',
  category: RuleCategory.SECURITY,
  severity: RuleSeverity.ERROR,
  summary: 'A probe or lifecycle hook sets a host (Pod Security Standards baseline, from 1.34)',
  explanation: 'An httpGet or tcpSocket probe or hook with a host makes the kubelet connect to that address from the node, '
    + 'which a pod can use to reach services the node can reach and the pod cannot. Since policy version 1.34, baseline allows '
    + 'only an empty host (the pod\'s own IP).',
  fix: 'Remove the host field; the probe then targets the pod itself.',
  source: 'kubernetes/pod-security-admission policy/check_hostProbesAndhostLifecycle.go',
  minKubeVersion: KubeVersion.V1_34,
  check(job): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path } of allContainers(job)) {
      const hooks = [container.livenessProbe, container.readinessProbe, container.startupProbe, container.lifecycle];
      if (hooks.every(hook => hook == null)) continue;
      const handlers: Array<[unknown, string]> = ['livenessProbe', 'readinessProbe', 'startupProbe'].map(p => [container[p], `${path}.${p}`]);
      if (isObject(container.lifecycle)) {
        for (const hook of ['postStart', 'preStop']) handlers.push([container.lifecycle[hook], `${path}.lifecycle.${hook}`]);
      }
      for (const [handler, at] of handlers) {
        if (!isObject(handler)) continue;
        for (const kind of ['httpGet', 'tcpSocket']) {
          const host = isObject(handler[kind]) ? handler[kind].host : undefined;
          if (typeof host === 'string' && host !== '') {
            violations.push({ path: `${at}.${kind}.host`, message: `${at}.${kind}.host is ${JSON.stringify(host)}; Pod Security Standards baseline (1.34+) allows no probe or hook host` });
          }
        }
      }
    }
    return violations;
  },
};
