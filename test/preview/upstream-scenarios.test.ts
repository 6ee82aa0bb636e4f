import { CASES, Case, Expect, manifest, scenarioText } from './upstream-cases';
import { JobPreview } from '../../src/preview/job-preview';
import { parseScenario } from '../../src/preview/scenario';

/**
 * The Job controller's own tests, translated into previews: each case cites its source in k8s.io/kubernetes v1.34.4
 * and asserts what the upstream test asserts. Upstream tests set pod phases by hand at chosen moments; here a
 * scenario makes the pods do the same, and a checkpoint (`until`) reads the status where the upstream test reads it.
 * Upstream shortens the pod failure backoff (fastPodFailureBackoff); the preview keeps the controller's 10 s, so
 * checkpoints sit after the backoff.
 */
function play(c: Case, until?: number): any {
  const scenario = parseScenario(scenarioText(c, until));
  return JobPreview.ofManifest(manifest(c.spec, c.pod), { scenario }).toJson();
}

function check(result: any, want: Expect): void {
  const got: Expect = {};
  const picked: Expect = {};
  for (const key of Object.keys(want) as Array<keyof Expect>) {
    (picked as any)[key] = want[key];
    switch (key) {
      case 'outcome': got.outcome = result.outcome; break;
      case 'reason': got.reason = result.reason; break;
      case 'conditions': got.conditions = result.conditions.map((c: any) => (want.conditions!.some(w => w.includes('=')) ? `${c.type}=${c.reason}` : c.type)); break;
      case 'pods': got.pods = new Set(result.pods.map((p: any) => `${p.index}/${p.attempt}/${p.start}`)).size; break;
      case 'message': got.message = result.conditions.find((c: any) => c.type === 'Failed' || c.type === 'Complete')?.message; break;
      case 'runs': got.runs = result.pods.length; break;
      case 'activeIndexes': got.activeIndexes = result.pods.filter((p: any) => p.result === 'Running').map((p: any) => p.index).sort(); break;
      default: (got as any)[key] = result.status[key];
    }
  }
  expect(got).toEqual(picked);
}

describe('upstream Job controller tests, as previews', () => {
  test.each(Object.entries(CASES))('%s', (_name, c) => {
    expect(c.source).toMatch(/^(test\/integration|pkg\/controller)/);
    for (const [seconds, want] of c.at ?? []) check(play(c, seconds), want);
    check(play(c), c.want);
  });

  test('there are at least 60 translated scenarios', () => {
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(60);
  });
});
