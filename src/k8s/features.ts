import * as jobSchema from '../checks/schema/job-schema.json';
import { KubeVersion } from '../kube-version';

/**
 * Kubernetes versions and feature gates, read by the constructs (what they may render for a target version) and
 * by the rules (what the API server of that version keeps): one table, generated from k8s.io/kubernetes
 * pkg/features at the oracle lines (src/checks/schema/job-schema.json, `npx projen schema`).
 */

interface GateStage {
  readonly version: string;
  readonly default: boolean;
  readonly preRelease: string;
}

/** Each gate's history: when it reached alpha, beta and GA, and whether it was on by default. */
export const GATES = (jobSchema as any).gates as Record<string, GateStage[]>;

/** The first version in which each gate is on by default (absent: never, as far as the oracle lines know). */
const SERVED_SINCE = new Map<string, KubeVersion>(Object.entries(GATES).flatMap(([gate, stages]) => {
  const on = stages.find(stage => stage.default);
  return on ? [[gate, KubeVersion.of(on.version)] as [string, KubeVersion]] : [];
}));

/** The first version in which the gate is on by default, if any. */
export function gateServedSince(gate: string): KubeVersion | undefined {
  return SERVED_SINCE.get(gate);
}

/** Whether the API server of `version` keeps the fields behind `gate` (its default is on). */
export function gateServed(gate: string, version: KubeVersion): boolean {
  const since = SERVED_SINCE.get(gate);
  return since !== undefined && version.isAtLeast(since);
}

/** "JobManagedBy: alpha 1.30 (off), beta 1.32, GA 1.35" */
export function gateHistory(gate: string): string {
  const stages = (GATES[gate] ?? []).map(s => `${s.preRelease === '' ? 'GA' : s.preRelease.toLowerCase()} ${s.version}${s.default ? '' : ' (off)'}`);
  return `${gate}: ${stages.join(', ')}`;
}

/**
 * The Job spec fields behind a feature gate, and that gate: the registry's dropDisabledFields in
 * pkg/registry/batch/job/strategy.go PrepareForCreate drops each while its gate is off.
 */
export const JOB_SPEC_FIELD_GATES = {
  backoffLimitPerIndex: 'JobBackoffLimitPerIndex',
  maxFailedIndexes: 'JobBackoffLimitPerIndex',
  podReplacementPolicy: 'JobPodReplacementPolicy',
  successPolicy: 'JobSuccessPolicy',
  managedBy: 'JobManagedBy',
} as const;

/** Whether the API server of `version` keeps this Job spec field. */
export function jobSpecFieldServed(field: keyof typeof JOB_SPEC_FIELD_GATES, version: KubeVersion): boolean {
  return gateServed(JOB_SPEC_FIELD_GATES[field], version);
}
