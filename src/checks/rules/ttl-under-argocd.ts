import { isObject, jobSpec, metadataOf } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const ttlUnderArgoCd: JobRule = {
  id: 'JOB207',
  name: 'ttl-under-argocd',
  category: RuleCategory.SAFETY,
  severity: RuleSeverity.WARNING,
  summary: 'A Job tracked by Argo CD has a TTL: after the TTL deletes it, auto-sync creates it again and it runs again',
  explanation: 'Argo CD sees the deleted Job as missing from the cluster and, with auto-sync, re-creates it, so the work runs once per '
    + 'TTL period. Argo CD hooks clean up through hook-delete-policy instead.',
  fix: 'Make the Job an Argo CD hook (argocd.argoproj.io/hook with a hook-delete-policy) or drop ttlSecondsAfterFinished.',
  source: 'argoproj/argo-cd docs user-guide/resource_hooks.md; kubernetes.io docs "TTL mechanism for finished Jobs"',
  check(job): Violation[] {
    const annotations = metadataOf(job).annotations;
    if (!isObject(annotations) || jobSpec(job).ttlSecondsAfterFinished === undefined) return [];
    const tracked = Object.keys(annotations).some(k => k === 'argocd.argoproj.io/tracking-id' || k.startsWith('argocd.argoproj.io/sync-'));
    if (!tracked || annotations['argocd.argoproj.io/hook'] !== undefined) return [];
    return [{
      path: 'spec.ttlSecondsAfterFinished',
      message: 'spec.ttlSecondsAfterFinished is set on a Job that Argo CD tracks: once deleted, auto-sync re-creates it and it runs again',
    }];
  },
};
