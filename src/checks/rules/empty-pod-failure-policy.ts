import { asArray, isObject, jobSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const emptyPodFailurePolicy: JobRule = {
  id: 'JOB109',
  name: 'empty-pod-failure-policy',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.WARNING,
  summary: 'A podFailurePolicy without rules does nothing, yet changes other behaviour',
  explanation: 'An empty policy handles no failure differently, but it still forces restartPolicy Never and changes the '
    + 'podReplacementPolicy default to Failed.',
  fix: 'Add rules (for example Ignore on DisruptionTarget) or remove the podFailurePolicy.',
  source: 'pkg/apis/batch/validation/validation.go validatePodFailurePolicy; pkg/apis/batch/v1/defaults.go',
  check(job): Violation[] {
    const policy = jobSpec(job).podFailurePolicy;
    if (!isObject(policy) || asArray(policy.rules).length > 0) return [];
    return [{ path: 'spec.podFailurePolicy.rules', message: 'spec.podFailurePolicy.rules is empty: the policy handles no failure' }];
  },
};
