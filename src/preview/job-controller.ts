import { BackoffRecord, DEFAULT_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS, nextBackoffRecord, remainingBackoff } from './backoff';
import { OrderedIntervals, firstPendingIndexes } from './intervals';
import { SimCondition, SimJobSpec, SimJobStatus, SimPod, copyStatus, emptyStatus, finishedTime, isActive, isTerminating } from './model';
import { FailedPod, PolicyMatch, matchPodFailurePolicy } from './pod-failure-policy';
import { matchSuccessPolicy } from './success-policy';

/** SyncJobBatchPeriod: the controller never requeues a Job sooner than this (job_controller.go). */
const SYNC_JOB_BATCH_PERIOD = 1000;
/** MaxUncountedPods and MaxPodCreateDeletePerSync (job_controller.go). */
const MAX_UNCOUNTED_PODS = 500;
const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

/** What the controller asks of the world in one sync. */
export interface SyncActions {
  /** Pods to create: their completion index (undefined for NonIndexed) and index failure counts. */
  readonly create: Array<{ index?: number; failureCount: number; ignoredFailureCount: number }>;
  /** Pods to delete (their deletion asked for); a deletion by the controller for a suspend or a surplus also drops the finalizer first. */
  readonly delete: SimPod[];
  /** Pods whose tracking finalizer the controller removes. */
  readonly removeFinalizer: SimPod[];
  /** Whether the Job status was written. */
  wroteStatus: boolean;
  /** Sync again after this many milliseconds. */
  requeueAfter?: number;
  /** The pods each written status counted as failed or succeeded (their UIDs entered uncountedTerminatedPods). */
  readonly countedFailed: number[];
  readonly countedSucceeded: number[];
}

/**
 * A port of the Job controller's syncJob (k8s.io/kubernetes v1.34 pkg/controller/job/job_controller.go, as the 1.34
 * line's patch releases ship it: v1.34.4 with the fix of kubernetes/kubernetes#139428 cherry-picked by #139752) on
 * the simulator's pods, at the 1.34 feature gates (JobPodReplacementPolicy, JobManagedBy, JobBackoffLimitPerIndex and
 * JobSuccessPolicy on: terminal conditions wait for terminating pods behind FailureTarget and SuccessCriteriaMet).
 * Each function names the upstream function it follows; `npm run conformance` drives the real controller through
 * the same scenarios and compares.
 */
export class JobController {
  public status: SimJobStatus = emptyStatus();
  private backoff: BackoffRecord = { failuresAfterLastSuccess: 0 };
  private finished = false;

  constructor(public readonly spec: SimJobSpec) {}

  /** Whether the Job has a Complete or Failed condition: syncJob does nothing more. */
  public get isFinished(): boolean {
    return this.finished || this.status.conditions.some(c => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  }

  /** syncJob at `now`, on the pods the informer holds (those not yet removed). */
  public sync(now: number, pods: readonly SimPod[]): SyncActions {
    const actions: SyncActions = { create: [], delete: [], removeFinalizer: [], wroteStatus: false, countedFailed: [], countedSucceeded: [] };
    const spec = this.spec;
    if (spec.managedBy !== undefined && spec.managedBy !== 'kubernetes.io/job-controller') return actions;
    if (this.isFinished) {
      this.backoff = { failuresAfterLastSuccess: 0 };
      return actions;
    }
    const job = copyStatus(this.status);
    const ctx = new SyncContext(spec, job, pods);
    const active0 = ctx.activePods.length;
    let active = active0;

    const [newSucceeded, newFailed] = ctx.newFinishedPods();
    ctx.succeeded = job.succeeded + newSucceeded.length + job.uncountedSucceeded.length;
    ctx.failed = job.failed + ctx.nonIgnoredFailedCount(newFailed) + job.uncountedFailed.length;

    if (job.startTime === undefined && !spec.suspend) job.startTime = now;
    ctx.newBackoff = nextBackoffRecord(this.backoff, newSucceeded.map(finishedTime), newFailed.map(finishedTime));

    const exceedsBackoffLimit = ctx.failed > spec.backoffLimit;
    ctx.finishedCondition = findCondition(job.conditions, 'SuccessCriteriaMet', 'True');
    if (ctx.finishedCondition === undefined) {
      const failureTarget = findCondition(job.conditions, 'FailureTarget', 'True');
      if (failureTarget !== undefined) {
        ctx.finishedCondition = newCondition('Failed', failureTarget.reason, failureTarget.message, now);
      } else {
        const message = ctx.failJobMessage();
        if (message !== undefined) ctx.finishedCondition = newCondition('FailureTarget', 'PodFailurePolicy', message, now);
      }
    }
    if (ctx.finishedCondition === undefined) {
      if (exceedsBackoffLimit || ctx.pastBackoffLimitOnFailure()) {
        ctx.finishedCondition = newCondition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', now);
      } else if (this.pastActiveDeadline(job, now)) {
        ctx.finishedCondition = newCondition('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline', now);
      } else if (spec.activeDeadlineSeconds !== undefined && !spec.suspend) {
        actions.requeueAfter = minDefined(actions.requeueAfter, spec.activeDeadlineSeconds * 1000 - (now - job.startTime!));
      }
    }

    if (spec.indexed) {
      [ctx.prevSucceededIndexes, ctx.succeededIndexes] = ctx.calculateSucceededIndexes();
      ctx.succeeded = ctx.succeededIndexes.total();
      if (spec.backoffLimitPerIndex !== undefined) {
        ctx.failedIndexes = ctx.calculateFailedIndexes();
        if (ctx.finishedCondition === undefined) {
          if (spec.maxFailedIndexes !== undefined && ctx.failedIndexes.total() > spec.maxFailedIndexes) {
            ctx.finishedCondition = newCondition('FailureTarget', 'MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes', now);
          } else if (ctx.failedIndexes.total() > 0 && ctx.failedIndexes.total() + ctx.succeededIndexes.total() >= spec.completions!) {
            ctx.finishedCondition = newCondition('FailureTarget', 'FailedIndexes', 'Job has failed indexes', now);
          }
        }
        ctx.podsWithDelayedDeletion = ctx.podsWithDelayedDeletionPerIndex();
      }
      if (ctx.finishedCondition === undefined) {
        const message = matchSuccessPolicy(spec.successPolicy, spec.completions!, ctx.succeededIndexes);
        if (message !== undefined) ctx.finishedCondition = newCondition('SuccessCriteriaMet', 'SuccessPolicy', message, now);
      }
    }

    let suspendChanged = false;
    if (ctx.finishedCondition !== undefined) {
      // deleteActivePods: deletions that keep the finalizers
      for (const pod of ctx.activePods) {
        actions.delete.push(pod);
        if (pod.ready) ctx.ready--;
      }
      active -= ctx.activePods.length;
      ctx.terminating += ctx.activePods.length;
    } else {
      active = this.manageJob(now, ctx, actions);
      const complete = spec.completions === undefined
        ? ctx.succeeded > 0 && active === 0
        : ctx.succeeded >= spec.completions && active === 0;
      if (complete) {
        ctx.finishedCondition = newCondition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods', now);
      } else if (spec.suspend) {
        suspendChanged = ensureCondition(job.conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now);
      } else if (ensureCondition(job.conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', now)) {
        suspendChanged = true;
        job.startTime = now;
      }
    }

    const needsStatusUpdate = suspendChanged || active !== this.status.active || ctx.ready !== this.status.ready
      || this.status.terminating !== ctx.terminating;
    job.active = active;
    job.ready = ctx.ready;
    job.terminating = ctx.terminating;
    this.trackJobStatusAndRemoveFinalizers(now, ctx, needsStatusUpdate, actions);
    return actions;
  }

  /** pastActiveDeadline. */
  private pastActiveDeadline(job: SimJobStatus, now: number): boolean {
    if (this.spec.activeDeadlineSeconds === undefined || job.startTime === undefined || this.spec.suspend) return false;
    return now - job.startTime >= this.spec.activeDeadlineSeconds * 1000;
  }

  /** manageJob: returns the new active count. */
  private manageJob(now: number, ctx: SyncContext, actions: SyncActions): number {
    const spec = this.spec;
    let active = ctx.activePods.length;
    if (spec.suspend) {
      // deleteJobPods: the finalizer goes first, so these pods are never counted
      for (const pod of ctx.activePods) {
        actions.removeFinalizer.push(pod);
        actions.delete.push(pod);
        if (pod.ready) ctx.ready--;
      }
      ctx.terminating += active;
      return 0;
    }
    let wantActive: number;
    if (spec.completions === undefined) {
      wantActive = ctx.succeeded > 0 ? active : spec.parallelism;
    } else {
      wantActive = Math.max(0, Math.min(spec.completions - ctx.succeeded, spec.parallelism));
    }
    const rmAtLeast = Math.max(0, active - wantActive);
    const toDelete = ctx.activePodsForRemoval(rmAtLeast).slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
    if (toDelete.length > 0) {
      for (const pod of toDelete) {
        actions.removeFinalizer.push(pod);
        actions.delete.push(pod);
        if (pod.ready) ctx.ready--;
      }
      ctx.terminating += toDelete.length;
      return active - toDelete.length;
    }
    const terminating = spec.podReplacementPolicy === 'Failed' ? ctx.terminating : 0;
    let diff = wantActive - terminating - active;
    if (diff <= 0) return active;
    if (spec.backoffLimitPerIndex === undefined) {
      const remaining = remainingBackoff(ctx.newBackoff.failuresAfterLastSuccess, ctx.newBackoff.lastFailureTime, now,
        DEFAULT_BACKOFF_SECONDS * 1000, MAX_BACKOFF_SECONDS * 1000);
      if (remaining > 0) {
        actions.requeueAfter = minDefined(actions.requeueAfter, Math.max(remaining, SYNC_JOB_BATCH_PERIOD));
        return active; // v1.34.4 returns 0 here: kubernetes/kubernetes#139428, fixed by #139457 (1.34: #139752)
      }
    }
    diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
    if (spec.indexed) {
      let indexes = ctx.firstPendingIndexes(diff);
      if (spec.backoffLimitPerIndex !== undefined) {
        let minRemaining: number | undefined;
        const now_: number[] = [];
        for (const ix of indexes) {
          const remaining = remainingTimePerIndex(ctx.podsWithDelayedDeletion.get(ix), now);
          if (remaining === 0) now_.push(ix);
          else minRemaining = minDefined(minRemaining, remaining);
        }
        indexes = now_;
        if (indexes.length === 0 && minRemaining !== undefined && minRemaining > 0) {
          actions.requeueAfter = minDefined(actions.requeueAfter, Math.max(minRemaining, SYNC_JOB_BATCH_PERIOD));
          return active; // as above: #139428
        }
      }
      for (const index of indexes) {
        const [failureCount, ignoredFailureCount] = spec.backoffLimitPerIndex !== undefined
          ? ctx.newIndexFailureCounts(ctx.podsWithDelayedDeletion.get(index))
          : [0, 0];
        actions.create.push({ index, failureCount, ignoredFailureCount });
      }
      return active + indexes.length;
    }
    for (let i = 0; i < diff; i++) actions.create.push({ failureCount: 0, ignoredFailureCount: 0 });
    return active + diff;
  }

  /** trackJobStatusAndRemoveFinalizers, with flushUncountedAndRemoveFinalizers and enactJobFinished. */
  private trackJobStatusAndRemoveFinalizers(now: number, ctx: SyncContext, needsFlushIn: boolean, actions: SyncActions): void {
    const spec = this.spec;
    const job = ctx.job;
    let needsFlush = needsFlushIn;
    const pods = spec.indexed ? [...ctx.pods].sort((a, b) => indexOrder(a) - indexOrder(b)) : ctx.pods;
    const withFinalizer = new Set(pods.filter(p => p.finalizer).map(p => p.uid));
    if (cleanUncounted(job, withFinalizer)) needsFlush = true;
    const uncountedFailedBefore = new Set(job.uncountedFailed);
    const uncountedSucceededBefore = new Set(job.uncountedSucceeded);
    const toRemove: SimPod[] = [];
    const newSucceededIndexes: number[] = [];
    let reachedMax = false;
    for (const pod of pods) {
      if (!pod.finalizer) continue;
      const considerFailed = ctx.isPodFailed(pod);
      if (!ctx.canRemoveFinalizer(pod, considerFailed)) continue;
      toRemove.push(pod);
      if (pod.phase === 'Succeeded' && !uncountedFailedBefore.has(pod.uid)) {
        if (spec.indexed) {
          const ix = pod.index;
          if (ix !== undefined && ix < spec.completions! && !ctx.prevSucceededIndexes.has(ix)) {
            newSucceededIndexes.push(ix);
            actions.countedSucceeded.push(pod.uid);
            needsFlush = true;
          }
        } else if (!uncountedSucceededBefore.has(pod.uid)) {
          needsFlush = true;
          job.uncountedSucceeded.push(pod.uid);
          actions.countedSucceeded.push(pod.uid);
        }
      } else if (considerFailed || (ctx.finishedCondition !== undefined && ctx.finishedCondition.type !== 'SuccessCriteriaMet')) {
        const ix = pod.index;
        if (!uncountedFailedBefore.has(pod.uid) && (!spec.indexed || (ix !== undefined && ix < spec.completions!))) {
          if (spec.podFailurePolicy == null || ctx.match(pod).countFailed) {
            needsFlush = true;
            job.uncountedFailed.push(pod.uid);
            actions.countedFailed.push(pod.uid);
          }
        }
      }
      if (newSucceededIndexes.length + job.uncountedSucceeded.length + job.uncountedFailed.length >= MAX_UNCOUNTED_PODS) {
        reachedMax = true;
        break;
      }
    }
    if (spec.indexed) {
      ctx.succeededIndexes = ctx.succeededIndexes.withIndexes(newSucceededIndexes);
      const completed = ctx.succeededIndexes.toString();
      if (completed !== job.completedIndexes) needsFlush = true;
      job.succeeded = ctx.succeededIndexes.total();
      job.completedIndexes = completed;
      const failedIndexes = ctx.failedIndexes?.toString();
      if (failedIndexes !== job.failedIndexes) {
        job.failedIndexes = failedIndexes;
        needsFlush = true;
      }
    }
    if (ctx.finishedCondition?.type === 'FailureTarget') {
      job.conditions.push({ ...ctx.finishedCondition });
      needsFlush = true;
      ctx.finishedCondition = newCondition('Failed', ctx.finishedCondition.reason, ctx.finishedCondition.message, now);
    }
    if (ctx.finishedCondition?.type === 'SuccessCriteriaMet') {
      if (findCondition(job.conditions, 'SuccessCriteriaMet', 'True') === undefined) {
        job.conditions.push({ ...ctx.finishedCondition });
        needsFlush = true;
      }
      ctx.finishedCondition = newCondition('Complete', ctx.finishedCondition.reason, ctx.finishedCondition.message, now);
    }
    // flushUncountedAndRemoveFinalizers
    if (needsFlush) {
      this.writeStatus(job, actions);
      this.backoff = ctx.newBackoff;
      needsFlush = false;
    }
    for (const pod of toRemove) {
      actions.removeFinalizer.push(pod);
      withFinalizer.delete(pod.uid);
    }
    if (cleanUncounted(job, withFinalizer)) needsFlush = true;
    // enactJobFinished
    let jobFinished = false;
    const uncounted = job.uncountedSucceeded.length + job.uncountedFailed.length;
    if (!reachedMax && ctx.finishedCondition !== undefined && uncounted === 0 && ctx.terminating === 0) {
      ensureCondition(job.conditions, ctx.finishedCondition.type, 'True', ctx.finishedCondition.reason, ctx.finishedCondition.message, now);
      if (ctx.finishedCondition.type === 'Complete') job.completionTime = now;
      jobFinished = true;
      needsFlush = true;
    }
    if (needsFlush) this.writeStatus(job, actions);
    if (jobFinished) this.finished = true;
  }

  private writeStatus(job: SimJobStatus, actions: SyncActions): void {
    this.status = copyStatus(job);
    actions.wroteStatus = true;
  }
}

/** The per-sync state (syncJobCtx). */
class SyncContext {
  public readonly activePods: SimPod[];
  public ready: number;
  public terminating: number;
  public succeeded = 0;
  public failed = 0;
  public newBackoff: BackoffRecord = { failuresAfterLastSuccess: 0 };
  public finishedCondition?: SimCondition;
  public prevSucceededIndexes = new OrderedIntervals();
  public succeededIndexes = new OrderedIntervals();
  public failedIndexes?: OrderedIntervals;
  public podsWithDelayedDeletion = new Map<number, SimPod>();
  private readonly matches = new Map<number, PolicyMatch>();

  constructor(public readonly spec: SimJobSpec, public readonly job: SimJobStatus, public readonly pods: readonly SimPod[]) {
    this.activePods = pods.filter(isActive);
    this.ready = this.activePods.filter(p => p.ready).length;
    this.terminating = pods.filter(isTerminating).length;
  }

  /** matchPodFailurePolicy, once per pod per sync. */
  public match(pod: SimPod): PolicyMatch {
    let match = this.matches.get(pod.uid);
    if (match === undefined) {
      match = matchPodFailurePolicy(this.spec.podFailurePolicy, asFailedPod(this.spec, pod));
      this.matches.set(pod.uid, match);
    }
    return match;
  }

  /** isPodFailed. */
  public isPodFailed(pod: SimPod): boolean {
    if (pod.phase === 'Failed') return true;
    if (onlyReplaceFailedPods(this.spec)) return false;
    return pod.deletedAt !== undefined && pod.phase !== 'Succeeded';
  }

  private validIndex(pod: SimPod): boolean {
    return !this.spec.indexed || (pod.index !== undefined && pod.index < this.spec.completions!);
  }

  /** getNewFinishedPods. */
  public newFinishedPods(): [SimPod[], SimPod[]] {
    const uncountedS = new Set(this.job.uncountedSucceeded);
    const uncountedF = new Set(this.job.uncountedFailed);
    const succeeded = this.pods.filter(p => p.finalizer && !uncountedS.has(p.uid) && this.validIndex(p) && p.phase === 'Succeeded');
    const failed = this.pods.filter(p => p.finalizer && !uncountedF.has(p.uid) && this.validIndex(p) && this.isPodFailed(p));
    return [succeeded, failed];
  }

  /** nonIgnoredFailedPodsCount. */
  public nonIgnoredFailedCount(failed: SimPod[]): number {
    if (this.spec.podFailurePolicy == null) return failed.length;
    return failed.filter(p => this.match(p).countFailed).length;
  }

  /** getFailJobMessage. */
  public failJobMessage(): string | undefined {
    if (this.spec.podFailurePolicy == null) return undefined;
    for (const pod of this.pods) {
      if (!this.isPodFailed(pod)) continue;
      const message = this.match(pod).failJobMessage;
      if (message !== undefined) return message;
    }
    return undefined;
  }

  /** pastBackoffLimitOnFailure: the restarts of running pods' containers reach backoffLimit. */
  public pastBackoffLimitOnFailure(): boolean {
    if (this.spec.restartPolicy !== 'OnFailure') return false;
    let restarts = 0;
    for (const pod of this.pods) {
      if (pod.phase !== 'Running') continue;
      for (const c of pod.initContainers) restarts += c.restartCount;
      for (const c of pod.containers) restarts += c.restartCount;
    }
    return this.spec.backoffLimit === 0 ? restarts > 0 : restarts >= this.spec.backoffLimit;
  }

  /** calculateSucceededIndexes. */
  public calculateSucceededIndexes(): [OrderedIntervals, OrderedIntervals] {
    const prev = OrderedIntervals.parse(this.job.completedIndexes, this.spec.completions!);
    const fresh = new Set<number>();
    for (const p of this.pods) {
      if (p.phase === 'Succeeded' && p.index !== undefined && p.index < this.spec.completions! && p.finalizer) fresh.add(p.index);
    }
    return [prev, prev.withIndexes([...fresh])];
  }

  /** calculateFailedIndexes, with isIndexFailed. */
  public calculateFailedIndexes(): OrderedIntervals {
    const prev = this.job.failedIndexes !== undefined
      ? OrderedIntervals.parse(this.job.failedIndexes, this.spec.completions!)
      : new OrderedIntervals();
    const fresh = new Set<number>();
    for (const p of this.pods) {
      if (p.index === undefined || p.index >= this.spec.completions! || !p.finalizer) continue;
      if (this.isIndexFailed(p)) fresh.add(p.index);
    }
    return prev.withIndexes([...fresh]);
  }

  private isIndexFailed(pod: SimPod): boolean {
    let counted = false;
    if (this.isPodFailed(pod)) {
      if (this.spec.podFailurePolicy != null) {
        const match = this.match(pod);
        if (match.action === 'FailIndex') return true;
        counted = match.countFailed;
      } else {
        counted = true;
      }
    }
    return counted && pod.failureCount >= this.spec.backoffLimitPerIndex!;
  }

  /** getPodsWithDelayedDeletionPerIndex: the last failed pod of each index still waiting for its replacement. */
  public podsWithDelayedDeletionPerIndex(): Map<number, SimPod> {
    const activeIndexes = new Set(this.activePods.map(p => p.index));
    const result = new Map<number, SimPod>();
    for (const p of this.pods) {
      if (!p.finalizer || !this.validIndex(p) || !this.isPodFailed(p)) continue;
      const ix = p.index!;
      if (this.succeededIndexes.has(ix) || this.failedIndexes?.has(ix) || activeIndexes.has(ix)) continue;
      const last = result.get(ix);
      if (last === undefined) {
        result.set(ix, p);
      } else if (absoluteFailureCount(last) <= absoluteFailureCount(p) && !(finishedTime(p) < finishedTime(last))) {
        result.set(ix, p);
      }
    }
    return result;
  }

  /** getNewIndexFailureCounts: the annotations of the replacement for `replaced`. */
  public newIndexFailureCounts(replaced: SimPod | undefined): [number, number] {
    if (replaced === undefined) return [0, 0];
    let failures = replaced.failureCount;
    let ignored = replaced.ignoredFailureCount;
    if (this.spec.podFailurePolicy != null && !this.match(replaced).countFailed) ignored++;
    else failures++;
    return [failures, ignored];
  }

  /** firstPendingIndexes. */
  public firstPendingIndexes(count: number): number[] {
    return firstPendingIndexes(count, this.spec.completions!, {
      active: this.activePods.map(p => p.index ?? -1),
      terminating: onlyReplaceFailedPods(this.spec) ? this.pods.filter(isTerminating).map(p => p.index ?? -1) : undefined,
      succeeded: this.succeededIndexes,
      failed: this.failedIndexes,
    });
  }

  /** activePodsForRemoval: duplicates and out-of-range indexes first, then pods in controller.ActivePods order. */
  public activePodsForRemoval(rmAtLeast: number): SimPod[] {
    const rm: SimPod[] = [];
    let left: SimPod[] = this.activePods;
    if (this.spec.indexed) {
      left = [];
      const byIndex = new Map<number, SimPod[]>();
      for (const p of this.activePods) {
        if (p.index === undefined || p.index >= this.spec.completions!) rm.push(p);
        else byIndex.set(p.index, [...(byIndex.get(p.index) ?? []), p]);
      }
      for (const ix of [...byIndex.keys()].sort((a, b) => a - b)) {
        const same = byIndex.get(ix)!.sort(removalOrder);
        rm.push(...same.slice(0, same.length - 1));
        left.push(same[same.length - 1]);
      }
    }
    if (rm.length < rmAtLeast) rm.push(...[...left].sort(removalOrder).slice(0, rmAtLeast - rm.length));
    return rm;
  }

  /** canRemoveFinalizer. */
  public canRemoveFinalizer(pod: SimPod, considerFailed: boolean): boolean {
    if (this.finishedCondition !== undefined || pod.phase === 'Succeeded') return true;
    if (!considerFailed) return false;
    if (this.spec.backoffLimitPerIndex !== undefined && pod.index !== undefined) {
      const delayed = this.podsWithDelayedDeletion.get(pod.index);
      if (delayed !== undefined && delayed.uid === pod.uid) return false;
    }
    return true;
  }
}

/** onlyReplaceFailedPods. */
export function onlyReplaceFailedPods(spec: SimJobSpec): boolean {
  return spec.podReplacementPolicy === 'Failed' || spec.podFailurePolicy != null;
}

function absoluteFailureCount(pod: SimPod): number {
  return pod.failureCount + pod.ignoredFailureCount;
}

/** getRemainingTimePerIndex. */
function remainingTimePerIndex(lastFailed: SimPod | undefined, now: number): number {
  if (lastFailed === undefined) return 0;
  return remainingBackoff(absoluteFailureCount(lastFailed) + 1, finishedTime(lastFailed), now,
    DEFAULT_BACKOFF_SECONDS * 1000, MAX_BACKOFF_SECONDS * 1000);
}

/** controller.ActivePods: not ready before ready, ready for less time before more, more restarts first, newer first. */
function removalOrder(a: SimPod, b: SimPod): number {
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  if (a.ready && a.readyChanged !== b.readyChanged) return b.readyChanged - a.readyChanged;
  const restarts = (p: SimPod) => Math.max(0, ...p.containers.map(c => c.restartCount));
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  return b.created - a.created || b.uid - a.uid;
}

function indexOrder(pod: SimPod): number {
  return pod.index ?? -1;
}

function asFailedPod(spec: SimJobSpec, pod: SimPod): FailedPod {
  const terminated = (c: { name: string; exitCode?: number; finishedAt?: number }) =>
    ({ name: c.name, exitCode: c.finishedAt !== undefined ? c.exitCode : undefined });
  return {
    namespace: spec.namespace,
    name: pod.name,
    containers: pod.containers.map(terminated),
    initContainers: pod.initContainers.map(terminated),
    conditions: pod.conditions,
  };
}

/** cleanUncountedPodsWithoutFinalizers. */
function cleanUncounted(job: SimJobStatus, withFinalizer: Set<number>): boolean {
  let updated = false;
  const succeeded = job.uncountedSucceeded.filter(uid => withFinalizer.has(uid));
  if (succeeded.length !== job.uncountedSucceeded.length) {
    job.succeeded += job.uncountedSucceeded.length - succeeded.length;
    job.uncountedSucceeded = succeeded;
    updated = true;
  }
  const failed = job.uncountedFailed.filter(uid => withFinalizer.has(uid));
  if (failed.length !== job.uncountedFailed.length) {
    job.failed += job.uncountedFailed.length - failed.length;
    job.uncountedFailed = failed;
    updated = true;
  }
  return updated;
}

function newCondition(type: string, reason: string, message: string, now: number): SimCondition {
  return { type, status: 'True', reason, message, time: now };
}

function findCondition(conditions: SimCondition[], type: string, status?: string): SimCondition | undefined {
  return conditions.find(c => c.type === type && (status === undefined || c.status === status));
}

/** ensureJobConditionStatus: whether the list changed. */
function ensureCondition(conditions: SimCondition[], type: string, status: string, reason: string, message: string, now: number): boolean {
  const existing = findCondition(conditions, type);
  if (existing !== undefined) {
    if (existing.status !== status || existing.reason !== reason || existing.message !== message) {
      Object.assign(existing, { status, reason, message, time: now });
      return true;
    }
    return false;
  }
  if (status !== 'False') {
    conditions.push({ type, status, reason, message, time: now });
    return true;
  }
  return false;
}

function minDefined(a: number | undefined, b: number): number {
  return a === undefined ? b : Math.min(a, b);
}

