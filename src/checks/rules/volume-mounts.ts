import { allContainers, asArray, isObject, podSpec, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';
import { registeredVolumeNames } from './volume-sources';

export const volumeMounts: JobRule = {
  id: 'JOB015',
  name: 'volume-mounts',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'Volumes need unique DNS-label names, and every volumeMount must name one of them at a mountPath unique in its container',
  explanation: 'The API server validates volumes and mounts with the pod template: a mount of a volume the pod does not define '
    + '(often a typo) is "Not found", two volumes with one name or two mounts at one path are rejected.',
  fix: 'Name the volume exactly as in spec.template.spec.volumes, or add the volume; give each mount its own path.',
  source: 'pkg/apis/core/validation/validation.go ValidateVolumes, ValidateVolumeMounts',
  check(job): Violation[] {
    const violations: Violation[] = [];
    const seen = new Set<string>();
    asArray(podSpec(job).volumes).forEach((volume, i) => {
      const name = isObject(volume) ? volume.name : undefined;
      const path = `spec.template.spec.volumes[${i}].name`;
      if (typeof name === 'string' && seen.has(name)) {
        violations.push({ path, message: `${path} ${show(name)} is used by another volume; volume names must be unique` });
      }
      if (typeof name === 'string') seen.add(name);
    });
    const names = registeredVolumeNames(job);
    for (const { container, path } of allContainers(job)) {
      const paths = new Set<string>();
      asArray(container.volumeMounts).forEach((mount, k) => {
        if (!isObject(mount)) return;
        const mountPath = `${path}.volumeMounts[${k}]`;
        if (!names.has(mount.name)) {
          const known = names.size > 0 ? [...names].map(n => show(n)).join(', ') : 'none';
          violations.push({
            path: `${mountPath}.name`,
            message: `${mountPath}.name ${show(mount.name)} is not a volume of the pod (volumes: ${known})`,
            fix: 'Name the volume exactly as in spec.template.spec.volumes, or add the volume.',
          });
        }
        if (typeof mount.subPath === 'string' && mount.subPath !== '') {
          // validateVolumeMounts names the field without the mount's index
          const at = `${path}.volumeMounts.subPath`;
          const fix = 'Make subPath a relative path inside the volume (no leading "/", no "..").';
          if (mount.subPath.startsWith('/')) violations.push({ path: at, message: `${mountPath}.subPath ${show(mount.subPath)} is absolute; it must be relative to the volume`, fix });
          if (mount.subPath.split('/').includes('..')) violations.push({ path: at, message: `${mountPath}.subPath ${show(mount.subPath)} contains ".."; it must stay inside the volume`, fix });
        }
        if (typeof mount.mountPath !== 'string' || mount.mountPath === '') {
          violations.push({ path: `${mountPath}.mountPath`, message: `${mountPath}.mountPath is not set; every mount needs a path`, fix: 'Set mountPath to an absolute path in the container.' });
        } else if (paths.has(mount.mountPath)) {
          violations.push({
            path: `${mountPath}.mountPath`,
            message: `${mountPath}.mountPath ${show(mount.mountPath)} is used by another mount of this container; mount paths must be unique`,
            fix: 'Give each mount of the container its own mountPath (or mount the volume once).',
          });
        } else {
          paths.add(mount.mountPath);
        }
      });
    }
    return violations;
  },
};
