import { allContainers, isObject } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const privilegedContainers: JobRule = {
  id: 'JOB302',
  name: 'privileged-containers',
  category: RuleCategory.SECURITY,
  severity: RuleSeverity.ERROR,
  summary: 'A container runs privileged (Pod Security Standards baseline)',
  explanation: 'A privileged container has every capability and access to the node\'s devices: it is root on the node.',
  fix: 'Remove securityContext.privileged (or set it to false).',
  source: 'kubernetes/pod-security-admission policy/check_privileged.go',
  check(job): Violation[] {
    return allContainers(job)
      .filter(({ container }) => isObject(container.securityContext) && container.securityContext.privileged === true)
      .map(({ path }) => ({ path: `${path}.securityContext.privileged`, message: `${path}.securityContext.privileged is true; Pod Security Standards baseline allows only false` }));
  },
};
