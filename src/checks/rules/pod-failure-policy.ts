import { allContainers, asArray, isObject, isQualifiedName, jobSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const OPERATORS = ['In', 'NotIn'];
const STATUSES = ['True', 'False', 'Unknown'];
const MAX_RULES = 20;
const MAX_PATTERNS = 20;
const MAX_VALUES = 255;

const list = (values: string[]) => values.map(v => `"${v}"`).join(', ');

export const podFailurePolicy: JobRule = {
  id: 'JOB006',
  name: 'pod-failure-policy',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'podFailurePolicy rules must be well formed',
  explanation: 'At most 20 rules; each has exactly one of onExitCodes or onPodConditions and an action of Count, FailIndex, FailJob or Ignore '
    + '(FailIndex needs backoffLimitPerIndex). onExitCodes needs operator In or NotIn, 1 to 255 values in ascending order without '
    + 'duplicates (0 is forbidden with In), and a containerName naming a container or init container. onPodConditions has at most 20 '
    + 'patterns, each with a qualified-name type and a status of True, False or Unknown.',
  fix: 'Correct the rule at the reported path.',
  source: 'pkg/apis/batch/validation/validation.go validatePodFailurePolicy, validatePodFailurePolicyRule',
  check(job): Violation[] {
    const spec = jobSpec(job);
    if (!isObject(spec.podFailurePolicy)) return [];
    const rules = asArray(spec.podFailurePolicy.rules);
    const violations: Violation[] = [];
    if (rules.length > MAX_RULES) {
      violations.push({ path: 'spec.podFailurePolicy.rules', message: `spec.podFailurePolicy.rules has ${rules.length} rules; at most ${MAX_RULES} are allowed` });
    }
    const containerNames = new Set(allContainers(job).map(ref => ref.container.name));
    rules.forEach((rule, i) => {
      const path = `spec.podFailurePolicy.rules[${i}]`;
      if (!isObject(rule)) {
        violations.push({ path, message: `${path} is ${show(rule)}; it must be an object` });
        return;
      }
      if (rule.action === undefined || rule.action === '') {
        violations.push({ path: `${path}.action`, message: `${path}.action is not set; allowed: ${list(ACTIONS)}` });
      } else if (rule.action === 'FailIndex' && spec.backoffLimitPerIndex === undefined) {
        violations.push({
          path: `${path}.action`,
          message: `${path}.action is "FailIndex", which requires spec.backoffLimitPerIndex to be set`,
          fix: 'Set spec.backoffLimitPerIndex (an Indexed Job), or use FailJob or Count instead of FailIndex.',
        });
      }
      // an unknown action or operator is JOB014's finding (a schema enum)
      const hasExitCodes = rule.onExitCodes !== undefined && rule.onExitCodes !== null;
      const conditions = asArray(rule.onPodConditions);
      if (hasExitCodes) violations.push(...checkExitCodes(rule.onExitCodes, `${path}.onExitCodes`, containerNames));
      if (conditions.length > 0) violations.push(...checkConditions(conditions, `${path}.onPodConditions`));
      if (hasExitCodes && conditions.length > 0) {
        violations.push({ path, message: `${path} sets both onExitCodes and onPodConditions; a rule takes exactly one`, fix: 'Split it into two rules, one on exit codes and one on pod conditions.' });
      }
      if (!hasExitCodes && conditions.length === 0) {
        violations.push({ path, message: `${path} sets neither onExitCodes nor onPodConditions; a rule takes exactly one`, fix: 'Add onExitCodes or onPodConditions to the rule, or remove the rule.' });
      }
    });
    return violations;
  },
};

function checkExitCodes(onExitCodes: any, path: string, containerNames: Set<unknown>): Violation[] {
  if (!isObject(onExitCodes)) return [{ path, message: `${path} is ${show(onExitCodes)}; it must be an object` }];
  const violations: Violation[] = [];
  const operator = onExitCodes.operator;
  if (operator === undefined || operator === '') {
    violations.push({ path: `${path}.operator`, message: `${path}.operator is not set; allowed: ${list(OPERATORS)}` });
  }
  const name = onExitCodes.containerName;
  if (name !== undefined && name !== null && !containerNames.has(name)) {
    const known = [...containerNames].map(n => show(n)).join(', ');
    violations.push({
      path: `${path}.containerName`,
      message: `${path}.containerName is ${show(name)}; it must name a container or init container of the pod template (${known})`,
      fix: 'Name one of the pod template\'s containers, or leave containerName out to match any.',
    });
  }
  const values = asArray(onExitCodes.values);
  const valuesPath = `${path}.values`;
  if (values.length === 0) {
    violations.push({ path: valuesPath, message: `${valuesPath} is empty; at least one exit code is required` });
  } else if (values.length > MAX_VALUES) {
    violations.push({ path: valuesPath, message: `${valuesPath} has ${values.length} exit codes; at most ${MAX_VALUES} are allowed` });
  } else {
    const seen = new Set<number>();
    values.forEach((value, j) => {
      if (operator === 'In' && value === 0) {
        violations.push({ path: `${valuesPath}[${j}]`, message: `${valuesPath}[${j}] is 0, which the "In" operator does not allow (exit code 0 is success)`, fix: 'Remove 0 from the values.' });
      }
      if (seen.has(value)) {
        violations.push({ path: `${valuesPath}[${j}]`, message: `${valuesPath}[${j}] repeats exit code ${show(value)}`, fix: 'List each exit code once.' });
      }
      seen.add(value);
    });
    if (values.some((value, j) => j > 0 && values[j - 1] > value)) {
      violations.push({ path: valuesPath, message: `${valuesPath} is ${show(values)}; the exit codes must be in ascending order`, fix: 'Sort the exit codes in ascending order.' });
    }
  }
  return violations;
}

function checkConditions(conditions: any[], path: string): Violation[] {
  const violations: Violation[] = [];
  if (conditions.length > MAX_PATTERNS) {
    violations.push({ path, message: `${path} has ${conditions.length} patterns; at most ${MAX_PATTERNS} are allowed` });
  }
  conditions.forEach((pattern, j) => {
    const patternPath = `${path}[${j}]`;
    const type = isObject(pattern) ? pattern.type : undefined;
    if (!isQualifiedName(type)) {
      violations.push({ path: `${patternPath}.type`, message: `${patternPath}.type is ${show(type)}; it must be a qualified name such as "DisruptionTarget"` });
    }
    // the API server defaults an absent status to "True" before validating it
    const status = isObject(pattern) ? pattern.status : undefined;
    if (status !== undefined && !STATUSES.includes(status)) {
      violations.push({ path: `${patternPath}.status`, message: `${patternPath}.status is ${show(status)}; allowed: ${list(STATUSES)}` });
    }
  });
  return violations;
}
