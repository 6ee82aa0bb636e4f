/**
 * Which podFailurePolicy rule a failed pod matches, as the Job controller decides it
 * (pkg/controller/job/pod_failure_policy.go matchPodFailurePolicy): the first rule that matches, in order; a rule
 * with an unknown action or operator is skipped; containers that exited 0 match no exit-code rule, under either
 * operator; FailIndex counts only where backoffLimitPerIndex is served.
 */

/** A failed pod as the matcher reads it. */
export interface FailedPod {
  readonly namespace: string;
  readonly name: string;
  /** Terminated containers, with their exit codes (an entry without one has not terminated). */
  readonly containers: ReadonlyArray<{ readonly name: string; readonly exitCode?: number }>;
  readonly initContainers?: ReadonlyArray<{ readonly name: string; readonly exitCode?: number }>;
  readonly conditions?: ReadonlyArray<{ readonly type: string; readonly status: string }>;
}

export type PolicyAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

export interface PolicyMatch {
  /** The Job's failure message, for FailJob. */
  readonly failJobMessage?: string;
  /** Whether the failure counts against the retry budgets. */
  readonly countFailed: boolean;
  readonly action?: PolicyAction;
  /** The index of the matching rule. */
  readonly ruleIndex?: number;
}

/** The rules as batch/v1 JSON, after defaulting (onPodConditions[].status defaults to True). */
export function matchPodFailurePolicy(policy: any, pod: FailedPod, perIndexServed = true): PolicyMatch {
  if (policy == null) return { countFailed: true };
  const rules: any[] = policy.rules ?? [];
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index];
    if (rule.onExitCodes != null) {
      const container = matchOnExitCodes(pod, rule.onExitCodes);
      if (container === undefined) continue;
      const decided = decide(rule.action, index, perIndexServed,
        () => `Container ${container.name} for pod ${pod.namespace}/${pod.name} failed with exit code ${container.exitCode} matching FailJob rule at index ${index}`);
      if (decided !== undefined) return decided;
    } else if (rule.onPodConditions != null) {
      const condition = matchOnPodConditions(pod, rule.onPodConditions);
      if (condition === undefined) continue;
      const decided = decide(rule.action, index, perIndexServed,
        () => `Pod ${pod.namespace}/${pod.name} has condition ${condition.type} matching FailJob rule at index ${index}`);
      if (decided !== undefined) return decided;
    }
  }
  return { countFailed: true };
}

function decide(action: unknown, ruleIndex: number, perIndexServed: boolean, message: () => string): PolicyMatch | undefined {
  switch (action) {
    case 'Ignore': return { countFailed: false, action: 'Ignore', ruleIndex };
    case 'FailIndex': return perIndexServed ? { countFailed: true, action: 'FailIndex', ruleIndex } : undefined;
    case 'Count': return { countFailed: true, action: 'Count', ruleIndex };
    case 'FailJob': return { failJobMessage: message(), countFailed: true, action: 'FailJob', ruleIndex };
    default: return undefined; // an action this controller does not know: the rule is skipped
  }
}

function matchOnExitCodes(pod: FailedPod, requirement: any): { name: string; exitCode?: number } | undefined {
  return matchingContainer(pod.containers, requirement) ?? matchingContainer(pod.initContainers ?? [], requirement);
}

function matchingContainer(containers: FailedPod['containers'], requirement: any): { name: string; exitCode?: number } | undefined {
  for (const container of containers) {
    if (container.exitCode === undefined) continue;
    if (requirement.containerName != null && requirement.containerName !== container.name) continue;
    if (container.exitCode !== 0 && operatorMatches(container.exitCode, requirement)) return container;
  }
  return undefined;
}

function operatorMatches(exitCode: number, requirement: any): boolean {
  const values: number[] = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In': return values.includes(exitCode);
    case 'NotIn': return !values.includes(exitCode);
    default: return false;
  }
}

/** The first of the pod's conditions (in the pod's order) that any pattern matches by type and status. */
function matchOnPodConditions(pod: FailedPod, patterns: any[]): { type: string; status: string } | undefined {
  for (const condition of pod.conditions ?? []) {
    for (const pattern of patterns) {
      if (condition.type === pattern.type && condition.status === (pattern.status ?? 'True')) return condition;
    }
  }
  return undefined;
}
