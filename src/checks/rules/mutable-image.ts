import { allContainers, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

/** The tag of an image reference, or undefined: a ':' after the last '/' (a registry port comes before it). */
function tagOf(image: string): string | undefined {
  const name = image.split('@')[0];
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastPart.lastIndexOf(':');
  return colon < 0 ? undefined : lastPart.slice(colon + 1);
}

export const mutableImage: JobRule = {
  id: 'JOB205',
  name: 'mutable-image',
  category: RuleCategory.SAFETY,
  severity: RuleSeverity.WARNING,
  summary: 'An image is untagged or :latest, so a retry may run different code',
  explanation: 'A Job\'s pods can start hours apart (retries, parallelism). With a mutable tag, an index retried after a push runs '
    + 'a different image than its siblings.',
  fix: 'Pin the image to a version tag or, better, a digest (@sha256:...).',
  source: 'kube-score container-image-tag; Polaris tagNotSpecified; Checkov CKV_K8S_14',
  check(job): Violation[] {
    return allContainers(job)
      .filter(({ container }) => typeof container.image === 'string' && container.image !== '' && !container.image.includes('@')
        && (tagOf(container.image) === undefined || tagOf(container.image) === 'latest'))
      .map(({ container, path }) => ({
        path: `${path}.image`,
        message: `${path}.image is ${show(container.image)}: ${tagOf(container.image) ? 'the latest tag' : 'no tag (latest)'} can change between retries`,
      }));
  },
};
