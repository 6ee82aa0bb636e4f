import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';

/**
 * The README's validation-plugin snippet, taken from the README as written, run by the real cdk8s CLI (cdk8s-cli, a
 * dev dependency) on a small app: the plugin is this package as installed in the app's node_modules.
 */
const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'node_modules/.bin/cdk8s');
jest.setTimeout(120_000);

function readmeSnippet(): any {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### As a cdk8s validation plugin'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)![1];
  return yaml.load(block);
}

function app(restartPolicy: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cdk8s-jobs-plugin-'));
  mkdirSync(path.join(dir, 'node_modules'));
  for (const dep of ['cdk8s', 'constructs', 'cdk8s-plus-28']) symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(dir, 'node_modules', dep));
  symlinkSync(ROOT, path.join(dir, 'node_modules/cdk8s-jobs'));
  writeFileSync(path.join(dir, 'main.js'), `
const { App, Chart, ApiObject } = require('cdk8s');
const app = new App();
new ApiObject(new Chart(app, 'plain'), 'job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'nightly' },
  spec: { backoffLimit: 0, activeDeadlineSeconds: 600, template: { spec: { restartPolicy: '${restartPolicy}',
    containers: [{ name: 'c', image: 'busybox:1.37' }] } } } });
app.synth();
`);
  writeFileSync(path.join(dir, 'cdk8s.yaml'), yaml.dump({ language: 'typescript', app: 'node main.js', ...readmeSnippet() }));
  return dir;
}

function synth(dir: string) {
  const result = spawnSync(CLI, ['synth', '--no-check-upgrade'], { cwd: dir, encoding: 'utf8', env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' } });
  rmSync(dir, { recursive: true, force: true });
  return result;
}

test('the snippet loads the installed copy, not one from npm', () => {
  expect(readmeSnippet().validations[0]).toMatchObject({ package: './node_modules/cdk8s-jobs', class: 'JobValidation' });
});

test('an invalid Job fails cdk8s synth with the rule, the field and the fix', () => {
  const result = synth(app('Always'));
  expect(result.status).not.toBe(0);
  expect(result.stdout).not.toContain('Installing validation plugin');
  expect(result.stdout).toContain('JOB001 restart-policy (error)');
  expect(result.stdout).toContain('spec.template.spec.restartPolicy is "Always"; a Job allows only "Never" or "OnFailure"');
  expect(result.stdout).toContain('How to fix: Set spec.template.spec.restartPolicy to Never');
});

test('a valid Job passes', () => {
  const result = synth(app('Never'));
  expect(result.stdout + result.stderr).toContain('Validation Report');
  expect(result.stdout).toMatch(/Status\s+│ success/);
  expect(result.status).toBe(0);
});
