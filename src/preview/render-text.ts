import type { PreviewPod, PreviewResult } from './job-preview';

/** "7m10s", "45s", "1h2m", "1.5s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${+seconds.toFixed(3)}s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = +(seconds % 60).toFixed(3);
  return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 ? `${s}s` : ''}`;
}

/** The rows of the timeline: one per index of an Indexed Job, one per pod otherwise. */
export function timelineRows(result: PreviewResult): Array<{ label: string; runs: PreviewPod[] }> {
  if (!result.indexed) {
    // under OnFailure one pod has several runs: a row per pod
    const byPod = new Map<string, PreviewPod[]>();
    for (const p of result.pods) byPod.set(p.pod, [...(byPod.get(p.pod) ?? []), p]);
    return [...byPod.values()].map((runs, i) => ({ label: `pod ${i}`, runs }));
  }
  const byIndex = new Map<number, PreviewPod[]>();
  for (const p of result.pods) byIndex.set(p.index!, [...(byIndex.get(p.index!) ?? []), p]);
  return [...byIndex.keys()].sort((a, b) => a - b).map(ix => ({ label: `index ${ix}`, runs: byIndex.get(ix)! }));
}

const MARK: Record<string, string> = { Succeeded: 'S', Failed: 'F', Disrupted: 'E', Deleted: 'D', Restarted: 'R', Running: '>' };
const WIDTH = 48;
/** Rows beyond these are summarized, so that a 10,000-index preview stays readable. */
const MAX_ROWS = 200;

export function renderText(result: PreviewResult): string {
  const lines: string[] = [];
  const outcome = result.outcome === 'Running' ? 'still running' : result.outcome;
  lines.push(`Job ${result.jobName}: ${outcome}${result.duration !== undefined ? ` after ${formatSeconds(result.duration)}` : ''}`
    + `${result.reason !== undefined ? ` (${result.reason})` : ''}`);
  lines.push('');
  const horizon = Math.max(result.end, ...result.pods.map(p => p.end ?? p.start), 1);
  const rows = timelineRows(result);
  const label = Math.max(...rows.slice(0, MAX_ROWS).map(r => r.label.length), 5);
  lines.push(`${''.padEnd(label)}  |${'0s'.padEnd(WIDTH / 2)}${formatSeconds(horizon).padStart(WIDTH / 2)}|`);
  for (const row of rows.slice(0, MAX_ROWS)) {
    const lane = Array<string>(WIDTH).fill(' ');
    for (const run of row.runs) {
      const from = Math.min(WIDTH - 1, Math.floor((run.start / horizon) * WIDTH));
      const to = Math.min(WIDTH - 1, Math.floor(((run.end ?? horizon) / horizon) * WIDTH));
      for (let i = from; i < to; i++) lane[i] = '=';
      lane[to] = MARK[run.result] ?? '?';
    }
    const details: string[] = [];
    let previousEnd: number | undefined;
    for (const run of row.runs) {
      if (previousEnd !== undefined && run.start > previousEnd) details.push(`wait ${formatSeconds(run.start - previousEnd)}`);
      const code = run.exitCode !== undefined && run.result !== 'Succeeded' ? ` exit ${run.exitCode}` : '';
      const counted = (run.result === 'Failed' || run.result === 'Disrupted' || run.result === 'Deleted') && !run.counted ? ', not counted' : '';
      details.push(`#${run.attempt} ${formatSeconds(run.start)}-${run.end !== undefined ? formatSeconds(run.end) : ''} ${run.result}${code}${counted}`);
      previousEnd = run.end;
    }
    lines.push(`${row.label.padEnd(label)}  |${lane.join('')}|  ${details.join('; ')}`);
  }
  if (rows.length > MAX_ROWS) lines.push(`... and ${rows.length - MAX_ROWS} more rows (--format json has them all)`);
  lines.push('');
  lines.push('Legend: = running, S succeeded, F failed, E evicted (DisruptionTarget), D deleted by the controller, R restarted in place, > still running');
  lines.push('');
  for (const c of result.conditions) {
    lines.push(`${formatSeconds(c.time).padStart(8)}  ${c.type}=${c.status} ${c.reason}${c.message !== '' ? `: ${c.message}` : ''}`);
  }
  const s = result.status;
  lines.push('');
  lines.push(`status: active ${s.active}, succeeded ${s.succeeded}, failed ${s.failed}, terminating ${s.terminating}`
    + `${result.indexed ? `, completedIndexes "${s.completedIndexes}"` : ''}${s.failedIndexes !== undefined ? `, failedIndexes "${s.failedIndexes}"` : ''}`);
  lines.push('');
  lines.push(summary(result));
  return lines.join('\n') + '\n';
}

/** One paragraph: how the Job ended, and why. */
export function summary(result: PreviewResult): string {
  const pods = result.pods;
  const failures = pods.filter(p => p.result === 'Failed' || p.result === 'Disrupted' || p.result === 'Restarted');
  const counted = failures.filter(p => p.counted).length;
  const ignored = failures.length - counted;
  const waits = backoffWaits(result);
  const sentences: string[] = [];
  const at = result.duration !== undefined ? ` after ${formatSeconds(result.duration)}` : '';
  const failedIndexes = result.status.failedIndexes;
  switch (result.reason) {
    case 'CompletionsReached':
      sentences.push(`Complete${at}: ${result.status.succeeded} ${result.status.succeeded === 1 ? 'completion' : 'completions'} succeeded.`);
      break;
    case 'SuccessPolicy':
      sentences.push(`Complete${at}: the successPolicy was met (${result.conditions.find(c => c.type === 'SuccessCriteriaMet')?.message}); `
        + 'the pods still running were deleted.');
      break;
    case 'BackoffLimitExceeded':
      sentences.push(pods.some(p => p.result === 'Restarted')
        ? `Failed${at}: the containers restarted in place (OnFailure) until their restarts reached backoffLimit ${result.backoffLimit}.`
        : `Failed${at}: ${result.status.failed} failures were counted, more than backoffLimit ${result.backoffLimit}.`);
      break;
    case 'DeadlineExceeded':
      sentences.push(`Failed${at}: activeDeadlineSeconds passed; the pods still running were deleted.`);
      break;
    case 'PodFailurePolicy':
      sentences.push(`Failed${at}: ${result.conditions.find(c => c.type === 'Failed')?.message}.`);
      break;
    case 'FailedIndexes':
      sentences.push(`Failed${at}: ${failedIndexesStory(result)}; every other index finished.`);
      break;
    case 'MaxFailedIndexesExceeded':
      sentences.push(`Failed${at}: ${describeIndexes(failedIndexes)} failed, more than maxFailedIndexes allows; the pods still running were deleted.`);
      break;
    default:
      sentences.push(`Still running at ${formatSeconds(result.end)}${result.reason !== undefined ? ` (${result.reason})` : ''}: nothing more happens in this scenario.`);
  }
  sentences.push(`${pods.length} ${pods.length === 1 ? 'attempt' : 'attempts'} ran; ${failures.length} failed`
    + `${failures.length > 0 ? ` (${counted} counted${ignored > 0 ? `, ${ignored} ignored by the podFailurePolicy or not counted` : ''})` : ''}.`);
  const list = (values: number[]) => `${values.slice(0, 6).map(formatSeconds).join(', ')}${values.length > 6 ? ', ...' : ''}`;
  if (waits.replacements.length > 0) sentences.push(`Replacements waited for the pod failure backoff: ${list(waits.replacements)}.`);
  if (waits.restarts.length > 0) sentences.push(`Containers waited for the kubelet's restart backoff: ${list(waits.restarts)}.`);
  return sentences.join(' ');
}

/** Which failed indexes used up their retries, and which a FailIndex rule failed at once. */
function failedIndexesStory(result: PreviewResult): string {
  const n = result.backoffLimitPerIndex ?? 0;
  const failures = new Map<number, number>();
  for (const p of result.pods) if (p.index !== undefined && p.result !== 'Succeeded' && p.result !== 'Running' && p.counted) failures.set(p.index, (failures.get(p.index) ?? 0) + 1);
  const failed = expandIntervals(result.status.failedIndexes ?? '');
  const usedUp = failed.filter(ix => (failures.get(ix) ?? 0) > n);
  const failIndex = failed.filter(ix => (failures.get(ix) ?? 0) <= n);
  const retries = `${n} ${n === 1 ? 'retry' : 'retries'}`;
  const parts: string[] = [];
  if (usedUp.length > 0) parts.push(`${describeList(usedUp)} used up ${usedUp.length > 1 ? `their ${retries} each` : `its ${retries}`} (backoffLimitPerIndex ${n})`);
  if (failIndex.length > 0) parts.push(`${describeList(failIndex)} failed at once by a FailIndex rule`);
  return parts.join('; ');
}

function expandIntervals(text: string): number[] {
  if (text === '') return [];
  return text.split(',').flatMap(part => {
    const [first, last] = part.split('-').map(Number);
    return Array.from({ length: (last ?? first) - first + 1 }, (_, i) => first + i);
  });
}

function describeList(indexes: number[]): string {
  const shown = indexes.length > 8 ? `${indexes.slice(0, 8).join(', ')}, ...` : indexes.join(', ');
  return `${indexes.length === 1 ? 'index' : 'indexes'} ${shown}`;
}

function describeIndexes(intervals: string | undefined): string {
  if (intervals === undefined || intervals === '') return 'no index';
  return /[,-]/.test(intervals) ? `indexes ${intervals}` : `index ${intervals}`;
}

/**
 * The gaps before a replacement: after a failure of the same index (Indexed), or after the Job's last failure when no
 * other pod started in between (NonIndexed); and, under OnFailure, before each restart in place.
 */
function backoffWaits(result: PreviewResult): { replacements: number[]; restarts: number[] } {
  const replacements: number[] = [];
  const restarts: number[] = [];
  for (const row of timelineRows(result)) {
    for (let i = 1; i < row.runs.length; i++) {
      const previous = row.runs[i - 1];
      if (previous.end === undefined || row.runs[i].start <= previous.end) continue;
      if (previous.result === 'Restarted') restarts.push(row.runs[i].start - previous.end);
      else if (result.indexed && previous.result !== 'Succeeded') replacements.push(row.runs[i].start - previous.end);
    }
  }
  if (!result.indexed) {
    const starts = [...new Set(result.pods.map(p => p.start))].sort((a, b) => a - b);
    const failures = result.pods.filter(p => (p.result === 'Failed' || p.result === 'Disrupted') && p.end !== undefined).map(p => p.end!);
    for (let i = 1; i < starts.length; i++) {
      const lastFailure = Math.max(-1, ...failures.filter(end => end <= starts[i]));
      if (lastFailure > starts[i - 1] && starts[i] > lastFailure) replacements.push(starts[i] - lastFailure);
    }
  }
  return { replacements, restarts };
}
