import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, Testing } from 'cdk8s';
import {
  CheckProfile, IJobRule, IndexedJob, JobCheckEngine, JobChecks, RuleCategory, RuleContext, RuleSeverity, Violation,
} from '../../src';
import { runCliCaptured as cli } from '../util';

/** A rule of a team's own: every Job names an owner. */
const ownerLabel: IJobRule = {
  id: 'ACME001',
  name: 'owner-label',
  category: RuleCategory.SAFETY,
  severity: RuleSeverity.ERROR,
  summary: 'Every Job carries an acme.io/owner label',
  explanation: 'The on-call rota finds a failing Job\'s owner by this label.',
  fix: 'Add metadata.labels["acme.io/owner"] with the owning team.',
  source: 'ACME platform handbook, "Batch jobs"',
  check(job: any, _context: RuleContext): Violation[] {
    return job.metadata?.labels?.['acme.io/owner'] ? [] : [{ path: 'metadata.labels', message: 'metadata.labels has no acme.io/owner' }];
  },
};

const container = { name: 'main', image: 'busybox:1.37', securityContext: { user: 1000 } };
const plainJob = (extra: any = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'legacy' },
  spec: { backoffLimit: 0, activeDeadlineSeconds: 60, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.37' }] } }, ...extra },
});

describe('JobChecks.apply with rules, levels and profiles', () => {
  test('a rule of your own runs on plain Jobs and on cdk8s-jobs constructs, and its error fails synth with its fix', () => {
    const app = Testing.app();
    JobChecks.apply(app, { rules: [ownerLabel] });
    const chart = new Chart(app, 'team');
    new ApiObject(chart, 'legacy', plainJob());
    new IndexedJob(chart, 'job', { completions: 2, activeDeadline: Duration.minutes(5), containers: [container] });
    expect(() => app.synth()).toThrow(/\[team\/legacy\] ACME001 metadata.labels has no acme.io\/owner\n {4}fix: Add metadata.labels\["acme.io\/owner"\]/);
    expect(() => app.synth()).toThrow(/\[team\/job\/Resource\] ACME001 metadata.labels has no acme.io\/owner/);
  });

  test('a level raised to error fails synth whatever the rule\'s category', () => {
    const app = Testing.app();
    JobChecks.apply(app, { severities: { JOB202: RuleSeverity.ERROR } });
    new IndexedJob(new Chart(app, 'strict'), 'job', { completions: 2, containers: [container] });
    expect(() => app.synth()).toThrow('JOB202 spec.activeDeadlineSeconds is not set: nothing stops a hung Job');
  });

  test('bad configuration fails at the call, saying what is allowed', () => {
    expect(() => JobChecks.apply(new App(), { severities: { JOB999: RuleSeverity.ERROR } })).toThrow('severities: no rule JOB999 (see: cdk8s-jobs rules)');
    expect(() => JobChecks.apply(new App(), { rules: [{ ...ownerLabel, id: 'JOB500' }] }))
      .toThrow('rules[0] (JOB500): ids JOB000 to JOB999 belong to the built-in rules; use a prefix of your own');
    expect(() => JobChecks.apply(new App(), { rules: [{ ...ownerLabel, category: 'style' as RuleCategory }] }))
      .toThrow('rules[0] (ACME001): category "style" is not one of api, semantics, safety, security');
    expect(() => JobChecks.apply(new App(), { rules: [ownerLabel, { ...ownerLabel }] })).toThrow('rule ACME001: the id is taken');
  });
});

describe('JobCheckEngine: profiles set levels, never findings', () => {
  const job = plainJob();
  const levels = (profile?: CheckProfile) => Object.fromEntries(JobCheckEngine.check(job, { profile }).map(f => [f.ruleId, f.severity]));

  test('recommended keeps each rule\'s own level', () => {
    expect(levels()).toMatchObject({ JOB312: 'warning', JOB313: 'warning', JOB206: 'warning' });
  });
  test('pss-restricted makes the restricted rules errors', () => {
    expect(levels(CheckProfile.PSS_RESTRICTED)).toMatchObject({ JOB312: 'error', JOB313: 'error', JOB206: 'warning' });
  });
  test('pss-baseline leaves the restricted-only rules out', () => {
    const found = levels(CheckProfile.PSS_BASELINE);
    expect(found.JOB312).toBeUndefined();
    expect(found.JOB206).toBe('warning');
  });
  test('strict makes every warning an error', () => {
    expect(Object.values(levels(CheckProfile.STRICT)).every(level => level !== 'warning')).toBe(true);
  });
  test('a per-rule level wins over the profile', () => {
    expect(levels(CheckProfile.STRICT).JOB206).toBe('error');
    expect(Object.fromEntries(JobCheckEngine.check(job, { profile: CheckProfile.STRICT, severities: { JOB206: RuleSeverity.INFO } })
      .map(f => [f.ruleId, f.severity])).JOB206).toBe('info');
  });
  test('the engine lists the built-in rules', () => {
    expect(JobCheckEngine.builtInRules().map(r => r.id)).toContain('JOB001');
  });
});

describe('cdk8s-jobs check --rules, --profile, --severity', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'open-checker-'));
    writeFileSync(path.join(dir, 'acme-rules.js'), `
module.exports = { rules: [{
  id: 'ACME001', name: 'owner-label', category: 'safety', severity: 'warning',
  summary: 'Every Job carries an acme.io/owner label', explanation: 'The on-call rota finds owners by it.',
  fix: 'Add the acme.io/owner label.', source: 'ACME handbook',
  check: job => (job.metadata && job.metadata.labels && job.metadata.labels['acme.io/owner']) ? [] : [{ path: 'metadata.labels', message: 'metadata.labels has no acme.io/owner' }],
}] };
`);
    writeFileSync(path.join(dir, 'job.yaml'), JSON.stringify(plainJob()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));


  test('a rules module, a level and a profile', async () => {
    const { code, out } = await cli(['check', '--format', 'json', '--rules', path.join(dir, 'acme-rules.js'), '--severity', 'ACME001=error',
      '--profile', 'pss-restricted', path.join(dir, 'job.yaml')]);
    const findings = JSON.parse(out);
    expect(findings.find((f: any) => f.ruleId === 'ACME001')).toMatchObject({ severity: 'error', message: 'metadata.labels has no acme.io/owner', fix: 'Add the acme.io/owner label.' });
    expect(findings.find((f: any) => f.ruleId === 'JOB312').severity).toBe('error');
    expect(code).toBe(1);
  });

  test('SARIF lists the rule of your own among the driver\'s rules', async () => {
    const { out } = await cli(['check', '--format', 'sarif', '--rules', path.join(dir, 'acme-rules.js'), path.join(dir, 'job.yaml')]);
    const run = JSON.parse(out).runs[0];
    const result = run.results.find((r: any) => r.ruleId === 'ACME001');
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('ACME001');
  });

  test.each([
    [['--rules', '/no/such/rules.js'], '/no/such/rules.js: cannot load: Cannot find module'],
    [['--profile', 'paranoid'], '"paranoid" is not one of recommended, strict, pss-baseline, pss-restricted, gitops'],
    [['--severity', 'JOB202=fatal'], '"JOB202=fatal": give RULE=LEVEL, the level one of error, warning, info'],
    [['--severity', 'JOB999=error'], 'severities: no rule JOB999'],
  ])('refuses %j', async (args, message) => {
    const { code, err } = await cli(['check', ...args, path.join(dir, 'job.yaml')]);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  test('the validation plugin takes the same: rules, profile, severities', () => {
    const root = path.join(__dirname, '../..');
    writeFileSync(path.join(dir, 'plugin.js'), `module.exports = require(${JSON.stringify(path.join(root, 'lib'))});\n`);
    writeFileSync(path.join(dir, 'app.js'), [
      `const { App, Chart, ApiObject } = require(${JSON.stringify(require.resolve('cdk8s'))});`,
      'const app = new App();',
      `new ApiObject(new Chart(app, 'batch'), 'legacy', ${JSON.stringify(plainJob())});`,
      'app.synth();',
    ].join('\n'));
    writeFileSync(path.join(dir, 'cdk8s.yaml'), [
      'app: node app.js', 'output: dist', 'validations:', '  - package: ./plugin.js', '    class: JobValidation', '    version: 0.0.0',
      '    properties: { rules: ["./acme-rules.js"], profile: "pss-baseline", severities: { ACME001: "error" } }',
    ].join('\n'));
    const result = spawnSync(path.join(root, 'node_modules/.bin/cdk8s'), ['synth', '--no-check-upgrade', '--validation-reports-output-file', 'report.json'],
      { cwd: dir, encoding: 'utf8' });
    const violations = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')).reports[0].violations;
    expect(violations.map((v: any) => v.ruleName)).toContain('ACME001 owner-label (error)');
    expect(violations.some((v: any) => v.ruleName.startsWith('JOB312'))).toBe(false);
    expect(result.status).not.toBe(0);
  });
});
