import { KUEUE_MIN_PARALLELISM_ANNOTATION, KUEUE_PRIORITY_CLASS_LABEL, KUEUE_QUEUE_LABEL } from '../../kueue';
import { isObject, metadataOf } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const kueueWithoutQueue: JobRule = {
  id: 'JOB117',
  name: 'kueue-without-queue',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.WARNING,
  summary: 'A Kueue priority class or partial admission on a Job with no kueue.x-k8s.io/queue-name label',
  explanation: 'Kueue acts only on the Jobs it queues. Without the queue-name label (and unless the cluster\'s Kueue defaults a '
    + 'LocalQueue for the namespace, or manages Jobs without a queue name), the priority class and the minimum parallelism are '
    + 'never read: the Job starts at once, at full parallelism, outside any quota.',
  fix: 'Add the kueue.x-k8s.io/queue-name label naming the LocalQueue, or remove the Kueue label and annotation.',
  source: 'sigs.k8s.io/kueue site/content/en/docs/tasks/run/jobs.md; pkg/controller/jobframework (queue name)',
  check(job): Violation[] {
    const metadata = metadataOf(job);
    const labels = isObject(metadata.labels) ? metadata.labels : {};
    const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
    if (labels[KUEUE_QUEUE_LABEL] !== undefined) return [];
    const found = [
      ...labels[KUEUE_PRIORITY_CLASS_LABEL] !== undefined ? [`metadata.labels["${KUEUE_PRIORITY_CLASS_LABEL}"]`] : [],
      ...annotations[KUEUE_MIN_PARALLELISM_ANNOTATION] !== undefined ? [`metadata.annotations["${KUEUE_MIN_PARALLELISM_ANNOTATION}"]`] : [],
    ];
    return found.map(path => ({
      path,
      message: `${path} has no effect: the Job has no ${KUEUE_QUEUE_LABEL} label, so Kueue does not queue it (unless it defaults a LocalQueue for the namespace)`,
    }));
  },
};
