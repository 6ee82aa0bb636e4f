import { decidesDisruptions, restartPolicyOf } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const disruptionsCount: JobRule = {
  id: 'JOB204',
  name: 'disruptions-count',
  category: RuleCategory.SAFETY,
  severity: RuleSeverity.WARNING,
  summary: 'Evictions and preemptions count as failures: no podFailurePolicy rule decides what DisruptionTarget means',
  explanation: 'By default a pod evicted by a node drain, preemption or the scheduler counts against backoffLimit like a crash, '
    + 'so routine cluster maintenance can fail a healthy Job. A rule on DisruptionTarget says what it means instead: Ignore '
    + '(replace the pod, count nothing), or FailJob where running the work twice is worse than stopping.',
  fix: 'Add a podFailurePolicy rule {action: Ignore, onPodConditions: [{type: DisruptionTarget}]} (FailJob for work that must not run twice).',
  source: 'pkg/controller/job/job_controller.go isPodFailed; pkg/controller/job/pod_failure_policy.go',
  check(job): Violation[] {
    if (restartPolicyOf(job) !== 'Never' || decidesDisruptions(job)) return [];
    return [{ path: 'spec.podFailurePolicy', message: 'spec.podFailurePolicy has no rule for DisruptionTarget: evictions and preemptions use up retries' }];
  },
};
