import { ARGO_CD_HOOK, ARGO_CD_HOOK_DELETE_POLICY, HELM_HOOK, HELM_HOOK_DELETE_POLICY } from './annotations';
import { DeploymentTool } from '../job-settings';

/**
 * What deploys a Job, as the checker knows it: a named tool, `GitOps` (some tool that re-applies what is in git:
 * the synth-time assumption when no tool is named), or undefined (the CLI on YAML of unknown origin).
 */
export type Deployment = DeploymentTool | 'GitOps';

/**
 * Whether the tool that deploys a Job leaves it alone once a TTL deletes it: a hook that tool runs (hooks are not
 * tracked as the app's resources; Argo CD runs Helm hooks as its own), or a one-off apply. An unnamed GitOps tool
 * may be Flux, which runs no hooks and re-applies every object: nothing is safe there. Unknown (YAML of unknown
 * origin): a hook is taken for one.
 */
export function ttlIsSafe(annotations: { readonly [key: string]: unknown }, deployment: Deployment | undefined): boolean {
  const argoHook = annotations[ARGO_CD_HOOK] !== undefined;
  const helmHook = annotations[HELM_HOOK] !== undefined;
  switch (deployment) {
    case DeploymentTool.ONE_OFF: return true;
    case DeploymentTool.FLUX: return false;
    case 'GitOps': return false;
    case DeploymentTool.HELM: return helmHook;
    default: return argoHook || helmHook; // Argo CD, or unknown
  }
}

/** Whether the tool deletes the finished hook Job itself (hook-delete-policy), so it needs no TTL. */
export function deletedByHookPolicy(annotations: { readonly [key: string]: unknown }): boolean {
  return annotations[ARGO_CD_HOOK_DELETE_POLICY] !== undefined || annotations[HELM_HOOK_DELETE_POLICY] !== undefined;
}

/** What the manifest itself shows of the tool that applies it (annotations and labels Argo CD and Flux write). */
export function deploymentEvidence(annotations: Record<string, unknown>, labels: Record<string, unknown>): Deployment | undefined {
  const keys = [...Object.keys(annotations), ...Object.keys(labels)];
  if (keys.some(k => k === 'argocd.argoproj.io/tracking-id' || k.startsWith('argocd.argoproj.io/sync-'))) return DeploymentTool.ARGO_CD;
  if (keys.some(k => k.startsWith('kustomize.toolkit.fluxcd.io/'))) return DeploymentTool.FLUX;
  return undefined;
}

/** Parses the CLI's and the validation plugin's spelling: argocd, flux, helm, one-off (or the enum's values). */
export function parseDeploymentTool(text: string): DeploymentTool {
  const key = text.trim().toLowerCase().replace(/[-_\s]/g, '');
  const tools: Record<string, DeploymentTool> = {
    argocd: DeploymentTool.ARGO_CD, flux: DeploymentTool.FLUX, helm: DeploymentTool.HELM, oneoff: DeploymentTool.ONE_OFF,
  };
  const tool = tools[key];
  if (tool === undefined) throw new Error(`deployment tool must be argocd, flux, helm or one-off, got ${JSON.stringify(text)}`);
  return tool;
}
