import { ARGO_CD_HOOK, ARGO_CD_HOOK_DELETE_POLICY, HELM_HOOK, HELM_HOOK_DELETE_POLICY, HELM_HOOK_WEIGHT } from './internal/annotations';

/**
 * When Argo CD deletes a hook Job.
 */
export enum ArgoCdHookDeletePolicy {
  /** Delete the previous run's Job before creating the new one (re-runs a named hook on every sync). */
  BEFORE_HOOK_CREATION = 'BeforeHookCreation',
  /** Delete the Job once it succeeded. */
  HOOK_SUCCEEDED = 'HookSucceeded',
  /** Delete the Job once it failed. */
  HOOK_FAILED = 'HookFailed',
}

/**
 * Runs a Job at a point of a deployment, through the annotations Argo CD or Helm read.
 */
export class DeployHook {
  /**
   * An Argo CD PreSync hook: the Job runs, and must succeed, before the rest of the app syncs.
   *
   * @param deletePolicies when Argo CD deletes the Job; default BEFORE_HOOK_CREATION
   */
  public static argoCdPreSync(deletePolicies: ArgoCdHookDeletePolicy[] = [ArgoCdHookDeletePolicy.BEFORE_HOOK_CREATION]): DeployHook {
    return new DeployHook({
      [ARGO_CD_HOOK]: 'PreSync',
      [ARGO_CD_HOOK_DELETE_POLICY]: deletePolicies.join(','),
    });
  }

  /**
   * A Helm pre-install and pre-upgrade hook; Helm waits for the Job and fails the release if it fails.
   *
   * @param weight order among hooks of the same phase (lower first); default 0
   */
  public static helmPreInstallAndUpgrade(weight: number = 0): DeployHook {
    return new DeployHook({
      [HELM_HOOK]: 'pre-install,pre-upgrade',
      [HELM_HOOK_WEIGHT]: String(weight),
      [HELM_HOOK_DELETE_POLICY]: 'before-hook-creation',
    });
  }

  private constructor(
    /** The annotations this hook puts on the Job. */
    public readonly annotations: { [key: string]: string },
  ) {}
}
