import { asArray, isObject, podSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

const ALLOWED = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret', 'image'];

export const restrictedVolumeTypes: JobRule = {
  id: 'JOB311',
  name: 'restricted-volume-types',
  category: RuleCategory.SECURITY,
  severity: RuleSeverity.WARNING,
  summary: 'A volume type outside the Pod Security Standards restricted list',
  explanation: `The restricted profile allows only ${ALLOWED.join(', ')} volumes; others (nfs, iscsi, cephfs, ...) reach outside the pod's sandbox.`,
  fix: 'Use a PersistentVolumeClaim for network storage.',
  source: 'kubernetes/pod-security-admission policy/check_restrictedVolumes.go',
  check(job): Violation[] {
    const violations: Violation[] = [];
    asArray(podSpec(job).volumes).forEach((volume, i) => {
      if (!isObject(volume)) return;
      // hostPath is already a baseline error (JOB304)
      const types = Object.keys(volume).filter(k => k !== 'name' && k !== 'hostPath' && !ALLOWED.includes(k));
      for (const type of types) {
        violations.push({ path: `spec.template.spec.volumes[${i}].${type}`, message: `spec.template.spec.volumes[${i}] (${JSON.stringify(volume.name)}) is a ${type} volume, which Pod Security Standards restricted does not allow` });
      }
    });
    return violations;
  },
};
