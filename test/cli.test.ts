import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { runCliCaptured as cli } from './util';
import { ALL_RULES } from '../src/checks/registry';

const FIXTURES = path.join(__dirname, 'fixtures');
const relative = (file: string) => path.relative(process.cwd(), path.join(FIXTURES, file));


async function jsonFindings(args: string[], stdin?: string): Promise<any[]> {
  const { out } = await cli(['check', '--format', 'json', ...args], stdin);
  return JSON.parse(out);
}

describe('cdk8s-jobs check', () => {
  test('the official Kubernetes docs Job examples give no api or semantics error', async () => {
    const { code } = await cli(['check', relative('kubernetes-docs')]);
    const findings = await jsonFindings([relative('kubernetes-docs')]);
    expect(findings.filter(f => f.category === 'api')).toEqual([]);
    expect(findings.filter(f => f.severity === 'error')).toEqual([]);
    expect(code).toBe(0);
    // the redis example is a real work queue: the checker explains its completion semantics
    expect(findings.filter(f => f.ruleId === 'JOB103').map(f => f.jobName)).toEqual(['job-wq-2']);
  });

  test.each([
    ['pod-level-backoff-limit.yaml', 'JOB013', 9, 7, 'spec.template.spec.backoffLimit'],
    ['hand-written-selector.yaml', 'JOB010', 7, 3, 'spec.selector'],
    ['pipeline-without-indexed.yaml', 'JOB101', 17, 11, 'spec.template.spec.containers[0].command[2]'],
    ['restart-policy-left-out.yaml', 'JOB001', 8, 5, 'spec.template.spec.restartPolicy'],
  ])('a classic tutorial mistake, %s, gives %s at line %i column %i', async (file, ruleId, line, column, fieldPath) => {
    const errors = (await jsonFindings([relative(`tutorials/${file}`)])).filter(f => f.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ ruleId, line, column, path: fieldPath, file: relative(`tutorials/${file}`) })]);
    expect((await cli(['check', relative(`tutorials/${file}`)])).code).toBe(1);
  });

  test('text output: file:line:col  severity  RULE  message, then the fix, then a summary', async () => {
    const { out } = await cli(['check', '--min-severity', 'error', relative('tutorials/hand-written-selector.yaml')]);
    expect(out).toBe(`${relative('tutorials/hand-written-selector.yaml')}:7:3  error  JOB010  spec.selector is set without spec.manualSelector; `
      + 'the API server generates the selector and rejects a hand-written one\n'
      + '    fix: Remove spec.selector and those template labels; set manualSelector: true only if you really manage the selector yourself, with labels it selects.\n'
      + '1 job(s) in 1 document(s): 1 error(s), 0 warning(s), 0 info\n');
  });

  test('JSON findings carry exactly the documented fields', async () => {
    const [finding] = await jsonFindings(['--min-severity', 'error', relative('tutorials/restart-policy-left-out.yaml')]);
    expect(Object.keys(finding)).toEqual(['ruleId', 'category', 'severity', 'message', 'file', 'line', 'column', 'path', 'jobName', 'fix']);
    expect(finding).toMatchObject({ category: 'api', jobName: 'hello' });
  });

  test('SARIF 2.1.0 output lists every rule and maps severities to levels', async () => {
    const { out } = await cli(['check', '--format', 'sarif', relative('tutorials')]);
    const sarif = JSON.parse(out);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(ALL_RULES.map(r => r.id));
    const selector = run.results.find((r: any) => r.ruleId === 'JOB010');
    expect(selector.level).toBe('error');
    expect(run.tool.driver.rules[selector.ruleIndex].id).toBe('JOB010');
    expect(selector.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: relative('tutorials/hand-written-selector.yaml') }, region: { startLine: 7, startColumn: 3 } });
    expect(run.results.some((r: any) => r.level === 'warning')).toBe(true);
  });

  test('Jobs inside a CronJob and a List are checked, with document paths and lines', async () => {
    const yaml = [
      'apiVersion: batch/v1', 'kind: CronJob', 'metadata:', '  name: nightly', 'spec:', '  schedule: "0 3 * * *"', '  jobTemplate:',
      '    spec:', '      template:', '        spec:', '          restartPolicy: Always', '          containers:', '          - {name: c, image: busybox:1.37}',
      '---', 'apiVersion: v1', 'kind: List', 'items:', '- apiVersion: v1', '  kind: ConfigMap', '  metadata: {name: skipped}',
      '- apiVersion: batch/v1', '  kind: Job', '  metadata: {name: listed}', '  spec:', '    parallelism: 0',
      '    template: {spec: {restartPolicy: Never, containers: [{name: c, image: busybox:1.37}]}}',
    ].join('\n');
    const errors = (await jsonFindings(['-'], yaml)).filter(f => f.severity === 'error');
    expect(errors.map(f => [f.ruleId, f.path, f.line, f.jobName])).toEqual([
      ['JOB001', 'spec.jobTemplate.spec.template.spec.restartPolicy', 11, 'nightly'],
      ['JOB104', 'items[1].spec.parallelism', 25, 'listed'],
    ]);
    // a CronJob's Jobs are cleaned up by its history limits: no TTL warning there, even for YAML applied once
    expect((await jsonFindings(['--deployment-tool', 'one-off', '-'], yaml)).filter(f => f.ruleId === 'JOB203').map(f => f.jobName)).toEqual(['listed']);
  });

  test('--deployment-tool decides whether a TTL is asked for or warned about', async () => {
    const job = 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  ttlSecondsAfterFinished: 60\n  template: {spec: {restartPolicy: Never, containers: [{name: c, image: busybox:1.37}]}}\n';
    const ttlRules = async (args: string[]) => (await jsonFindings([...args, '-'], job)).filter(f => ['JOB203', 'JOB207'].includes(f.ruleId)).map(f => f.ruleId);
    expect(await ttlRules([])).toEqual([]);
    expect(await ttlRules(['--deployment-tool', 'flux'])).toEqual(['JOB207']);
    expect(await ttlRules(['--deployment-tool', 'one-off'])).toEqual([]);
    const noTtl = job.replace('  ttlSecondsAfterFinished: 60\n', '');
    expect((await jsonFindings(['--deployment-tool', 'one-off', '-'], noTtl)).filter(f => f.ruleId === 'JOB203')).toHaveLength(1);
    const { code, err } = await cli(['check', '--deployment-tool', 'jenkins', '-'], job);
    expect(code).toBe(2);
    expect(err).toContain('--deployment-tool: deployment tool must be argocd, flux, helm or one-off, got "jenkins"');
  });

  test('an unparseable document is reported with file:line, exit 2, and the other documents and files are still checked', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cli-'));
    try {
      writeFileSync(path.join(dir, 'a-broken.yaml'), 'apiVersion: batch/v1\nkind: Job\n---\nkey: [unclosed\n---\n' + readFileSync(path.join(FIXTURES, 'tutorials/restart-policy-left-out.yaml'), 'utf8'));
      writeFileSync(path.join(dir, 'b.yaml'), readFileSync(path.join(FIXTURES, 'tutorials/hand-written-selector.yaml'), 'utf8'));
      const { code, out } = await cli(['check', '--min-severity', 'error', dir]);
      expect(code).toBe(2);
      expect(out).toContain(`${path.join(dir, 'a-broken.yaml')}:5:1  error  parse  `);
      expect(out).toContain(`${path.join(dir, 'a-broken.yaml')}:13:5  error  JOB001`);
      expect(out).toContain(`${path.join(dir, 'b.yaml')}:7:3  error  JOB010`);
      const missing = await cli(['check', path.join(dir, 'missing.yaml')]);
      expect(missing.code).toBe(2);
      expect(missing.out).toContain(`${path.join(dir, 'missing.yaml')}:1:1  error  parse  cannot read: ENOENT`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--disable and --min-severity filter findings; unknown rules and bad values are usage errors', async () => {
    const file = relative('tutorials/hand-written-selector.yaml');
    const all = await jsonFindings([file]);
    expect(all.some(f => f.ruleId === 'JOB202')).toBe(true);
    const disabled = await jsonFindings(['--disable', 'JOB202,JOB203', '--disable', 'JOB010', file]);
    expect(disabled.map(f => f.ruleId)).not.toEqual(expect.arrayContaining(['JOB202']));
    expect(disabled.map(f => f.ruleId)).not.toContain('JOB010');
    expect(disabled.map(f => f.ruleId)).not.toContain('JOB203');
    expect((await jsonFindings(['--min-severity', 'error', file])).every(f => f.severity === 'error')).toBe(true);
    expect(await cli(['check', '--disable', 'JOB999', file])).toMatchObject({ code: 2, err: 'cdk8s-jobs check: --disable: unknown rule JOB999 (see: cdk8s-jobs rules)\n' });
    expect((await cli(['check', '--min-severity', 'fatal', file])).code).toBe(2);
    expect((await cli(['check', '--kube-version', 'latest', file])).code).toBe(2);
    expect((await cli(['check'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });

  test('--kube-version refuses fields the target does not serve', async () => {
    const yaml = readFileSync(path.join(FIXTURES, 'kubernetes-docs/job-success-policy.yaml'), 'utf8');
    expect((await cli(['check', '-'], yaml)).code).toBe(0);
    const old = await jsonFindings(['--kube-version', '1.30', '-'], yaml);
    expect(old.filter(f => f.severity === 'error').map(f => f.ruleId)).toEqual(['JOB012']);
  });

  test('a suppression annotation with a reason silences a rule on that Job; without a reason it is reported', async () => {
    const job = (annotation: string) => [
      'apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: x', '  annotations:', `    ${annotation}`,
      'spec:', '  template: {spec: {restartPolicy: Never, containers: [{name: c, image: busybox:1.37}]}}',
    ].join('\n');
    const withReason = await jsonFindings(['-'], job('suppress.cdk8s-jobs.io/JOB202: "bounded by the caller\'s own timeout"'));
    expect(withReason.map(f => f.ruleId)).not.toContain('JOB202');
    const withoutReason = await jsonFindings(['-'], job('suppress.cdk8s-jobs.io/JOB202: ""'));
    expect(withoutReason.map(f => f.ruleId)).toEqual(expect.arrayContaining(['JOB000', 'JOB202']));
    expect(withoutReason.find(f => f.ruleId === 'JOB000')).toMatchObject({ line: 6, column: 5 });
  });
});

describe('cdk8s-jobs rules', () => {
  test('lists every rule', async () => {
    const { code, out } = await cli(['rules']);
    expect(code).toBe(0);
    for (const rule of ALL_RULES) expect(out).toContain(`${rule.id}  ${rule.severity}`);
    const json = JSON.parse((await cli(['rules', '--format', 'json'])).out);
    expect(json.map((r: any) => r.id)).toEqual(ALL_RULES.map(r => r.id));
  });

  test('docs/RULES.md is the generated rules reference, and documents every rule', async () => {
    const { out } = await cli(['rules', '--format', 'markdown']);
    expect(readFileSync(path.join(__dirname, '../docs/RULES.md'), 'utf8')).toBe(out);
    for (const rule of ALL_RULES) expect(out).toContain(`### ${rule.id} ${rule.name}`);
  });
});

test('the installed bin runs the compiled CLI (npm test compiles first)', () => {
  const bin = path.join(__dirname, '../bin/cdk8s-jobs');
  const result = spawnSync('node', [bin, 'check', '--min-severity', 'error', relative('tutorials/restart-policy-left-out.yaml')], { encoding: 'utf8' });
  expect(result.status).toBe(1);
  expect(result.stdout).toContain('JOB001');
  expect(execFileSync('node', [bin, '--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+/);
});

describe('inputs as kubectl reads them', () => {
  const BAD_JOB = 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: bad}\nspec:\n  template:\n    spec:\n      restartPolicy: Always\n      containers: [{name: main, image: busybox:1.37}]\n';

  test('invalid UTF-8 refuses the file, with its line, as kubectl does', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'utf8-'));
    try {
      const file = path.join(dir, 'job.yaml');
      writeFileSync(file, Buffer.concat([Buffer.from('apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: caf'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]));
      const { code, out } = await cli(['check', file]);
      expect(code).toBe(2);
      expect(out).toContain(`${file}:4:1  error  parse  invalid UTF-8 (byte 0xc3); kubectl refuses the file`);
      expect(await jsonFindings([file])).toEqual([expect.objectContaining({ ruleId: 'INPUT', severity: 'error', file, line: 4, message: 'invalid UTF-8 (byte 0xc3); kubectl refuses the file' })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('symbolic links are followed, a loop is read once, and every skipped path is named on stderr', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'links-'));
    try {
      mkdirSync(path.join(dir, 'real'));
      writeFileSync(path.join(dir, 'real', 'job.yaml'), BAD_JOB);
      writeFileSync(path.join(dir, 'README.md'), '# notes\n');
      writeFileSync(path.join(dir, 'construct-metadata.json'), '{}');
      symlinkSync(path.join(dir, 'real', 'job.yaml'), path.join(dir, 'linked.yaml'));
      symlinkSync(dir, path.join(dir, 'real', 'loop'));
      symlinkSync(path.join(dir, 'missing.yaml'), path.join(dir, 'broken.yaml'));
      const { code, err } = await cli(['check', dir]);
      const findings = await jsonFindings([dir]);
      expect(code).toBe(1);
      expect(findings.filter(f => f.ruleId === 'JOB001').map(f => path.relative(dir, f.file))).toEqual(['linked.yaml', path.join('real', 'job.yaml')]);
      expect(err).toContain(`skipped ${path.join(dir, 'README.md')}: not a .yaml, .yml or .json file`);
      expect(err).toContain(`skipped ${path.join(dir, 'construct-metadata.json')}: cdk8s metadata, not a Kubernetes object`);
      expect(err).toContain(`skipped ${path.join(dir, 'broken.yaml')}: a symbolic link to nothing`);
      expect(err).toContain(`skipped ${path.join(dir, 'real', 'loop')}: a directory already read (a symbolic link loop)`);
      // and in the JSON, beside the findings
      expect(findings.filter(f => f.ruleId === 'SKIPPED').map(f => path.relative(dir, f.file))).toEqual(['broken.yaml', 'construct-metadata.json', 'README.md', path.join('real', 'loop')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a JSON stream is read as kubectl reads it: concatenated values, YAML after one, refused after two', async () => {
    const job = (name: string) => JSON.stringify({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { template: { spec: { restartPolicy: 'Always', containers: [{ name: 'main', image: 'busybox:1.37' }] } } } });
    const restartErrors = async (stdin: string) => (await jsonFindings(['-'], stdin)).filter(f => f.ruleId === 'JOB001').map(f => [f.jobName, f.line]);
    expect(await restartErrors(`${job('a')}${job('b')}\n${job('c')}`)).toEqual([['a', 1], ['b', 1], ['c', 2]]);
    const yamlAfterOne = `${job('a')}\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: yjob}\nspec: {template: {spec: {restartPolicy: Always, containers: [{name: main, image: busybox:1.37}]}}}\n`;
    expect(await restartErrors(yamlAfterOne)).toEqual([['a', 1], ['yjob', 6]]);
    const afterTwo = await jsonFindings(['-'], `${job('a')}\n${job('b')}\nc: yes\n`);
    expect(afterTwo.filter(f => f.ruleId === 'INPUT').map(f => [f.line, f.message])).toEqual([[3, 'the JSON stream continues with "c", which does not begin a JSON value']]);
  });

  test('a string kubectl reads as a number is checked as a number (env value 0o644 is not a string)', async () => {
    const job = 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: octal}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n'
      + '      containers: [{name: main, image: busybox:1.37, env: [{name: MODE, value: 0o644}]}]\n';
    const findings = await jsonFindings(['-'], job);
    expect(findings.filter(f => f.ruleId === 'JOB014').map(f => f.message)).toEqual(['spec.template.spec.containers[0].env[0].value is 420; it must be a string']);
  });
});

describe('the hostile and unusual inputs of issue 9, read as kubectl reads them', () => {
  const job = (specExtra: string, container = '', name = 'h') => 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ' + name + '\nspec:\n  backoffLimit: 2\n' + specExtra
    + '  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.37\n' + container;
  const apiErrors = async (text: string) => (await jsonFindings(['-'], text)).filter(f => f.category === 'api' || f.ruleId === 'INPUT').map(f => `${f.ruleId} ${f.path}`);

  test.each([
    ['an env value 2024-01-01 is a string to kubectl', job('', '        env: [{name: D, value: 2024-01-01}]\n'), []],
    ['an arg 10:30 is a string (no sexagesimals)', job('', '        args: ["--at", 10:30]\n'), []],
    ['completions: 5e0 is 5', job('  completions: 5e0\n'), []],
    ['an empty parallelism: is null, i.e. unset', job('  parallelism:\n'), []],
    ['an env value 1e-3 is a number, which an env value may not be', job('', '        env: [{name: D, value: 1e-3}]\n'), ['JOB014 spec.template.spec.containers[0].env[0].value']],
    ['keys named after Object.prototype members are unknown fields, not faults',
      job('  constructor: 1\n  __proto__: {x: 1}\n  hasOwnProperty: 2\n'), ['JOB013 spec.constructor', 'JOB013 spec.__proto__', 'JOB013 spec.hasOwnProperty']],
  ])('%s', async (_name, text, expected) => {
    expect((await apiErrors(text)).sort()).toEqual([...expected].sort());
    const findings = await jsonFindings(['-'], text);
    expect(findings.filter(f => /checker fault/.test(f.message))).toEqual([]);
  });

  test('a byte order mark at the start of a later document hides no Job', async () => {
    const findings = await jsonFindings(['-'], `${job('', '', 'first')}---\n\ufeff${job('', '', 'second').replace('restartPolicy: Never', 'restartPolicy: Always')}`);
    expect(findings.filter(f => f.ruleId === 'JOB001').map(f => f.jobName)).toEqual(['second']);
  });

  test.each([9, 40])('an alias bomb of nine levels, each %i aliases wide, is refused quickly, as kubectl refuses it', async (width) => {
    const lines = [`a: &a [${Array(width).fill('"lol"').join(',')}]`];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(width).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const started = Date.now();
    const { code, out } = await cli(['check', '--format', 'json', '-'], lines.join('\n') + '\n');
    expect(code).toBe(2);
    expect(JSON.parse(out)).toEqual([expect.objectContaining({ ruleId: 'INPUT', message: expect.stringContaining('document contains excessive aliasing') })]);
    expect(out.length).toBeLessThan(2000);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
