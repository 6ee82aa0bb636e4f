import { isDnsSubdomain, jobSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

const MAX_LENGTH = 63;
const PATH_CHARS = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

export const managedBy: JobRule = {
  id: 'JOB009',
  name: 'managed-by',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'managedBy must be a domain-prefixed path ("example.com/controller") of at most 63 characters',
  explanation: 'managedBy names the controller that reconciles the Job; kubernetes.io/job-controller is the built-in one.',
  fix: 'Use a value such as "kueue.x-k8s.io/multikueue", or leave managedBy unset for the built-in controller.',
  source: 'pkg/apis/batch/validation/validation.go validateJobSpec; apimachinery IsDomainPrefixedPath',
  check(job): Violation[] {
    const value = jobSpec(job).managedBy;
    const path = 'spec.managedBy';
    if (value === undefined) return [];
    if (typeof value !== 'string' || value === '') {
      return [{ path, message: `${path} is ${show(value)}; it must be a domain-prefixed path such as "example.com/controller"` }];
    }
    const slash = value.indexOf('/');
    const host = slash < 0 ? value : value.slice(0, slash);
    const rest = slash < 0 ? '' : value.slice(slash + 1);
    if (slash < 0 || !isDnsSubdomain(host) || rest === '' || !PATH_CHARS.test(rest)) {
      return [{ path, message: `${path} is ${show(value)}; it must be a domain-prefixed path such as "example.com/controller"` }];
    }
    if (value.length > MAX_LENGTH) {
      return [{ path, message: `${path} is ${value.length} characters; at most ${MAX_LENGTH} are allowed` }];
    }
    return [];
  },
};
