import { KubeVersion } from '../../kube-version';
import { allContainers, isObject, show } from '../manifest';
import { userNamespaceRelief } from '../pss';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const procMount: JobRule = {
  id: 'JOB316',
  name: 'proc-mount',
  category: RuleCategory.SECURITY,
  severity: RuleSeverity.WARNING,
  summary: 'A container in a user namespace unmasks /proc (Pod Security Standards restricted, from 1.35)',
  explanation: 'From policy 1.35, baseline lets a pod with hostUsers: false set procMount: Unmasked (root in the pod is not '
    + 'root on the node), but restricted still requires the default, masked /proc. Outside a user namespace, JOB306 '
    + '(baseline) reports it.',
  fix: 'Remove securityContext.procMount, or accept the baseline level for this namespace.',
  source: 'kubernetes/pod-security-admission policy/check_procMount_restricted.go, check_procMount_baseline.go procMount1_35baseline',
  minKubeVersion: KubeVersion.V1_35,
  check(job, context): Violation[] {
    if (!userNamespaceRelief(job, context.kubeVersion)) return [];
    return allContainers(job)
      .filter(({ container }) => isObject(container.securityContext) && container.securityContext.procMount != null && container.securityContext.procMount !== 'Default')
      .map(({ container, path }) => ({
        path: `${path}.securityContext.procMount`,
        message: `${path}.securityContext.procMount is ${show(container.securityContext.procMount)}; Pod Security Standards restricted allows only "Default"`,
      }));
  },
};
