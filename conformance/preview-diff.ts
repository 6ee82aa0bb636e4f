import { spawnSync } from 'child_process';
import { JobPreview } from '../src/preview/job-preview';
import { PreviewScenario, planOf } from '../src/preview/scenario';

/** A Job and a scenario, previewed by our simulator and played by the real controller. */
export interface PreviewCase {
  readonly id: string;
  readonly job: any;
  readonly scenario: PreviewScenario;
}

export interface PreviewVerdict {
  readonly id: string;
  readonly agree: boolean;
  readonly detail?: string;
  readonly ours?: any;
  readonly theirs?: any;
}

/** The plan as JSON for the Go harness (sets as lists). */
export function planJson(scenario: PreviewScenario): any {
  const plan = planOf(scenario);
  return { ...plan, pods: plan.pods.map(p => ({ ...p, indexes: p.indexes !== undefined ? [...p.indexes] : undefined })) };
}

/** Runs every case through both, in one process of the harness, and compares the JSON of each field by field. */
export function compareWithController(binary: string, cases: readonly PreviewCase[]): PreviewVerdict[] {
  const input = cases.map(c => ({ job: c.job, plan: planJson(c.scenario) }));
  const result = spawnSync(binary, ['simulate'], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 2 ** 30 });
  if (result.status !== 0) throw new Error(`controller simulation failed: ${result.stderr}`);
  const theirs: any[] = JSON.parse(result.stdout);
  return cases.map((c, n) => {
    let ours: any;
    try {
      ours = JobPreview.ofManifest(c.job, { scenario: c.scenario }).toJson();
    } catch (error) {
      return { id: c.id, agree: false, detail: `our preview failed: ${(error as Error).message}` };
    }
    const difference = firstDifference(samePodNames(ours), samePodNames(theirs[n]), '');
    return difference === undefined
      ? { id: c.id, agree: true }
      : { id: c.id, agree: false, detail: difference, ours, theirs: theirs[n] };
  });
}

/** The first path at which two JSON values differ, with both values. */
export function firstDifference(a: any, b: any, at: string): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[key], b[key], at === '' ? key : `${at}.${key}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const same = a === b || ((a === null || a === undefined) && (b === null || b === undefined));
  return same ? undefined : `${at}: ours ${JSON.stringify(a)}, the controller's ${JSON.stringify(b)}`;
}

/**
 * When several pods fail at once and more than one matches a FailJob rule, the controller names the first it lists
 * (getFailJobMessage), in its informer's order, which is a map's: the pod's name and its exit code in the message are
 * not compared (every pod's exit code is, in pods[]).
 */
function samePodNames(result: any): any {
  const conditions = (result?.conditions ?? []).map((c: any) => c.reason !== 'PodFailurePolicy' ? c : {
    ...c, message: String(c.message).replace(/(for pod |^Pod )[^ ]+/, '$1<pod>').replace(/with exit code -?\d+/, 'with exit code <code>'),
  });
  return { ...result, conditions };
}
