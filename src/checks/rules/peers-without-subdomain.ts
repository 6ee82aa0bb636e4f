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
    const peerName = new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d|\\$)`);
    return containerTexts(job)
      .filter(ref => peerName.test(ref.text))
      .map(ref => ({ path: ref.path, message: `${ref.path} addresses peers as "${name}-<index>", but spec.template.spec.subdomain is not set, so those names do not resolve` }));
  },
};
