import { asArray, isObject, podSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';
import { labelSelectorViolations } from './affinity';

export const topologySpread: JobRule = {
  id: 'JOB024',
  name: 'topology-spread',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Topology spread constraints have maxSkew ≥ 1, a topologyKey, a known whenUnsatisfiable and no repeats',
  explanation: 'The API server validates each topologySpreadConstraint: maxSkew and minDomains are positive, minDomains only '
    + 'with DoNotSchedule, the topologyKey is set, whenUnsatisfiable is DoNotSchedule or ScheduleAnyway, node policies are '
    + 'Honor or Ignore, the label selector is valid, and no two constraints share topologyKey and whenUnsatisfiable.',
  fix: 'Set maxSkew to 1 or more, name a topologyKey such as topology.kubernetes.io/zone, and merge repeated constraints.',
  source: 'pkg/apis/core/validation/validation.go validateTopologySpreadConstraints, validateMinDomains, ValidateSpreadConstraintNotRepeat',
  check(job): Violation[] {
    const violations: Violation[] = [];
    const constraints = asArray(podSpec(job).topologySpreadConstraints);
    constraints.forEach((c, i) => {
      if (!isObject(c)) return;
      const at = `spec.template.spec.topologySpreadConstraints[${i}]`;
      if (!(typeof c.maxSkew === 'number' && c.maxSkew > 0)) violations.push({ path: `${at}.maxSkew`, message: `${at}.maxSkew is ${show(c.maxSkew)}; it must be 1 or more` });
      if (typeof c.topologyKey !== 'string' || c.topologyKey === '') violations.push({ path: `${at}.topologyKey`, message: `${at}.topologyKey is empty; name a node label such as topology.kubernetes.io/zone` });
      if (c.whenUnsatisfiable === undefined || c.whenUnsatisfiable === null) {
        violations.push({ path: `${at}.whenUnsatisfiable`, message: `${at}.whenUnsatisfiable is not set; it must be "DoNotSchedule" or "ScheduleAnyway"` });
      }
      if (constraints.slice(i + 1).some(o => isObject(o) && o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
        violations.push({ path: `${at}.{topologyKey, whenUnsatisfiable}`, message: `${at} repeats topologyKey ${show(c.topologyKey)} with whenUnsatisfiable ${show(c.whenUnsatisfiable)} of a later constraint` });
      }
      if (c.minDomains !== undefined && c.minDomains !== null) {
        if (!(typeof c.minDomains === 'number' && c.minDomains > 0)) violations.push({ path: `${at}.minDomains`, message: `${at}.minDomains is ${show(c.minDomains)}; it must be 1 or more` });
        if (c.whenUnsatisfiable !== 'DoNotSchedule') violations.push({ path: `${at}.minDomains`, message: `${at}.minDomains is set with whenUnsatisfiable ${show(c.whenUnsatisfiable)}; it works only with DoNotSchedule` });
      }
      violations.push(...labelSelectorViolations(c.labelSelector, `${at}.labelSelector`));
    });
    return violations;
  },
};
