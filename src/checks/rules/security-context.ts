import { MAX_INT32, byteLength } from '../../k8s/names';
import { allContainers, asArray, isObject, podSpec, show, templateAnnotations } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';
import { localPathViolations } from './volume-sources';

const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
/** pkg/proxy/util sysctl namespaces: what hostNetwork and hostIPC share with the node. */
const NET_SYSCTL = /^net[./]/;
const IPC_SYSCTL = /^(kernel[./](shm|msg|sem)|fs[./]mqueue[./])/;

function idViolations(value: unknown, path: string): Violation[] {
  return typeof value === 'number' && (value < 0 || value > MAX_INT32)
    ? [{ path, message: `${path} is ${value}; an id must be between 0 and ${MAX_INT32}` }] : [];
}

/** validateSeccompProfileField */
function seccompViolations(profile: unknown, path: string): Violation[] {
  if (!isObject(profile)) return [];
  const violations: Violation[] = [];
  if (profile.type === undefined || profile.type === null) violations.push({ path: `${path}.type`, message: `${path}.type is not set; it must be "RuntimeDefault", "Localhost" or "Unconfined"` });
  const local = profile.localhostProfile;
  if (profile.type === 'Localhost') {
    if (typeof local !== 'string') violations.push({ path: `${path}.localhostProfile`, message: `${path}.localhostProfile is not set; type Localhost needs the profile's path on the node` });
    else violations.push(...localPathViolations(local, `${path}.localhostProfile`));
  } else if (local !== undefined && local !== null) {
    violations.push({ path: `${path}.localhostProfile`, message: `${path}.localhostProfile is set with type ${show(profile.type)}; it is only for type Localhost` });
  }
  return violations;
}

/** validateAppArmorProfileField */
function appArmorViolations(profile: unknown, path: string): Violation[] {
  if (!isObject(profile)) return [];
  const violations: Violation[] = [];
  if (profile.type === undefined || profile.type === null) violations.push({ path: `${path}.type`, message: `${path}.type is not set; it must be "RuntimeDefault", "Localhost" or "Unconfined"` });
  const local = profile.localhostProfile;
  if (profile.type === 'Localhost') {
    if (typeof local !== 'string' || local.trim() === '') violations.push({ path: `${path}.localhostProfile`, message: `${path}.localhostProfile is not set; type Localhost needs a profile name` });
    else if (byteLength(local) > 4095) violations.push({ path: `${path}.localhostProfile`, message: `${path}.localhostProfile is longer than 4095 bytes` });
  } else if (local !== undefined && local !== null) {
    violations.push({ path: `${path}.localhostProfile`, message: `${path}.localhostProfile is set with type ${show(profile.type)}; it is only for type Localhost` });
  }
  return violations;
}

/** ValidateAppArmorProfileFormat: the annotation's value. */
function isAppArmorAnnotationValue(value: unknown): boolean {
  return value === 'runtime/default' || value === 'unconfined' || (typeof value === 'string' && value.startsWith('localhost/') && value.length > 'localhost/'.length);
}

function hostProcessOf(sc: unknown): boolean | undefined {
  return isObject(sc) && isObject(sc.windowsOptions) && typeof sc.windowsOptions.hostProcess === 'boolean' ? sc.windowsOptions.hostProcess : undefined;
}

export const securityContext: JobRule = {
  id: 'JOB025',
  name: 'security-context',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Security contexts use ids in 0..2147483647, well-formed seccomp and AppArmor profiles, valid sysctls and a consistent hostProcess',
  explanation: 'The API server validates the pod and container security contexts: user, group and fsGroup ids between 0 and '
    + 'MaxInt32; seccomp and AppArmor types it knows, with a localhostProfile exactly when the type is Localhost; procMount '
    + 'Unmasked only with hostUsers: false; sysctl names in sysctl syntax, unique, and none of the node\'s own network or IPC '
    + 'sysctls with hostNetwork or hostIPC; allowPrivilegeEscalation: false not combined with privileged or CAP_SYS_ADMIN; '
    + 'AppArmor annotations naming a container of the pod with a valid profile; Windows hostProcess the same on the pod and '
    + 'every container, and only with hostNetwork.',
  fix: 'Correct the field the message names; for a Localhost profile give its path, otherwise drop localhostProfile.',
  source: 'pkg/apis/core/validation/validation.go ValidatePodSecurityContext, ValidateSecurityContext, validateSeccompProfileField, '
    + 'validateAppArmorProfileField, ValidateAppArmorPodAnnotations, validateSysctls, ValidateHostSysctl, validateWindowsHostProcessPod',
  check(job): Violation[] {
    const violations: Violation[] = [];
    const pod = podSpec(job);
    const podPath = 'spec.template.spec.securityContext';
    const podSc = isObject(pod.securityContext) ? pod.securityContext : {};
    for (const field of ['runAsUser', 'runAsGroup', 'fsGroup']) violations.push(...idViolations(podSc[field], `${podPath}.${field}`));
    asArray(podSc.supplementalGroups).forEach((g, i) => violations.push(...idViolations(g, `${podPath}.supplementalGroups[${i}]`)));
    violations.push(...seccompViolations(podSc.seccompProfile, `${podPath}.seccompProfile`));
    violations.push(...appArmorViolations(podSc.appArmorProfile, `${podPath}.appArmorProfile`));
    const sysctlNames = new Set<string>();
    asArray(podSc.sysctls).forEach((s, i) => {
      if (!isObject(s)) return;
      const at = `${podPath}.sysctls[${i}].name`;
      const name = typeof s.name === 'string' ? s.name : '';
      if (name === '') violations.push({ path: at, message: `${at} is not set` });
      else if (byteLength(name) > 253 || !SYSCTL_NAME.test(name)) violations.push({ path: at, message: `${at} ${show(name)} is not a sysctl name (dot- or slash-separated lowercase segments, at most 253 characters)` });
      else if (sysctlNames.has(name)) violations.push({ path: at, message: `${at} ${show(name)} is set twice` });
      if (pod.hostNetwork === true && NET_SYSCTL.test(name)) violations.push({ path: at, message: `${at} ${show(name)} is a network sysctl, which the pod shares with the node under hostNetwork: true` });
      if (pod.hostIPC === true && IPC_SYSCTL.test(name)) violations.push({ path: at, message: `${at} ${show(name)} is an IPC sysctl, which the pod shares with the node under hostIPC: true` });
      sysctlNames.add(name);
    });

    const podHostProcess = hostProcessOf(podSc);
    let containers = 0;
    let hostProcessContainers = 0;
    const containerNames = new Set<string>();
    for (const { container, path } of allContainers(job)) {
      containers++;
      containerNames.add(container.name);
      const sc = container.securityContext;
      const hostProcess = hostProcessOf(sc);
      if (podHostProcess !== undefined && hostProcess !== undefined && podHostProcess !== hostProcess) {
        violations.push({ path: `${path}.securityContext.windowsOptions.hostProcess`, message: `${path}.securityContext.windowsOptions.hostProcess is ${hostProcess} but the pod's is ${podHostProcess}; they must agree` });
      }
      if (hostProcess ?? podHostProcess) hostProcessContainers++;
      if (!isObject(sc)) continue;
      const at = `${path}.securityContext`;
      for (const field of ['runAsUser', 'runAsGroup']) violations.push(...idViolations(sc[field], `${at}.${field}`));
      violations.push(...seccompViolations(sc.seccompProfile, `${at}.seccompProfile`));
      violations.push(...appArmorViolations(sc.appArmorProfile, `${at}.appArmorProfile`));
      if (sc.procMount !== undefined && sc.procMount !== null) {
        if (sc.procMount === 'Unmasked' && pod.hostUsers !== false) violations.push({ path: `${at}.procMount`, message: `${at}.procMount is "Unmasked"; that needs spec.template.spec.hostUsers: false` });
      }
      if (sc.allowPrivilegeEscalation === false) {
        if (sc.privileged === true) violations.push({ path: at, message: `${at} sets allowPrivilegeEscalation: false with privileged: true, which always escalates` });
        const added = isObject(sc.capabilities) ? asArray(sc.capabilities.add) : [];
        if (added.includes('CAP_SYS_ADMIN') || added.includes('SYS_ADMIN')) violations.push({ path: at, message: `${at} sets allowPrivilegeEscalation: false and adds CAP_SYS_ADMIN, which allows escalation` });
      }
    }
    if (hostProcessContainers > 0) {
      if (hostProcessContainers !== containers) violations.push({ path: 'spec.template.spec', message: 'spec.template.spec mixes hostProcess and other containers; with any hostProcess container, all must be hostProcess' });
      if (pod.hostNetwork !== true) violations.push({ path: 'spec.template.spec.hostNetwork', message: 'spec.template.spec.hostNetwork is not true; a pod with hostProcess containers needs hostNetwork: true' });
    }

    violations.push(...hostUsersViolations(job, pod), ...appArmorAgreementViolations(job, pod));
    const annotations = templateAnnotations(job);
    for (const key of Object.keys(annotations)) {
      if (!key.startsWith(APPARMOR_ANNOTATION)) continue;
      const at = `spec.template.annotations[${key}]`;
      const container = key.slice(APPARMOR_ANNOTATION.length);
      if (!containerNames.has(container)) violations.push({ path: at, message: `${at} names container ${show(container)}, which the pod does not have` });
      if (!isAppArmorAnnotationValue(annotations[key])) violations.push({ path: at, message: `${at} is ${show(annotations[key])}; it must be "runtime/default", "unconfined" or "localhost/<profile>"` });
    }
    return violations;
  },
};

/** validateHostUsers: a user-namespaced pod (hostUsers: false) shares no other namespace with the node. */
function hostUsersViolations(job: any, pod: Record<string, any>): Violation[] {
  if (pod.hostUsers !== false) return [];
  const violations: Violation[] = [];
  // Kubernetes names the last two fields as Go does ("HostPID", "HostIPC"); the paths follow it
  for (const [field, reported] of [['hostNetwork', 'hostNetwork'], ['hostPID', 'HostPID'], ['hostIPC', 'HostIPC']]) {
    if (pod[field] === true) violations.push({ path: `spec.template.spec.${reported}`, message: `spec.template.spec.${field} is true with hostUsers: false; a user-namespaced pod cannot share the node's namespaces` });
  }
  allContainers(job).forEach(({ container, path }) => {
    if (asArray(container.volumeDevices).length > 0) {
      violations.push({ path: `${path}.volumeDevices`, message: `${path}.volumeDevices is set with hostUsers: false; block devices cannot be id-mapped into a user namespace` });
    }
  });
  return violations;
}

/** validateAppArmorAnnotationsAndFieldsMatchOnCreate: the deprecated annotation and the field must agree. */
function appArmorAgreementViolations(job: any, pod: Record<string, any>): Violation[] {
  if (isObject(pod.os) && pod.os.name === 'windows') return [];
  const annotations = templateAnnotations(job);
  const podProfile = isObject(pod.securityContext) && isObject(pod.securityContext.appArmorProfile) ? pod.securityContext.appArmorProfile : undefined;
  const violations: Violation[] = [];
  for (const { container, path } of allContainers(job)) {
    const sc = container.securityContext;
    const profile = (isObject(sc) && isObject(sc.appArmorProfile) ? sc.appArmorProfile : undefined) ?? podProfile;
    const annotation = annotations[APPARMOR_ANNOTATION + container.name];
    if (profile === undefined || typeof annotation !== 'string') continue;
    const at = `${path}.securityContext.appArmorProfile`;
    const expected = profile.type === 'Unconfined' ? 'unconfined' : profile.type === 'RuntimeDefault' ? 'runtime/default' : undefined;
    if (expected !== undefined && annotation !== expected) {
      violations.push({ path: `${at}.type`, message: `${at}.type is ${show(profile.type)} but the annotation ${APPARMOR_ANNOTATION}${container.name} says ${show(annotation)}; they must agree` });
    } else if (profile.type === 'Localhost') {
      if (!annotation.startsWith('localhost/')) {
        violations.push({ path: `${at}.type`, message: `${at}.type is "Localhost" but the annotation ${APPARMOR_ANNOTATION}${container.name} says ${show(annotation)}; they must agree` });
      } else if (annotation.slice('localhost/'.length) !== profile.localhostProfile) {
        violations.push({ path: `${at}.localhostProfile`, message: `${at}.localhostProfile is ${show(profile.localhostProfile)} but the annotation names ${show(annotation.slice('localhost/'.length))}; they must agree` });
      }
    }
  }
  return violations;
}
