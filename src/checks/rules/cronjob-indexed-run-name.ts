import { dns1123LabelProblems } from '../../k8s/names';
import { effectiveCompletions, isIndexed, isObject, metadataOf, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

/** getTimeHashInMinutes: minutes since the epoch, 8 digits until the year 2160. */
const EXAMPLE_RUN_SUFFIX = '-29000000';

export const cronJobIndexedRunName: JobRule = {
  id: 'JOB115',
  name: 'cronjob-indexed-run-name',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.ERROR,
  summary: 'An Indexed CronJob\'s runs get pod hostnames "<name>-<8 digits>-<index>" that must be DNS labels, or every run fails',
  explanation: 'The CronJob controller names each run "<cronjob name>-<minutes since the epoch>", and the Job controller gives '
    + 'each Indexed pod the hostname "<job name>-<index>". When that hostname is longer than 63 characters the pods are refused '
    + 'and every run fails, although the CronJob itself is accepted.',
  fix: 'Shorten the CronJob name to at most 63 - 9 - the length of "-<completions-1>" characters.',
  source: 'pkg/controller/cronjob/utils.go getJobFromTemplate2, getTimeHashInMinutes; pkg/controller/job/indexed_job_utils.go',
  check(job, context): Violation[] {
    if (context.parentKind !== 'CronJob' || !isObject(context.parent)) return [];
    const name = metadataOf(context.parent).name;
    const completions = effectiveCompletions(job);
    if (typeof name !== 'string' || !isIndexed(job) || completions === undefined || completions < 1) return [];
    const hostname = `${name}${EXAMPLE_RUN_SUFFIX}-${completions - 1}`;
    if (dns1123LabelProblems(hostname).length === 0) return [];
    return [{
      path: 'metadata.name',
      message: `metadata.name ${show(name)} with ${completions} completions gives its runs' pods hostnames such as ${show(hostname)}, `
        + `which is ${hostname.length} characters and not a DNS label (at most 63): every run would fail`,
      onParent: true,
    }];
  },
};
