import { readFileSync } from 'fs';
import * as path from 'path';
import { schemaFingerprint } from '../../scripts/generate-job-schema';

const table = JSON.parse(readFileSync(path.join(__dirname, '../../src/checks/schema/job-schema.json'), 'utf8'));

test('the committed field table was generated from the current generator and module pins (npx projen schema)', () => {
  // the table is a function of the generator, the k8s.io/api and k8s.io/kubernetes pins and the merge script:
  // the fingerprint changes with any of them, and the modules behind a pin never change
  expect(table.inputs).toBe(schemaFingerprint());
});

test('it covers every supported line, from k8s.io/api\'s own types', () => {
  expect(table.versions).toEqual(['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', '1.37']);
  expect(table.definitions['batch/v1/JobSpec'].podFailurePolicy).toEqual({ ref: 'batch/v1/PodFailurePolicy' });
  expect(table.definitions['v1/PodSpec'].backoffLimit).toBeUndefined();
  expect(table.definitions['v1/Container'].imagePullPolicy).toEqual({ enum: ['Always', 'IfNotPresent', 'Never'] });
  expect(table.since['batch/v1/JobSpec.managedBy']).toBe('1.30');
  expect(table.since['v1/Container.restartPolicyRules']).toBe('1.34');
  expect(table.since['batch/v1/JobSpec.completions']).toBeUndefined();
});

test('gate timelines come from pkg/features', () => {
  expect(table.gates.JobManagedBy).toEqual([
    { version: '1.30', default: false, preRelease: 'ALPHA' },
    { version: '1.32', default: true, preRelease: 'BETA' },
    { version: '1.35', default: true, preRelease: '' },
  ]);
});
