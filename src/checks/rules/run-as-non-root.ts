import { allContainers, isObject, podSpec } from '../manifest';
import { userNamespaceRelief } from '../pss';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const runAsNonRoot: JobRule = {
  id: 'JOB313',
  name: 'run-as-non-root',
  category: RuleCategory.SECURITY,
  severity: RuleSeverity.WARNING,
  summary: 'A container may run as root: runAsNonRoot is not true, or runAsUser is 0 (Pod Security Standards restricted)',
  explanation: 'runAsNonRoot: true (on the pod, or on every container) makes the kubelet refuse to start a container as UID 0; '
    + 'runAsUser: 0 asks for root outright.',
  fix: 'Set securityContext.runAsNonRoot: true and, for images whose USER is root or a name, a numeric runAsUser above 0.',
  source: 'kubernetes/pod-security-admission policy/check_runAsNonRoot.go, check_runAsUser.go',
  check(job, context): Violation[] {
    if (userNamespaceRelief(job, context.kubeVersion)) return [];
    const podContext = isObject(podSpec(job).securityContext) ? podSpec(job).securityContext : {};
    const violations: Violation[] = [];
    if (podContext.runAsUser === 0) {
      violations.push({ path: 'spec.template.spec.securityContext.runAsUser', message: 'spec.template.spec.securityContext.runAsUser is 0 (root); Pod Security Standards restricted forbids it' });
    }
    for (const { container, path } of allContainers(job)) {
      const sc = isObject(container.securityContext) ? container.securityContext : {};
      const nonRoot = sc.runAsNonRoot ?? podContext.runAsNonRoot;
      if (nonRoot !== true) {
        violations.push({ path: `${path}.securityContext.runAsNonRoot`, message: `${path} does not set runAsNonRoot: true (nor does the pod); Pod Security Standards restricted requires it` });
      }
      if (sc.runAsUser === 0) {
        violations.push({ path: `${path}.securityContext.runAsUser`, message: `${path}.securityContext.runAsUser is 0 (root); Pod Security Standards restricted forbids it` });
      }
    }
    return violations;
  },
};
