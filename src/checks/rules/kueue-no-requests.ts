import { KUEUE_QUEUE_LABEL } from '../../kueue';
import { asArray, isObject, metadataOf, podSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const kueueNoRequests: JobRule = {
  id: 'JOB118',
  name: 'kueue-no-requests',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.WARNING,
  summary: 'A container of a Job queued by Kueue requests no resources',
  explanation: 'Kueue admits a Job by the resource requests of its pods (limits stand in for missing requests, and a LimitRange '
    + 'default fills in what neither sets). A container that requests nothing counts as zero: a pod whose containers all request '
    + 'nothing fits any quota, so the ClusterQueue never holds the Job back, and Kueue cannot order it fairly against the others.',
  fix: 'Set resources.requests (cpu and memory, and any device) on each container, from a measured run.',
  source: 'sigs.k8s.io/kueue site/content/en/docs/concepts/workload.md (Resource requests); docs/tasks/run/jobs.md',
  check(job): Violation[] {
    const labels = metadataOf(job).labels;
    if (!isObject(labels) || labels[KUEUE_QUEUE_LABEL] === undefined) return [];
    const violations: Violation[] = [];
    asArray(podSpec(job).containers).forEach((container, i) => {
      if (!isObject(container)) return;
      const resources = isObject(container.resources) ? container.resources : {};
      const asked = [resources.requests, resources.limits].some(r => isObject(r) && Object.keys(r).length > 0);
      if (asked) return;
      const path = `spec.template.spec.containers[${i}].resources`;
      violations.push({
        path,
        message: `${path} requests nothing on a Job queued by Kueue (${KUEUE_QUEUE_LABEL}: ${String(labels[KUEUE_QUEUE_LABEL])}): Kueue counts the container as 0 CPU and 0 memory`,
      });
    });
    return violations;
  },
};
