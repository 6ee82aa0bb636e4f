import { isObject, jobSpec } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const cronJobTtlHistory: JobRule = {
  id: 'JOB209',
  name: 'cronjob-ttl-history',
  category: RuleCategory.SAFETY,
  severity: RuleSeverity.WARNING,
  summary: 'A CronJob\'s jobTemplate has a TTL: it deletes finished runs that the history limits would keep',
  explanation: 'successfulJobsHistoryLimit and failedJobsHistoryLimit keep the last runs of each kind for inspection; a '
    + 'ttlSecondsAfterFinished in the jobTemplate deletes each run that long after it finished, whatever the limits say, so the '
    + 'failed run you want to read may already be gone.',
  fix: 'Drop ttlSecondsAfterFinished from the jobTemplate and let the history limits clean up.',
  source: 'pkg/controller/cronjob/cronjob_controllerv2.go cleanupFinishedJobs; pkg/controller/ttlafterfinished',
  check(job, context): Violation[] {
    if (context.parentKind !== 'CronJob' || !isObject(context.parent)) return [];
    if (jobSpec(job).ttlSecondsAfterFinished == null) return [];
    return [{ path: 'spec.ttlSecondsAfterFinished', message: 'spec.ttlSecondsAfterFinished deletes finished runs that the CronJob\'s history limits would keep' }];
  },
};
