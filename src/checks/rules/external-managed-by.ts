import { jobSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

const BUILT_IN = 'kubernetes.io/job-controller';

export const externalManagedBy: JobRule = {
  id: 'JOB110',
  name: 'external-managed-by',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.WARNING,
  summary: 'managedBy names another controller: the built-in Job controller will not run this Job',
  explanation: 'Any managedBy other than kubernetes.io/job-controller makes the built-in controller skip the Job entirely. '
    + 'Without that controller installed (for example Kueue\'s MultiKueue), no pod is ever created.',
  fix: 'Remove managedBy unless the named controller runs in the cluster.',
  source: 'pkg/controller/job/job_controller.go managedByExternalController',
  check(job): Violation[] {
    const value = jobSpec(job).managedBy;
    if (typeof value !== 'string' || value === '' || value === BUILT_IN) return [];
    return [{ path: 'spec.managedBy', message: `spec.managedBy is ${show(value)}: the built-in Job controller ignores this Job, so only that controller can run it` }];
  },
};
