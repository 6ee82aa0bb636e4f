/**
 * Seeded CronJob manifests for the differential tests: the CronJob's own fields (schedule, timeZone,
 * startingDeadlineSeconds, history limits, concurrencyPolicy, suspend) drawn from values users write, valid
 * and not, around a valid jobTemplate. Reproducible from the seed; the oracle judges each.
 */
import { GeneratedCase, random } from './generate';

type Rng = () => number;
const pick = <T>(rng: Rng, values: readonly T[]): T => values[Math.floor(rng() * values.length)];

/** Tokens of one schedule field: numbers in and out of every field's range, names, ranges, steps, lists, junk. */
const TOKENS = ['*', '*', '?', '*/5', '*/15', '0', '1', '5', '12', '23', '24', '31', '32', '59', '60', '6', '7', '1-5', '5-1', '0-59',
  '1-2-3', '2/10', '*/0', '1,2,3', 'JAN', 'jan-mar', 'Dec', 'MON', 'mon-fri', 'sun,sat', 'SUN-SAT', '-1', '+5', '', 'a', '1.5',
  '1//2', '*/60', 'L', '#', '3-3', '00', '07'];
const WHOLE = ['@daily', '@hourly', '@weekly', '@monthly', '@yearly', '@annually', '@midnight', '@reboot', '@every 1h', '@every 90s',
  '@every 1h30m', '@every x', '@every', '@daily ', ' @daily', 'TZ=UTC 0 3 * * *', 'CRON_TZ=Europe/Berlin 0 3 * * *', '0 3 * * * TZ',
  '', '0 3 * * *', '*/5 * * * *', '0 0 1 1 *', '0 3 * * 1-5', '0\t3 * * *', '0  3 * * *', ' 0 3 * * * ', '0 3 * * * *', '0 3 * *'];
const TIME_ZONES = ['Etc/UTC', 'UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'US/Pacific', 'Etc/GMT+5', 'EST',
  'europe/berlin', 'Local', 'local', '', 'Mars/Olympus', 'Europe/Berlin/', '../etc', 'America/Argentina/Buenos_Aires', 'GMT', 'Z',
  'Europe/Berlin ', 'Europe/Verylongcityname'];
const DEADLINES = [0, 5, 9, 10, 60, 600, -1, 1.5, 2 ** 40];
const LIMITS = [0, 1, 3, 100, -1, 2 ** 31, 2.5];
const POLICIES = ['Allow', 'Forbid', 'Replace', 'forbid', 'Never'];

function schedule(rng: Rng): string {
  if (rng() < 0.35) return pick(rng, WHOLE);
  return Array.from({ length: 5 }, () => pick(rng, TOKENS)).join(' ');
}

/** `count` CronJobs from `seed`, each with one to three of its own fields drawn. */
export function generateCronJobCorpus(seed: number, count: number): GeneratedCase[] {
  const rng = random(seed);
  const cases: GeneratedCase[] = [];
  for (let n = 0; n < count; n++) {
    const spec: Record<string, unknown> = {
      schedule: '0 3 * * *',
      jobTemplate: { spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.37' }] } } } },
    };
    const mutations: string[] = [];
    const draws = 1 + Math.floor(rng() * 3);
    for (let d = 0; d < draws; d++) {
      const field = pick(rng, ['schedule', 'schedule', 'timeZone', 'startingDeadlineSeconds', 'successfulJobsHistoryLimit',
        'failedJobsHistoryLimit', 'concurrencyPolicy', 'suspend']);
      const value = field === 'schedule' ? schedule(rng)
        : field === 'timeZone' ? pick(rng, TIME_ZONES)
          : field === 'startingDeadlineSeconds' ? pick(rng, DEADLINES)
            : field === 'concurrencyPolicy' ? pick(rng, POLICIES)
              : field === 'suspend' ? pick(rng, [true, false])
                : pick(rng, LIMITS);
      spec[field] = value;
      mutations.push(`${field}=${JSON.stringify(value)}`);
    }
    cases.push({ id: `cronjobs/${n}`, mutations, manifest: { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: `cron-${n}` }, spec } });
  }
  return cases;
}
