#!/usr/bin/env node
// npm run bench: synthesis and checking measured against their floors, in the same process, as ratios
// (absolute times on a shared 2-core machine are not comparable run to run). Writes bench/results.json.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const cdk8s = require('cdk8s');
const kplus = require('cdk8s-plus-28');
const jsyaml = require('js-yaml');
const jobs = require('../lib');
const { runCli } = require('../lib/cli');

const RUNS = 9;
const SYNTH_JOBS = 1000;
const ITEMS_PER_JOB = 100;
const CHECK_DOCS = 10000;
const MEMORY_DOCS = 100000;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeMs(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function timeMsAsync(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Alternates runs of each contender after a warm-up, so drift on a noisy machine hits both alike. */
async function compare(contenders) {
  for (const fn of Object.values(contenders)) await fn(); // warm-up
  const times = Object.fromEntries(Object.keys(contenders).map(k => [k, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const [name, fn] of Object.entries(contenders)) times[name].push(await timeMsAsync(fn));
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

// ---- synth: 1,000 IndexedJobs with 100 work items each, safe defaults on, vs the same manifests as ApiObjects
const items = Array.from({ length: ITEMS_PER_JOB }, (_, i) => `s3://bucket/input/part-${String(i).padStart(5, '0')}.parquet`);

const helperResources = { cpu: { request: kplus.Cpu.millis(10) }, memory: { request: cdk8s.Size.mebibytes(16) } };

function libraryApp(jobCount = SYNTH_JOBS) {
  const app = new cdk8s.App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')) });
  const chart = new cdk8s.Chart(app, 'bench');
  for (let i = 0; i < jobCount; i++) {
    new jobs.IndexedJob(chart, `job-${i}`, {
      // the helper's requests stated, as in the examples: the manifests carry no checker finding
      workItems: jobs.WorkItems.fromList(items, { resources: helperResources }),
      parallelism: 10,
      activeDeadline: cdk8s.Duration.hours(1),
      containers: [{
        name: 'worker',
        image: 'registry.example.com/worker:1.2.3',
        args: ['--input', '$(WORK_ITEM_FILE)'],
        securityContext: { user: 10001 },
        resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: cdk8s.Size.mebibytes(128) } },
      }],
    });
  }
  return app;
}

let manifests;

function floorApp() {
  const app = new cdk8s.App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')) });
  const chart = new cdk8s.Chart(app, 'bench');
  manifests.forEach((manifest, i) => new cdk8s.ApiObject(chart, `job-${i}`, manifest));
  return app;
}

/** cdk8s-plus-28's Job cannot express Indexed mode or the per-index fields: the same pod, for comparison. */
function plusApp() {
  const app = new cdk8s.App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')) });
  const chart = new cdk8s.Chart(app, 'bench');
  for (let i = 0; i < SYNTH_JOBS; i++) {
    new kplus.Job(chart, `job-${i}`, {
      activeDeadline: cdk8s.Duration.hours(1),
      backoffLimit: 6,
      ttlAfterFinished: cdk8s.Duration.days(1),
      containers: [{ name: 'worker', image: 'registry.example.com/worker:1.2.3', args: ['--input', '/work-item/item'] }],
    });
  }
  return app;
}

// ---- check: a realistic mix of ~1 KB Job manifests: the docs' examples, the tutorials' mistakes and
// synthesized IndexedJobs, with the labels, annotations and env that Helm output carries
function realistic(doc, i) {
  const copy = JSON.parse(JSON.stringify(doc));
  const name = `${copy.metadata.name}-${i}`;
  copy.metadata = {
    ...copy.metadata,
    name,
    namespace: 'batch',
    labels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'data-platform', 'app.kubernetes.io/managed-by': 'Helm', 'helm.sh/chart': 'batch-1.4.2' },
    annotations: { 'meta.helm.sh/release-name': 'batch', 'meta.helm.sh/release-namespace': 'batch' },
  };
  const pod = copy.kind === 'CronJob' ? copy.spec.jobTemplate.spec.template.spec : copy.spec.template.spec;
  pod.containers[0].env = [...pod.containers[0].env ?? [], { name: 'LOG_LEVEL', value: 'info' }, { name: 'OTEL_SERVICE_NAME', value: name }];
  return copy;
}

function mixDocuments(count) {
  const fixtures = path.join(__dirname, '../test/fixtures');
  const sources = [
    ...fs.readdirSync(path.join(fixtures, 'kubernetes-docs')).map(f => path.join(fixtures, 'kubernetes-docs', f)),
    ...fs.readdirSync(path.join(fixtures, 'tutorials')).map(f => path.join(fixtures, 'tutorials', f)),
  ];
  const docs = sources.flatMap(file => jsyaml.loadAll(fs.readFileSync(file, 'utf8')))
    .filter(doc => doc && (doc.kind === 'Job' || doc.kind === 'CronJob'));
  // synthesized IndexedJobs without their 100-item init script, which alone is 6 KB
  docs.push(...jsyaml.loadAll(libraryApp(4).synthYaml()).map(m => {
    const job = JSON.parse(JSON.stringify(m));
    delete job.spec.template.spec.initContainers;
    delete job.spec.template.spec.volumes;
    delete job.spec.template.spec.containers[0].volumeMounts;
    return job;
  }));
  const out = [];
  for (let i = 0; i < count; i++) out.push(jsyaml.dump(realistic(docs[i % docs.length], i), { lineWidth: 120 }));
  return '---\n' + out.join('---\n');
}

/** The CLI's check path: `cdk8s-jobs check --format json <file>`, its output discarded. */
async function cliCheck(file) {
  let bytes = 0;
  const code = await runCli(['check', '--format', 'json', file], { stdin: process.stdin, write: t => { bytes += t.length; }, error: () => {} });
  if (code === 2) throw new Error(`${file} could not be read or parsed`);
  return bytes;
}

/** Each section runs in its own process (contender and floor together), so one section's heap does not weigh on the next. */
async function synthSection() {
  manifests = jsyaml.loadAll(libraryApp().synthYaml());
  const check = jobs.JobChecks._validate;
  const synth = await compare({
    library: () => libraryApp().synthYaml(),
    floor: () => floorApp().synthYaml(),
    plus: () => plusApp().synthYaml(),
    // what the synth-time check costs: the same app with it switched off (for the table only)
    unchecked: () => {
      jobs.JobChecks._validate = () => [];
      try { return libraryApp().synthYaml(); } finally { jobs.JobChecks._validate = check; }
    },
  });
  return synth;
}

async function checkSection() {
  const text = mixDocuments(CHECK_DOCS);
  const file = path.join(__dirname, 'check.tmp');
  fs.writeFileSync(file, text);
  let outputBytes = 0;
  const check = await compare({
    check: async () => { outputBytes = await cliCheck(file); },
    parse: () => jsyaml.loadAll(text),
  });
  fs.rmSync(file);
  return { ...check, bytes: text.length, outputBytes };
}

async function memorySection() {
  const text = mixDocuments(CHECK_DOCS);
  const big = path.join(__dirname, 'memory.tmp');
  const stream = fs.createWriteStream(big);
  for (let written = 0; written < MEMORY_DOCS; written += CHECK_DOCS) stream.write(text);
  await new Promise(resolve => stream.end(resolve));
  const peak = JSON.parse(execFileSync(process.execPath, ['-e', `
    const { runCli } = require(${JSON.stringify(path.join(__dirname, '../lib/cli'))});
    let out = '';
    runCli(['check', '--format', 'text', ${JSON.stringify(big)}], { stdin: process.stdin, write: t => { out = t.slice(-200); }, error: () => {} })
      .then(() => console.log(JSON.stringify({ docs: Number(/in (\\d+) document/.exec(out)[1]), maxRssKb: process.resourceUsage().maxRSS })));
  `], { encoding: 'utf8', maxBuffer: 1 << 20 }));
  fs.rmSync(big);
  return peak;
}

/** One List document of `n` Jobs, as `kubectl get jobs -A -o yaml` prints them. */
function bigList(n) {
  return jsyaml.dump({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: n }, (_, i) => realistic(jsyaml.load(fs.readFileSync(path.join(__dirname, '../test/fixtures/kubernetes-docs/job.yaml'), 'utf8')), i)) });
}

/** One Job whose pod has `n` containers. */
function wideJob(n) {
  const job = jsyaml.load(fs.readFileSync(path.join(__dirname, '../test/fixtures/kubernetes-docs/job.yaml'), 'utf8'));
  job.spec.template.spec.containers = Array.from({ length: n }, (_, i) => ({ name: `c-${i}`, image: 'busybox:1.37', command: ['sh', '-c', 'echo ok'] }));
  return jsyaml.dump(job);
}

/** Time must grow linearly with one document's size and with its containers: 10x the input, at most 12x the time. */
async function scaleSection() {
  const file = path.join(__dirname, 'scale.tmp');
  const timeCheck = async text => {
    fs.writeFileSync(file, text);
    return (await compare({ check: async () => { await cliCheck(file); } })).check;
  };
  const list = { small: await timeCheck(bigList(2000)), large: await timeCheck(bigList(20000)) };
  const containers = { small: await timeCheck(wideJob(2000)), large: await timeCheck(wideJob(20000)) };
  fs.rmSync(file);
  return { list, containers };
}

/**
 * preview: a 10,000-index Job (parallelism 100, a per-index budget, a podFailurePolicy) with failures, evictions and
 * FailIndex exits on a fifth of its indexes, played to its end. Target: under a second. The in-process baseline is
 * writing and reading back the preview's own JSON (what any consumer of the result pays).
 */
const PREVIEW_INDEXES = 10000;
function previewInput() {
  const every = k => Array.from({ length: Math.floor(PREVIEW_INDEXES / k) }, (_, i) => i * k + 1);
  const job = {
    kind: 'Job', metadata: { name: 'big' },
    spec: {
      completionMode: 'Indexed', completions: PREVIEW_INDEXES, parallelism: 100, backoffLimitPerIndex: 2, maxFailedIndexes: 1000,
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }, { action: 'FailIndex', onExitCodes: { operator: 'In', values: [3] } }] },
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.37' }] } },
    },
  };
  const scenario = {
    duration: cdk8s.Duration.seconds(60),
    pods: [
      { indexes: every(50), duration: cdk8s.Duration.seconds(10), exitCode: 3 },
      { indexes: every(7), attempt: 0, duration: cdk8s.Duration.seconds(20), exitCode: 1 },
      { indexes: every(11), attempt: 0, duration: cdk8s.Duration.seconds(30), condition: 'DisruptionTarget' },
      { indexes: every(13), attempt: 1, duration: cdk8s.Duration.seconds(5), exitCode: 1 },
    ],
  };
  return { job, scenario };
}

async function previewSection() {
  const { job, scenario } = previewInput();
  const json = jobs.JobPreview.ofManifest(job, { scenario }).toJson();
  const times = await compare({
    preview: async () => { jobs.JobPreview.ofManifest(job, { scenario }); },
    json: async () => { JSON.parse(JSON.stringify(json)); },
  });
  return { ...times, attempts: json.pods.length, outcome: json.outcome };
}

/** `node bench/run.js mix` writes the check mix to bench/check-mix.tmp, to profile the checker on it. */
async function mixSection() {
  fs.writeFileSync(path.join(__dirname, 'check-mix.tmp'), mixDocuments(CHECK_DOCS));
  return {};
}

const SECTIONS = { synth: synthSection, check: checkSection, memory: memorySection, scale: scaleSection, preview: previewSection, mix: mixSection };

function runSection(name) {
  return JSON.parse(execFileSync(process.execPath, [__filename, name], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop());
}

async function main() {
  const section = process.argv[2];
  if (section) {
    console.log(JSON.stringify(await SECTIONS[section]()));
    return;
  }
  console.log(`synth: ${SYNTH_JOBS} IndexedJobs x ${ITEMS_PER_JOB} items; median of ${RUNS} runs after a warm-up`);
  const synth = runSection('synth');
  console.log(`check: ${CHECK_DOCS} documents through the CLI (--format json) vs js-yaml loadAll; median of ${RUNS} runs`);
  const check = runSection('check');
  console.log(`memory: ${MEMORY_DOCS} documents from one file, in a child process`);
  const peak = runSection('memory');
  console.log('scale: one List of 2,000 and of 20,000 Jobs; one pod of 2,000 and of 20,000 containers');
  const scale = runSection('scale');
  console.log(`preview: a ${PREVIEW_INDEXES}-index Job with failures, evictions and failed indexes; median of ${RUNS} runs`);
  const preview = runSection('preview');

  const round = (n, d = 1) => Number(n.toFixed(d));
  const results = {
    synth: { jobs: SYNTH_JOBS, libraryMs: round(synth.library), floorMs: round(synth.floor), ratio: round(synth.library / synth.floor, 2) },
    check: {
      docs: CHECK_DOCS, checkMs: round(check.check), parseMs: round(check.parse), ratio: round(check.check / check.parse, 2),
      docsPerSecond: Math.round(CHECK_DOCS / (check.check / 1000)),
    },
    memory: { docs: peak.docs, peakRssMb: round(peak.maxRssKb / 1024) },
    scale: {
      listRatio: round(scale.list.large / scale.list.small, 2),
      containersRatio: round(scale.containers.large / scale.containers.small, 2),
    },
    preview: { indexes: PREVIEW_INDEXES, attempts: preview.attempts, previewMs: round(preview.preview), jsonMs: round(preview.json), ratio: round(preview.preview / preview.json, 2) },
  };
  fs.writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify(results, null, 2) + '\n');

  const parseRate = Math.round(CHECK_DOCS / (check.parse / 1000));
  const rows = [
    ['synth', `library ${results.synth.libraryMs} ms`, `floor (ApiObjects) ${results.synth.floorMs} ms`, `ratio ${results.synth.ratio}`, 'target <= 1.3'],
    ['', `without the check ${round(synth.unchecked)} ms`, '(what the rules and their bookkeeping cost)', `ratio ${round(synth.unchecked / synth.floor, 2)}`, ''],
    ['', `cdk8s-plus-28 Job ${round(synth.plus)} ms`, '(same pod; cannot express Indexed)', `ratio ${round(synth.plus / synth.floor, 2)}`, ''],
    ['check', `check ${results.check.checkMs} ms`, `js-yaml loadAll ${results.check.parseMs} ms`, `ratio ${results.check.ratio}`, 'target <= 2.0'],
    ['', `${results.check.docsPerSecond} docs/s`, `(parse alone: ${parseRate} docs/s)`, `${Math.round(check.bytes / CHECK_DOCS)} B/doc`, 'target >= 20000'],
    ['memory', `${results.memory.docs} docs`, `peak RSS ${results.memory.peakRssMb} MB`, '', 'target < 300'],
    ['scale', `List 2,000 -> 20,000 Jobs`, `${round(scale.list.small)} -> ${round(scale.list.large)} ms`, `ratio ${results.scale.listRatio}`, 'target <= 12'],
    ['', `pod 2,000 -> 20,000 containers`, `${round(scale.containers.small)} -> ${round(scale.containers.large)} ms`, `ratio ${results.scale.containersRatio}`, 'target <= 12'],
    ['preview', `${PREVIEW_INDEXES} indexes ${results.preview.previewMs} ms`, `${preview.attempts} attempts, JSON ${results.preview.jsonMs} ms`, `ratio ${results.preview.ratio}`, 'target < 1000 ms'],
  ];
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd([7, 26, 38, 14, 0][i])).join(' '));
}

main().catch(error => { console.error(error); process.exit(1); });
