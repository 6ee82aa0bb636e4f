import { KubeVersion } from '../../kube-version';
import { allContainers, asArray, isObject, jobSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

interface VersionedField {
  readonly path: string;
  /** First version in which the field is served by default (beta with its gate on, or GA). */
  readonly since: KubeVersion;
  readonly gate: string;
  present(job: any): boolean;
}

const specField = (name: string, since: KubeVersion, gate: string): VersionedField => ({
  path: `spec.${name}`, since, gate, present: job => jobSpec(job)[name] !== undefined,
});

/** Feature-gate timeline from pkg/features/kube_features.go. */
const VERSIONED_FIELDS: VersionedField[] = [
  specField('backoffLimitPerIndex', KubeVersion.V1_29, 'JobBackoffLimitPerIndex (beta 1.29, GA 1.33)'),
  specField('maxFailedIndexes', KubeVersion.V1_29, 'JobBackoffLimitPerIndex (beta 1.29, GA 1.33)'),
  specField('podReplacementPolicy', KubeVersion.V1_29, 'JobPodReplacementPolicy (beta 1.29, GA 1.34)'),
  specField('successPolicy', KubeVersion.V1_31, 'JobSuccessPolicy (beta 1.31, GA 1.33)'),
  specField('managedBy', KubeVersion.V1_32, 'JobManagedBy (alpha and off in 1.30-1.31, beta 1.32, GA 1.35)'),
  {
    path: 'spec.podFailurePolicy.rules[].action',
    since: KubeVersion.V1_29,
    gate: 'JobBackoffLimitPerIndex (the FailIndex action; beta 1.29)',
    present: job => isObject(jobSpec(job).podFailurePolicy)
      && asArray(jobSpec(job).podFailurePolicy.rules).some(rule => isObject(rule) && rule.action === 'FailIndex'),
  },
  {
    path: 'spec.template.spec.initContainers[].restartPolicy',
    since: KubeVersion.V1_29,
    gate: 'SidecarContainers (beta 1.29, GA 1.33)',
    present: job => allContainers(job).some(ref => ref.path.includes('initContainers') && ref.container.restartPolicy !== undefined),
  },
];

export const fieldVersion: JobRule = {
  id: 'JOB012',
  name: 'field-version',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Fields must be served by the target Kubernetes version',
  explanation: 'A field whose feature gate is off in the target version is dropped silently by the API server (or rejected as '
    + 'unknown under strict field validation), so the Job runs without it.',
  fix: 'Raise the target Kubernetes version if the cluster is newer, or remove the field.',
  source: 'pkg/features/kube_features.go; pkg/registry/batch/job/strategy.go PrepareForCreate (dropDisabledFields)',
  check(job, context): Violation[] {
    return VERSIONED_FIELDS
      .filter(field => !context.kubeVersion.isAtLeast(field.since) && field.present(job))
      .map(field => ({
        path: field.path,
        message: `${field.path} needs Kubernetes ${field.since} or newer (${field.gate}); the target is ${context.kubeVersion}`,
      }));
  },
};
