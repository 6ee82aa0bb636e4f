import { asArray, isObject, jobSpec, metadataOf, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';
import { labelSelectorViolations } from './affinity';

const UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
const NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];
const RESERVED_LABELS = [...UID_LABELS, ...NAME_LABELS];
/** Stands for the UID the API server assigns: no label a user writes can equal it. */
const UID = '\u0000uid';

/** metav1.LabelSelectorAsSelector + Matches, for a selector that converts (see `convertible`). */
export function selectorMatches(selector: Record<string, any>, labels: Record<string, unknown>): boolean {
  const matchLabels = isObject(selector.matchLabels) ? selector.matchLabels : {};
  for (const [key, value] of Object.entries(matchLabels)) {
    if (labels[key] !== value) return false;
  }
  for (const e of asArray(selector.matchExpressions)) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = asArray(e.values);
    if (e.operator === 'In' && !(has && values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Whether LabelSelectorAsSelector accepts what the user wrote; if not, the API server skips the match (and reports the selector). */
function convertible(selector: unknown): boolean {
  return labelSelectorViolations(selector, 'selector').length === 0;
}

export const generatedSelector: JobRule = {
  id: 'JOB010',
  name: 'generated-selector',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Without manualSelector, leave spec.selector and the controller-uid/job-name template labels to the API server; with it, the selector must match the template labels',
  explanation: 'The API server generates the selector from the Job UID and labels the pod template with controller-uid and job-name. '
    + 'A hand-written selector is rejected ("`selector` not auto-generated"); a controller-uid label cannot match a UID that does '
    + 'not exist yet, and a job-name label must equal the Job name. With manualSelector: true the selector is required and must '
    + 'select the pod template\'s labels. A CronJob\'s jobTemplate takes neither a selector nor manualSelector: true.',
  fix: 'Remove spec.selector and those template labels; set manualSelector: true only if you really manage the selector yourself, with labels it selects.',
  source: 'pkg/registry/batch/job/strategy.go generateSelector; pkg/apis/batch/validation/validation.go validateGeneratedSelector, '
    + 'ValidateJobSpec, validateJobTemplateSpec',
  check(job, context): Violation[] {
    const spec = jobSpec(job);
    if (context.parentKind === 'CronJob') {
      const violations: Violation[] = [];
      if (spec.selector !== undefined && spec.selector !== null) violations.push({ path: 'spec.selector', message: 'spec.selector is set in a CronJob\'s jobTemplate; the API server generates it for each Job' });
      if (spec.manualSelector === true) violations.push({ path: 'spec.manualSelector', message: 'spec.manualSelector is true in a CronJob\'s jobTemplate; only false or unset is allowed' });
      return violations;
    }
    const template = isObject(spec.template) ? spec.template : {};
    const labels: Record<string, unknown> = isObject(template.metadata) && isObject(template.metadata.labels) ? template.metadata.labels : {};
    if (spec.manualSelector === true) {
      if (!isObject(spec.selector)) {
        return [
          { path: 'spec.selector', message: 'spec.selector is not set; it is required with spec.manualSelector true' },
          { path: 'spec.template.metadata.labels', message: 'spec.template.metadata.labels are selected by no selector (spec.selector is not set); the Job would own no pods' },
        ];
      }
      return convertible(spec.selector) && !selectorMatches(spec.selector, labels)
        ? [{ path: 'spec.template.metadata.labels', message: `spec.template.metadata.labels (${show(labels)}) are not selected by spec.selector (${show(spec.selector)}); the Job would not own its pods` }]
        : [];
    }
    const name = metadataOf(job).name;
    // the common case: nothing hand-written for the API server to trip over
    if ((spec.selector === undefined || spec.selector === null) && !RESERVED_LABELS.some(k => k in labels)) return [];
    const violations: Violation[] = [];
    const generated: Record<string, unknown> = { ...labels };
    for (const key of UID_LABELS) if (!(key in generated)) generated[key] = UID;
    for (const key of NAME_LABELS) if (!(key in generated)) generated[key] = name;
    if (spec.selector !== undefined && spec.selector !== null) {
      violations.push({ path: 'spec.selector', message: 'spec.selector is set without spec.manualSelector; the API server generates the selector and rejects a hand-written one' });
    }
    const selector = isObject(spec.selector) ? { ...spec.selector } : {};
    selector.matchLabels = { 'batch.kubernetes.io/controller-uid': UID, ...(isObject(selector.matchLabels) ? selector.matchLabels : {}) };
    if (convertible(spec.selector) && !selectorMatches(selector, generated)) {
      violations.push({ path: 'spec.template.metadata.labels', message: `spec.template.metadata.labels (${show(labels)}) do not carry the labels the generated selector selects; remove the reserved labels${isObject(spec.selector) ? ' and spec.selector' : ''}` });
    }
    for (const key of UID_LABELS.filter(k => k in labels)) {
      violations.push({
        path: `spec.template.metadata.labels[${key}]`,
        message: `spec.template.metadata.labels[${key}] is ${show(labels[key])}; it must equal the Job UID, which the API server assigns: remove it`,
      });
    }
    for (const key of NAME_LABELS.filter(k => k in labels && labels[k] !== name)) {
      violations.push({
        path: `spec.template.metadata.labels[${key}]`,
        message: `spec.template.metadata.labels[${key}] is ${show(labels[key])}; it must equal metadata.name (${show(name)}): remove it`,
      });
    }
    return violations;
  },
};
