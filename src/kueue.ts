import { isDnsSubdomain } from './k8s/names';

/**
 * Kueue's names for what a batch Job tells it (sigs.k8s.io/kueue pkg/controller/constants and
 * pkg/controller/jobs/job/job_controller.go).
 */
export const KUEUE_QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';
export const KUEUE_PRIORITY_CLASS_LABEL = 'kueue.x-k8s.io/priority-class';
export const KUEUE_MIN_PARALLELISM_ANNOTATION = 'kueue.x-k8s.io/job-min-parallelism';
/** The spec.managedBy value that hands a Job to MultiKueue (kueue pkg/controller/constants MultiKueueControllerName). */
export const KUEUE_MULTIKUEUE_CONTROLLER = 'kueue.x-k8s.io/multikueue';

/**
 * How Kueue queues the Jobs below a scope (`JobSettings.apply(app, { kueue: ... })`): one LocalQueue and priority for a
 * whole app or chart.
 */
export interface KueueSettings {
  /**
   * The LocalQueue in the Job's namespace: label `kueue.x-k8s.io/queue-name` (on a CronJob, on its jobTemplate, which
   * is what the Jobs it creates carry). Kueue then owns `spec.suspend`: it creates the Job suspended and starts it on
   * admission, so `suspend` may not be set as well.
   *
   * @default - none: the Job is not queued, unless the cluster's Kueue defaults a LocalQueue for the namespace
   */
  readonly queueName?: string;

  /**
   * The WorkloadPriorityClass that orders the Job in its queue and decides preemption, independently of pod priority:
   * label `kueue.x-k8s.io/priority-class`.
   *
   * @default - none: the pods' priority class, if any
   */
  readonly priorityClass?: string;

  /**
   * Dispatch the Job to a worker cluster through MultiKueue: `spec.managedBy: kueue.x-k8s.io/multikueue`, so the
   * built-in Job controller of this cluster leaves it alone. Needs the JobManagedBy feature (on by default from
   * Kubernetes 1.32) and Kueue's MultiKueueBatchJobWithManagedBy gate.
   *
   * @default false
   */
  readonly multiKueue?: boolean;
}

/**
 * How Kueue queues one Job: the chart-wide settings and, for this Job alone, partial admission.
 */
export interface KueueOptions extends KueueSettings {
  /**
   * Partial admission: when the whole Job does not fit in the quota, Kueue may start it with fewer pods at once, but
   * not fewer than this (annotation `kueue.x-k8s.io/job-min-parallelism`); completions stay as they are. Kueue's
   * webhook takes a value from 1 to one less than the Job's pods at once, min(parallelism, completions).
   *
   * @default - none: the Job is admitted with all its parallelism or waits
   */
  readonly minParallelism?: number;
}

/** What Kueue's options add to a Job: labels and annotations for its metadata, and its managedBy. */
export interface KueueRendering {
  readonly labels: { [key: string]: string };
  readonly annotations: { [key: string]: string };
  readonly managedBy?: string;
  /** Whether the Job is queued (a queue name is set), so Kueue owns suspend and admits by requests. */
  readonly queued: boolean;
  /** The LocalQueue, when queued. */
  readonly queueName?: string;
}

/** Pods at once, as Kueue counts them for partial admission: min(parallelism, completions) (job_controller.go podsCount). */
export function kueuePodsAtOnce(parallelism: number, completions: number | undefined): number {
  return completions !== undefined && completions < parallelism ? completions : parallelism;
}

const INT64_MIN = -(BigInt(2) ** BigInt(63));
const INT64_MAX = BigInt(2) ** BigInt(63) - BigInt(1);

/**
 * Why Kueue's webhook refuses the job-min-parallelism annotation as written, or undefined when it takes it
 * (job_webhook.go validatePartialAdmissionCreate): strconv.Atoi must read it (an optional sign and decimal digits,
 * within int64), and then `int32(v) >= podsCount || v <= 0` refuses it, the comparison made on the value cut to 32 bits.
 */
export function minParallelismAnnotationProblem(raw: string, podsAtOnce: number): string | undefined {
  if (!/^[+-]?\d+$/.test(raw)) return 'it must be a whole number written in decimal (Kueue reads it with strconv.Atoi)';
  const value = BigInt(raw);
  if (value < INT64_MIN || value > INT64_MAX) return 'it is out of range for strconv.Atoi, which Kueue reads it with';
  if (value > BigInt(0) && Number(BigInt.asIntN(32, value)) < podsAtOnce) return undefined;
  return minParallelismProblem(Number(value), podsAtOnce);
}

/**
 * Why a minimum parallelism is out of Kueue's range: a whole number from 1 to podsCount - 1 (for the annotation as
 * written, see minParallelismAnnotationProblem), or undefined when it is in it.
 */
export function minParallelismProblem(value: number, podsAtOnce: number): string | undefined {
  if (Number.isInteger(value) && value >= 1 && value < podsAtOnce) return undefined;
  const allowed = podsAtOnce > 1 ? `a whole number from 1 to ${podsAtOnce - 1}` : 'nothing: the Job runs one pod at a time, so there is nothing to admit partially';
  return `with ${podsAtOnce} pod${podsAtOnce === 1 ? '' : 's'} at once (min(parallelism, completions)) Kueue's webhook allows ${allowed}`;
}

/** Whether a LocalQueue or WorkloadPriorityClass name is one Kueue takes (jobframework ValidateQueueName: a DNS subdomain). */
export function isKueueName(value: string): boolean {
  return isDnsSubdomain(value);
}

/** The settings in force: the construct's own options over the chart-wide ones, field by field. */
export function mergeKueue(chart: KueueSettings | undefined, own: KueueOptions | undefined): KueueOptions | undefined {
  if (chart === undefined && own === undefined) return undefined;
  return {
    queueName: own?.queueName ?? chart?.queueName,
    priorityClass: own?.priorityClass ?? chart?.priorityClass,
    multiKueue: own?.multiKueue ?? chart?.multiKueue,
    minParallelism: own?.minParallelism,
  };
}

/**
 * Kueue's labels, annotation and managedBy for a Job, refusing what Kueue's webhook would refuse (the queue name
 * must be a DNS subdomain: jobframework ValidateQueueName; the minimum parallelism must be from 1 to the pods at once
 * less one: job_webhook.go validatePartialAdmissionCreate, with podsCount from job_controller.go).
 *
 * @param parallelism the Job's parallelism (1 when unset, as the API server defaults it)
 * @param completions the Job's completions, if set
 */
export function renderKueue(path: string, options: KueueOptions | undefined, parallelism: number, completions: number | undefined): KueueRendering {
  const labels: { [key: string]: string } = {};
  const annotations: { [key: string]: string } = {};
  if (options === undefined) return { labels, annotations, queued: false };
  const { queueName, priorityClass, minParallelism, multiKueue } = options;
  const without = (['priorityClass', 'minParallelism', 'multiKueue'] as const).filter(f => options[f] !== undefined && options[f] !== false);
  if (queueName === undefined && without.length > 0) {
    throw new Error(`${path}: kueue.${without[0]} is set, but no kueue.queueName: Kueue acts only on the Jobs it queues; `
      + 'name the LocalQueue in kueue.queueName (or for the whole app with JobSettings.apply(app, { kueue: { queueName } }))');
  }
  for (const [field, value, what] of [['queueName', queueName, 'LocalQueue'], ['priorityClass', priorityClass, 'WorkloadPriorityClass']] as const) {
    // a label value has at most 63 characters (the API server's rule), the name a DNS subdomain (Kueue's)
    if (value !== undefined && !(isKueueName(value) && value.length <= 63)) {
      throw new Error(`${path}: kueue.${field} is ${JSON.stringify(value)}; it must name a ${what}: a lowercase DNS subdomain of at most 63 characters `
        + '(letters, digits, "-" and ".")');
    }
  }
  if (queueName !== undefined) labels[KUEUE_QUEUE_LABEL] = queueName;
  if (priorityClass !== undefined) labels[KUEUE_PRIORITY_CLASS_LABEL] = priorityClass;
  if (minParallelism !== undefined) {
    const problem = minParallelismProblem(minParallelism, kueuePodsAtOnce(parallelism, completions));
    if (problem !== undefined) throw new Error(`${path}: kueue.minParallelism is ${minParallelism}; ${problem}`);
    annotations[KUEUE_MIN_PARALLELISM_ANNOTATION] = String(minParallelism);
  }
  return { labels, annotations, managedBy: multiKueue ? KUEUE_MULTIKUEUE_CONTROLLER : undefined, queued: queueName !== undefined, queueName };
}
