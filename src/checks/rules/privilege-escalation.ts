import { allContainers, isObject } from '../manifest';
import { windowsPod } from '../pss';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const privilegeEscalation: JobRule = {
  id: 'JOB312',
  name: 'privilege-escalation',
  category: RuleCategory.SECURITY,
  severity: RuleSeverity.WARNING,
  summary: 'A container does not set allowPrivilegeEscalation: false (Pod Security Standards restricted)',
  explanation: 'Unset means allowed: a setuid binary in the image can gain privileges. The restricted profile requires an explicit false.',
  fix: 'Set securityContext.allowPrivilegeEscalation: false on every container and init container.',
  source: 'kubernetes/pod-security-admission policy/check_allowPrivilegeEscalation.go',
  check(job): Violation[] {
    if (windowsPod(job)) return [];
    return allContainers(job)
      .filter(({ container }) => !isObject(container.securityContext) || container.securityContext.allowPrivilegeEscalation !== false)
      .map(({ path }) => ({ path: `${path}.securityContext.allowPrivilegeEscalation`, message: `${path}.securityContext.allowPrivilegeEscalation is not false; Pod Security Standards restricted requires false` }));
  },
};
