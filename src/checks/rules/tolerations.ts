import { labelValueProblems, qualifiedNameProblems } from '../../k8s/names';
import { asArray, isObject, podSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const tolerations: JobRule = {
  id: 'JOB022',
  name: 'tolerations',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Tolerations use Equal or Exists correctly, a valid key and value, and tolerationSeconds only with NoExecute',
  explanation: 'The API server validates each toleration: the key is a qualified name; an empty key needs operator Exists '
    + '(tolerate everything); Exists takes no value, Equal (the default) a label value; the effect is NoSchedule, '
    + 'PreferNoSchedule or NoExecute, and tolerationSeconds is only for NoExecute.',
  fix: 'Use operator Exists without a value, or Equal with a label value; drop tolerationSeconds unless the effect is NoExecute.',
  source: 'pkg/apis/core/validation/validation.go ValidateTolerations, validateTaintEffect',
  check(job): Violation[] {
    const violations: Violation[] = [];
    asArray(podSpec(job).tolerations).forEach((t, i) => {
      if (!isObject(t)) return;
      const at = `spec.template.spec.tolerations[${i}]`;
      const key = typeof t.key === 'string' ? t.key : '';
      const operator = t.operator ?? '';
      const value = typeof t.value === 'string' ? t.value : '';
      if (key !== '') {
        for (const problem of qualifiedNameProblems(key)) violations.push({ path: `${at}.key`, message: `${at}.key ${show(key)} is not a valid key: it ${problem}` });
      } else if (operator !== 'Exists') {
        violations.push({ path: `${at}.operator`, message: `${at} has no key, so its operator must be Exists (tolerate every taint); got ${show(t.operator)}` });
      }
      if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
        violations.push({ path: `${at}.effect`, message: `${at}.effect is ${show(t.effect)} with tolerationSeconds set; tolerationSeconds needs effect NoExecute` });
      }
      if (operator === 'Equal' || operator === '') {
        for (const problem of labelValueProblems(value)) violations.push({ path: `${at}.operator`, message: `${at}.value ${show(value)} is not a valid value: it ${problem}` });
      } else if (operator === 'Exists') {
        if (value !== '') violations.push({ path: `${at}.operator`, message: `${at}.value is ${show(value)} with operator Exists; Exists takes no value` });
      }
    });
    return violations;
  },
};
