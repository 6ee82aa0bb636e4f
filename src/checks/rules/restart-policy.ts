import { isObject, jobSpec, podSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const restartPolicy: JobRule = {
  id: 'JOB001',
  name: 'restart-policy',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'The pod template restartPolicy must be Never or OnFailure, and Never when a podFailurePolicy is set',
  explanation: 'A Pod defaults restartPolicy to Always, which a Job rejects: leaving the field out is an error, not a default. '
    + 'A podFailurePolicy judges terminated pods, so it requires Never.',
  fix: 'Set spec.template.spec.restartPolicy to Never (or OnFailure when the Job has no podFailurePolicy).',
  source: 'pkg/apis/batch/validation/validation.go validateJobSpec; pkg/apis/core/v1/defaults.go SetDefaults_PodSpec',
  check(job): Violation[] {
    const path = 'spec.template.spec.restartPolicy';
    const policy = podSpec(job).restartPolicy;
    if (policy === undefined || policy === '' || policy === 'Always') {
      const found = policy === undefined ? 'is not set (a Pod defaults it to "Always")' : `is ${show(policy)}`;
      return [{ path, message: `${path} ${found}; a Job allows only "Never" or "OnFailure"` }];
    }
    if (policy !== 'Never' && policy !== 'OnFailure') {
      return [{ path, message: `${path} is ${show(policy)}; a Job allows only "Never" or "OnFailure"` }];
    }
    if (policy === 'OnFailure' && isObject(jobSpec(job).podFailurePolicy)) {
      return [{ path, message: `${path} is "OnFailure", but spec.podFailurePolicy is set and requires "Never"` }];
    }
    return [];
  },
};
