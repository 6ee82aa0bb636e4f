import { findJobs } from '../../src/checks/documents';
import { checkTarget } from '../../src/checks/engine';

/** A CronJob's findings, as the CLI reports them: paths relative to the CronJob document. */
function findingsOf(document: any): Array<{ ruleId: string; path: string }> {
  return findJobs(document).flatMap(target => checkTarget(target)).filter(f => f.category === 'api').map(f => ({ ruleId: f.ruleId, path: f.path }));
}

function cronJob(patch: { metadata?: any; root?: any; jobSpec?: any; jobMetadata?: any }): any {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly', ...patch.metadata },
    ...patch.root,
    spec: {
      schedule: '0 3 * * *',
      jobTemplate: {
        ...(patch.jobMetadata ? { metadata: patch.jobMetadata } : {}),
        spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.37' }] } }, ...patch.jobSpec },
      },
    },
  };
}

test('a valid CronJob has no api finding', () => {
  expect(findingsOf(cronJob({}))).toEqual([]);
});

test('a field unknown to the CronJob itself is reported at the CronJob\'s path', () => {
  expect(findingsOf(cronJob({ root: { Image: 'busybox' } }))).toEqual([{ ruleId: 'JOB013', path: 'Image' }]);
});

test('the CronJob name is limited to 52 characters and reported on the CronJob', () => {
  expect(findingsOf(cronJob({ metadata: { name: 'n'.repeat(53) } }))).toEqual([{ ruleId: 'JOB002', path: 'metadata.name' }]);
});

test('the CronJob\'s own labels are validated; its jobTemplate\'s are not (the API server does not)', () => {
  expect(findingsOf(cronJob({ metadata: { labels: { app: '-bad' } } }))).toEqual([{ ruleId: 'JOB020', path: 'metadata.labels' }]);
  expect(findingsOf(cronJob({ jobMetadata: { labels: { app: '-bad' } } }))).toEqual([]);
});

test('a jobTemplate takes no selector and no manualSelector: true', () => {
  expect(findingsOf(cronJob({ jobSpec: { selector: { matchLabels: { app: 'x' } }, manualSelector: true } }))).toEqual([
    { ruleId: 'JOB010', path: 'spec.jobTemplate.spec.selector' },
    { ruleId: 'JOB010', path: 'spec.jobTemplate.spec.manualSelector' },
  ]);
});

test('an Indexed jobTemplate needs completions: no default fills it in', () => {
  expect(findingsOf(cronJob({ jobSpec: { completionMode: 'Indexed' } }))).toEqual([{ ruleId: 'JOB004', path: 'spec.jobTemplate.spec.completions' }]);
});

test('a field named after an Object.prototype member is unknown, not a crash', () => {
  const job = cronJob({ root: { constructor: 1 } });
  const findings = findJobs(job).flatMap(target => checkTarget(target));
  expect(findings.filter(f => f.message.startsWith('checker fault'))).toEqual([]);
  expect(findings.filter(f => f.ruleId === 'JOB013').map(f => f.path)).toEqual(['constructor']);
});
