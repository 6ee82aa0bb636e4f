import { isObject, jobSpec, metadataOf, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

const UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
const NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];

export const generatedSelector: JobRule = {
  id: 'JOB010',
  name: 'generated-selector',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Without manualSelector, leave spec.selector and the controller-uid/job-name template labels to the API server',
  explanation: 'The API server generates the selector from the Job UID and labels the pod template with controller-uid and job-name. '
    + 'A hand-written selector is rejected ("`selector` not auto-generated"); a controller-uid label cannot match a UID that does '
    + 'not exist yet, and a job-name label must equal the Job name.',
  fix: 'Remove spec.selector and those template labels; set manualSelector: true only if you really manage the selector yourself.',
  source: 'pkg/registry/batch/job/strategy.go generateSelector; pkg/apis/batch/validation/validation.go validateGeneratedSelector',
  check(job): Violation[] {
    const spec = jobSpec(job);
    if (spec.manualSelector === true) {
      return isObject(spec.selector) ? [] : [{ path: 'spec.selector', message: 'spec.selector is not set; it is required with spec.manualSelector true' }];
    }
    const violations: Violation[] = [];
    if (spec.selector !== undefined) {
      violations.push({ path: 'spec.selector', message: 'spec.selector is set without spec.manualSelector; the API server generates the selector and rejects a hand-written one' });
    }
    const template = isObject(spec.template) ? spec.template : {};
    const labels = isObject(template.metadata) && isObject(template.metadata.labels) ? template.metadata.labels : {};
    for (const key of UID_LABELS.filter(k => k in labels)) {
      violations.push({
        path: `spec.template.metadata.labels[${key}]`,
        message: `spec.template.metadata.labels[${key}] is ${show(labels[key])}; it must equal the Job UID, which the API server assigns: remove it`,
      });
    }
    const name = metadataOf(job).name;
    for (const key of NAME_LABELS.filter(k => k in labels && labels[k] !== name)) {
      violations.push({
        path: `spec.template.metadata.labels[${key}]`,
        message: `spec.template.metadata.labels[${key}] is ${show(labels[key])}; it must equal metadata.name (${show(name)}): remove it`,
      });
    }
    return violations;
  },
};
