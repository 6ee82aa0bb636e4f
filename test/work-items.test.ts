import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IndexedJob, JobSettings, WorkItems } from '../src';
import { kubeletExpand } from './kubelet-expansion';
import { jobOf, newChart, synthValid } from './util';
import { parseDocument, splitDocuments } from '../src/checks/source';

const worker = { name: 'worker', image: 'docker.io/library/busybox:1.37.0', command: ['rev', '$(WORK_ITEM_FILE)'] };

/** Items that break naive quoting: shell metacharacters, kubelet `$(...)`, whitespace, unicode, the empty string. */
const HOSTILE = [
  'foo', 'with space', 'it\'s', 'double "quote"', '$HOME', '${HOME}', '$(JOB_COMPLETION_INDEX)', '$$', '$', 'a$',
  '`whoami`', '$(whoami)', 'back\\slash', '\\', '\\n', 'new\nline', 'trailing newline\n', '\n', '  leading spaces',
  'tab\there', 'carriage\rreturn', 'unicode ✓ 日本語 🚀', '', '%s %d %%', '-n', '-e', ';rm -rf /;', '\'', '\'\\\'\'',
  '*', '#comment', 'esac', '0) x ;;', 'a\u0001b', '\u00a0nbsp',
  // line breaks and non-printables to kubectl's go-yaml: written escaped, or they would be folded or refused
  'nel\u0085', 'ls\u2028ps\u2029', 'del\u007f', 'c1\u0080\u009f', 'bom\ufeff', '\ufffe\uffff',
];

const SHELLS = ['sh', 'bash'];

/** Synthesizes the app to YAML text and reads it back as kubectl does (src/checks/kubectl-yaml.ts, held to kubectl's own decoder by npm run conformance). */
function synthDocs(build: (chart: Chart) => void): any[] {
  const app = Testing.app();
  build(new Chart(app, 'c'));
  return splitDocuments(app.synthYaml()).map(document => parseDocument(document).value);
}

/** Runs the work-item init container of `job` for `index` the way the kubelet and a shell would; returns the item file's bytes. */
function runInitContainer(job: any, index: number, shell: string, itemFile: string): Buffer {
  const init = job.spec.template.spec.initContainers.find((c: any) => c.name === 'work-item');
  const env = { JOB_COMPLETION_INDEX: String(index) };
  const [, flag, script] = init.command.map((arg: string) => kubeletExpand(arg, env));
  execFileSync(shell, [flag, script], { env: { ...env, PATH: process.env.PATH } });
  return readFileSync(itemFile);
}

describe('WorkItems.fromList', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'work-items-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('reproduces the docs\' item mapping: completions from the list, an init container, a shared emptyDir', () => {
    const chart = newChart();
    new IndexedJob(chart, 'job', { workItems: WorkItems.fromList(['foo', 'bar', 'baz', 'qux', 'xyz']), parallelism: 3, containers: [worker] });
    const job = jobOf(synthValid(chart));
    expect(job.spec.completions).toBe(5);
    const pod = job.spec.template.spec;
    expect(pod.initContainers[0]).toMatchObject({ name: 'work-item', image: 'docker.io/library/busybox:1.37.0', volumeMounts: [{ name: 'work-item', mountPath: '/work-item' }] });
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'work-item', mountPath: '/work-item', readOnly: true }]);
    expect(pod.containers[0].env[1]).toEqual({ name: 'WORK_ITEM_FILE', value: '/work-item/item' });
    expect(pod.volumes).toEqual([{ name: 'work-item', emptyDir: {} }]);
    expect(job).toMatchSnapshot();
  });

  test.each(SHELLS)('every hostile item arrives byte-exact through the inline script, in %s', shell => {
    const docs = synthDocs(chart => new IndexedJob(chart, 'job', { workItems: WorkItems.fromList(HOSTILE, { mountPath: dir }), containers: [worker] }));
    const job = jobOf(docs);
    expect(docs.filter(d => d.kind === 'ConfigMap')).toEqual([]);
    HOSTILE.forEach((item, index) => {
      expect(runInitContainer(job, index, shell, path.join(dir, 'item'))).toEqual(Buffer.from(item, 'utf8'));
    });
  });

  test.each(SHELLS)('a list too big to inline goes through an immutable ConfigMap, byte-exact, in %s', shell => {
    const items = [...HOSTILE, ...Array.from({ length: 500 }, (_, i) => `padding item ${i} `.repeat(5))];
    const docs = synthDocs(chart => new IndexedJob(chart, 'job', { workItems: WorkItems.fromList(items, { mountPath: dir }), containers: [worker] }));
    const configMap = docs.find(d => d.kind === 'ConfigMap');
    expect(configMap.immutable).toBe(true);
    expect(Object.keys(configMap.data)).toHaveLength(items.length);
    const job = jobOf(docs);
    expect(job.spec.template.spec.volumes).toContainEqual({ name: 'work-items', configMap: { name: configMap.metadata.name } });
    // what the kubelet does with the ConfigMap volume: one file per key
    mkdirSync(`${dir}-source`);
    try {
      for (const [key, value] of Object.entries(configMap.data)) writeFileSync(path.join(`${dir}-source`, key), value as string, 'utf8');
      // every hostile index and the last one (a shell per index is slow; the padding items are plain text)
      for (const index of [...HOSTILE.keys(), items.length - 1]) {
        expect(runInitContainer(job, index, shell, path.join(dir, 'item'))).toEqual(Buffer.from(items[index], 'utf8'));
      }
    } finally {
      rmSync(`${dir}-source`, { recursive: true, force: true });
    }
  });

  test('the ConfigMap is named by its content', () => {
    const name = (items: string[]) => synthDocs(chart => new IndexedJob(chart, 'job', { workItems: WorkItems.fromList(items), containers: [worker] }))
      .find(d => d.kind === 'ConfigMap').metadata.name;
    const big = (suffix: string) => Array.from({ length: 2000 }, (_, i) => `item-${i}-${suffix}`);
    expect(name(big('a'))).toMatch(/^c-job-items-[0-9a-f]{8}$/);
    expect(name(big('a'))).toBe(name(big('a')));
    expect(name(big('a'))).not.toBe(name(big('b')));
  });

  test('fails past the 1 MiB ConfigMap limit', () => {
    const items = Array.from({ length: 1100 }, () => 'x'.repeat(1000));
    expect(() => new IndexedJob(newChart(), 'job', { workItems: WorkItems.fromList(items), containers: [worker] })).toThrow(
      'test/job: workItems add up to 1103290 bytes, over the 1048576-byte ConfigMap limit; store the items elsewhere (an object store, a queue) and map each index with WorkItems.fromPattern');
  });

  test('fails when completions and the list disagree', () => {
    expect(() => new IndexedJob(newChart(), 'job', { completions: 4, workItems: WorkItems.fromList(['a', 'b', 'c']), containers: [worker] }))
      .toThrow('test/job: completions (4) must equal the number of work items (3); leave completions unset to use the item count');
  });

  test('the YAML carries no character kubectl would fold or refuse: each is written as an escape', () => {
    const app = Testing.app();
    new IndexedJob(new Chart(app, 'c'), 'job', { workItems: WorkItems.fromList(HOSTILE), containers: [worker] });
    const text = app.synthYaml();
    expect(text).not.toMatch(/[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/);
    for (const escape of ['\\N', '\\L', '\\P', '\\x7f', '\\x80', '\\x9f', '\\ufeff', '\\ufffe']) expect(text).toContain(escape);
  });

  test('the helper declares the index it reads, invents no requests, and takes an image per list or chart-wide', () => {
    const initOf = (build: (chart: Chart) => void) => jobOf(synthDocs(build)).spec.template.spec.initContainers[0];
    const plain = initOf(chart => new IndexedJob(chart, 'job', { workItems: WorkItems.fromList(['a']), containers: [worker] }));
    expect(plain.env).toEqual([{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }]);
    expect(plain.resources).toBeUndefined();
    const sized = initOf(chart => new IndexedJob(chart, 'job', {
      workItems: WorkItems.fromList(['a'], { resources: { cpu: { request: kplus.Cpu.millis(10) }, memory: { limit: Size.mebibytes(16) } } }),
      containers: [worker],
    }));
    expect(sized.resources).toEqual({ requests: { cpu: '10m' }, limits: { memory: '16Mi' } });
    const mirrored = initOf(chart => {
      JobSettings.apply(chart, { workItemImage: 'mirror.internal/busybox:1.37.0' });
      new IndexedJob(chart, 'job', { workItems: WorkItems.fromList(['a']), containers: [worker] });
    });
    expect(mirrored.image).toBe('mirror.internal/busybox:1.37.0');
    const own = initOf(chart => {
      JobSettings.apply(chart, { workItemImage: 'mirror.internal/busybox:1.37.0' });
      new IndexedJob(chart, 'job', { workItems: WorkItems.fromList(['a'], { image: 'other/sh:1' }), containers: [worker] });
    });
    expect(own.image).toBe('other/sh:1');
  });

  test('the ConfigMap is in the Job\'s namespace, and a hook Job\'s ConfigMap is a hook created just before it', () => {
    const big = Array.from({ length: 3000 }, (_, i) => `item-${i}`);
    const docs = synthDocs(chart => new IndexedJob(chart, 'job', {
      metadata: { namespace: 'batch', annotations: { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/sync-wave': '3', 'helm.sh/hook': 'pre-install' } },
      workItems: WorkItems.fromList(big),
      containers: [worker],
    }));
    const configMap = docs.find(d => d.kind === 'ConfigMap');
    expect(configMap.metadata.namespace).toBe('batch');
    expect(configMap.metadata.annotations).toEqual({
      'argocd.argoproj.io/hook': 'PreSync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
      'argocd.argoproj.io/sync-wave': '2',
      'helm.sh/hook': 'pre-install',
      'helm.sh/hook-weight': '-1',
      'helm.sh/hook-delete-policy': 'before-hook-creation',
    });
    const plain = synthDocs(chart => new IndexedJob(chart, 'job', { workItems: WorkItems.fromList(big), containers: [worker] })).find(d => d.kind === 'ConfigMap');
    expect(plain.metadata.annotations).toBeUndefined();
    expect(plain.metadata.namespace).toBeUndefined();
  });

  test('an item that has no UTF-8 form is refused, naming its index and the character', () => {
    expect(() => new IndexedJob(newChart(), 'job', { workItems: WorkItems.fromList(['ok', 'bad\ud800']), containers: [worker] }))
      .toThrow('test/job: workItems[1] contains a lone surrogate (U+D800), which has no UTF-8 form; the item cannot arrive byte-exact');
  });

  test('fails with an empty list or a NUL byte', () => {
    expect(() => new IndexedJob(newChart(), 'job', { workItems: WorkItems.fromList([]), containers: [worker] }))
      .toThrow('test/job: workItems is an empty list; give at least one item');
    expect(() => new IndexedJob(newChart(), 'job', { workItems: WorkItems.fromList(['ok', 'a\0b']), containers: [worker] }))
      .toThrow('test/job: workItems[1] contains a NUL character (U+0000), which a container command or ConfigMap file cannot carry');
  });
});

describe('WorkItems.fromPattern', () => {
  test('gives each pod its item as an env var after JOB_COMPLETION_INDEX, with literal $ kept', () => {
    const chart = newChart();
    new IndexedJob(chart, 'job', {
      completions: 3,
      safeDefaults: false,
      workItems: WorkItems.fromPattern('/data/$shard/file_{index}.txt'),
      containers: [{ ...worker, command: ['process', '$(WORK_ITEM)'] }],
    });
    const env = jobOf(synthValid(chart)).spec.template.spec.containers[0].env;
    // declared even without safe defaults: the reference below needs it first
    expect(env[0].name).toBe('JOB_COMPLETION_INDEX');
    expect(env[1]).toEqual({ name: 'WORK_ITEM', value: '/data/$$shard/file_$(JOB_COMPLETION_INDEX).txt' });
    expect(kubeletExpand(env[1].value, { JOB_COMPLETION_INDEX: '2' })).toBe('/data/$shard/file_2.txt');
  });

  test('fails without an {index} placeholder', () => {
    expect(() => new IndexedJob(newChart(), 'job', { completions: 2, workItems: WorkItems.fromPattern('/data/file.txt'), containers: [worker] }))
      .toThrow('test/job: workItems pattern "/data/file.txt" has no {index} placeholder; write e.g. "/data/file_{index}.txt"');
  });
});

describe('WorkItems.partition', () => {
  test('gives each worker its partition and the count; completions is the count', () => {
    const chart = newChart();
    new IndexedJob(chart, 'job', { workItems: WorkItems.partition(4, { indexEnvName: 'WORKER_ID', countEnvName: 'WORKERS' }), containers: [worker] });
    const job = jobOf(synthValid(chart));
    expect(job.spec.completions).toBe(4);
    expect(job.spec.template.spec.containers[0].env.slice(1)).toEqual([
      { name: 'WORKER_ID', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } },
      { name: 'WORKERS', value: '4' },
    ]);
  });

  test('fails with a count below 1', () => {
    expect(() => new IndexedJob(newChart(), 'job', { workItems: WorkItems.partition(0), containers: [worker] }))
      .toThrow('test/job: workItems partition count must be a whole number of at least 1, got 0');
  });
});
