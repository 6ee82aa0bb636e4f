import { dns1123LabelProblems, labelValueProblems, qualifiedNameProblems } from '../../k8s/names';
import { asArray, isObject, podSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';
import { labelsViolations } from './object-metadata';

function keyViolations(key: unknown, path: string): Violation[] {
  const value = typeof key === 'string' ? key : '';
  return qualifiedNameProblems(value).map(problem => ({ path, message: `${path} ${show(key)} is not a valid label key: it ${problem}` }));
}

function valuesViolations(values: unknown, path: string): Violation[] {
  const violations: Violation[] = [];
  asArray(values).forEach((value, i) => {
    if (typeof value !== 'string') return;
    for (const problem of labelValueProblems(value)) violations.push({ path: `${path}[${i}]`, message: `${path}[${i}] ${show(value)} is not a valid label value: it ${problem}` });
  });
  return violations;
}

function operatorViolations(operator: unknown, values: unknown, path: string, operators: readonly string[]): Violation[] {
  const count = asArray(values).length;
  if (operator === 'In' || operator === 'NotIn') {
    return count === 0 ? [{ path: `${path}.values`, message: `${path}.values is empty; operator ${operator} needs at least one value` }] : [];
  }
  if (operator === 'Exists' || operator === 'DoesNotExist') {
    return count > 0 ? [{ path: `${path}.values`, message: `${path}.values is set; operator ${operator} takes no values` }] : [];
  }
  if ((operator === 'Gt' || operator === 'Lt') && operators.includes(operator)) {
    return count !== 1 ? [{ path: `${path}.values`, message: `${path}.values has ${count} values; operator ${operator} takes exactly one` }] : [];
  }
  // JOB014 reports an unknown node selector operator (a schema enum); label selector operators are not in the schema
  if (operators.includes('Gt')) return [];
  return [{ path: `${path}.operator`, message: `${path}.operator is ${show(operator)}; it must be one of ${operators.join(', ')}` }];
}

/** metav1validation.ValidateLabelSelector */
export function labelSelectorViolations(selector: unknown, path: string): Violation[] {
  if (!isObject(selector)) return [];
  const violations = labelsViolations(selector.matchLabels, `${path}.matchLabels`);
  asArray(selector.matchExpressions).forEach((e, i) => {
    if (!isObject(e)) return;
    const at = `${path}.matchExpressions[${i}]`;
    violations.push(...operatorViolations(e.operator, e.values, at, ['In', 'NotIn', 'Exists', 'DoesNotExist']));
    violations.push(...keyViolations(e.key, `${at}.key`));
    violations.push(...valuesViolations(e.values, `${at}.values`));
  });
  return violations;
}

/** ValidateNodeSelectorTerm */
function nodeSelectorTermViolations(term: unknown, path: string, checkValues: boolean): Violation[] {
  if (!isObject(term)) return [];
  const violations: Violation[] = [];
  asArray(term.matchExpressions).forEach((e, j) => {
    if (!isObject(e)) return;
    const at = `${path}.matchExpressions[${j}]`;
    violations.push(...operatorViolations(e.operator, e.values, at, ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']));
    violations.push(...keyViolations(e.key, `${at}.key`));
    if (checkValues) violations.push(...valuesViolations(e.values, `${at}.values`));
  });
  return violations;
}

function weightViolations(weight: unknown, path: string): Violation[] {
  return typeof weight === 'number' && weight >= 1 && weight <= 100 ? [] : [{ path, message: `${path} is ${show(weight)}; it must be between 1 and 100` }];
}

/** validatePodAffinityTerm */
function podAffinityTermViolations(term: unknown, path: string): Violation[] {
  if (!isObject(term)) return [];
  const violations = [...labelSelectorViolations(term.labelSelector, `${path}.labelSelector`), ...labelSelectorViolations(term.namespaceSelector, `${path}.namespaceSelector`)];
  for (const namespace of asArray(term.namespaces)) {
    if (typeof namespace !== 'string') continue;
    for (const problem of dns1123LabelProblems(namespace)) violations.push({ path: `${path}.namespace`, message: `${path}.namespaces has ${show(namespace)}, which ${problem}` });
  }
  const key = typeof term.topologyKey === 'string' ? term.topologyKey : '';
  if (key === '') violations.push({ path: `${path}.topologyKey`, message: `${path}.topologyKey is empty; name a node label such as kubernetes.io/hostname` });
  violations.push(...keyViolations(key, `${path}.topologyKey`));
  return violations;
}

export const affinity: JobRule = {
  id: 'JOB023',
  name: 'affinity',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Node and pod affinity terms use valid operators, label keys and values, weights in 1..100 and a topologyKey',
  explanation: 'The API server validates the pod\'s affinity: a required node affinity has at least one term; In and NotIn '
    + 'need values, Exists and DoesNotExist take none, Gt and Lt exactly one; keys are qualified names and values label values; '
    + 'preferred terms weigh 1 to 100; every pod affinity or anti-affinity term names a topologyKey.',
  fix: 'Correct the operator, values, key or weight the message names; give each pod (anti-)affinity term a topologyKey.',
  source: 'pkg/apis/core/validation/validation.go validateAffinity, validateNodeAffinity, ValidateNodeSelectorRequirement, '
    + 'ValidatePreferredSchedulingTerms, validatePodAffinityTerm; k8s.io/apimachinery metav1validation.ValidateLabelSelector',
  check(job): Violation[] {
    const a = podSpec(job).affinity;
    if (!isObject(a)) return [];
    const violations: Violation[] = [];
    const base = 'spec.template.spec.affinity';
    if (isObject(a.nodeAffinity)) {
      const required = a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
      if (isObject(required)) {
        const at = `${base}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
        const terms = asArray(required.nodeSelectorTerms);
        if (terms.length === 0) violations.push({ path: at, message: `${at} is empty; a required node affinity needs at least one term` });
        terms.forEach((term, i) => violations.push(...nodeSelectorTermViolations(term, `${at}[${i}]`, true)));
      }
      asArray(a.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).forEach((p, i) => {
        if (!isObject(p)) return;
        const at = `${base}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
        violations.push(...weightViolations(p.weight, `${at}.weight`), ...nodeSelectorTermViolations(p.preference, `${at}.preference`, false));
      });
    }
    for (const kind of ['podAffinity', 'podAntiAffinity']) {
      if (!isObject(a[kind])) continue;
      asArray(a[kind].requiredDuringSchedulingIgnoredDuringExecution).forEach((term, i) =>
        violations.push(...podAffinityTermViolations(term, `${base}.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`)));
      asArray(a[kind].preferredDuringSchedulingIgnoredDuringExecution).forEach((w, i) => {
        if (!isObject(w)) return;
        const at = `${base}.${kind}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
        violations.push(...weightViolations(w.weight, `${at}.weight`), ...podAffinityTermViolations(w.podAffinityTerm, `${at}.podAffinityTerm`));
      });
    }
    return violations;
  },
};
