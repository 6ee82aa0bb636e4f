/**
 * Seeded Jobs and scenarios for the preview's differential test: the Job fields the controller reads (completions,
 * parallelism, completion mode, backoffLimit, per-index budgets, podFailurePolicy, successPolicy, deadlines,
 * podReplacementPolicy, restartPolicy, init containers and sidecars) and pods that fail, exit with chosen codes, are
 * evicted, take time to stop, under suspensions. Every Job is valid (the API server would accept it), so that the
 * real controller and the preview see the same object.
 */
import { Duration } from 'cdk8s';
import { random } from './generate';
import { PreviewCase } from './preview-diff';
import { PodBehaviour, PreviewScenario } from '../src/preview/scenario';

type Rng = () => number;
const pick = <T>(rng: Rng, values: readonly T[]): T => values[Math.floor(rng() * values.length)];
const chance = (rng: Rng, p: number) => rng() < p;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const seconds = (s: number) => Duration.millis(Math.round(s * 1000));

const EXIT_CODES = [0, 0, 1, 1, 2, 3, 42, 137, 143];

function podFailurePolicy(rng: Rng, perIndex: boolean): any {
  const actions = perIndex ? ['FailJob', 'Ignore', 'Count', 'FailIndex'] : ['FailJob', 'Ignore', 'Count'];
  const rules = Array.from({ length: int(rng, 1, 3) }, () => {
    const action = pick(rng, actions);
    if (chance(rng, 0.35)) return { action, onPodConditions: [{ type: 'DisruptionTarget', ...chance(rng, 0.2) ? { status: 'True' } : {} }] };
    const operator = action === 'Count' || chance(rng, 0.7) ? 'In' : 'NotIn';
    const values = [...new Set(Array.from({ length: int(rng, 1, 3) }, () => pick(rng, [1, 2, 3, 42, 137, 143])))].sort((a, b) => a - b);
    return { action, onExitCodes: { ...chance(rng, 0.25) ? { containerName: 'main' } : {}, operator, values } };
  });
  return { rules };
}

/** "0", or "0-k": the API server refuses "0-0". */
const intervalTo = (k: number) => (k === 0 ? '0' : `0-${k}`);

function job(rng: Rng, n: number): any {
  const indexed = chance(rng, 0.6);
  const onFailure = chance(rng, 0.15);
  const spec: any = {};
  if (indexed) {
    spec.completionMode = 'Indexed';
    spec.completions = int(rng, 1, 8);
    spec.parallelism = int(rng, 1, spec.completions + 1);
  } else {
    const shape = int(rng, 0, 2);
    if (shape !== 2) spec.completions = int(rng, 1, 6);
    if (shape !== 1) spec.parallelism = int(rng, 1, 4);
  }
  const perIndex = indexed && !onFailure && chance(rng, 0.4);
  if (perIndex) {
    spec.backoffLimitPerIndex = int(rng, 0, 2);
    if (chance(rng, 0.5)) spec.maxFailedIndexes = int(rng, 0, spec.completions);
  }
  if (!perIndex || chance(rng, 0.3)) if (chance(rng, 0.7)) spec.backoffLimit = int(rng, 0, 4);
  if (!onFailure && chance(rng, 0.35)) spec.podFailurePolicy = podFailurePolicy(rng, perIndex);
  if (chance(rng, 0.3)) spec.podReplacementPolicy = spec.podFailurePolicy !== undefined ? 'Failed' : pick(rng, ['Failed', 'TerminatingOrFailed']);
  if (indexed && chance(rng, 0.2)) {
    spec.successPolicy = {
      rules: [chance(rng, 0.5)
        ? { succeededIndexes: intervalTo(int(rng, 0, spec.completions - 1)), ...chance(rng, 0.5) ? { succeededCount: 1 } : {} }
        : { succeededCount: int(rng, 1, spec.completions) }],
    };
  }
  if (chance(rng, 0.2)) spec.activeDeadlineSeconds = pick(rng, [20, 45, 90, 200]);
  if (chance(rng, 0.1)) spec.suspend = true;
  const pod: any = { restartPolicy: onFailure ? 'OnFailure' : 'Never', containers: [{ name: 'main', image: 'busybox:1.37' }] };
  if (chance(rng, 0.2)) pod.containers.push({ name: 'helper', image: 'busybox:1.37' });
  if (chance(rng, 0.15)) pod.initContainers = [{ name: 'setup', image: 'busybox:1.37' }];
  if (chance(rng, 0.1)) pod.initContainers = [...pod.initContainers ?? [], { name: 'proxy', image: 'busybox:1.37', restartPolicy: 'Always' }];
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: `preview-${n}` }, spec: { ...spec, template: { spec: pod } } };
}

function scenario(rng: Rng, manifest: any): PreviewScenario {
  const spec = manifest.spec;
  const pods: PodBehaviour[] = Array.from({ length: int(rng, 0, 4) }, () => {
    const entry: any = {};
    if (spec.completionMode === 'Indexed' && chance(rng, 0.6)) {
      entry.indexes = [...new Set(Array.from({ length: int(rng, 1, 2) }, () => int(rng, 0, spec.completions - 1)))];
    }
    if (chance(rng, 0.4)) entry.attempt = int(rng, 0, 3);
    if (chance(rng, 0.6)) entry.duration = seconds(pick(rng, [0, 1, 5, 7.5, 12, 30, 61]));
    if (chance(rng, 0.2)) entry.condition = 'DisruptionTarget';
    if (chance(rng, 0.7)) entry.exitCode = pick(rng, EXIT_CODES);
    if (chance(rng, 0.15)) {
      const names = [...spec.template.spec.containers, ...spec.template.spec.initContainers ?? []].map((c: any) => c.name);
      entry.containerExitCodes = { [pick(rng, names)]: pick(rng, EXIT_CODES) };
    }
    if (chance(rng, 0.25)) entry.terminating = seconds(pick(rng, [0, 2, 10, 31]));
    return entry;
  });
  const events = chance(rng, 0.15)
    ? [{ at: seconds(pick(rng, [5, 20, 40])), suspend: true }, ...chance(rng, 0.8) ? [{ at: seconds(pick(rng, [30, 60, 300])), suspend: false }] : []]
    : spec.suspend === true ? [{ at: seconds(pick(rng, [0, 10, 100])), suspend: false }] : [];
  return {
    duration: seconds(pick(rng, [1, 10, 30, 45])),
    exitCode: chance(rng, 0.75) ? 0 : pick(rng, [1, 2, 42]),
    terminating: chance(rng, 0.3) ? seconds(pick(rng, [1, 5, 30])) : undefined,
    pods,
    events,
  };
}

/** `count` Jobs with scenarios, reproducible from `seed`. */
export function generatePreviewCases(seed: number, count: number): PreviewCase[] {
  const rng = random(seed);
  return Array.from({ length: count }, (_, n) => {
    const manifest = job(rng, n);
    return { id: `preview/generated-${n}`, job: manifest, scenario: scenario(rng, manifest) };
  });
}
