import { BASELINE_CAPABILITIES } from './added-capabilities';
import { allContainers, asArray, capabilitiesOf, show } from '../manifest';
import { windowsPod } from '../pss';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const dropAllCapabilities: JobRule = {
  id: 'JOB315',
  name: 'drop-all-capabilities',
  category: RuleCategory.SECURITY,
  severity: RuleSeverity.WARNING,
  summary: 'A container does not drop ALL capabilities, or adds one other than NET_BIND_SERVICE (Pod Security Standards restricted)',
  explanation: 'The restricted profile requires capabilities.drop to include ALL and allows adding back only NET_BIND_SERVICE.',
  fix: 'Set securityContext.capabilities.drop: [ALL].',
  source: 'kubernetes/pod-security-admission policy/check_capabilities_restricted.go',
  check(job): Violation[] {
    if (windowsPod(job)) return [];
    const violations: Violation[] = [];
    for (const { container, path } of allContainers(job)) {
      const capabilities = capabilitiesOf(container);
      if (!asArray(capabilities.drop).includes('ALL')) {
        violations.push({ path: `${path}.securityContext.capabilities.drop`, message: `${path}.securityContext.capabilities.drop does not include "ALL"; Pod Security Standards restricted requires it` });
      }
      // one finding per cause: a capability beyond the runtime's default set is JOB303's (baseline), not this rule's
      const added = asArray(capabilities.add).filter(cap => cap !== 'NET_BIND_SERVICE' && BASELINE_CAPABILITIES.has(cap));
      if (added.length > 0) {
        violations.push({
          path: `${path}.securityContext.capabilities.add`,
          message: `${path}.securityContext.capabilities.add has ${show(added)}; Pod Security Standards restricted allows only "NET_BIND_SERVICE"`,
          fix: 'Remove the capability from securityContext.capabilities.add; restricted allows adding back only NET_BIND_SERVICE.',
        });
      }
    }
    return violations;
  },
};
