import { dns1123SubdomainProblems, isIp } from '../../k8s/names';
import { asArray, isObject, podSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

function ipViolations(ip: unknown, path: string): Violation[] {
  return typeof ip === 'string' && isIp(ip) ? [] : [{ path, message: `${path} is ${show(ip)}; it must be an IP address such as 10.9.8.7 or 2001:db8::ffff` }];
}

export const podDns: JobRule = {
  id: 'JOB026',
  name: 'pod-dns',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'dnsPolicy and dnsConfig agree (None needs nameservers), nameservers and hostAliases are IPs, search domains DNS names',
  explanation: 'The API server validates the pod\'s name resolution: dnsPolicy is ClusterFirst, ClusterFirstWithHostNet, '
    + 'Default or None; None needs a dnsConfig with at least one nameserver; at most 3 nameservers, each an IP; at most 32 '
    + 'search domains in 2048 characters, each a DNS subdomain; every option has a name; hostAliases map IPs to DNS names.',
  fix: 'Give dnsPolicy None a dnsConfig with nameservers, write nameservers and host alias addresses as IPs, and search domains as DNS names.',
  source: 'pkg/apis/core/validation/validation.go validateDNSPolicy, validatePodDNSConfig, ValidateHostAliases',
  check(job): Violation[] {
    const pod = podSpec(job);
    const violations: Violation[] = [];
    const base = 'spec.template.spec';
    const config = pod.dnsConfig;
    if (pod.dnsPolicy === 'None') {
      if (!isObject(config)) {
        violations.push({ path: `${base}.dnsConfig`, message: `${base}.dnsConfig is not set; dnsPolicy None takes all name resolution from it` });
        return [...violations, ...hostAliases(pod)];
      }
      if (asArray(config.nameservers).length === 0) {
        violations.push({ path: `${base}.dnsConfig.nameservers`, message: `${base}.dnsConfig.nameservers is empty; dnsPolicy None needs at least one nameserver` });
        return [...violations, ...hostAliases(pod)];
      }
    }
    if (isObject(config)) {
      const nameservers = asArray(config.nameservers);
      if (nameservers.length > 3) violations.push({ path: `${base}.dnsConfig.nameservers`, message: `${base}.dnsConfig.nameservers has ${nameservers.length} entries; at most 3 are allowed` });
      nameservers.forEach((ns, i) => violations.push(...ipViolations(ns, `${base}.dnsConfig.nameservers[${i}]`)));
      const searches = asArray(config.searches);
      if (searches.length > 32) violations.push({ path: `${base}.dnsConfig.searches`, message: `${base}.dnsConfig.searches has ${searches.length} entries; at most 32 are allowed` });
      if (searches.join(' ').length > 2048) violations.push({ path: `${base}.dnsConfig.searches`, message: `${base}.dnsConfig.searches is longer than 2048 characters with spaces` });
      searches.forEach((search, i) => {
        if (typeof search !== 'string' || search === '.') return;
        const name = search.endsWith('.') ? search.slice(0, -1) : search;
        // AllowRelaxedDNSSearchValidation (on by default since 1.33) also takes "_"
        for (const problem of dns1123SubdomainProblems(name.replace(/_/g, 'a'))) {
          violations.push({ path: `${base}.dnsConfig.searches[${i}]`, message: `${base}.dnsConfig.searches[${i}] ${show(search)} is not a DNS name: it ${problem}` });
        }
      });
      asArray(config.options).forEach((option, i) => {
        if (!isObject(option) || typeof option.name !== 'string' || option.name === '') {
          violations.push({ path: `${base}.dnsConfig.options[${i}]`, message: `${base}.dnsConfig.options[${i}] has no name` });
        }
      });
    }
    return [...violations, ...hostAliases(pod)];
  },
};

function hostAliases(pod: Record<string, any>): Violation[] {
  const violations: Violation[] = [];
  asArray(pod.hostAliases).forEach((alias, i) => {
    if (!isObject(alias)) return;
    const at = `spec.template.spec.hostAliases[${i}]`;
    violations.push(...ipViolations(alias.ip, `${at}.ip`));
    asArray(alias.hostnames).forEach((hostname, j) => {
      for (const problem of dns1123SubdomainProblems(typeof hostname === 'string' ? hostname : '')) {
        violations.push({ path: `${at}.hostnames[${j}]`, message: `${at}.hostnames[${j}] ${show(hostname)} is not a DNS name: it ${problem}` });
      }
    });
  });
  return violations;
}
