import { KUEUE_PRIORITY_CLASS_LABEL, KUEUE_QUEUE_LABEL, isKueueName } from '../../kueue';
import { isObject, metadataOf, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const kueueQueueName: JobRule = {
  id: 'JOB120',
  name: 'kueue-queue-name',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.ERROR,
  summary: 'The kueue.x-k8s.io/queue-name (or priority-class) label must name an object: a lowercase DNS subdomain',
  explanation: 'The queue-name label names a LocalQueue and the priority-class label a WorkloadPriorityClass. Kueue\'s webhook refuses a '
    + 'Job whose queue name is not a DNS subdomain (lowercase letters, digits, "-" and "."); a priority class that is not one '
    + 'cannot exist, so the Workload is never admitted.',
  fix: 'Use the LocalQueue\'s (or WorkloadPriorityClass\'s) name as it is in the cluster, e.g. "team-a".',
  source: 'sigs.k8s.io/kueue pkg/controller/jobframework/validation.go ValidateQueueName; apimachinery IsDNS1123Subdomain',
  check(job): Violation[] {
    const labels = metadataOf(job).labels;
    if (!isObject(labels)) return [];
    return [KUEUE_QUEUE_LABEL, KUEUE_PRIORITY_CLASS_LABEL].flatMap(key => {
      const value = labels[key];
      if (value === undefined || (typeof value === 'string' && isKueueName(value))) return [];
      const path = `metadata.labels["${key}"]`;
      return [{ path, message: `${path} is ${show(value)}; it must be a lowercase DNS subdomain, the name of the object` }];
    });
  },
};
