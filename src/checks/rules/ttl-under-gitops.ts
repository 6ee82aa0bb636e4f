import { Deployment, deploymentEvidence, ttlIsSafe } from '../../internal/deployment';
import { DeploymentTool } from '../../job-settings';
import { isObject, jobSpec, metadataOf } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation, deploymentOf, createdByController } from '../rule';

const WHAT_HAPPENS: Record<Deployment, string> = {
  [DeploymentTool.ARGO_CD]: 'Argo CD tracks: once the TTL deletes it, auto-sync re-creates it and it runs again',
  [DeploymentTool.FLUX]: 'Flux applies: once the TTL deletes it, the next reconciliation re-creates it and it runs again',
  [DeploymentTool.HELM]: 'a Helm release holds: once the TTL deletes it, the next helm upgrade re-creates it and it runs again',
  [DeploymentTool.ONE_OFF]: '',
  GitOps: 'a GitOps tool re-applies from git: once the TTL deletes it, Argo CD auto-sync or Flux re-creates it and it runs again',
};

export const ttlUnderGitops: JobRule = {
  id: 'JOB207',
  name: 'ttl-under-gitops',
  category: RuleCategory.SAFETY,
  severity: RuleSeverity.WARNING,
  summary: 'A Job that a deployment tool re-applies has a TTL: after the TTL deletes it, the tool creates it again and it runs again',
  explanation: 'Argo CD (auto-sync), Flux and `helm upgrade` see a deleted Job as missing and re-create it from the manifest, so the '
    + 'work runs once per TTL period (argo-cd#8586, #13851). Hooks are not tracked as the app\'s resources (Argo CD hooks, and Helm '
    + 'hooks, which Argo CD maps to its own), so a hook may have a TTL; Flux\'s kustomize-controller runs no hooks. Which tool '
    + 'applies the YAML comes from JobSettings deploymentTool at synth (a GitOps tool unless said), from --deployment-tool in the '
    + 'CLI, else from the tool\'s own annotations and labels in the manifest.',
  fix: 'Drop ttlSecondsAfterFinished (the finished Job is the record until it leaves git; content-hash names make each change a '
    + 'new Job), or make the Job a hook of the tool that applies it.',
  source: 'argoproj/argo-cd docs user-guide/resource_hooks.md, argo-cd#8586; fluxcd docs use-cases/running-jobs; kubernetes.io docs '
    + '"TTL mechanism for finished Jobs"',
  check(job, context): Violation[] {
    // a CronJob's (or ScaledJob's) Jobs are the controller's, not the tool's
    if (createdByController(context) || jobSpec(job).ttlSecondsAfterFinished == null) return [];
    const metadata = metadataOf(job);
    const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
    const labels = isObject(metadata.labels) ? metadata.labels : {};
    const deployment = deploymentOf(context) ?? deploymentEvidence(annotations, labels);
    if (deployment === undefined || ttlIsSafe(annotations, deployment)) return [];
    return [{ path: 'spec.ttlSecondsAfterFinished', message: `spec.ttlSecondsAfterFinished is set on a Job that ${WHAT_HAPPENS[deployment]}` }];
  },
};
