import { allContainers, isObject, podSpec } from '../manifest';
import { windowsPod } from '../pss';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

const CONFINED = ['RuntimeDefault', 'Localhost'];
const profileType = (sc: any) => (isObject(sc) && isObject(sc.seccompProfile) ? sc.seccompProfile.type : undefined);

export const seccompProfile: JobRule = {
  id: 'JOB314',
  name: 'seccomp-profile',
  category: RuleCategory.SECURITY,
  severity: RuleSeverity.WARNING,
  summary: 'A container has no RuntimeDefault or Localhost seccomp profile (Pod Security Standards restricted)',
  explanation: 'Without a profile (on the pod or the container) the container runs unconfined; the restricted profile requires one.',
  fix: 'Set securityContext.seccompProfile.type: RuntimeDefault on the pod or on every container.',
  source: 'kubernetes/pod-security-admission policy/check_seccompProfile_restricted.go',
  check(job): Violation[] {
    if (windowsPod(job)) return [];
    const podType = profileType(podSpec(job).securityContext);
    return allContainers(job)
      .filter(({ container }) => !CONFINED.includes(profileType(container.securityContext) ?? podType))
      .map(({ path }) => ({ path: `${path}.securityContext.seccompProfile`, message: `${path} has no RuntimeDefault or Localhost seccomp profile (nor does the pod); Pod Security Standards restricted requires one` }));
  },
};
