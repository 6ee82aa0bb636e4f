import { isObject, jobSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const podReplacementPolicy: JobRule = {
  id: 'JOB008',
  name: 'pod-replacement-policy',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'podReplacementPolicy must be Failed or TerminatingOrFailed, and Failed when a podFailurePolicy is set',
  explanation: 'A podFailurePolicy can only judge a pod once it has terminated, so it requires replacement pods to wait for the '
    + 'Failed phase.',
  fix: 'Use Failed (or TerminatingOrFailed when the Job has no podFailurePolicy).',
  source: 'pkg/apis/batch/validation/validation.go validateJobSpec',
  check(job): Violation[] {
    const spec = jobSpec(job);
    const policy = spec.podReplacementPolicy;
    const path = 'spec.podReplacementPolicy';
    if (policy === undefined) return [];
    if (isObject(spec.podFailurePolicy) && policy !== 'Failed') {
      return [{ path, message: `${path} is ${show(policy)}; with spec.podFailurePolicy set only "Failed" is allowed` }];
    }
    if (policy !== 'Failed' && policy !== 'TerminatingOrFailed') {
      return [{ path, message: `${path} is ${show(policy)}; allowed: "Failed", "TerminatingOrFailed"` }];
    }
    return [];
  },
};
