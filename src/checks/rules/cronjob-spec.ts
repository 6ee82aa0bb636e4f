import { cronScheduleProblem, timeZoneProblem } from '../../k8s/cron';
import { MAX_INT32 } from '../../k8s/names';
import { isObject, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

/** A CronJob's count fields: whole numbers from 0 (ValidateNonnegativeField), within their Go types (int64, int32, int32). */
const COUNTS: Record<string, number> = {
  startingDeadlineSeconds: Number.MAX_SAFE_INTEGER,
  successfulJobsHistoryLimit: MAX_INT32,
  failedJobsHistoryLimit: MAX_INT32,
};

export const cronJobSpec: JobRule = {
  id: 'JOB030',
  name: 'cronjob-spec',
  category: RuleCategory.API,
  severity: RuleSeverity.ERROR,
  summary: 'A CronJob needs a schedule of five fields or a descriptor, without TZ; an IANA timeZone other than Local; counts from 0',
  explanation: 'The API server parses the schedule with robfig/cron ParseStandard: five fields (minute 0-59, hour 0-23, day of month '
    + '1-31, month 1-12 or JAN-DEC, day of week 0-6 or SUN-SAT; lists, ranges, steps, * and ?) or a descriptor such as @daily or '
    + '@every 1h. TZ= and CRON_TZ= in the schedule are refused on create in favour of spec.timeZone, which must be a time zone '
    + 'of the IANA database (not Local, not empty). startingDeadlineSeconds and the history limits cannot be negative.',
  fix: 'Write the schedule as five fields, for example "30 2 * * *", and the zone in spec.timeZone, for example "Europe/Berlin".',
  source: 'pkg/apis/batch/validation/validation.go validateCronJobSpec, validateScheduleFormat, validateTimeZone; github.com/robfig/cron/v3 parser.go',
  check(_job, context): Violation[] {
    if (context.parentKind !== 'CronJob' || !isObject(context.parent) || !isObject(context.parent.spec)) return [];
    const spec = context.parent.spec;
    const violations: Violation[] = [];
    const add = (field: string, message: string) => violations.push({ path: `spec.${field}`, message: `spec.${field} ${message}`, onParent: true });
    if (spec.schedule == null || spec.schedule === '') {
      add('schedule', 'is not set; a CronJob needs one, such as "30 2 * * *" or "@daily"');
    } else if (typeof spec.schedule === 'string') {
      const problem = cronScheduleProblem(spec.schedule);
      if (problem !== undefined) add('schedule', `is ${show(spec.schedule)}: ${problem}`);
    }
    if (typeof spec.timeZone === 'string') {
      const problem = timeZoneProblem(spec.timeZone);
      if (problem !== undefined) add('timeZone', `is ${show(spec.timeZone)}: ${problem}`);
    }
    for (const [field, max] of Object.entries(COUNTS)) {
      const value = spec[field];
      if (typeof value !== 'number') continue;
      if (!Number.isInteger(value)) add(field, `is ${value}; it must be a whole number`);
      else if (value < 0 || value > max) add(field, `is ${value}; it must be between 0 and ${max}`);
    }
    return violations;
  },
};
