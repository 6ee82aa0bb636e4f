import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { runCliCaptured as cli } from '../util';

const DOCS = path.join(__dirname, '../fixtures/kubernetes-docs');


let dir: string;
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
beforeAll(() => { dir = mkdtempSync(path.join(tmpdir(), 'cdk8s-jobs-preview-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cdk8s-jobs preview', () => {
  test('--format json on a docs example with a scenario file', async () => {
    const scenario = write('even-fail.yaml', 'duration: 5s\npods:\n  - index: [0, 2, 4, 6, 8]\n    exitCode: 1\n');
    const { code, out, err } = await cli(['preview', path.join(DOCS, 'job-backoff-limit-per-index-example.yaml'), '--scenario', scenario, '--format', 'json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ outcome: 'Failed', reason: 'FailedIndexes', status: { failedIndexes: '0,2,4,6,8', completedIndexes: '1,3,5,7,9' } });
  });

  test('text by default, read from standard input', async () => {
    const job = 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: hello}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox}]\n';
    const { code, out } = await cli(['preview', '-'], job);
    expect(code).toBe(0);
    expect(out).toMatch(/^Job hello: Complete after 30s \(CompletionsReached\)\n/);
  });

  test('a CronJob previews one run of its jobTemplate', async () => {
    const { code, out } = await cli(['preview', path.join(DOCS, 'cronjob.yaml'), '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(out).outcome).toBe('Complete');
  });

  test('--format html writes one page', async () => {
    const { code, out } = await cli(['preview', path.join(DOCS, 'job.yaml'), '--format', 'html']);
    expect(code).toBe(0);
    expect(out).toMatch(/^<!DOCTYPE html>/);
    expect(out).toContain('<svg');
  });

  test('a file with several Jobs needs --job', async () => {
    const two = write('two.yaml', ['a', 'b'].map(name => `apiVersion: batch/v1\nkind: Job\nmetadata: {name: ${name}}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox}]\n`).join('---\n'));
    expect(await cli(['preview', two])).toMatchObject({ code: 2, err: `cdk8s-jobs preview: ${two} holds 2 Jobs (a, b): pick one with --job NAME\n` });
    const picked = await cli(['preview', two, '--job', 'b', '--format', 'json']);
    expect(picked.code).toBe(0);
    expect(await cli(['preview', two, '--job', 'c'])).toMatchObject({ code: 2, err: `cdk8s-jobs preview: ${two}: no Job or CronJob named "c" (found: a, b)\n` });
  });

  test.each([
    [['preview'], 'give one file (or - for standard input)'],
    [['preview', 'x.yaml', '--format', 'svg'], '--format must be text, json or html, got "svg"'],
    [['preview', '/no/such/file.yaml'], "/no/such/file.yaml: ENOENT: no such file or directory, stat '/no/such/file.yaml'"],
  ])('bad usage: %j', async (args, message) => {
    const { code, err } = await cli(args);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  test('a scenario that cannot be read names the file and the field', async () => {
    const bad = write('bad.yaml', 'pods:\n  - index: 1\n    exitcode: 2\n');
    const { code, err } = await cli(['preview', path.join(DOCS, 'job.yaml'), '--scenario', bad]);
    expect(code).toBe(2);
    expect(err).toBe(`cdk8s-jobs preview: ${bad}: pods[0]: unknown field "exitcode"; allowed: index, attempt, duration, exitCode, containers, condition, terminating\n`);
  });

  test('a Job the API server would refuse is refused with the field', async () => {
    const always = write('always.yaml', 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n      restartPolicy: Always\n      containers: [{name: c, image: busybox}]\n');
    const { code, err } = await cli(['preview', always]);
    expect(code).toBe(2);
    expect(err).toBe(`cdk8s-jobs preview: ${always}: the API server refuses this Job, so it never runs: JOB001 spec.template.spec.restartPolicy: `
      + 'spec.template.spec.restartPolicy is "Always"; a Job allows only "Never" or "OnFailure"\n');
  });

  test('the installed command runs it', () => {
    const result = spawnSync(path.join(__dirname, '../../bin/cdk8s-jobs'), ['preview', path.join(DOCS, 'job.yaml'), '--format', 'json'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).outcome).toBe('Complete');
  });
});
