/**
 * What Pod Security admission's policy says at each version (k8s.io/pod-security-admission policy/check_*.go):
 * the rules of the `security` category read the target version from here, as the admission plugin evaluates a
 * namespace's pinned policy version.
 */
import { KubeVersion } from '../kube-version';
import { isObject, podSpec } from './manifest';

/** check_sysctls.go: the sysctls baseline allows, growing at 1.27, 1.29, 1.32 and 1.37. */
const SAFE_SYSCTLS: Array<[KubeVersion, string[]]> = [
  [KubeVersion.V1_27, ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
    'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.ip_local_reserved_ports']],
  [KubeVersion.V1_29, ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']],
  [KubeVersion.V1_32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [KubeVersion.V1_37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

const SYSCTLS_BY_VERSION = new Map<string, Set<string>>();

export function safeSysctls(version: KubeVersion): Set<string> {
  let names = SYSCTLS_BY_VERSION.get(version.toString());
  if (!names) {
    names = new Set(SAFE_SYSCTLS.filter(([since]) => version.isAtLeast(since)).flatMap(([, list]) => list));
    SYSCTLS_BY_VERSION.set(version.toString(), names);
  }
  return names;
}

/** check_seLinuxOptions.go: the SELinux types baseline allows; container_engine_t from 1.31. */
export function selinuxTypes(version: KubeVersion): Set<string> {
  const types = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
  return new Set(version.isAtLeast(KubeVersion.V1_31) ? [...types, 'container_engine_t'] : types);
}

/**
 * helpers.go relaxPolicyForUserNamespacePod: from policy 1.35, a pod in a user namespace (hostUsers: false) may run
 * as UID 0 and unmask /proc at baseline, since root in the pod is not root on the node.
 */
export function userNamespaceRelief(job: any, version: KubeVersion): boolean {
  return version.isAtLeast(KubeVersion.V1_35) && podSpec(job).hostUsers === false;
}

/** From policy 1.25, restricted does not ask a Windows pod for Linux-only controls (privilege escalation, capabilities, seccomp). */
export function windowsPod(job: any): boolean {
  const os = podSpec(job).os;
  return isObject(os) && os.name === 'windows';
}
