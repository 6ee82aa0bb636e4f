import { COMPLETION_INDEX_FIELD } from '../../internal/downward-api';
import { allContainers, asArray, containerTexts, envFieldPath, isIndexed, isObject } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

const INDEX_FIELDS = [COMPLETION_INDEX_FIELD, "metadata.labels['batch.kubernetes.io/job-completion-index']"];
const INDEX_REFERENCE = /\$\(JOB_COMPLETION_INDEX\)|\$\{?JOB_COMPLETION_INDEX\b/;
/** The container a text belongs to: `spec.template.spec.containers[3]` of `spec.template.spec.containers[3].args[0]`. */
const CONTAINER_OF = /^(spec\.template\.spec\.(?:initContainers|containers)\[\d+\])\./;

export const indexOnNonIndexed: JobRule = {
  id: 'JOB101',
  name: 'index-on-non-indexed',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.ERROR,
  summary: 'The completion index is read on a Job that is not Indexed, where it does not exist',
  explanation: 'Only Indexed Jobs get the batch.kubernetes.io/job-completion-index annotation and label and the JOB_COMPLETION_INDEX env var. '
    + 'On a NonIndexed Job (the default completionMode) the fieldRef resolves to an empty string and $(JOB_COMPLETION_INDEX) stays '
    + 'unexpanded, so every pod does the same work. This is the widespread "pipeline step from the index" mistake.',
  fix: 'Set spec.completionMode: Indexed (with completions), or stop reading the index.',
  source: 'pkg/controller/job/indexed_job_utils.go addCompletionIndexEnvVariables, addCompletionIndexAnnotation',
  check(job): Violation[] {
    if (isIndexed(job)) return [];
    const violations: Violation[] = [];
    /** Containers that declare JOB_COMPLETION_INDEX themselves: their scripts read their own variable. */
    const ownIndex = new Set<string>();
    for (const { container, path } of allContainers(job)) {
      if (asArray(container.env).some(e => isObject(e) && e.name === 'JOB_COMPLETION_INDEX')) ownIndex.add(path);
      asArray(container.env).forEach((entry, i) => {
        if (INDEX_FIELDS.includes(envFieldPath(entry) as string)) {
          violations.push({ path: `${path}.env[${i}].valueFrom.fieldRef.fieldPath`, message: `${path}.env[${i}] reads the completion index, but the Job is not Indexed: the value is empty` });
        }
      });
    }
    // one pass over the texts (a pod may have thousands of containers)
    for (const ref of containerTexts(job)) {
      if (!INDEX_REFERENCE.test(ref.text) || ownIndex.has(CONTAINER_OF.exec(ref.path)?.[1] ?? '')) continue;
      violations.push({ path: ref.path, message: `${ref.path} uses JOB_COMPLETION_INDEX, but the Job is not Indexed: the variable is not set` });
    }
    return violations;
  },
};
