import { isObject } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

/** The CronJob controller's resync: it looks at each CronJob about every 10 seconds. */
const CONTROLLER_PERIOD_SECONDS = 10;

export const cronJobStartingDeadline: JobRule = {
  id: 'JOB114',
  name: 'cronjob-starting-deadline',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.ERROR,
  summary: 'A CronJob\'s startingDeadlineSeconds below 10 may never let a run start',
  explanation: 'The CronJob controller looks at each CronJob about every 10 seconds; a run that has not started within '
    + 'startingDeadlineSeconds of its time is counted as missed and skipped, so with a deadline under 10 seconds runs can be '
    + 'skipped every time.',
  fix: 'Set startingDeadlineSeconds to 10 or more (cdk8s-jobs renders 600 with safe defaults), or leave it unset.',
  source: 'kubernetes.io docs "CronJob" (Deadline for delayed Job start); pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob',
  check(_job, context): Violation[] {
    if (context.parentKind !== 'CronJob' || !isObject(context.parent) || !isObject(context.parent.spec)) return [];
    const deadline = context.parent.spec.startingDeadlineSeconds;
    if (typeof deadline !== 'number' || deadline < 0 || deadline >= CONTROLLER_PERIOD_SECONDS) return [];
    return [{
      path: 'spec.startingDeadlineSeconds',
      message: `spec.startingDeadlineSeconds is ${deadline}; the CronJob controller looks every ${CONTROLLER_PERIOD_SECONDS} seconds, so a run may never start in time`,
      onParent: true,
    }];
  },
};
