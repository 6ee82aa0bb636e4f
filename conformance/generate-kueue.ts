/**
 * Seeded Jobs for the Kueue differential test: the queue-name label and the partial-admission annotation drawn from
 * values users write, valid and not, over the counts that bound them (parallelism, completions). Kueue's own webhook
 * (conformance/kueue) judges each; reproducible from the seed.
 */
import { GeneratedCase, random } from './generate';

type Rng = () => number;
const pick = <T>(rng: Rng, values: readonly T[]): T => values[Math.floor(rng() * values.length)];

const QUEUE_NAMES = ['team-a', 'q', 'ml.research', 'a1', '1a', 'Team_A', 'team_a', 'a..b', '-a', 'a-', '.a', 'a.', 'ab.cd-ef', '',
  'x'.repeat(63), `${'a'.repeat(63)}.${'b'.repeat(63)}`, 'UPPER', 'a b', 'é'];
const MIN_PARALLELISM = ['1', '2', '3', '4', '5', '7', '8', '10', '0', '-1', '+2', '02', '007', ' 2', '2 ', '1.5', '2e1', 'abc', '', '0x2', '1_0',
  '4294967297', '4294967296', '2147483648', '2147483649', '-4294967295', '9223372036854775807', '9223372036854775808', '-9223372036854775809',
  '\uff12'];
const COUNTS = [undefined, 1, 2, 3, 4, 5, 8, 10, 100];

/** `count` Jobs from `seed`, each with a queue name, a minimum parallelism, or both, and drawn counts. */
export function generateKueueCorpus(seed: number, count: number): GeneratedCase[] {
  const rng = random(seed);
  const cases: GeneratedCase[] = [];
  for (let n = 0; n < count; n++) {
    const mutations: string[] = [];
    const labels: Record<string, string> = {};
    const annotations: Record<string, string> = {};
    const spec: Record<string, unknown> = { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.37' }] } } };
    for (const field of ['parallelism', 'completions']) {
      const value = pick(rng, COUNTS);
      if (value === undefined) continue;
      spec[field] = value;
      mutations.push(`${field}=${value}`);
    }
    const which = rng();
    if (which < 0.7) {
      labels['kueue.x-k8s.io/queue-name'] = pick(rng, QUEUE_NAMES);
      mutations.push(`queue-name=${JSON.stringify(labels['kueue.x-k8s.io/queue-name'])}`);
    }
    if (which > 0.3) {
      annotations['kueue.x-k8s.io/job-min-parallelism'] = pick(rng, MIN_PARALLELISM);
      mutations.push(`job-min-parallelism=${JSON.stringify(annotations['kueue.x-k8s.io/job-min-parallelism'])}`);
    }
    const metadata = { name: `kueue-${n}`, labels, annotations };
    cases.push({ id: `kueue/${n}`, mutations, manifest: { apiVersion: 'batch/v1', kind: 'Job', metadata, spec } });
  }
  return cases;
}
