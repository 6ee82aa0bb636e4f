import { JobEnvelope } from './envelope';

/**
 * KEDA's ScaledJob (keda.sh/v1alpha1): a WorkQueuePool that grows and shrinks with its queue. KEDA creates one Job
 * from `jobTargetRef` for each item it counts, up to maxReplicaCount at once (kedacore/keda
 * apis/keda/v1alpha1/scaledjob_types.go; keda-docs reference/scaledjob-spec.md).
 */

/** A KEDA trigger and what goes with it. */
export interface KedaTrigger {
  /** The trigger (keda.sh/v1alpha1 ScaleTriggers), without its authenticationRef. */
  readonly trigger: { type: string; metadata: { [key: string]: string } };
  /** The TriggerAuthentication spec, when the scaler needs credentials. */
  readonly authentication?: any;
  /** The ScaledJob scaling strategy the queue's count calls for. */
  readonly strategy: 'default' | 'accurate';
}

/** The ScaledJob's own fields, after the defaults. */
export interface ScaledJobFields {
  readonly maxReplicaCount: number;
  readonly pollingInterval?: number;
  readonly successfulJobsHistoryLimit?: number;
  readonly failedJobsHistoryLimit?: number;
  readonly rolloutStrategy?: string;
  readonly scalingStrategy: string;
  readonly pendingPodConditions?: string[];
  /** The trigger, and the name of its TriggerAuthentication (read at synth: the name is known then). */
  readonly trigger: KedaTrigger;
  readonly authenticationName: () => string | undefined;
}

/** What a construct gives for its ScaledJob; the history limits and the rollout come from the safe defaults. */
export type ScaledJobStructure = Omit<ScaledJobFields, 'successfulJobsHistoryLimit' | 'failedJobsHistoryLimit' | 'rolloutStrategy'>;

/** A ScaledJob: the Job spec is its jobTargetRef, as the construct renders it otherwise. */
export function scaledJobEnvelope(fields: ScaledJobFields): JobEnvelope {
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledJob',
    spec: jobSpec => {
      const authentication = fields.authenticationName();
      const spec: Record<string, unknown> = { jobTargetRef: jobSpec() };
      if (fields.pollingInterval !== undefined) spec.pollingInterval = fields.pollingInterval;
      if (fields.successfulJobsHistoryLimit !== undefined) spec.successfulJobsHistoryLimit = fields.successfulJobsHistoryLimit;
      if (fields.failedJobsHistoryLimit !== undefined) spec.failedJobsHistoryLimit = fields.failedJobsHistoryLimit;
      spec.maxReplicaCount = fields.maxReplicaCount;
      if (fields.rolloutStrategy !== undefined) spec.rollout = { strategy: fields.rolloutStrategy };
      spec.scalingStrategy = fields.pendingPodConditions !== undefined
        ? { strategy: fields.scalingStrategy, pendingPodConditions: fields.pendingPodConditions }
        : { strategy: fields.scalingStrategy };
      const trigger = fields.trigger.trigger;
      spec.triggers = [authentication === undefined ? trigger : { ...trigger, authenticationRef: { name: authentication } }];
      return spec;
    },
  };
}
