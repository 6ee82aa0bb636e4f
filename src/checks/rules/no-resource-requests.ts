import { allContainers, isObject } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const noResourceRequests: JobRule = {
  id: 'JOB206',
  name: 'no-resource-requests',
  category: RuleCategory.SAFETY,
  severity: RuleSeverity.WARNING,
  summary: 'A container has no CPU or memory request',
  explanation: 'Without requests the scheduler packs batch pods onto full nodes, where they are the first to be evicted under memory '
    + 'pressure (BestEffort QoS); queueing systems such as Kueue also need requests to admit a Job.',
  fix: 'Set resources.requests.cpu and resources.requests.memory from a measured run (cdk8s-jobs invents no numbers).',
  source: 'kube-score container-resources; kube-linter unset-cpu-requirements / unset-memory-requirements',
  check(job): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path } of allContainers(job)) {
      const requests = isObject(container.resources) && isObject(container.resources.requests) ? container.resources.requests : {};
      const missing = ['cpu', 'memory'].filter(r => requests[r] === undefined);
      if (missing.length > 0) {
        violations.push({ path: `${path}.resources.requests`, message: `${path}.resources.requests has no ${missing.join(' or ')} request` });
      }
    }
    return violations;
  },
};
