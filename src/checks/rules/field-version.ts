import { JOB_SPEC_FIELD_GATES, gateHistory, gateServedSince } from '../../k8s/features';
import { allContainers, asArray, isObject, jobSpec, podSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';
import { schemaIssues } from '../schema';

/**
 * A field the API server drops while its feature gate is off: which gate, and how to see the field in a Job.
 * Which gate guards which field is the registry's knowledge (the dropDisabled… functions it cites); when each
 * gate is on by default comes from pkg/features.
 */
interface GatedField {
  readonly path: string;
  readonly gate: string;
  readonly droppedBy: string;
  present(job: any): boolean;
}

const specField = (name: keyof typeof JOB_SPEC_FIELD_GATES): GatedField => ({
  path: `spec.${name}`, gate: JOB_SPEC_FIELD_GATES[name], droppedBy: 'pkg/registry/batch/job/strategy.go PrepareForCreate', present: job => jobSpec(job)[name] != null,
});

const someContainer = (test: (container: any, init: boolean) => boolean) => (job: any) =>
  allContainers(job).some(ref => test(ref.container, ref.path.includes('.initContainers[')));

const GATED_FIELDS: GatedField[] = [
  ...(Object.keys(JOB_SPEC_FIELD_GATES) as Array<keyof typeof JOB_SPEC_FIELD_GATES>).map(specField),
  {
    path: 'spec.podFailurePolicy.rules[].action',
    gate: 'JobBackoffLimitPerIndex',
    droppedBy: 'pkg/registry/batch/job/strategy.go PrepareForCreate (FailIndex rules)',
    present: job => isObject(jobSpec(job).podFailurePolicy)
      && asArray(jobSpec(job).podFailurePolicy.rules).some(rule => isObject(rule) && rule.action === 'FailIndex'),
  },
  {
    path: 'spec.template.spec.initContainers[].restartPolicy',
    gate: 'SidecarContainers',
    droppedBy: 'pkg/api/pod/util.go dropDisabledFields',
    present: someContainer((c, init) => init && c.restartPolicy === 'Always'),
  },
  {
    // an init container's restartPolicy other than Always (Never, OnFailure) came with the restart rules
    path: 'spec.template.spec.initContainers[].restartPolicy',
    gate: 'ContainerRestartRules',
    droppedBy: 'pkg/api/pod/util.go dropDisabledFields',
    present: someContainer((c, init) => init && c.restartPolicy != null && c.restartPolicy !== 'Always'),
  },
  {
    path: 'spec.template.spec.containers[].restartPolicy',
    gate: 'ContainerRestartRules',
    droppedBy: 'pkg/api/pod/util.go dropDisabledFields',
    present: someContainer((c, init) => !init && c.restartPolicy != null),
  },
  {
    path: 'spec.template.spec.containers[].restartPolicyRules',
    gate: 'ContainerRestartRules',
    droppedBy: 'pkg/api/pod/util.go dropDisabledFields',
    present: someContainer(c => c.restartPolicyRules != null),
  },
  {
    path: 'spec.template.spec.containers[].env[].valueFrom.fileKeyRef',
    gate: 'EnvFiles',
    droppedBy: 'pkg/api/pod/util.go dropDisabledFields',
    present: someContainer(c => asArray(c.env).some(e => isObject(e) && isObject(e.valueFrom) && e.valueFrom.fileKeyRef != null)),
  },
  {
    path: 'spec.template.spec.hostnameOverride',
    gate: 'HostnameOverride',
    droppedBy: 'pkg/api/pod/util.go dropDisabledFields',
    present: job => podSpec(job).hostnameOverride != null,
  },
  {
    path: 'spec.template.spec.resources',
    gate: 'PodLevelResources',
    droppedBy: 'pkg/api/pod/util.go dropDisabledFields',
    present: job => podSpec(job).resources != null,
  },
];

/** A path as the gated-field table writes it: no list indexes, relative to the Job. */
const strip = (path: string) => path.replace(/^spec\.jobTemplate\./, '').replace(/\[\d+\]/g, '[]');

export const fieldVersion: JobRule = {
  id: 'JOB012',
  name: 'field-version',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Fields must be served by the target Kubernetes version',
  explanation: 'A field newer than the target version\'s API, or one whose feature gate is off by default there, is dropped '
    + 'silently by the API server (or rejected as unknown under strict field validation), so the Job runs without it. Which '
    + 'version has which field comes from k8s.io/api\'s Go types at each line, and when each gate is on from '
    + 'k8s.io/kubernetes pkg/features (src/checks/schema/job-schema.json, generated).',
  fix: 'Raise the target Kubernetes version if the cluster is newer, or remove the field.',
  source: 'k8s.io/api types per line; pkg/features/kube_features.go; pkg/registry/batch/job/strategy.go PrepareForCreate; '
    + 'pkg/api/pod/util.go dropDisabledFields',
  check(job, context): Violation[] {
    const target = context.kubeVersion;
    const violations: Violation[] = [];
    const reported = new Set<string>();
    for (const field of GATED_FIELDS) {
      const since = gateServedSince(field.gate);
      if (since === undefined || target.isAtLeast(since) || !field.present(job)) continue;
      reported.add(field.path);
      violations.push({
        path: field.path,
        message: `${field.path} needs Kubernetes ${since} or newer (${gateHistory(field.gate)}); the target is ${target}`,
      });
    }
    for (const issue of schemaIssues(job, context)) {
      if (issue.kind !== 'newer' || reported.has(strip(issue.path))) continue;
      violations.push({
        path: issue.path,
        message: `${issue.path} needs Kubernetes ${issue.since} or newer (the ${target} API has no such field); the target is ${target}`,
        onParent: issue.onParent,
      });
    }
    return violations;
  },
};
