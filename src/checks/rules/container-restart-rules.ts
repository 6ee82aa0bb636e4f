import { gateServed } from '../../k8s/features';
import { allContainers, asArray, isObject, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

const POLICIES = ['Always', 'Never', 'OnFailure'];
const ACTIONS = ['Restart'];
const OPERATORS = ['In', 'NotIn'];

/** validateContainerRestartPolicy */
function policyViolations(container: Record<string, any>, path: string): Violation[] {
  const violations: Violation[] = [];
  const rules = asArray(container.restartPolicyRules);
  if (container.restartPolicy == null) {
    if (rules.length > 0) violations.push({ path: `${path}.restartPolicy`, message: `${path}.restartPolicy is not set; restartPolicyRules need a restartPolicy to fall back on` });
  } else if (!POLICIES.includes(container.restartPolicy)) {
    violations.push({ path: `${path}.restartPolicy`, message: `${path}.restartPolicy is ${show(container.restartPolicy)}; it must be one of ${POLICIES.map(p => show(p)).join(', ')}` });
  }
  if (rules.length > 20) violations.push({ path: `${path}.restartPolicyRules`, message: `${path}.restartPolicyRules has ${rules.length} rules; at most 20 are allowed` });
  rules.forEach((rule, i) => {
    if (!isObject(rule)) return;
    const at = `${path}.restartPolicyRules[${i}]`;
    if (!ACTIONS.includes(rule.action)) violations.push({ path: `${at}.action`, message: `${at}.action is ${show(rule.action)}; it must be "Restart"` });
    if (!isObject(rule.exitCodes)) {
      violations.push({ path: `${at}.exitCodes`, message: `${at}.exitCodes is not set; a rule matches exit codes` });
      return;
    }
    if (!OPERATORS.includes(rule.exitCodes.operator)) {
      violations.push({ path: `${at}.exitCodes.operator`, message: `${at}.exitCodes.operator is ${show(rule.exitCodes.operator)}; it must be "In" or "NotIn"` });
    }
    if (asArray(rule.exitCodes.values).length > 255) {
      violations.push({ path: `${at}.exitCodes.values`, message: `${at}.exitCodes.values has ${asArray(rule.exitCodes.values).length} codes; at most 255 are allowed` });
    }
  });
  return violations;
}

export const containerRestartRules: JobRule = {
  id: 'JOB029',
  name: 'container-restart-rules',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Container restartPolicy and restartPolicyRules are well formed where Kubernetes serves them (ContainerRestartRules, 1.35+)',
  explanation: 'Where the ContainerRestartRules gate is on, a container may set restartPolicy (Always, Never or OnFailure) and up to '
    + '20 restartPolicyRules, each with action Restart and exitCodes (In or NotIn, at most 255 values); rules need a '
    + 'restartPolicy, and a sidecar (an init container with restartPolicy Always) takes none. In-place restarts that a rule '
    + 'allows do not count against backoffLimit, and podFailurePolicy sees only the pod\'s final failure. Where the gate is '
    + 'off the fields are dropped (JOB012).',
  fix: 'Use action Restart with exitCodes, and give the container a restartPolicy.',
  source: 'pkg/apis/core/validation/validation.go validateContainerRestartPolicy, validateInitContainerRestartPolicy',
  check(job, context): Violation[] {
    if (!gateServed('ContainerRestartRules', context.kubeVersion)) return [];
    const violations: Violation[] = [];
    for (const { container, path } of allContainers(job)) {
      const init = path.includes('.initContainers[');
      if (init && container.restartPolicy === 'Always') {
        if (asArray(container.restartPolicyRules).length > 0) {
          violations.push({ path: `${path}.restartPolicyRules`, message: `${path}.restartPolicyRules is set on a sidecar (restartPolicy Always); sidecars restart on any exit` });
        }
        continue;
      }
      if (init && container.restartPolicy == null) continue;
      violations.push(...policyViolations(container, path));
    }
    return violations;
  },
};
