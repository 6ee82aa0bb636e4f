import { ARGO_CD_HOOK, HELM_HOOK } from './annotations';
import { DeploymentTool } from '../job-settings';

/**
 * What deploys a Job, as the checker knows it: a named tool, `GitOps` (some tool that re-applies what is in git:
 * the synth-time assumption when no tool is named), or undefined (the CLI on YAML of unknown origin).
 */
export type Deployment = DeploymentTool | 'GitOps';

/**
 * Whether the tool that deploys a Job leaves it alone once a TTL deletes it: a hook that tool runs (hooks are not
 * tracked as the app's resources), or a one-off apply. Unknown and GitOps tools count Argo CD and Helm hooks, since
 * Argo CD runs Helm hooks as its own.
 */
export function ttlIsSafe(annotations: { readonly [key: string]: unknown }, deployment: Deployment | undefined): boolean {
  if (deployment === DeploymentTool.ONE_OFF) return true;
  if (deployment === DeploymentTool.FLUX) return false; // kustomize-controller runs no hooks: every object is tracked
  const argoHook = annotations[ARGO_CD_HOOK] !== undefined;
  const helmHook = annotations[HELM_HOOK] !== undefined;
  return deployment === DeploymentTool.HELM ? helmHook : argoHook || helmHook;
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
