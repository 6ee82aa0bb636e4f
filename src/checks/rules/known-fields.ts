import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';
import { schemaIssues } from '../schema';

export const knownFields: JobRule = {
  id: 'JOB013',
  name: 'known-fields',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Every field must exist in the batch/v1 Job schema (kubectl apply rejects unknown fields)',
  explanation: 'kubectl apply sends fieldValidation=Strict by default, so an unknown field fails the request; with Warn it is dropped '
    + 'silently. Either way it has no effect. Classic case: spec.template.spec.backoffLimit (backoffLimit is a JobSpec field).',
  fix: 'Move the field to where it belongs or remove it; check its spelling.',
  source: 'k8s.io/apimachinery CreateOptions.FieldValidation; OpenAPI schema via kubernetes-models (src/checks/schema/job-schema.json)',
  check(job, context): Violation[] {
    return schemaIssues(job, context).filter(issue => issue.kind === 'unknown').map(({ path, message, onParent }) => ({
      path,
      message: `${message}: the API server rejects unknown fields under strict field validation (the kubectl apply default)`,
      onParent,
    }));
  },
};
