import { gateServed } from '../../k8s/features';
import { dns1123SubdomainProblems, qualifiedNameProblems } from '../../k8s/names';
import { asArray, isObject, podSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';
import { labelsViolations } from './object-metadata';

/** Pod fields that name another object, each a DNS subdomain when set (ValidatePodSpec). */
const SUBDOMAIN_NAMES = ['serviceAccountName', 'nodeName', 'priorityClassName', 'runtimeClassName'];

export const podReferences: JobRule = {
  id: 'JOB028',
  name: 'pod-references',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Names the pod refers to (service account, priority class, runtime class, node) are DNS names; nodeSelector and scheduling gates are well-formed',
  explanation: 'The API server validates the names a pod template refers to: serviceAccountName, priorityClassName, '
    + 'runtimeClassName and nodeName are DNS subdomains; nodeSelector is a label map; each scheduling gate is a unique qualified '
    + 'name; imagePullSecrets entries carry only a name.',
  fix: 'Use the object\'s exact name (lowercase, digits, "-", ".") and label syntax in nodeSelector.',
  source: 'pkg/apis/core/validation/validation.go ValidatePodSpec, validateSchedulingGates, validateImagePullSecrets',
  check(job, context): Violation[] {
    const pod = podSpec(job);
    const base = 'spec.template.spec';
    const violations: Violation[] = [];
    for (const field of SUBDOMAIN_NAMES) {
      const value = pod[field];
      if (typeof value !== 'string' || (value === '' && field !== 'runtimeClassName')) continue;
      for (const problem of dns1123SubdomainProblems(value)) violations.push({ path: `${base}.${field}`, message: `${base}.${field} ${show(value)} is not a valid name: it ${problem}` });
    }
    violations.push(...labelsViolations(pod.nodeSelector, `${base}.nodeSelector`));
    if (typeof pod.hostnameOverride === 'string' && gateServed('HostnameOverride', context.kubeVersion)) {
      // validatePodHostName
      const at = `${base}.hostnameOverride`;
      if (pod.setHostnameAsFQDN === true) violations.push({ path: at, message: `${at} is set with setHostnameAsFQDN: true; the two exclude each other` });
      if (pod.hostNetwork === true) violations.push({ path: at, message: `${at} is set with hostNetwork: true, where the pod has the node's hostname` });
      if (pod.hostnameOverride.length > 64) violations.push({ path: at, message: `${at} is ${pod.hostnameOverride.length} characters; at most 64 are allowed` });
      for (const problem of dns1123SubdomainProblems(pod.hostnameOverride)) violations.push({ path: at, message: `${at} ${show(pod.hostnameOverride)} is not a valid hostname: it ${problem}` });
    }
    const gates = new Set<string>();
    asArray(pod.schedulingGates).forEach((gate, i) => {
      const name = isObject(gate) && typeof gate.name === 'string' ? gate.name : '';
      const at = `${base}.schedulingGates[${i}]`;
      for (const problem of qualifiedNameProblems(name)) violations.push({ path: at, message: `${at}.name ${show(name)} is not a qualified name: it ${problem}` });
      if (gates.has(name)) violations.push({ path: at, message: `${at}.name ${show(name)} is used by another scheduling gate` });
      gates.add(name);
    });
    asArray(pod.imagePullSecrets).forEach((secret, i) => {
      if (isObject(secret) && Object.keys(secret).some(k => k !== 'name')) {
        violations.push({ path: `${base}.imagePullSecrets[${i}]`, message: `${base}.imagePullSecrets[${i}] sets ${Object.keys(secret).filter(k => k !== 'name').join(', ')}; only name may be set` });
      }
    });
    return violations;
  },
};
