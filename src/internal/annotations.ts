/**
 * Annotation keys that both the constructs write and the rules read.
 */

/** Suppresses a rule on one Job: `suppress.cdk8s-jobs.io/JOB202: "<reason>"`. */
export const SUPPRESS_PREFIX = 'suppress.cdk8s-jobs.io/';

/** Argo CD runs a Job carrying this annotation as a hook and does not track it as part of the app. */
export const ARGO_CD_HOOK = 'argocd.argoproj.io/hook';
export const ARGO_CD_HOOK_DELETE_POLICY = 'argocd.argoproj.io/hook-delete-policy';
/** Argo CD's order within a phase: lower waves first. */
export const ARGO_CD_SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
/** Helm runs a resource carrying this annotation as a hook, outside the release's tracked resources. */
export const HELM_HOOK = 'helm.sh/hook';
export const HELM_HOOK_WEIGHT = 'helm.sh/hook-weight';
export const HELM_HOOK_DELETE_POLICY = 'helm.sh/hook-delete-policy';

/** The suppression annotation for a rule, with the reason a reader of the YAML sees. */
export function suppression(ruleId: string, reason: string): { [key: string]: string } {
  return { [`${SUPPRESS_PREFIX}${ruleId}`]: reason };
}
