import { SimJobSpec } from './model';

/**
 * The Job spec the controller reads: the API server's defaults applied (pkg/apis/batch/v1/defaults.go
 * SetDefaults_Job at 1.34), and what the simulation needs checked. A CronJob previews its jobTemplate.
 */
export function simJobSpec(manifest: any): SimJobSpec {
  if (manifest === null || typeof manifest !== 'object') throw new Error('expected a Job, CronJob or ScaledJob object');
  const kind = manifest.kind;
  let spec: any;
  let metadata: any = manifest.metadata ?? {};
  if (kind === 'CronJob') {
    spec = manifest.spec?.jobTemplate?.spec;
    metadata = { name: `${metadata.name ?? 'cronjob'}-<time>`, namespace: metadata.namespace };
  } else if (kind === 'ScaledJob') {
    // one of the Jobs KEDA creates from jobTargetRef, named "<scaledjob>-<random>"
    spec = manifest.spec?.jobTargetRef;
    metadata = { name: `${metadata.name ?? 'scaledjob'}-<random>`, namespace: metadata.namespace };
  } else if (kind === 'Job' || kind === undefined) {
    spec = manifest.spec;
  } else {
    throw new Error(`expected a Job, CronJob or ScaledJob, got kind ${JSON.stringify(kind)}`);
  }
  if (spec === null || typeof spec !== 'object') throw new Error('the Job has no spec');
  const pod = spec.template?.spec;
  if (pod === null || typeof pod !== 'object' || !Array.isArray(pod.containers) || pod.containers.length === 0) {
    throw new Error('spec.template.spec.containers: a Job needs at least one container');
  }
  const restartPolicy = pod.restartPolicy;
  if (restartPolicy !== 'Never' && restartPolicy !== 'OnFailure') {
    throw new Error(`spec.template.spec.restartPolicy: ${JSON.stringify(restartPolicy)}; a Job's pods must say Never or OnFailure (the API server refuses the Job)`);
  }
  const count = (field: string, value: unknown) => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 2147483647) {
      throw new Error(`spec.${field}: ${JSON.stringify(value)}; must be a whole number from 0 to 2147483647`);
    }
    return value;
  };
  let completions = count('completions', spec.completions);
  let parallelism = count('parallelism', spec.parallelism);
  if (completions === undefined && parallelism === undefined) completions = parallelism = 1;
  parallelism ??= 1;
  const indexed = spec.completionMode === 'Indexed';
  if (spec.completionMode !== undefined && spec.completionMode !== null && !['Indexed', 'NonIndexed'].includes(spec.completionMode)) {
    throw new Error(`spec.completionMode: ${JSON.stringify(spec.completionMode)}; must be NonIndexed or Indexed`);
  }
  if (indexed && completions === undefined) throw new Error('spec.completions: an Indexed Job needs completions');
  const backoffLimitPerIndex = count('backoffLimitPerIndex', spec.backoffLimitPerIndex);
  if (backoffLimitPerIndex !== undefined && !indexed) throw new Error('spec.backoffLimitPerIndex: only an Indexed Job has per-index backoff');
  const podFailurePolicy = spec.podFailurePolicy ?? undefined;
  if (podFailurePolicy !== undefined && restartPolicy !== 'Never') {
    throw new Error('spec.podFailurePolicy: needs spec.template.spec.restartPolicy Never (the API server refuses OnFailure)');
  }
  const replacement = spec.podReplacementPolicy ?? (podFailurePolicy !== undefined ? 'Failed' : 'TerminatingOrFailed');
  if (replacement !== 'Failed' && replacement !== 'TerminatingOrFailed') {
    throw new Error(`spec.podReplacementPolicy: ${JSON.stringify(replacement)}; must be Failed or TerminatingOrFailed`);
  }
  const names = (list: unknown) => (Array.isArray(list) ? list : []).map((c: any) => String(c?.name ?? ''));
  return {
    name: String(metadata.name ?? 'job'),
    namespace: String(metadata.namespace ?? 'default'),
    indexed,
    completions,
    parallelism,
    backoffLimit: count('backoffLimit', spec.backoffLimit) ?? (backoffLimitPerIndex !== undefined ? 2147483647 : 6),
    backoffLimitPerIndex,
    maxFailedIndexes: count('maxFailedIndexes', spec.maxFailedIndexes),
    activeDeadlineSeconds: count('activeDeadlineSeconds', spec.activeDeadlineSeconds),
    suspend: spec.suspend === true,
    podReplacementPolicy: replacement,
    podFailurePolicy: podFailurePolicy === undefined ? undefined : {
      rules: (podFailurePolicy.rules ?? []).map((rule: any) => ({
        ...rule,
        onPodConditions: rule.onPodConditions?.map((p: any) => ({ ...p, status: p.status ?? 'True' })),
      })),
    },
    successPolicy: spec.successPolicy ?? undefined,
    restartPolicy,
    containers: names(pod.containers),
    initContainers: (Array.isArray(pod.initContainers) ? pod.initContainers : []).map((c: any) => ({ name: String(c?.name ?? ''), sidecar: c?.restartPolicy === 'Always' })),
    managedBy: typeof spec.managedBy === 'string' ? spec.managedBy : undefined,
  };
}
