import { allContainers, asArray, capabilitiesOf, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

/** The runtime's default set: what baseline lets a container add (restricted then allows only NET_BIND_SERVICE). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

export const addedCapabilities: JobRule = {
  id: 'JOB303',
  name: 'added-capabilities',
  category: RuleCategory.SECURITY,
  severity: RuleSeverity.ERROR,
  summary: 'A container adds a capability beyond the container runtime\'s default set (Pod Security Standards baseline)',
  explanation: 'Capabilities such as SYS_ADMIN or NET_ADMIN let a container reconfigure the node.',
  fix: 'Remove the capability from securityContext.capabilities.add.',
  source: 'kubernetes/pod-security-admission policy/check_capabilities_baseline.go',
  check(job): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path } of allContainers(job)) {
      const add = asArray(capabilitiesOf(container).add);
      const extra = add.filter(cap => !BASELINE_CAPABILITIES.has(cap));
      if (extra.length > 0) {
        violations.push({ path: `${path}.securityContext.capabilities.add`, message: `${path}.securityContext.capabilities.add has ${show(extra)}; Pod Security Standards baseline allows only the runtime's default set` });
      }
    }
    return violations;
  },
};
