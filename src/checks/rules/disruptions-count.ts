import { ignoresDisruptions, restartPolicyOf } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const disruptionsCount: JobRule = {
  id: 'JOB204',
  name: 'disruptions-count',
  category: RuleCategory.SAFETY,
  severity: RuleSeverity.WARNING,
  summary: 'Evictions and preemptions count as failures: no podFailurePolicy rule ignores DisruptionTarget',
  explanation: 'By default a pod evicted by a node drain, preemption or the scheduler counts against backoffLimit like a crash, '
    + 'so routine cluster maintenance can fail a healthy Job.',
  fix: 'Add a podFailurePolicy rule {action: Ignore, onPodConditions: [{type: DisruptionTarget}]}.',
  source: 'pkg/controller/job/job_controller.go isPodFailed; pkg/controller/job/pod_failure_policy.go',
  check(job): Violation[] {
    if (restartPolicyOf(job) !== 'Never' || ignoresDisruptions(job)) return [];
    return [{ path: 'spec.podFailurePolicy', message: 'spec.podFailurePolicy has no Ignore rule for DisruptionTarget: evictions and preemptions use up retries' }];
  },
};
