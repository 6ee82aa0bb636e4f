import { allContainers, asArray, isObject, podSpec, show, templateAnnotations } from '../manifest';
import { safeSysctls, selinuxTypes, userNamespaceRelief } from '../pss';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

const CONFINING_PROFILES = ['RuntimeDefault', 'Localhost'];
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

/** Pod Security Standards baseline checks on seccomp, AppArmor, SELinux, /proc mounts and sysctls, for one securityContext. */
function checkContext(sc: any, path: string, violations: Violation[], policy: { selinux: Set<string>; unmaskAllowed: boolean }): void {
  if (!isObject(sc)) return;
  // check_seccompProfile_baseline and check_appArmorProfile allow only these types when a type is set
  for (const field of ['seccompProfile', 'appArmorProfile']) {
    const profile = sc[field];
    if (isObject(profile) && profile.type !== undefined && !CONFINING_PROFILES.includes(profile.type)) {
      violations.push({ path: `${path}.${field}.type`, message: `${path}.${field}.type is ${show(profile.type)}; Pod Security Standards baseline allows only "RuntimeDefault" or "Localhost"` });
    }
  }
  if (isObject(sc.seLinuxOptions)) {
    const options = sc.seLinuxOptions;
    if (options.type !== undefined && !policy.selinux.has(options.type)) {
      violations.push({ path: `${path}.seLinuxOptions.type`, message: `${path}.seLinuxOptions.type is ${show(options.type)}; Pod Security Standards baseline allows only the container_* types` });
    }
    for (const field of ['user', 'role'].filter(f => options[f] !== undefined && options[f] !== '')) {
      violations.push({ path: `${path}.seLinuxOptions.${field}`, message: `${path}.seLinuxOptions.${field} is set; Pod Security Standards baseline forbids it` });
    }
  }
  if (sc.procMount !== undefined && sc.procMount !== 'Default' && !policy.unmaskAllowed) {
    violations.push({ path: `${path}.procMount`, message: `${path}.procMount is ${show(sc.procMount)}; Pod Security Standards baseline allows only "Default"` });
  }
}

export const kernelHardening: JobRule = {
  id: 'JOB306',
  name: 'kernel-hardening',
  category: RuleCategory.SECURITY,
  severity: RuleSeverity.ERROR,
  summary: 'seccomp, AppArmor, SELinux, /proc or sysctl settings are loosened (Pod Security Standards baseline)',
  explanation: 'An Unconfined seccomp or AppArmor profile, a custom SELinux user, role or type, an unmasked /proc, or an unsafe sysctl '
    + 'removes kernel protections that confine the container.',
  fix: 'Remove the setting, or use RuntimeDefault profiles and only the safe sysctls.',
  source: 'kubernetes/pod-security-admission policy/check_seccompProfile_baseline.go, check_appArmorProfile.go, check_seLinuxOptions.go, check_procMount.go, check_sysctls.go',
  check(job, context): Violation[] {
    const violations: Violation[] = [];
    const policy = { selinux: selinuxTypes(context.kubeVersion), unmaskAllowed: userNamespaceRelief(job, context.kubeVersion) };
    const sysctls = safeSysctls(context.kubeVersion);
    const podContext = podSpec(job).securityContext;
    checkContext(podContext, 'spec.template.spec.securityContext', violations, policy);
    if (isObject(podContext)) {
      asArray(podContext.sysctls).forEach((sysctl, i) => {
        const name = isObject(sysctl) ? sysctl.name : undefined;
        if (!sysctls.has(name)) {
          violations.push({ path: `spec.template.spec.securityContext.sysctls[${i}].name`, message: `spec.template.spec.securityContext.sysctls[${i}].name is ${show(name)}, which is not one of the safe sysctls Pod Security Standards baseline allows` });
        }
      });
    }
    for (const { container, path } of allContainers(job)) checkContext(container.securityContext, `${path}.securityContext`, violations, policy);
    const annotations = templateAnnotations(job);
    for (const key of Object.keys(annotations).filter(k => k.startsWith(APPARMOR_ANNOTATION))) {
      const value = annotations[key];
      if (value === '' || value === 'runtime/default' || (typeof value === 'string' && value.startsWith('localhost/'))) continue;
      violations.push({ path: `spec.template.metadata.annotations[${key}]`, message: `spec.template.metadata.annotations[${key}] is ${show(value)}; Pod Security Standards baseline allows only "runtime/default" or "localhost/<profile>"` });
    }
    return violations;
  },
};
