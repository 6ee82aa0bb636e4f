import { allContainers, isObject, podSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const nonRootWithoutUser: JobRule = {
  id: 'JOB208',
  name: 'non-root-without-user',
  category: RuleCategory.SAFETY,
  severity: RuleSeverity.WARNING,
  summary: 'runAsNonRoot is true but no runAsUser is set: the container starts only if its image declares a numeric non-root USER',
  explanation: 'With runAsNonRoot and no runAsUser (on the container or the pod), the kubelet reads the user from the image: a '
    + 'root user, or a user given by name, cannot be verified, so the container never starts (CreateContainerConfigError) and the '
    + 'Job waits with a pending pod until its deadline, if it has one.',
  fix: 'Set a numeric runAsUser above 0 (securityContext.user in cdk8s-plus props), on the container or the pod, or make sure the image\'s USER is numeric and not 0.',
  source: 'pkg/kubelet/kuberuntime/security_context_others.go verifyRunAsNonRoot',
  check(job): Violation[] {
    const pod = podSpec(job);
    if (isObject(pod.os) && pod.os.name === 'windows') return []; // Windows pods run as a user name (runAsUserName)
    const podContext = isObject(pod.securityContext) ? pod.securityContext : {};
    const violations: Violation[] = [];
    for (const { container, path } of allContainers(job)) {
      const sc = isObject(container.securityContext) ? container.securityContext : {};
      if ((sc.runAsNonRoot ?? podContext.runAsNonRoot) !== true || (sc.runAsUser ?? podContext.runAsUser) != null) continue;
      const where = sc.runAsNonRoot === true ? `${path}.securityContext.runAsNonRoot` : 'spec.template.spec.securityContext.runAsNonRoot';
      violations.push({
        path: where,
        message: `${path} runs with runAsNonRoot but no runAsUser (on the container or the pod): it starts only if its image's USER is a numeric id other than 0`,
      });
    }
    return violations;
  },
};
