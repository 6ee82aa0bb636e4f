import { Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

/**
 * When and how a construct's Job runs on a schedule: the construct then renders a batch/v1 CronJob whose
 * `jobTemplate` is exactly the Job it would render otherwise.
 */
export interface JobSchedule {
  /**
   * When each run starts: `Cron.daily()`, `Cron.schedule({ minute: '30', hour: '2' })` (five fields). A `TZ=` or
   * `CRON_TZ=` prefix is refused in favour of `timeZone`.
   */
  readonly cron: Cron;

  /**
   * The IANA time zone the schedule is read in, such as `Europe/Berlin`; `Local` and `""` are refused.
   *
   * @default - `Etc/UTC` with safe defaults (unset, the schedule follows the time zone of kube-controller-manager,
   * which differs between clusters); unset without them
   */
  readonly timeZone?: string;

  /**
   * What happens when a run is due while the previous one still runs.
   *
   * @default - kplus.ConcurrencyPolicy.FORBID with safe defaults (the next run is skipped, so runs never pile up or
   * overlap on the same data); the Kubernetes default (Allow) without them
   */
  readonly concurrencyPolicy?: kplus.ConcurrencyPolicy;

  /**
   * How late a run may still start after its time (the controller down, a Forbid overlap); a later one is counted as
   * missed and skipped. At least 10 seconds: the controller looks every 10 seconds and might never start it.
   *
   * @default - 10 minutes with safe defaults (runs are skipped, not bunched, after an outage, and the controller never
   * stops at "too many missed start times"); unset without them
   */
  readonly startingDeadline?: Duration;

  /**
   * How many finished successful Jobs (and their pods) are kept.
   *
   * @default - 3, rendered with safe defaults (the Kubernetes default)
   */
  readonly successfulJobsHistoryLimit?: number;

  /**
   * How many failed Jobs (and their pods) are kept.
   *
   * @default - 3 with safe defaults (the Kubernetes default is 1: a failing run's predecessors are often what explains
   * it); unset without them
   */
  readonly failedJobsHistoryLimit?: number;

  /**
   * Create the CronJob suspended: no runs start until `suspend` is set to false.
   *
   * @default - not suspended
   */
  readonly suspend?: boolean;
}
