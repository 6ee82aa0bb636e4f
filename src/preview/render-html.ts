import type { PreviewResult } from './job-preview';
import { formatSeconds, summary, timelineRows } from './render-text';

const COLOURS: Record<string, string> = {
  Succeeded: '#2e7d32', Failed: '#c62828', Disrupted: '#ef6c00', Deleted: '#6d4c41', Restarted: '#ad1457', Running: '#1565c0',
};
const ROW = 22;
const LABEL = 90;
const WIDTH = 900;
const MAX_ROWS = 2000;

function escape(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

/**
 * One self-contained page (no script, no external resource): the summary, an SVG timeline with one row per index
 * (or pod) and one bar per attempt, the conditions and the status. Each bar carries its attempt's data in
 * data-* attributes, so that tools (and our browser test) can read the picture back.
 */
export function renderHtml(result: PreviewResult): string {
  const rows = timelineRows(result).slice(0, MAX_ROWS);
  const horizon = Math.max(result.end, ...result.pods.map(p => p.end ?? p.start), 1);
  const x = (seconds: number) => LABEL + (seconds / horizon) * (WIDTH - LABEL - 10);
  const height = rows.length * ROW + 40;
  const svg: string[] = [];
  svg.push(`<svg xmlns="http://www.w3.org/2000/svg" id="timeline" width="${WIDTH}" height="${height}" role="img" aria-label="pod timeline">`);
  for (const tick of ticks(horizon)) {
    svg.push(`<line x1="${x(tick).toFixed(2)}" y1="0" x2="${x(tick).toFixed(2)}" y2="${height - 20}" stroke="#ddd"/>`
      + `<text x="${x(tick).toFixed(2)}" y="${height - 6}" font-size="11" text-anchor="middle">${formatSeconds(tick)}</text>`);
  }
  rows.forEach((row, r) => {
    const y = r * ROW + 4;
    svg.push(`<g class="row" data-label="${escape(row.label)}"><text x="4" y="${y + 14}" font-size="12">${escape(row.label)}</text>`);
    for (const run of row.runs) {
      const from = x(run.start);
      const width = Math.max(2, x(run.end ?? horizon) - from);
      const title = `${row.label} attempt ${run.attempt}: ${run.result}${run.exitCode !== undefined ? ` (exit ${run.exitCode})` : ''}, `
        + `${formatSeconds(run.start)} to ${run.end !== undefined ? formatSeconds(run.end) : 'end'}${run.counted ? '' : ', not counted'}`;
      svg.push(`<rect class="attempt" x="${from.toFixed(2)}" y="${y}" width="${width.toFixed(2)}" height="${ROW - 6}" rx="3" `
        + `fill="${COLOURS[run.result] ?? '#999'}" fill-opacity="${run.counted || run.result === 'Running' ? 1 : 0.45}" `
        + `data-index="${run.index ?? ''}" data-attempt="${run.attempt}" data-start="${run.start}" data-end="${run.end ?? ''}" `
        + `data-result="${run.result}" data-exit-code="${run.exitCode ?? ''}" data-counted="${run.counted}"><title>${escape(title)}</title></rect>`);
    }
    svg.push('</g>');
  });
  svg.push('</svg>');
  const conditions = result.conditions.map(c => `<tr><td>${formatSeconds(c.time)}</td><td>${escape(c.type)}</td><td>${escape(c.status)}</td>`
    + `<td>${escape(c.reason)}</td><td>${escape(c.message)}</td></tr>`).join('\n');
  const s = result.status;
  const legend = Object.entries(COLOURS).map(([name, colour]) => `<span><i style="background:${colour}"></i>${name}</span>`).join(' ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Job ${escape(result.jobName)}: ${escape(result.outcome)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 2px 8px; text-align: left; }
.legend span { margin-right: 12px; } .legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: middle; }
</style>
</head>
<body>
<h1 id="outcome" data-outcome="${escape(result.outcome)}">Job ${escape(result.jobName)}: ${escape(result.outcome)}${result.duration !== undefined ? ` after ${formatSeconds(result.duration)}` : ''}</h1>
<p id="summary">${escape(summary(result))}</p>
<p class="legend">${legend} (faded: not counted)</p>
${svg.join('\n')}
${timelineRows(result).length > MAX_ROWS ? `<p>Only the first ${MAX_ROWS} rows are drawn.</p>` : ''}
<h2>Conditions</h2>
<table id="conditions"><tr><th>time</th><th>type</th><th>status</th><th>reason</th><th>message</th></tr>
${conditions}
</table>
<h2>Status</h2>
<p id="status">active ${s.active}, succeeded ${s.succeeded}, failed ${s.failed}, terminating ${s.terminating}${result.indexed ? `, completedIndexes "${escape(s.completedIndexes)}"` : ''}${s.failedIndexes !== undefined ? `, failedIndexes "${escape(s.failedIndexes)}"` : ''}</p>
</body>
</html>
`;
}

/** About eight round tick marks across the timeline. */
function ticks(horizon: number): number[] {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200, 86400];
  const step = steps.find(s => horizon / s <= 8) ?? 86400 * Math.ceil(horizon / 86400 / 8);
  const result: number[] = [];
  for (let t = 0; t <= horizon; t += step) result.push(t);
  return result;
}
