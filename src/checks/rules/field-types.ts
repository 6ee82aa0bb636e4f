import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';
import { schemaIssues } from '../schema';

export const fieldTypes: JobRule = {
  id: 'JOB014',
  name: 'field-types',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Every value must have its field\'s type, and enum fields one of their values',
  explanation: 'The API server cannot decode a string where a number belongs (backoffLimit: "six"), a number where a string belongs '
    + '(an env value of 5), or an enum value it does not know (completionMode: Sharded).',
  fix: 'Use the type the field expects; quote strings that look like numbers or booleans.',
  source: 'OpenAPI schema via kubernetes-models (src/checks/schema/job-schema.json); pkg/apis/core/validation (enum checks)',
  check(job, context): Violation[] {
    return schemaIssues(job, context).filter(issue => issue.kind === 'type').map(({ path, message, onParent }) => ({ path, message, onParent }));
  },
};
