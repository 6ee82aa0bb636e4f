import { asArray, isObject, podSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const hostPathVolumes: JobRule = {
  id: 'JOB304',
  name: 'host-path-volumes',
  category: RuleCategory.SECURITY,
  severity: RuleSeverity.ERROR,
  summary: 'The pod mounts a hostPath volume (Pod Security Standards baseline)',
  explanation: 'A hostPath volume exposes the node\'s filesystem to the pod.',
  fix: 'Use an emptyDir, a PersistentVolumeClaim, a ConfigMap or a Secret instead.',
  source: 'kubernetes/pod-security-admission policy/check_hostPathVolumes.go',
  check(job): Violation[] {
    return asArray(podSpec(job).volumes)
      .map((volume, i) => ({ volume, i }))
      .filter(({ volume }) => isObject(volume) && volume.hostPath !== undefined)
      .map(({ volume, i }) => ({ path: `spec.template.spec.volumes[${i}].hostPath`, message: `spec.template.spec.volumes[${i}] (${JSON.stringify(volume.name)}) is a hostPath volume; Pod Security Standards baseline forbids it` }));
  },
};
