import { JobController, SyncActions } from './job-controller';
import { ContainerState, SimJobSpec, SimPod, isTerminal } from './model';
import { Plan } from './scenario';

/**
 * The world around the Job controller in a preview: an API server that creates and deletes pods and keeps the Job
 * status, and a kubelet that runs each pod as the scenario says. The controller reacts at once to every change
 * (the real one batches pod events for up to a second) and is woken by its own requeues (pod backoff,
 * activeDeadlineSeconds). conformance/controller/harness.go plays the same world around the real controller.
 *
 * The kubelet's model:
 * - a pod starts when it is created and runs for its `duration`;
 * - then every container exits with its exit code, or, with a condition of DisruptionTarget, the pod is evicted:
 *   deleted at once, it stops `terminating` later with exit code 143 (or the codes the scenario gives);
 * - a pod the controller deletes stops `terminating` later with exit code 143;
 * - under restartPolicy OnFailure a container that exits non-zero restarts in place: the first restart at once, then
 *   after 10 s, doubling to the kubelet's 5-minute cap (CrashLoopBackOff); restartCount rises at each restart;
 * - a deleted pod leaves the API server once it has stopped and has no finalizer.
 */

/** The kubelet's container restart backoff (pkg/kubelet/kubelet.go: backOffPeriod 10 s, MaxContainerBackOff 300 s). */
const KUBELET_BACKOFF = 10_000;
const KUBELET_MAX_BACKOFF = 300_000;
/** The exit code of a container stopped by SIGTERM. */
const SIGTERM_EXIT = 143;

/** Limits that keep a preview bounded. */
export const MAX_PODS = 100_000;
const MAX_SYNCS_PER_INSTANT = 1000;

export type RunResult = 'Succeeded' | 'Failed' | 'Disrupted' | 'Deleted' | 'Restarted' | 'Running';

/** One run of a pod: a pod, or one container run of it under OnFailure. */
export interface Run {
  readonly uid: number;
  /** The pod's name (several runs share it under OnFailure). */
  readonly pod: string;
  readonly index?: number;
  readonly attempt: number;
  readonly start: number;
  end?: number;
  result: RunResult;
  exitCode?: number;
  counted: boolean;
}

export interface SimulationResult {
  readonly controller: JobController;
  readonly runs: Run[];
  /** When the simulation stopped (the terminal condition, or the last event). */
  readonly end: number;
}

interface PodPlan {
  readonly duration: number;
  readonly codes: ReadonlyMap<string, number>;
  readonly explicitCodes: boolean;
  readonly condition?: string;
  readonly terminating: number;
}

type Event =
  | { kind: 'end'; time: number; pod: SimPod; run: Run; plan: PodPlan }
  | { kind: 'stop'; time: number; pod: SimPod; codes?: ReadonlyMap<string, number> }
  | { kind: 'restart'; time: number; pod: SimPod; containers: string[] }
  | { kind: 'job'; time: number; suspend?: boolean }
  | { kind: 'sync'; time: number };

export class Simulation {
  public readonly controller: JobController;
  /** The pods the controller sees (see removeIfGone). */
  private readonly store = new Map<number, SimPod>();
  private readonly runs: Run[] = [];
  private readonly currentRun = new Map<number, Run>();
  private readonly attempts = new Map<number, number>();
  private readonly events = new EventQueue();
  private nextUid = 1;
  private jobAttempts = 0;

  constructor(private readonly spec: SimJobSpec, private readonly plan: Plan) {
    this.controller = new JobController(spec);
    for (const e of plan.events) this.events.push({ kind: 'job', time: e.at, suspend: e.suspend });
  }

  public run(): SimulationResult {
    let now = 0;
    this.instant(now);
    while (!this.controller.isFinished) {
      const next = this.events.peekTime();
      if (next === undefined) break;
      if (next > this.plan.until) {
        now = this.plan.until;
        break;
      }
      now = next;
      this.instant(now);
    }
    return { controller: this.controller, runs: this.runs, end: now };
  }

  /** Everything that happens at `now`: the world's changes, then the controller's syncs, until nothing changes. */
  private instant(now: number): void {
    for (let i = 0; i < MAX_SYNCS_PER_INSTANT; i++) {
      const changed = this.applyDue(now);
      if (this.controller.isFinished) return;
      const actions = this.controller.sync(now, [...this.store.values()]);
      const acted = this.apply(now, actions);
      if (actions.requeueAfter !== undefined) this.events.push({ kind: 'sync', time: now + actions.requeueAfter });
      if (!acted && !changed && !actions.wroteStatus) return;
    }
    throw new Error(`the preview stopped: more than ${MAX_SYNCS_PER_INSTANT} controller syncs at ${now / 1000}s`);
  }

  /** The world's changes due by `now`; whether any happened. */
  private applyDue(now: number): boolean {
    let changed = false;
    for (let event = this.events.popDue(now); event !== undefined; event = this.events.popDue(now)) {
      changed = this.handle(event) || changed;
    }
    return changed;
  }

  private handle(event: Event): boolean {
    switch (event.kind) {
      case 'sync': return false;
      case 'job':
        if (event.suspend !== undefined) this.spec.suspend = event.suspend;
        return true;
      case 'end': return this.endRun(event.time, event.pod, event.run, event.plan);
      case 'stop': return this.stop(event.time, event.pod, event.codes);
      case 'restart': return this.restart(event.time, event.pod, event.containers);
    }
  }

  /** The controller's requests, carried out by the API server. */
  private apply(now: number, actions: SyncActions): boolean {
    for (const uid of actions.countedFailed) this.countRun(uid);
    for (const uid of actions.countedSucceeded) this.countRun(uid);
    for (const pod of actions.removeFinalizer) {
      pod.finalizer = false;
      this.removeIfGone(pod);
    }
    for (const pod of actions.delete) this.delete(now, pod);
    for (const created of actions.create) this.create(now, created.index, created.failureCount, created.ignoredFailureCount);
    return actions.create.length + actions.delete.length + actions.removeFinalizer.length > 0;
  }

  private countRun(uid: number): void {
    const run = this.currentRun.get(uid);
    if (run !== undefined) run.counted = true;
  }

  private create(now: number, index: number | undefined, failureCount: number, ignoredFailureCount: number): void {
    if (this.nextUid > MAX_PODS) throw new Error(`the preview stopped: the Job created more than ${MAX_PODS} pods`);
    const uid = this.nextUid++;
    const container = (name: string, sidecar = false): ContainerState => ({ name, sidecar, started: true, restartCount: 0 });
    const pod: SimPod = {
      uid,
      name: podName(this.spec.name, index, uid),
      index,
      created: now,
      phase: 'Running',
      finalizer: true,
      containers: this.spec.containers.map(name => container(name)),
      initContainers: this.spec.initContainers.map(c => container(c.name, c.sidecar)),
      conditions: [],
      ready: true,
      readyChanged: now,
      failureCount,
      ignoredFailureCount,
    };
    this.store.set(uid, pod);
    this.startRun(now, pod);
  }

  /** A pod starts a run: its first, or a restart in place. */
  private startRun(now: number, pod: SimPod): void {
    const attempt = this.nextAttempt(pod.index);
    const plan = this.planFor(pod, attempt);
    const run: Run = { uid: pod.uid, pod: pod.name, index: pod.index, attempt, start: now, result: 'Running', counted: false };
    this.runs.push(run);
    this.currentRun.set(pod.uid, run);
    this.events.push({ kind: 'end', time: now + plan.duration, pod, run, plan });
  }

  private nextAttempt(index: number | undefined): number {
    if (index === undefined) return this.jobAttempts++;
    const attempt = this.attempts.get(index) ?? 0;
    this.attempts.set(index, attempt + 1);
    return attempt;
  }

  /** The first matching entry decides each field it gives; the scenario fills in the rest. */
  private planFor(pod: SimPod, attempt: number): PodPlan {
    const entry = this.plan.pods.find(p => (p.indexes === undefined || (pod.index !== undefined && p.indexes.has(pod.index)))
      && (p.attempt === undefined || p.attempt === attempt));
    const evicted = entry?.condition === 'DisruptionTarget';
    const explicitCodes = entry?.exitCode !== undefined || entry?.containers !== undefined;
    const fallback = entry?.exitCode ?? (evicted ? SIGTERM_EXIT : this.plan.exitCode);
    const codes = new Map<string, number>();
    for (const name of this.spec.containers) codes.set(name, entry?.containers?.[name] ?? fallback);
    for (const c of this.spec.initContainers) codes.set(c.name, c.sidecar ? 0 : entry?.containers?.[c.name] ?? 0);
    return {
      duration: entry?.duration ?? this.plan.duration,
      codes,
      explicitCodes,
      condition: entry?.condition,
      terminating: entry?.terminating ?? this.plan.terminating,
    };
  }

  /** A run reaches its end: the containers exit, or the pod is evicted. */
  private endRun(now: number, pod: SimPod, run: Run, plan: PodPlan): boolean {
    if (this.currentRun.get(pod.uid) !== run || pod.deletedAt !== undefined || isTerminal(pod)) return false;
    if (plan.condition === 'DisruptionTarget') {
      pod.conditions.push({ type: 'DisruptionTarget', status: 'True', time: now });
      run.result = 'Disrupted';
      pod.deletedAt = now;
      this.events.push({ kind: 'stop', time: now + plan.terminating, pod, codes: plan.explicitCodes ? plan.codes : undefined });
      return true;
    }
    if (plan.condition !== undefined) pod.conditions.push({ type: plan.condition, status: 'True', time: now });
    const failedInit = this.spec.initContainers.find(c => !c.sidecar && plan.codes.get(c.name) !== 0);
    const restartable = this.spec.restartPolicy === 'OnFailure';
    if (failedInit !== undefined) {
      const init = pod.initContainers.find(c => c.name === failedInit.name)!;
      init.exitCode = plan.codes.get(init.name);
      init.finishedAt = now;
      run.exitCode = init.exitCode;
      if (restartable) return this.crash(now, pod, run, [init.name]);
      for (const c of pod.containers) c.started = false;
      this.finish(now, pod, 'Failed');
      run.result = 'Failed';
      run.end = now;
      return true;
    }
    const failed: string[] = [];
    for (const c of pod.containers) {
      if (c.finishedAt !== undefined && c.exitCode === 0) continue; // an OnFailure container that already succeeded
      c.exitCode = plan.codes.get(c.name)!;
      c.finishedAt = now;
      if (c.exitCode !== 0) failed.push(c.name);
    }
    run.exitCode = firstFailure(pod.containers.map(c => c.exitCode));
    if (failed.length > 0 && restartable) return this.crash(now, pod, run, failed);
    this.stopSidecars(now, pod);
    this.finish(now, pod, failed.length > 0 ? 'Failed' : 'Succeeded');
    run.result = failed.length > 0 ? 'Failed' : 'Succeeded';
    run.end = now;
    return true;
  }

  /** OnFailure: the failed containers wait for the kubelet's backoff, then restart in place. */
  private crash(now: number, pod: SimPod, run: Run, containers: string[]): boolean {
    run.result = 'Restarted';
    run.end = now;
    run.counted = true;
    this.setReady(pod, false, now);
    const restarts = Math.max(...containers.map(name => this.container(pod, name).restartCount));
    const delay = restarts === 0 ? 0 : Math.min(KUBELET_BACKOFF * 2 ** (restarts - 1), KUBELET_MAX_BACKOFF);
    this.events.push({ kind: 'restart', time: now + delay, pod, containers });
    return true;
  }

  private restart(now: number, pod: SimPod, containers: string[]): boolean {
    if (pod.deletedAt !== undefined || isTerminal(pod)) return false;
    for (const name of containers) {
      const c = this.container(pod, name);
      c.restartCount++;
      c.exitCode = undefined;
      c.finishedAt = undefined;
    }
    this.setReady(pod, true, now);
    this.startRun(now, pod);
    return true;
  }

  /** The API server marks the pod deleted; the kubelet stops it `terminating` later. */
  private delete(now: number, pod: SimPod): void {
    if (pod.deletedAt !== undefined) return;
    pod.deletedAt = now;
    const run = this.currentRun.get(pod.uid);
    if (run !== undefined && run.result === 'Running') run.result = 'Deleted';
    if (run !== undefined && run.result === 'Restarted') {
      // deleted while waiting to restart: the pod stops without another run
      this.events.push({ kind: 'stop', time: now + this.plan.terminating, pod });
      return;
    }
    const terminating = run !== undefined ? this.planFor(pod, run.attempt).terminating : this.plan.terminating;
    this.events.push({ kind: 'stop', time: now + terminating, pod });
  }

  /** The kubelet stops a deleted pod: its running containers exit with SIGTERM's code (or the scenario's). */
  private stop(now: number, pod: SimPod, codes?: ReadonlyMap<string, number>): boolean {
    if (isTerminal(pod)) return false;
    for (const c of pod.containers) {
      if (c.finishedAt !== undefined && c.exitCode !== undefined) continue;
      if (!c.started) continue;
      c.exitCode = codes?.get(c.name) ?? SIGTERM_EXIT;
      c.finishedAt = now;
    }
    this.stopSidecars(now, pod);
    const run = this.currentRun.get(pod.uid);
    const allSucceeded = pod.containers.every(c => c.exitCode === 0);
    if (run !== undefined && run.end === undefined) {
      run.end = now;
      run.exitCode = firstFailure(pod.containers.map(c => c.exitCode));
    }
    this.finish(now, pod, allSucceeded ? 'Succeeded' : 'Failed');
    return true;
  }

  private stopSidecars(now: number, pod: SimPod): void {
    for (const c of pod.initContainers) {
      if (c.sidecar && c.finishedAt === undefined) {
        c.exitCode = 0;
        c.finishedAt = now;
      }
    }
  }

  private finish(now: number, pod: SimPod, phase: 'Succeeded' | 'Failed'): void {
    pod.phase = phase;
    this.setReady(pod, false, now);
    this.removeIfGone(pod);
  }

  private setReady(pod: SimPod, ready: boolean, now: number): void {
    if (pod.ready === ready) return;
    pod.ready = ready;
    pod.readyChanged = now;
  }

  /**
   * A deleted pod leaves the API server once it has stopped and has no finalizer. A finished pod whose finalizer is
   * gone stays in the API server but takes no further part in syncJob (every count and choice it makes looks at
   * pods that are running, terminating or still carry the finalizer), so the controller is not shown it: a sync
   * costs what the live pods cost, not every pod the Job ever ran.
   */
  private removeIfGone(pod: SimPod): void {
    if (!pod.finalizer && isTerminal(pod)) this.store.delete(pod.uid);
  }

  private container(pod: SimPod, name: string): ContainerState {
    return pod.containers.find(c => c.name === name) ?? pod.initContainers.find(c => c.name === name)!;
  }

}

/** The name the API server gives a pod of generateName `<job>-<index>-` (or `<job>-`): a fixed suffix here. */
export function podName(job: string, index: number | undefined, uid: number): string {
  return `${job}-${index !== undefined ? `${index}-` : ''}p${String(uid).padStart(4, '0')}`;
}

function firstFailure(codes: Array<number | undefined>): number | undefined {
  return codes.find(c => c !== undefined && c !== 0) ?? codes.find(c => c !== undefined);
}

/** Events by time, then in the order they were added. */
class EventQueue {
  private readonly heap: Array<{ event: Event; seq: number }> = [];
  private seq = 0;

  public push(event: Event): void {
    this.heap.push({ event, seq: this.seq++ });
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = Math.floor((i - 1) / 2);
      if (!this.less(i, parent)) break;
      [this.heap[i], this.heap[parent]] = [this.heap[parent], this.heap[i]];
      i = parent;
    }
  }

  public peekTime(): number | undefined {
    return this.heap[0]?.event.time;
  }

  public popDue(now: number): Event | undefined {
    if (this.heap.length === 0 || this.heap[0].event.time > now) return undefined;
    const top = this.heap[0];
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.heap.length && this.less(l, m)) m = l;
        if (r < this.heap.length && this.less(r, m)) m = r;
        if (m === i) break;
        [this.heap[i], this.heap[m]] = [this.heap[m], this.heap[i]];
        i = m;
      }
    }
    return top.event;
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a];
    const y = this.heap[b];
    return x.event.time < y.event.time || (x.event.time === y.event.time && x.seq < y.seq);
  }
}
