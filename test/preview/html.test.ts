import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { chromium, Browser } from 'playwright-core';
import { JobPreview } from '../../src/preview/job-preview';
import { renderHtml } from '../../src/preview/render-html';
import { parseScenario } from '../../src/preview/scenario';

/**
 * The HTML preview opened in a real browser (Debian's Chromium, installed by the test setup:
 * scripts/install-chromium.sh): the bars Chromium lays out must be the attempts of the JSON, one row per index, in
 * time order, each as wide as its attempt ran.
 */
const CHROMIUM = '/usr/bin/chromium';
jest.setTimeout(60_000);

let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  dir = mkdtempSync(path.join(tmpdir(), 'cdk8s-jobs-preview-'));
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const JOB = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'render-check' },
  spec: {
    completionMode: 'Indexed',
    completions: 4,
    parallelism: 2,
    backoffLimitPerIndex: 1,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.37' }] } },
  },
};

async function render(html: string) {
  const file = path.join(dir, `preview-${Date.now()}.html`);
  writeFileSync(file, html);
  const page = await browser.newPage();
  await page.goto(`file://${file}`);
  const bars = await page.$$eval('svg rect.attempt', rects => rects.map(r => {
    const box = r.getBoundingClientRect();
    const d = (r as SVGElement).dataset;
    return {
      row: (r.parentElement as unknown as SVGElement).dataset.label,
      index: d.index,
      attempt: Number(d.attempt),
      start: Number(d.start),
      end: d.end === '' ? null : Number(d.end),
      result: d.result,
      x: box.x,
      width: box.width,
      y: box.y,
      height: box.height,
    };
  }));
  const outcome = await page.$eval('#outcome', h => (h as HTMLElement).dataset.outcome);
  const title = await page.title();
  const summary = await page.$eval('#summary', p => p.textContent);
  const conditionRows = await page.$$eval('#conditions tr', rows => rows.slice(1).map(r => [...r.querySelectorAll('td')].map(td => td.textContent)));
  await page.close();
  return { bars, outcome, title, summary, conditionRows };
}

test('the rendered timeline has one bar per attempt of the JSON, placed by time', async () => {
  const preview = JobPreview.ofManifest(JOB, { scenario: parseScenario('duration: 1m\npods: [{index: 3, duration: 20s, exitCode: 1}]') });
  const json = preview.toJson();
  const page = await render(preview.toHtml());

  expect(page.outcome).toBe(json.outcome);
  expect(page.title).toBe('Job render-check: Failed');
  expect(page.bars).toHaveLength(json.pods.length);
  const fromJson = json.pods.map((p: any) => ({ index: String(p.index), attempt: p.attempt, start: p.start, end: p.end, result: p.result }))
    .sort((a: any, b: any) => a.index.localeCompare(b.index) || a.attempt - b.attempt);
  const fromPage = page.bars.map(b => ({ index: b.index, attempt: b.attempt, start: b.start, end: b.end, result: b.result }))
    .sort((a, b) => a.index!.localeCompare(b.index!) || a.attempt - b.attempt);
  expect(fromPage).toEqual(fromJson);

  // laid out: every bar visible, each index on its own row, later attempts further right, widths in proportion
  for (const bar of page.bars) {
    expect(bar.width).toBeGreaterThan(0);
    expect(bar.height).toBeGreaterThan(0);
    expect(bar.row).toBe(`index ${bar.index}`);
  }
  const rows = new Map<string, number>();
  for (const bar of page.bars) rows.set(bar.row!, bar.y);
  expect(new Set(rows.values()).size).toBe(4);
  const index3 = page.bars.filter(b => b.index === '3').sort((a, b) => a.attempt - b.attempt);
  expect(index3.map(b => b.result)).toEqual(['Failed', 'Failed']);
  expect(index3[1].x).toBeGreaterThan(index3[0].x + index3[0].width);
  const pxPerSecond = page.bars[0].width / (page.bars[0].end! - page.bars[0].start);
  for (const bar of page.bars) expect(bar.width).toBeCloseTo(Math.max(2, (bar.end! - bar.start) * pxPerSecond), 0);

  expect(page.conditionRows.map(r => r[1])).toEqual(json.conditions.map((c: any) => c.type));
  expect(page.summary).toMatch(/^Failed after 2m: index 3 used up its 1 retry/);
});

test('text is escaped, never markup', async () => {
  // the API server allows no markup in a Job's names; the page escapes whatever it is given all the same
  const preview = JobPreview.ofManifest(JOB);
  const page = await render(renderHtml({ ...preview.result, jobName: '<script>alert(1)</script>' }));
  expect(page.title).toBe('Job <script>alert(1)</script>: Complete');
  expect(page.bars).toHaveLength(4);
});
