import { TOTAL_ANNOTATION_SIZE, byteLength, dns1123LabelProblems, labelProblems, qualifiedNameProblems } from '../../k8s/names';
import { isObject, jobSpec, metadataOf, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

/** ValidateLabels, reported at the map's path as the API server does. */
export function labelsViolations(labels: unknown, path: string): Violation[] {
  if (!isObject(labels)) return [];
  return labelProblems(labels).map(({ key, value, problem }) => ({
    path,
    message: `${path} has ${problem.startsWith('label key') ? `the key ${show(key)}` : `${show(key)}: ${show(value)}`}; the ${problem}`,
  }));
}

/** ValidateAnnotations: qualified-name keys (compared in lowercase) and 256 KiB for keys and values together. */
export function annotationsViolations(annotations: unknown, path: string): Violation[] {
  if (!isObject(annotations)) return [];
  const violations: Violation[] = [];
  let characters = 0;
  for (const key of Object.keys(annotations)) {
    for (const problem of qualifiedNameProblems(key.toLowerCase())) {
      violations.push({ path, message: `${path} has the key ${show(key)}; an annotation key ${problem}` });
    }
    const value = annotations[key];
    characters += key.length + (typeof value === 'string' ? value.length : 0);
  }
  // a UTF-16 unit is at most 3 UTF-8 bytes: count bytes only when the limit is within reach
  const size = characters * 3 <= TOTAL_ANNOTATION_SIZE ? 0
    : Object.keys(annotations).reduce((sum, key) => sum + byteLength(key) + (typeof annotations[key] === 'string' ? byteLength(annotations[key]) : 0), 0);
  if (size > TOTAL_ANNOTATION_SIZE) {
    violations.push({ path, message: `${path} hold ${size} bytes; keys and values together may not exceed ${TOTAL_ANNOTATION_SIZE} bytes (256 KiB)` });
  }
  return violations;
}

export const objectMetadata: JobRule = {
  id: 'JOB020',
  name: 'object-metadata',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Labels, annotations and the namespace follow Kubernetes\' syntax, on the Job and on its pod template',
  explanation: 'The API server validates the metadata of the Job and of its pod template: label keys are qualified names '
    + '(an optional DNS-subdomain prefix and "/", then at most 63 alphanumerics, "-", "_", "."), label values at most 63 such '
    + 'characters starting and ending alphanumeric, annotation keys qualified names and all annotations together at most '
    + '256 KiB, and the namespace a DNS label.',
  fix: 'Shorten or rename the label, move large data out of annotations (a ConfigMap), or use a DNS-label namespace.',
  source: 'k8s.io/apimachinery/pkg/api/validation ValidateObjectMeta, ValidateAnnotations; pkg/apis/meta/v1/validation '
    + 'ValidateLabels; pkg/apis/core/validation/validation.go ValidatePodTemplateSpec',
  check(job, context): Violation[] {
    // a CronJob's own metadata is validated; the API server does not validate its jobTemplate's metadata
    const onParent = context.parentKind === 'CronJob';
    const metadata = metadataOf(onParent ? context.parent : job);
    const violations: Violation[] = [];
    if (typeof metadata.namespace === 'string' && metadata.namespace !== '') {
      for (const problem of dns1123LabelProblems(metadata.namespace)) {
        violations.push({ path: 'metadata.namespace', message: `metadata.namespace ${show(metadata.namespace)} is not a valid namespace: it ${problem}` });
      }
    }
    violations.push(...labelsViolations(metadata.labels, 'metadata.labels'));
    violations.push(...annotationsViolations(metadata.annotations, 'metadata.annotations'));
    if (onParent) violations.forEach((v, i) => violations[i] = { ...v, onParent });
    const template = jobSpec(job).template;
    const templateMetadata = isObject(template) && isObject(template.metadata) ? template.metadata : {};
    violations.push(...labelsViolations(templateMetadata.labels, 'spec.template.labels'));
    // SetDefaults_Job copies the template's labels to a Job that has none, where ValidateObjectMeta meets them again
    const unlabelled = !isObject(metadata.labels) || Object.keys(metadata.labels).length === 0;
    if (!onParent && unlabelled) {
      violations.push(...labelsViolations(templateMetadata.labels, 'spec.template.labels').map(v => ({
        path: 'metadata.labels',
        message: `${v.message} (metadata.labels is not set, so the API server copies these labels into it)`,
      })));
    }
    violations.push(...annotationsViolations(templateMetadata.annotations, 'spec.template.annotations'));
    return violations;
  },
};
