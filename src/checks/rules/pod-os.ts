import { allContainers, isObject, podSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

/** validateWindows: pod security fields a Windows pod may not set, with the path each is reported at. */
const WINDOWS_POD_FORBIDDEN: Array<[string, string]> = [
  ['appArmorProfile', 'securityContext.appArmorProfile'], ['seLinuxOptions', 'securityContext.seLinuxOptions'],
  ['seccompProfile', 'securityContext.seccompProfile'], ['fsGroup', 'securityContext.fsGroup'],
  ['fsGroupChangePolicy', 'securityContext.fsGroupChangePolicy'], ['sysctls', 'securityContext.sysctls'],
  ['runAsUser', 'securityContext.runAsUser'], ['runAsGroup', 'securityContext.runAsGroup'],
  ['supplementalGroups', 'securityContext.supplementalGroups'], ['supplementalGroupsPolicy', 'securityContext.supplementalGroupsPolicy'],
  ['seLinuxChangePolicy', 'securityContext.seLinuxChangePolicy'],
];
const WINDOWS_CONTAINER_FORBIDDEN = ['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem',
  'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup'];

const set = (value: unknown) => value !== undefined && value !== null;

export const podOs: JobRule = {
  id: 'JOB027',
  name: 'pod-os',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'spec.os.name is linux or windows, and the pod sets no security field that operating system cannot honour',
  explanation: 'The API server validates spec.os: the name is "linux" or "windows". A Linux pod may not carry Windows '
    + 'options; a Windows pod may not set Linux-only security fields (seccomp, AppArmor, SELinux, capabilities, user and group '
    + 'ids, sysctls, procMount, privileged, allowPrivilegeEscalation, hostPID, hostIPC, hostUsers, shareProcessNamespace).',
  fix: 'Set os.name to the nodes\' operating system and remove the fields the message names.',
  source: 'pkg/apis/core/validation/validation.go validateOS, validateLinux, validateWindows',
  check(job): Violation[] {
    const pod = podSpec(job);
    if (!isObject(pod.os)) return [];
    const base = 'spec.template.spec';
    const name = pod.os.name;
    if (name === undefined || name === '' || name === null) return [{ path: `${base}.os.name`, message: `${base}.os.name is not set; it must be "linux" or "windows"` }];
    if (name !== 'linux' && name !== 'windows') return [{ path: `${base}.os`, message: `${base}.os.name is ${show(name)}; it must be "linux" or "windows"` }];
    const violations: Violation[] = [];
    const podSc = isObject(pod.securityContext) ? pod.securityContext : {};
    if (name === 'linux') {
      if (set(podSc.windowsOptions)) violations.push({ path: `${base}.securityContext.windowsOptions`, message: `${base}.securityContext.windowsOptions is set on a linux pod` });
      for (const { container, path } of allContainers(job)) {
        if (isObject(container.securityContext) && set(container.securityContext.windowsOptions)) {
          violations.push({ path: `${path}.securityContext.windowsOptions`, message: `${path}.securityContext.windowsOptions is set on a linux pod` });
        }
      }
      return violations;
    }
    for (const [field, path] of WINDOWS_POD_FORBIDDEN) {
      if (set(podSc[field])) violations.push({ path: `${base}.${path}`, message: `${base}.securityContext.${field} is set on a windows pod, which cannot honour it` });
    }
    if (set(pod.resources)) violations.push({ path: `${base}.resources`, message: `${base}.resources is set on a windows pod; pod-level resources are Linux-only` });
    for (const field of ['hostUsers', 'hostPID', 'hostIPC', 'shareProcessNamespace']) {
      const value = pod[field];
      if (field === 'hostPID' || field === 'hostIPC' ? value === true : set(value)) {
        violations.push({ path: `${base}.${field}`, message: `${base}.${field} is set on a windows pod, which cannot honour it` });
      }
    }
    for (const { container, path } of allContainers(job)) {
      const sc = container.securityContext;
      if (!isObject(sc)) continue;
      for (const field of WINDOWS_CONTAINER_FORBIDDEN) {
        if (set(sc[field])) violations.push({ path: `${path}.securityContext.${field}`, message: `${path}.securityContext.${field} is set on a windows pod, which cannot honour it` });
      }
    }
    return violations;
  },
};
