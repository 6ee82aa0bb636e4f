import { Duration } from 'cdk8s';
import { parseDocument, splitDocuments } from '../checks/source';

/**
 * What happens to one pod, or to every pod that matches. The first entry that matches a pod decides each field it
 * gives; the scenario's own values fill in the rest.
 */
export interface PodBehaviour {
  /**
   * The completion indexes this entry is for.
   * @default - every pod (and the pods of a NonIndexed Job, which have no index)
   */
  readonly indexes?: number[];
  /**
   * The 0-based attempt: of that index in an Indexed Job, of the Job when NonIndexed. Under OnFailure each container
   * restart is an attempt.
   * @default - every attempt
   */
  readonly attempt?: number;
  /**
   * How long the pod runs before it exits (or is evicted, with a condition).
   * @default - the scenario's duration
   */
  readonly duration?: Duration;
  /**
   * The exit code of every container.
   * @default - the scenario's exitCode (143, SIGTERM, for an evicted pod)
   */
  readonly exitCode?: number;
  /**
   * Exit codes per container name (init containers included); the others take `exitCode`.
   * @default - none
   */
  readonly containerExitCodes?: { [name: string]: number };
  /**
   * A pod condition the pod gets when it stops. `DisruptionTarget` means the pod is evicted or preempted at
   * `duration` instead of exiting: it is deleted, and fails once it has stopped.
   * @default - none
   */
  readonly condition?: string;
  /**
   * How long the pod takes to stop once it is deleted or evicted.
   * @default - the scenario's terminating
   */
  readonly terminating?: Duration;
}

/** A change to the Job while it runs. */
export interface PreviewEvent {
  /** When, from the Job's creation. */
  readonly at: Duration;
  /**
   * Suspend (true) or resume (false) the Job.
   * @default - no change
   */
  readonly suspend?: boolean;
}

/**
 * What the pods of a Job do in a preview: every pod runs `duration` and exits with `exitCode` unless the first
 * matching entry of `pods` says otherwise. The same fields as the scenario file of `cdk8s-jobs preview --scenario`.
 */
export interface PreviewScenario {
  /**
   * How long each pod runs.
   * @default Duration.seconds(30)
   */
  readonly duration?: Duration;
  /**
   * The exit code of each pod's containers.
   * @default 0
   */
  readonly exitCode?: number;
  /**
   * How long a pod takes to stop once it is deleted or evicted.
   * @default Duration.seconds(0)
   */
  readonly terminating?: Duration;
  /**
   * Pods that behave otherwise.
   * @default - none
   */
  readonly pods?: PodBehaviour[];
  /**
   * Changes to the Job over time.
   * @default - none
   */
  readonly events?: PreviewEvent[];
  /**
   * How long to play the Job forward: a Job whose failures are all ignored retries without end.
   * @default Duration.hours(24)
   */
  readonly until?: Duration;
}

/** The scenario in milliseconds, as the simulator reads it. */
export interface Plan {
  readonly duration: number;
  readonly exitCode: number;
  readonly terminating: number;
  readonly pods: ReadonlyArray<{
    readonly indexes?: ReadonlySet<number>;
    readonly attempt?: number;
    readonly duration?: number;
    readonly exitCode?: number;
    readonly containers?: Readonly<Record<string, number>>;
    readonly condition?: string;
    readonly terminating?: number;
  }>;
  readonly events: ReadonlyArray<{ readonly at: number; readonly suspend?: boolean }>;
  readonly until: number;
}

/** A little over the longest a Job may be told to run (activeDeadlineSeconds is an int64, but days are plenty). */
const MAX_TIME = 366 * 24 * 3600 * 1000;
const MAX_ENTRIES = 10_000;

export function planOf(scenario: PreviewScenario = {}): Plan {
  const ms = (d: Duration | undefined, field: string, fallback: number) => {
    if (d === undefined) return fallback;
    const value = d.toMilliseconds();
    if (!(value >= 0 && value <= MAX_TIME)) throw new Error(`${field}: ${value} ms is outside 0 to 366 days`);
    return value;
  };
  const exit = (code: number | undefined, field: string) => {
    if (code === undefined) return undefined;
    if (!Number.isInteger(code) || code < -2147483648 || code > 2147483647) throw new Error(`${field}: ${code} is not an exit code (a 32-bit whole number; Windows reports negative ones)`);
    return code;
  };
  if ((scenario.pods?.length ?? 0) > MAX_ENTRIES || (scenario.events?.length ?? 0) > MAX_ENTRIES) {
    throw new Error(`a scenario has at most ${MAX_ENTRIES} pods and ${MAX_ENTRIES} events entries`);
  }
  return {
    duration: ms(scenario.duration, 'duration', 30_000),
    exitCode: exit(scenario.exitCode, 'exitCode') ?? 0,
    terminating: ms(scenario.terminating, 'terminating', 0),
    pods: (scenario.pods ?? []).map((p, i) => {
      const at = `pods[${i}]`;
      for (const ix of p.indexes ?? []) {
        if (!Number.isInteger(ix) || ix < 0) throw new Error(`${at}.index: ${ix} is not a completion index (a whole number from 0)`);
      }
      if (p.attempt !== undefined && !(Number.isInteger(p.attempt) && p.attempt >= 0)) throw new Error(`${at}.attempt: ${p.attempt} is not an attempt (a whole number from 0)`);
      const containers: Record<string, number> = Object.create(null);
      for (const [name, code] of Object.entries(p.containerExitCodes ?? {})) containers[name] = exit(code, `${at}.containers.${name}`)!;
      return {
        indexes: p.indexes !== undefined ? new Set(p.indexes) : undefined,
        attempt: p.attempt,
        duration: p.duration !== undefined ? ms(p.duration, `${at}.duration`, 0) : undefined,
        exitCode: exit(p.exitCode, `${at}.exitCode`),
        containers: p.containerExitCodes !== undefined ? containers : undefined,
        condition: p.condition,
        terminating: p.terminating !== undefined ? ms(p.terminating, `${at}.terminating`, 0) : undefined,
      };
    }),
    events: (scenario.events ?? []).map((e, i) => ({ at: ms(e.at, `events[${i}].at`, 0), suspend: e.suspend })),
    until: ms(scenario.until, 'until', 24 * 3600 * 1000),
  };
}

const SCENARIO_KEYS = ['duration', 'exitCode', 'terminating', 'pods', 'events', 'until'];
const POD_KEYS = ['index', 'attempt', 'duration', 'exitCode', 'containers', 'condition', 'terminating'];
const EVENT_KEYS = ['at', 'suspend'];

/**
 * Reads a scenario file (YAML or JSON), as `cdk8s-jobs preview --scenario` does. Durations are Go durations
 * ("30s", "2m", "1h30m", "1.5s", "250ms") or numbers of seconds.
 */
export function parseScenario(text: string): PreviewScenario {
  const documents = splitDocuments(text).filter(d => d.text.trim() !== '' && d.text.trim() !== '---');
  if (documents.length > 1) throw new Error('a scenario file holds one document');
  const value: any = documents.length === 0 ? {} : (parseDocument(documents[0]).value ?? {});
  object(value, 'the scenario', SCENARIO_KEYS);
  return {
    duration: duration(value.duration, 'duration'),
    exitCode: integer(value.exitCode, 'exitCode'),
    terminating: duration(value.terminating, 'terminating'),
    until: duration(value.until, 'until'),
    pods: list(value.pods, 'pods').map((p: any, i: number) => {
      const at = `pods[${i}]`;
      object(p, at, POD_KEYS);
      const index = p.index === undefined || p.index === null ? undefined : Array.isArray(p.index) ? p.index : [p.index];
      let containers: Record<string, number> | undefined;
      if (p.containers !== undefined && p.containers !== null) {
        object(p.containers, `${at}.containers`);
        containers = {};
        for (const [name, code] of Object.entries(p.containers)) containers[name] = integer(code, `${at}.containers.${name}`)!;
      }
      if (p.condition !== undefined && p.condition !== null && (typeof p.condition !== 'string' || p.condition === '')) {
        throw new Error(`${at}.condition: ${JSON.stringify(p.condition)} is not a pod condition type (for instance DisruptionTarget)`);
      }
      return {
        indexes: index?.map((ix: unknown, j: number) => integer(ix, `${at}.index${Array.isArray(p.index) ? `[${j}]` : ''}`)!),
        attempt: integer(p.attempt, `${at}.attempt`),
        duration: duration(p.duration, `${at}.duration`),
        exitCode: integer(p.exitCode, `${at}.exitCode`),
        containerExitCodes: containers,
        condition: p.condition ?? undefined,
        terminating: duration(p.terminating, `${at}.terminating`),
      };
    }),
    events: list(value.events, 'events').map((e: any, i: number) => {
      const at = `events[${i}]`;
      object(e, at, EVENT_KEYS);
      if (e.at === undefined || e.at === null) throw new Error(`${at}.at: required (when, from the Job's creation: 2m)`);
      if (e.suspend !== undefined && typeof e.suspend !== 'boolean') throw new Error(`${at}.suspend: ${JSON.stringify(e.suspend)} is not true or false`);
      return { at: duration(e.at, `${at}.at`)!, suspend: e.suspend };
    }),
  };
}

function object(value: unknown, at: string, keys?: string[]): asserts value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${at}: expected a mapping, got ${JSON.stringify(value)}`);
  if (keys === undefined) return;
  const unknown = Object.keys(value).filter(k => !keys.includes(k));
  if (unknown.length > 0) throw new Error(`${at}: unknown field ${JSON.stringify(unknown[0])}; allowed: ${keys.join(', ')}`);
}

function list(value: unknown, at: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${at}: expected a list, got ${JSON.stringify(value)}`);
  return value;
}

function integer(value: unknown, at: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`${at}: ${JSON.stringify(value)} is not a whole number`);
  return value;
}

const DURATION_PART = /([0-9]*\.?[0-9]+)(ms|s|m|h)/gy;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration ("1h30m", "1.5s") or a number of seconds. */
export function duration(value: unknown, at: string): Duration | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Duration.millis(Math.round(value * 1000));
  if (typeof value === 'string' && value !== '') {
    if (value === '0') return Duration.millis(0);
    DURATION_PART.lastIndex = 0;
    let total = 0;
    let end = 0;
    let match: RegExpExecArray | null;
    while ((match = DURATION_PART.exec(value)) !== null) {
      total += Number(match[1]) * UNIT_MS[match[2]];
      end = DURATION_PART.lastIndex;
    }
    if (end === value.length && end > 0) return Duration.millis(Math.round(total));
  }
  throw new Error(`${at}: ${JSON.stringify(value)} is not a duration (30s, 2m, 1h30m, 250ms, or a number of seconds)`);
}
