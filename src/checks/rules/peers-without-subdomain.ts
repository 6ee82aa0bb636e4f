import { containerTexts, isIndexed, metadataOf, podSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const peersWithoutSubdomain: JobRule = {
  id: 'JOB112',
  name: 'peers-without-subdomain',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.WARNING,
  summary: 'Pods address peers as "<job>-<index>" but the pod template has no subdomain',
  explanation: 'Indexed pods get the hostname "<job-name>-<index>", but a hostname alone has no DNS record. Peers resolve only with '
    + 'spec.template.spec.subdomain set to a headless Service (clusterIP: None) that selects the pods.',
  fix: 'Create a headless Service selecting job-name: <job> and set subdomain to its name (cdk8s-jobs IndexedJob peerService does both).',
  source: 'pkg/controller/job/job_controller.go manageJob (Hostname); kubernetes.io docs "Job with Pod-to-Pod Communication"',
  check(job): Violation[] {
    const name = metadataOf(job).name;
    if (!isIndexed(job) || typeof name !== 'string' || podSpec(job).subdomain !== undefined) return [];
    const prefix = `${name}-`;
    /** `<name>-` followed by a digit or a `$` (an index, or a variable holding one). */
    const addressesPeer = (text: string): boolean => {
      for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
        const next = text.charCodeAt(at + prefix.length);
        if ((next >= 48 && next <= 57) || next === 36) return true;
      }
      return false;
    };
    return containerTexts(job)
      .filter(ref => addressesPeer(ref.text))
      .map(ref => ({ path: ref.path, message: `${ref.path} addresses peers as "${name}-<index>", but spec.template.spec.subdomain is not set, so those names do not resolve` }));
  },
};
