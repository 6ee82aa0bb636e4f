import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { CheckWarnings, IndexedJob, JobChecks, JobSettings } from '../src';

const container = { name: 'main', image: 'busybox:1.37' };
const plainJob = (spec: any) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'legacy' }, spec });

describe('JobChecks.apply', () => {
  test('fails synth on a plain ApiObject Job the API server would reject, naming its construct path', () => {
    const app = Testing.app();
    JobChecks.apply(app);
    const chart = new Chart(app, 'batch');
    new ApiObject(chart, 'legacy', plainJob({ template: { spec: { restartPolicy: 'Always', containers: [container] } } }));
    expect(() => app.synth()).toThrow('Validation failed with the following errors:\n  [batch/legacy] JOB001 spec.template.spec.restartPolicy is "Always"; a Job allows only "Never" or "OnFailure"');
  });

  test('checks a cdk8s-plus Job, which accepts restartPolicy Always', () => {
    const chart = new Chart(Testing.app(), 'plus');
    JobChecks.apply(chart);
    new kplus.Job(chart, 'job', { containers: [{ image: 'busybox:1.37' }], restartPolicy: kplus.RestartPolicy.ALWAYS });
    expect(() => Testing.synth(chart)).toThrow('[plus/job/Resource] JOB001 spec.template.spec.restartPolicy is "Always"');
  });

  test('checks a KubeJob and a CronJob\'s job template', () => {
    const chart = new Chart(Testing.app(), 'l1');
    JobChecks.apply(chart);
    new kplus.k8s.KubeJob(chart, 'kube', {
      metadata: { name: 'kube' },
      spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { restartPolicy: 'Never', containers: [container] } } },
    });
    new ApiObject(chart, 'cron', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'cron' },
      spec: { schedule: '0 3 * * *', jobTemplate: { spec: { parallelism: 0, template: { spec: { restartPolicy: 'Never', containers: [container] } } } } },
    });
    expect(() => Testing.synth(chart)).toThrow(
      '[l1/kube] JOB010 spec.selector is set without spec.manualSelector; the API server generates the selector and rejects a hand-written one\n'
      + '    fix: Remove spec.selector and those template labels; set manualSelector: true only if you really manage the selector yourself, '
      + 'with labels it selects.\n'
      + '  [l1/cron] JOB104 spec.jobTemplate.spec.parallelism is 0: no pod runs and the Job never completes (use spec.suspend to pause)\n'
      + '    fix: Use spec.suspend: true to pause a Job.');
  });

  test('leaves valid Jobs and other kinds alone', () => {
    const chart = new Chart(Testing.app(), 'ok');
    JobChecks.apply(chart);
    new ApiObject(chart, 'job', plainJob({ backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [container] } } }));
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { restartPolicy: 'Always' } });
    expect(Testing.synth(chart)).toHaveLength(2);
  });

  test('prints each warning once per object, though cdk8s validates once per chart written', () => {
    const app = Testing.app({ outdir: mkdtempSync(path.join(tmpdir(), 'warn-')) });
    JobSettings.apply(app, { checkWarnings: CheckWarnings.PRINT });
    JobChecks.apply(app);
    new ApiObject(new Chart(app, 'one'), 'legacy', plainJob({ template: { spec: { restartPolicy: 'Never', containers: [container] } } }));
    new Chart(app, 'two');
    const printed: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((text: any) => { printed.push(String(text)); return true; });
    try {
      app.synth();
    } finally {
      spy.mockRestore();
    }
    const deadline = printed.filter(line => line.includes('JOB202'));
    expect(deadline).toEqual(['[one/legacy] warning JOB202 spec.activeDeadlineSeconds is not set: nothing stops a hung Job\n'
      + '    fix: Set spec.activeDeadlineSeconds to a generous upper bound of the expected run time.\n']);
  });

  test('an IndexedJob\'s warnings print under its own construct path', () => {
    const app = Testing.app();
    JobSettings.apply(app, { checkWarnings: CheckWarnings.PRINT });
    new IndexedJob(new Chart(app, 'batch'), 'job', { completions: 2, containers: [container] });
    const printed: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((text: any) => { printed.push(String(text)); return true; });
    try {
      app.synthYaml();
    } finally {
      spy.mockRestore();
    }
    expect(printed).toContain('[batch/job] warning JOB202 spec.activeDeadlineSeconds is not set: nothing stops a hung Job\n'
      + '    fix: Set spec.activeDeadlineSeconds to a generous upper bound of the expected run time.\n');
  });

  test('warnings fail synth with CheckWarnings.FAIL, for IndexedJob too', () => {
    const app = Testing.app();
    JobSettings.apply(app, { checkWarnings: CheckWarnings.FAIL });
    new IndexedJob(new Chart(app, 'strict'), 'job', { completions: 2, containers: [container] });
    expect(() => app.synth()).toThrow('[strict/job] JOB202 spec.activeDeadlineSeconds is not set: nothing stops a hung Job');
  });

  test('the CDK8S_JOBS_WARNINGS environment variable is validated', () => {
    const saved = process.env.CDK8S_JOBS_WARNINGS;
    process.env.CDK8S_JOBS_WARNINGS = 'loud';
    try {
      expect(() => JobSettings.resolve(new Chart(Testing.app(), 'c'))).toThrow('CDK8S_JOBS_WARNINGS must be print, fail or ignore, got "loud"');
    } finally {
      process.env.CDK8S_JOBS_WARNINGS = saved;
    }
  });
});

describe('JobValidation, the cdk8s validation plugin', () => {
  const root = path.join(__dirname, '..');
  const cdk8sCli = path.join(root, 'node_modules/.bin/cdk8s');

  function synthWithPlugin(spec: any): { status: number | null; output: string; report: any } {
    const dir = mkdtempSync(path.join(tmpdir(), 'plugin-'));
    try {
      // the plugin as the CLI loads a local package: a path starting with ./
      writeFileSync(path.join(dir, 'plugin.js'), `module.exports = require(${JSON.stringify(path.join(root, 'lib'))});\n`);
      writeFileSync(path.join(dir, 'app.js'), [
        `const { App, Chart, ApiObject } = require(${JSON.stringify(require.resolve('cdk8s'))});`,
        'const app = new App();',
        `new ApiObject(new Chart(app, 'batch'), 'legacy', ${JSON.stringify(plainJob(spec))});`,
        'app.synth();',
      ].join('\n'));
      writeFileSync(path.join(dir, 'cdk8s.yaml'), [
        'app: node app.js',
        'output: dist',
        'validations:',
        '  - package: ./plugin.js',
        '    class: JobValidation',
        '    version: 0.0.0',
        '    properties: { kubeVersion: "1.33" }',
      ].join('\n'));
      const result = spawnSync(cdk8sCli, ['synth', '--no-check-upgrade', '--validation-reports-output-file', 'report.json'], { cwd: dir, encoding: 'utf8' });
      const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
      return { status: result.status, output: result.stdout + result.stderr, report };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('fails the real cdk8s synth on an error and reports every finding', () => {
    const { status, output, report } = synthWithPlugin({ template: { spec: { containers: [container] } } });
    expect(status).toBe(2);
    expect(output).toContain('JOB001 restart-policy (error)');
    const violations = report.reports[0].violations;
    const restart = violations.find((v: any) => v.ruleName.startsWith('JOB001'));
    expect(restart.recommendation).toBe('spec.template.spec.restartPolicy is not set (a Pod defaults it to "Always"); a Job allows only "Never" or "OnFailure"');
    expect(restart.violatingConstructs[0]).toMatchObject({ resourceName: 'legacy', locations: ['spec.template.spec.restartPolicy'], constructPath: 'batch/legacy' });
    expect(report.reports[0].summary.status).toBe('failure');
  }, 60000);

  test('passes with warnings only', () => {
    const { status, report } = synthWithPlugin({ backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [container] } } });
    expect(status).toBe(0);
    expect(report.reports[0].summary.status).toBe('success');
    expect(report.reports[0].violations.map((v: any) => v.ruleName)).toContain('JOB202 no-active-deadline (warning)');
  }, 60000);
});
