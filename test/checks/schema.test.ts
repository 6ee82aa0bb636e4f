import { readFileSync } from 'fs';
import * as path from 'path';
import { generateJobSchema } from '../../scripts/generate-job-schema';

test('the committed field table matches the kubernetes-models declarations (npx projen schema regenerates it)', () => {
  const committed = readFileSync(path.join(__dirname, '../../src/checks/schema/job-schema.json'), 'utf8');
  expect(committed).toBe(generateJobSchema());
  const table = JSON.parse(committed);
  expect(table.definitions['batch/v1/JobSpec'].podFailurePolicy).toEqual({ ref: 'batch/v1/PodFailurePolicy' });
  expect(table.definitions['v1/PodSpec'].backoffLimit).toBeUndefined();
});
