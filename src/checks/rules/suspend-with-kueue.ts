import { isObject, jobSpec, metadataOf } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

const QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';

export const suspendWithKueue: JobRule = {
  id: 'JOB111',
  name: 'suspend-with-kueue',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.WARNING,
  summary: 'spec.suspend is pinned on a Job that Kueue manages',
  explanation: 'Kueue admits a Job by flipping spec.suspend. A manifest that pins suspend fights Kueue under GitOps: every sync writes '
    + 'the pinned value back, pausing an admitted Job or starting one Kueue has not admitted.',
  fix: 'Leave spec.suspend out of the manifest; Kueue sets it.',
  source: 'kubernetes-sigs/kueue site/content/en/docs/tasks/run/jobs.md',
  check(job): Violation[] {
    const labels = metadataOf(job).labels;
    if (!isObject(labels) || labels[QUEUE_LABEL] === undefined || jobSpec(job).suspend === undefined) return [];
    return [{ path: 'spec.suspend', message: `spec.suspend is ${jobSpec(job).suspend} on a Job with the ${QUEUE_LABEL} label: Kueue manages suspend, leave it out` }];
  },
};
