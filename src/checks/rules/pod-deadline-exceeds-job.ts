import { jobSpec, podSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const podDeadlineExceedsJob: JobRule = {
  id: 'JOB106',
  name: 'pod-deadline-exceeds-job',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.WARNING,
  summary: 'The pod-level activeDeadlineSeconds is longer than the Job\'s, so it never takes effect',
  explanation: 'spec.template.spec.activeDeadlineSeconds limits each pod; spec.activeDeadlineSeconds limits the whole Job from its start. '
    + 'A pod deadline longer than the Job\'s is cut short by the Job\'s, which is rarely what was meant.',
  fix: 'Make the pod deadline shorter than the Job deadline, or drop one of them.',
  source: 'k8s.io/api batch/v1 types.go JobSpec.ActiveDeadlineSeconds; core/v1 PodSpec.ActiveDeadlineSeconds',
  check(job): Violation[] {
    const jobDeadline = jobSpec(job).activeDeadlineSeconds;
    const podDeadline = podSpec(job).activeDeadlineSeconds;
    if (typeof jobDeadline !== 'number' || typeof podDeadline !== 'number' || podDeadline <= jobDeadline) return [];
    return [{
      path: 'spec.template.spec.activeDeadlineSeconds',
      message: `spec.template.spec.activeDeadlineSeconds (${podDeadline}) is longer than spec.activeDeadlineSeconds (${jobDeadline}), so it never takes effect`,
    }];
  },
};
