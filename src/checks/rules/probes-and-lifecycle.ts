import { allContainers, isObject, podSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';
import { portNumOrNameViolations } from './container-ports';

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

/** validateHandler: exactly one handler; the first is validated, every further one is refused. */
function handlerViolations(handler: Record<string, any>, kinds: readonly string[], path: string, grace: number | undefined): Violation[] {
  const violations: Violation[] = [];
  let count = 0;
  for (const kind of kinds) {
    const action = handler[kind];
    if (action === undefined || action === null) continue;
    if (count > 0) {
      violations.push({ path: `${path}.${kind}`, message: `${path} sets ${kind} besides another handler; a probe or hook takes exactly one of ${kinds.join(', ')}` });
      continue;
    }
    count++;
    if (!isObject(action)) continue;
    if (kind === 'httpGet') {
      violations.push(...portNumOrNameViolations(action.port, `${path}.httpGet.port`));
    }
    if (kind === 'tcpSocket') violations.push(...portNumOrNameViolations(action.port, `${path}.tcpSocket.port`));
    if (kind === 'grpc') violations.push(...portNumOrNameViolations(typeof action.port === 'number' ? action.port : 0, `${path}.grpc.port`));
    if (kind === 'sleep' && grace !== undefined && typeof action.seconds === 'number' && (action.seconds < 0 || action.seconds > grace)) {
      violations.push({ path: `${path}.sleep`, message: `${path}.sleep.seconds is ${action.seconds}; it must be between 0 and the pod's terminationGracePeriodSeconds (${grace})` });
    }
  }
  if (count === 0) violations.push({ path, message: `${path} has no handler; set one of ${kinds.join(', ')}` });
  return violations;
}

/** validateProbe plus the liveness/startup rule that successThreshold is 1. */
function probeViolations(probe: Record<string, any>, path: string, kind: string, grace: number | undefined): Violation[] {
  const violations = handlerViolations(probe, PROBE_HANDLERS, path, grace);
  for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    if (typeof probe[field] === 'number' && probe[field] < 0) {
      violations.push({ path: `${path}.${field}`, message: `${path}.${field} is ${probe[field]}; it must be 0 or more` });
    }
  }
  const grace2 = probe.terminationGracePeriodSeconds;
  if (typeof grace2 === 'number' && grace2 <= 0) {
    violations.push({ path: `${path}.terminationGracePeriodSeconds`, message: `${path}.terminationGracePeriodSeconds is ${grace2}; it must be greater than 0` });
  }
  if (kind === 'readinessProbe' && grace2 !== undefined && grace2 !== null) {
    violations.push({ path: `${path}.terminationGracePeriodSeconds`, message: `${path}.terminationGracePeriodSeconds is set; readiness probes do not take one` });
  }
  // SetDefaults_Probe turns 0 into 1 before validation
  const threshold = probe.successThreshold === undefined || probe.successThreshold === 0 ? 1 : probe.successThreshold;
  if ((kind === 'livenessProbe' || kind === 'startupProbe') && threshold !== 1) {
    violations.push({ path: `${path}.successThreshold`, message: `${path}.successThreshold is ${show(probe.successThreshold)}; a ${kind} must have successThreshold 1` });
  }
  return violations;
}

export const probesAndLifecycle: JobRule = {
  id: 'JOB019',
  name: 'probes-and-lifecycle',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Probes and lifecycle hooks have exactly one valid handler; init containers take them only as sidecars',
  explanation: 'The API server requires each probe and lifecycle hook to name exactly one handler (exec, httpGet, tcpSocket, '
    + 'grpc; sleep for hooks) with a valid port, non-negative timings, successThreshold 1 for liveness and startup probes, and a '
    + 'sleep no longer than the pod\'s termination grace period. An init container may carry probes or hooks only with '
    + 'restartPolicy: Always (a sidecar).',
  fix: 'Keep one handler, correct the port or timing, or make the init container a sidecar (restartPolicy: Always).',
  source: 'pkg/apis/core/validation/validation.go validateProbe, validateLivenessProbe, validateStartupProbe, validateHandler, '
    + 'validateSleepAction, validateLifecycle, validateInitContainers',
  check(job): Violation[] {
    const violations: Violation[] = [];
    const pod = podSpec(job);
    // SetDefaults_PodSpec gives 30; a value written, even a negative one, is what validateSleepAction compares with
    const written = pod.terminationGracePeriodSeconds;
    const grace = written === undefined || written === null ? 30 : typeof written === 'number' ? written : undefined;
    for (const { container, path } of allContainers(job)) {
      const init = path.includes('.initContainers[');
      const sidecar = init && container.restartPolicy === 'Always';
      for (const kind of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        const value = container[kind];
        if (value === undefined || value === null) continue;
        if (init && !sidecar) {
          violations.push({ path: `${path}.${kind}`, message: `${path}.${kind} is set on an init container; only a sidecar (restartPolicy: Always) may have one` });
          continue;
        }
        if (!isObject(value)) continue;
        if (kind === 'lifecycle') {
          for (const hook of ['postStart', 'preStop']) {
            if (isObject(value[hook])) violations.push(...handlerViolations(value[hook], LIFECYCLE_HANDLERS, `${path}.lifecycle.${hook}`, grace));
          }
        } else {
          violations.push(...probeViolations(value, `${path}.${kind}`, kind, grace));
        }
      }
    }
    return violations;
  },
};
