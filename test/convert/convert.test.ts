import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import * as ts from 'typescript';
import { convertManifests } from '../../src/convert/convert';

/**
 * `cdk8s-jobs convert`: the generated app, compiled and run, synthesizes the input's objects, object for object,
 * for every official docs Job example and every example app's output.
 */
const ROOT = path.join(__dirname, '../..');
jest.setTimeout(120_000);

/** Compiles the generated TypeScript and runs it in a scratch directory; returns what it synthesized. */
function run(source: string): any[] {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const dir = mkdtempSync(path.join(tmpdir(), 'convert-'));
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const modules: Record<string, unknown> = {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      'cdk8s': require('cdk8s'), 'cdk8s-plus-28': require('cdk8s-plus-28'), 'cdk8s-jobs': require('../../src'),
    };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('require', 'exports', js)((name: string) => modules[name], {});
    return readdirSync(path.join(dir, 'dist')).sort().flatMap(f => yaml.loadAll(readFileSync(path.join(dir, 'dist', f), 'utf8')));
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
}

function inputsOf(file: string): any[] {
  return yaml.loadAll(readFileSync(file, 'utf8')).filter(d => d !== null && d !== undefined);
}

const docs = readdirSync(path.join(ROOT, 'test/fixtures/kubernetes-docs')).filter(f => f.endsWith('.yaml')).map(f => path.join('test/fixtures/kubernetes-docs', f));
const examples = readdirSync(path.join(ROOT, 'examples')).flatMap(d => {
  const dist = path.join(ROOT, 'examples', d, 'dist');
  try {
    return readdirSync(dist).filter(f => f.endsWith('.yaml')).map(f => path.join('examples', d, 'dist', f));
  } catch {
    return [];
  }
});

test.each([...docs, ...examples].map(f => [f]))('%s: the converted app synthesizes the same objects', file => {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const source = convertManifests([{ file, text }]);
  expect(run(source)).toEqual(inputsOf(path.join(ROOT, file)));
});

test('there are docs examples and example outputs to convert', () => {
  expect(docs.length).toBeGreaterThanOrEqual(15);
  expect(examples.length).toBeGreaterThanOrEqual(8);
});

test('the constructs a person would choose, and patches only under a comment', () => {
  const source = (file: string) => convertManifests([{ file, text: readFileSync(path.join(ROOT, file), 'utf8') }]);
  expect(source('test/fixtures/kubernetes-docs/job.yaml')).toContain('new OneShotJob(chart, "pi", { metadata: { name: "pi" }, backoffLimit: 4,');
  expect(source('test/fixtures/kubernetes-docs/indexed-job.yaml')).toContain('new IndexedJob(chart, "indexed-job"');
  expect(source('test/fixtures/kubernetes-docs/cronjob.yaml')).toContain('schedule: { cron: Cron.schedule(');
  for (const file of docs) {
    const lines = source(file).split('\n');
    lines.forEach((line, i) => {
      if (line.includes('.addJsonPatch(')) expect(lines.slice(0, i).reverse().find(l => !l.includes('.addJsonPatch('))).toMatch(/^\/\/ no prop covers/);
    });
  }
});

test('cdk8s-jobs convert prints the app; without files it says what it needs', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runCli } = require('../../src/cli');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Readable } = require('stream');
  const call = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(args, { stdin: Readable.from(['']), write: (t: string) => { out += t; }, error: (t: string) => { err += t; } });
    return { code, out, err };
  };
  const file = path.join(ROOT, 'test/fixtures/kubernetes-docs/job.yaml');
  const printed = await call(['convert', file]);
  expect(printed.code).toBe(0);
  expect(run(printed.out)).toEqual(inputsOf(file));
  expect(await call(['convert'])).toMatchObject({ code: 2, err: 'cdk8s-jobs convert: give the YAML or JSON files to convert\n' });
});
