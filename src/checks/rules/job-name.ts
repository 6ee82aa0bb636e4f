import { effectiveCompletions, isDnsLabel, isDnsSubdomain, isIndexed, metadataOf, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const jobName: JobRule = {
  id: 'JOB002',
  name: 'job-name',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'The Job name must be a DNS subdomain of at most 63 characters; an Indexed Job\'s "<name>-<completions-1>" must be a DNS label',
  explanation: 'The API server copies the Job name into the job-name labels of the pod template, and label values are capped at 63 '
    + 'characters, so a longer (otherwise valid) name is rejected. Indexed pods get the hostname "<name>-<index>", so the name '
    + 'plus the highest index must form a DNS label: lowercase alphanumerics and "-", no dots.',
  fix: 'Use a shorter lowercase name without dots, or fewer completions.',
  source: 'pkg/apis/batch/validation/validation.go ValidateJob; pkg/registry/batch/job/strategy.go generateSelector',
  check(job): Violation[] {
    const metadata = metadataOf(job);
    const name = metadata.name;
    const path = 'metadata.name';
    if (name === undefined) {
      if (metadata.generateName !== undefined) return [];
      return [{ path, message: `${path} is not set; a Job needs a name or generateName` }];
    }
    if (!isDnsSubdomain(name)) {
      return [{ path, message: `${path} ${show(name)} is not a DNS-1123 subdomain: use lowercase alphanumerics, "-" and "."` }];
    }
    if (name.length > 63) {
      return [{ path, message: `${path} ${show(name)} is ${name.length} characters; the job-name label limits it to 63` }];
    }
    const completions = effectiveCompletions(job);
    if (isIndexed(job) && completions !== undefined && completions > 0) {
      const lastHostname = `${name}-${completions - 1}`;
      if (!isDnsLabel(lastHostname)) {
        return [{
          path,
          message: `${path} ${show(name)} with ${completions} completions gives the pod hostname ${show(lastHostname)}, `
            + 'which is not a DNS label (at most 63 lowercase alphanumerics or "-", no dots)',
        }];
      }
    }
    return [];
  },
};
