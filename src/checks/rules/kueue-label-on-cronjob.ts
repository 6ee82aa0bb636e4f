import { KUEUE_MIN_PARALLELISM_ANNOTATION, KUEUE_PRIORITY_CLASS_LABEL, KUEUE_QUEUE_LABEL } from '../../kueue';
import { isObject, metadataOf } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const kueueLabelOnCronJob: JobRule = {
  id: 'JOB119',
  name: 'kueue-label-on-cronjob',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.WARNING,
  summary: 'A Kueue label or annotation on a CronJob\'s own metadata instead of its jobTemplate\'s',
  explanation: 'Kueue queues the Jobs a CronJob creates, not the CronJob. Each Job carries the labels and annotations of '
    + 'spec.jobTemplate.metadata; the CronJob\'s own metadata is not copied to it, so a queue name there queues nothing.',
  fix: 'Move the label or annotation to spec.jobTemplate.metadata.',
  source: 'sigs.k8s.io/kueue site/content/en/docs/tasks/run/run_cronjobs.md; k8s.io/kubernetes pkg/controller/cronjob/utils.go getJobFromTemplate2',
  check(job, context): Violation[] {
    if (context.parentKind !== 'CronJob' || !isObject(context.parent)) return [];
    const own = metadataOf(context.parent);
    const template = metadataOf(job);
    const violations: Violation[] = [];
    for (const [field, key] of [['labels', KUEUE_QUEUE_LABEL], ['labels', KUEUE_PRIORITY_CLASS_LABEL], ['annotations', KUEUE_MIN_PARALLELISM_ANNOTATION]]) {
      const ownValues = isObject(own[field]) ? own[field] : {};
      const templateValues = isObject(template[field]) ? template[field] : {};
      if (ownValues[key] === undefined || templateValues[key] !== undefined) continue;
      const path = `metadata.${field}["${key}"]`;
      violations.push({
        path,
        onParent: true,
        message: `${path} is on the CronJob, whose own metadata its Jobs do not carry: put it in spec.jobTemplate.metadata.${field}`,
      });
    }
    return violations;
  },
};
