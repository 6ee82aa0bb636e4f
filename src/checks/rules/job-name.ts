import { dns1123LabelProblems, dns1123SubdomainProblems } from '../../k8s/names';
import { effectiveCompletions, isIndexed, isObject, jobSpec, metadataOf, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

/** ValidateCronJobCreate: the CronJob controller appends "-<11 digits>" to the name of each Job it makes. */
const CRONJOB_NAME_LIMIT = 52;

export const jobName: JobRule = {
  id: 'JOB002',
  name: 'job-name',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'The Job name must be a DNS subdomain of at most 63 characters (a CronJob\'s at most 52); an Indexed Job\'s "<name>-<completions-1>" must be a DNS label',
  explanation: 'The API server copies the Job name into the job-name labels of the pod template, and label values are capped at 63 '
    + 'characters, so a longer (otherwise valid) name is rejected at spec.template.labels. Indexed pods get the hostname '
    + '"<name>-<index>", so the name plus the highest index must form a DNS label: lowercase alphanumerics and "-", no dots. '
    + 'A CronJob name is at most 52 characters, leaving room for the suffix of the Jobs it creates.',
  fix: 'Use a shorter lowercase name without dots, or fewer completions.',
  source: 'pkg/apis/batch/validation/validation.go ValidateJob, ValidateCronJobCreate; pkg/registry/batch/job/strategy.go generateSelector',
  check(job, context): Violation[] {
    if (context.parentKind === 'CronJob') return cronJobName(metadataOf(context.parent));
    const metadata = metadataOf(job);
    const name = metadata.name;
    const path = 'metadata.name';
    if (name === undefined || name === '') {
      if (typeof metadata.generateName === 'string' && metadata.generateName !== '') return [];
      return [{ path, message: `${path} is not set; a Job needs a name or generateName` }];
    }
    if (typeof name !== 'string') return [];
    const violations: Violation[] = [];
    for (const problem of dns1123SubdomainProblems(name)) {
      violations.push({ path, message: `${path} ${show(name)} is not a valid name: it ${problem}` });
    }
    if (name.length > 63) {
      violations.push({ path: 'spec.template.labels', message: `${path} ${show(name)} is ${name.length} characters; the API server copies it into the job-name label of the pod template (spec.template.labels), which allows 63` });
      // SetDefaults_Job gives an unlabelled Job its template's labels map itself, so the generated label lands there too
      const unlabelled = !isObject(metadata.labels) || Object.keys(metadata.labels).length === 0;
      const template = jobSpec(job).template;
      if (unlabelled && isObject(template) && isObject(template.metadata) && isObject(template.metadata.labels)) {
        violations.push({ path: 'metadata.labels', message: `${path} ${show(name)} is ${name.length} characters; the Job has no labels of its own, so it shares its template's, where the job-name label allows 63` });
      }
    }
    const completions = effectiveCompletions(job);
    if (isIndexed(job) && completions !== undefined && completions > 0) {
      const lastHostname = `${name}-${completions - 1}`;
      if (dns1123LabelProblems(lastHostname).length > 0) {
        violations.push({
          path,
          message: `${path} ${show(name)} with ${completions} completions gives the pod hostname ${show(lastHostname)}, `
            + 'which is not a DNS label (at most 63 lowercase alphanumerics or "-", no dots)',
        });
      }
    }
    return violations;
  },
};

function cronJobName(metadata: Record<string, any>): Violation[] {
  const name = metadata.name;
  const path = 'metadata.name';
  if (name === undefined || name === '') {
    if (typeof metadata.generateName === 'string' && metadata.generateName !== '') return [];
    return [{ path, message: `${path} is not set; a CronJob needs a name or generateName`, onParent: true }];
  }
  if (typeof name !== 'string') return [];
  const violations: Violation[] = dns1123SubdomainProblems(name).map(problem => ({ path, message: `${path} ${show(name)} is not a valid name: it ${problem}`, onParent: true }));
  if (name.length > CRONJOB_NAME_LIMIT) {
    violations.push({ path, message: `${path} ${show(name)} is ${name.length} characters; a CronJob name may have at most ${CRONJOB_NAME_LIMIT}, since its Jobs are named "<name>-<11 digits>"`, onParent: true });
  }
  return violations;
}
