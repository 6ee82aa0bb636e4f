import { readFileSync } from 'fs';
import * as path from 'path';
import { DOCS_SCENARIOS } from './upstream-cases';
import { parseDocument, splitDocuments } from '../../src/checks/source';
import { JobPreview } from '../../src/preview/job-preview';
import { parseScenario } from '../../src/preview/scenario';

/**
 * The Kubernetes docs' own Job examples (test/fixtures/kubernetes-docs, as published), previewed with a scenario that
 * does what each example's command does, and the outcome the docs show.
 */
function example(name: string): any {
  const text = readFileSync(path.join(__dirname, '../fixtures/kubernetes-docs', name), 'utf8');
  return parseDocument(splitDocuments(text).find(d => d.text.includes('kind'))!).value;
}

/** The example with its scenario from DOCS_SCENARIOS (which `npm run conformance` also plays on the real controller). */
function preview(key: keyof typeof DOCS_SCENARIOS): any {
  const { fixture, scenario } = DOCS_SCENARIOS[key];
  return JobPreview.ofManifest(example(fixture), { scenario: parseScenario(scenario) }).toJson();
}

const conditions = (result: any) => result.conditions.map((c: any) => `${c.type}=${c.reason}: ${c.message}`);

describe('docs: Backoff limit per index (concepts/workloads/controllers/job)', () => {
  test('job-backoff-limit-per-index-example.yaml: even indexes fail twice, the Job fails for its failed indexes', () => {
    // the script exits 1 when JOB_COMPLETION_INDEX is even
    const result = preview('per-index example');
    // the docs show: completedIndexes 1,3,5,7,9; failedIndexes 0,2,4,6,8; succeeded 5; failed 10
    expect(result.status).toMatchObject({ completedIndexes: '1,3,5,7,9', failedIndexes: '0,2,4,6,8', succeeded: 5, failed: 10 });
    expect(conditions(result)).toEqual([
      'FailureTarget=FailedIndexes: Job has failed indexes',
      'Failed=FailedIndexes: Job has failed indexes',
    ]);
    // each failed index ran twice (one retry)
    expect(result.pods.filter((p: any) => p.index === 4).map((p: any) => p.result)).toEqual(['Failed', 'Failed']);
  });
});

describe('docs: Pod failure policy (tasks/job/pod-failure-policy)', () => {
  test('job-backoff-limit-per-index-failindex.yaml: index 0 retried once, index 1 failed at once by FailIndex', () => {
    const result = preview('per-index FailIndex');
    // the docs show: completedIndexes 2,3; failedIndexes 0,1; failed 3; succeeded 2
    expect(result.status).toMatchObject({ completedIndexes: '2,3', failedIndexes: '0,1', failed: 3, succeeded: 2 });
    expect(result.outcome).toBe('Failed');
    expect(result.reason).toBe('FailedIndexes');
    expect(result.pods.filter((p: any) => p.index === 1)).toHaveLength(1);
    expect(result.pods.filter((p: any) => p.index === 0)).toHaveLength(2);
  });

  test('job-pod-failure-policy-example.yaml: exit code 42 fails the Job by its FailJob rule', () => {
    const result = preview('pod failure policy example');
    expect(result.outcome).toBe('Failed');
    expect(result.reason).toBe('PodFailurePolicy');
    expect(result.duration).toBe(5);
    expect(result.conditions.find((c: any) => c.type === 'Failed').message)
      .toMatch(/^Container main for pod default\/job-pod-failure-policy-example-p000[1-3] failed with exit code 42 matching FailJob rule at index 0$/);
    // no retries: the three parallel pods are all it ran
    expect(result.pods).toHaveLength(3);
  });

  test('job-pod-failure-policy-failjob.yaml: fails after 30 s, without using its backoffLimit of 6', () => {
    const result = preview('pod failure policy FailJob');
    expect(result.outcome).toBe('Failed');
    expect(result.duration).toBe(30);
    expect(result.status.failed).toBe(2);
  });

  test('job-pod-failure-policy-ignore.yaml: a drained node\'s eviction is ignored, the Job completes with backoffLimit 0', () => {
    const result = preview('pod failure policy Ignore');
    expect(result.outcome).toBe('Complete');
    expect(result.status).toMatchObject({ failed: 0, succeeded: 4 });
    expect(result.pods[0]).toMatchObject({ result: 'Disrupted', counted: false });
  });
});

describe('docs: Success policy (concepts/workloads/controllers/job)', () => {
  test('job-success-policy.yaml: index 2 succeeds, the Job completes by its success policy', () => {
    // index 2 exits 0, every other index 1; here index 2 is the first to finish
    const result = preview('success policy, index 2 first');
    expect(result.outcome).toBe('Complete');
    expect(conditions(result)).toEqual([
      'SuccessCriteriaMet=SuccessPolicy: Matched rules at index 0',
      'Complete=SuccessPolicy: Matched rules at index 0',
    ]);
    expect(result.status.completedIndexes).toBe('2');
  });

  test('job-success-policy.yaml, when every pod finishes at once: nine failures pass backoffLimit 6 first', () => {
    // the failure checks come before the success policy (syncJob), so the docs' outcome depends on index 2 finishing
    // before the seventh failure
    const result = preview('success policy, all at once');
    expect(result.outcome).toBe('Failed');
    expect(result.reason).toBe('BackoffLimitExceeded');
    expect(result.status).toMatchObject({ failed: 9, succeeded: 1 });
  });
});
