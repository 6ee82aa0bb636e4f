import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import * as ts from 'typescript';
import { convertManifests } from '../../src/convert/convert';
import { runCliCaptured } from '../util';

/**
 * `cdk8s-jobs convert`: the generated app, compiled and run, synthesizes the input's objects, object for object,
 * for every official docs Job example and every example app's output.
 */
const ROOT = path.join(__dirname, '../..');
jest.setTimeout(120_000);

/** Compiles the generated TypeScript and runs it in a scratch directory; returns what it synthesized. */
function run(source: string): any[] {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const dir = mkdtempSync(path.join(tmpdir(), 'convert-'));
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const modules: Record<string, unknown> = {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      'cdk8s': require('cdk8s'), 'cdk8s-plus-28': require('cdk8s-plus-28'), 'cdk8s-jobs': require('../../src'),
    };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('require', 'exports', js)((name: string) => modules[name], {});
    return readdirSync(path.join(dir, 'dist')).sort().flatMap(f => yaml.loadAll(readFileSync(path.join(dir, 'dist', f), 'utf8')));
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
}

function inputsOf(file: string): any[] {
  return yaml.loadAll(readFileSync(file, 'utf8')).filter(d => d !== null && d !== undefined);
}

const docs = readdirSync(path.join(ROOT, 'test/fixtures/kubernetes-docs')).filter(f => f.endsWith('.yaml')).map(f => path.join('test/fixtures/kubernetes-docs', f));
const examples = readdirSync(path.join(ROOT, 'examples')).flatMap(d => {
  const dist = path.join(ROOT, 'examples', d, 'dist');
  try {
    return readdirSync(dist).filter(f => f.endsWith('.yaml')).map(f => path.join('examples', d, 'dist', f));
  } catch {
    return [];
  }
});

const convertFile = (file: string, options = {}) => convertManifests([{ file, text: readFileSync(path.join(ROOT, file), 'utf8') }], options);

test.each([...docs, ...examples].map(f => [f]))('%s: the converted app synthesizes the same objects', file => {
  const inputs = inputsOf(path.join(ROOT, file));
  expect(run(convertFile(file, { exact: true }))).toEqual(inputs);
  const source = convertFile(file);
  if (!source.includes('WorkItems.fromList(')) expect(run(source)).toEqual(inputs);
});

/** The Job without its item machinery: the docs' init container and emptyDir, or WorkItems' helper, volume, mount and env. */
function withoutItems(job: any, initContainer: string, volume: string): any {
  const copy = JSON.parse(JSON.stringify(job));
  const pod = copy.spec.template.spec;
  pod.initContainers = pod.initContainers.filter((c: any) => c.name !== initContainer);
  if (pod.initContainers.length === 0) delete pod.initContainers;
  pod.volumes = pod.volumes.filter((v: any) => v.name !== volume);
  if (pod.volumes.length === 0) delete pod.volumes;
  for (const c of pod.containers) {
    c.volumeMounts = c.volumeMounts.filter((m: any) => m.name !== volume);
    if (c.volumeMounts.length === 0) delete c.volumeMounts;
    c.env = (c.env ?? []).filter((e: any) => e.name !== 'WORK_ITEM_FILE');
    if (c.env.length === 0) delete c.env;
  }
  return copy;
}

/** What an init container's script leaves in the item file for each index, run for real (paths moved into a scratch dir). */
function itemFiles(container: any, file: string, count: number): Buffer[] {
  const [shell, flag, script] = container.command as string[];
  expect(flag).toBe('-c');
  const dir = mkdtempSync(path.join(tmpdir(), 'items-'));
  try {
    // Kubernetes turns $$ into $ in a command (the cdk8s-jobs script escapes its own references so)
    const local = script.split(file).join(path.join(dir, 'item')).replace(/\$\$/g, '$');
    return Array.from({ length: count }, (_, index) => {
      execFileSync(path.basename(shell), ['-c', local], { env: { PATH: process.env.PATH, JOB_COMPLETION_INDEX: String(index) } });
      return readFileSync(path.join(dir, 'item'));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the docs\' item pattern becomes WorkItems: every index reads the same bytes from the same file, and the rest is as written', () => {
  const file = 'test/fixtures/kubernetes-docs/indexed-job.yaml';
  const source = convertFile(file);
  expect(source.replace(/\s+/g, ' ')).toMatch(
    /workItems: WorkItems.fromList\( ?\["foo\\n", "bar\\n", "baz\\n", "qux\\n", "xyz\\n"\], \{ mountPath: "\/input", fileName: "data.txt", image: "docker.io\/library\/bash" \},? ?\),/);
  expect(source).toContain('// the init container "input" gave each index its item with bash');
  expect(source).not.toContain('initContainers');
  const [input] = inputsOf(path.join(ROOT, file));
  const [output] = run(source);
  expect(withoutItems(output, 'work-item', 'work-item')).toEqual(withoutItems(input, 'input', 'input'));
  const inputInit = input.spec.template.spec.initContainers[0];
  const outputInit = output.spec.template.spec.initContainers[0];
  expect(outputInit.image).toBe(inputInit.image);
  const worker = output.spec.template.spec.containers[0];
  expect(worker.volumeMounts).toEqual([{ mountPath: '/input', name: 'work-item', readOnly: true }]);
  const before = itemFiles(inputInit, '/input/data.txt', 5);
  expect(before.map(b => b.toString())).toEqual(['foo\n', 'bar\n', 'baz\n', 'qux\n', 'xyz\n']);
  expect(itemFiles(outputInit, '/input/data.txt', 5)).toEqual(before);
});

test.each([
  ['a word bash would split or expand', 'items=(foo "b r" baz qux xyz)'],
  ['a word echo reads as an option', 'items=(foo -n baz qux xyz)'],
  ['a glob', 'items=(foo ba* baz qux xyz)'],
  ['fewer items than completions', 'items=(foo bar baz qux)'],
])('the item pattern is not taken with %s: the init container stays as written', (_name, line) => {
  const text = readFileSync(path.join(ROOT, 'test/fixtures/kubernetes-docs/indexed-job.yaml'), 'utf8').replace('items=(foo bar baz qux xyz)', line);
  const source = convertManifests([{ file: 'variant.yaml', text }]);
  expect(source).not.toContain('WorkItems');
  expect(run(source)).toEqual(yaml.loadAll(text));
});

test('there are docs examples and example outputs to convert', () => {
  expect(docs.length).toBeGreaterThanOrEqual(15);
  expect(examples.length).toBeGreaterThanOrEqual(8);
});

test('the constructs a person would choose, and patches only under a comment', () => {
  const source = (file: string) => convertManifests([{ file, text: readFileSync(path.join(ROOT, file), 'utf8') }]);
  expect(source('test/fixtures/kubernetes-docs/job.yaml')).toContain('new OneShotJob(chart, "pi", {\n  metadata: { name: "pi" },\n  backoffLimit: 4,\n');
  expect(source('test/fixtures/kubernetes-docs/job-wq-redis.yaml')).toContain('new WorkQueuePool(chart, "job-wq-2", {\n  metadata: { name: "job-wq-2" },\n  queue: WorkQueue.fromEnv({}),\n  workers: 2,');
  expect(source('test/fixtures/kubernetes-docs/job-pod-failure-policy-failjob.yaml')).toMatch(/PodFailurePolicyRule\.onExitCodes\(\s*PodFailurePolicyAction\.FAIL_JOB,\s*\{ values: \[42\], containerName: "main" \},?\s*\)/);
  expect(source('test/fixtures/kubernetes-docs/indexed-job.yaml')).toContain('new IndexedJob(chart, "indexed-job"');
  expect(source('test/fixtures/kubernetes-docs/cronjob.yaml')).toContain('schedule: { cron: Cron.schedule(');
  for (const file of docs) {
    const lines = source(file).split('\n');
    lines.forEach((line, i) => {
      if (line.includes('.addJsonPatch(')) expect(lines.slice(0, i).reverse().find(l => !l.includes('.addJsonPatch('))).toMatch(/^\/\/ no prop covers/);
    });
  }
});

test('cdk8s-jobs convert prints the app; without files it says what it needs', async () => {
  const file = path.join(ROOT, 'test/fixtures/kubernetes-docs/job.yaml');
  const printed = await runCliCaptured(['convert', file]);
  expect(printed.code).toBe(0);
  expect(run(printed.out)).toEqual(inputsOf(file));
  expect(await runCliCaptured(['convert'])).toMatchObject({ code: 2, err: 'cdk8s-jobs convert: give the YAML or JSON files to convert\n' });
});

test('every generated app type-checks against the library\'s types (strict), as ts-node would run it', () => {
  // inside the checkout, so that the apps' imports of cdk8s and cdk8s-plus-28 resolve to its node_modules
  mkdirSync(path.join(ROOT, 'test-reports'), { recursive: true });
  const dir = mkdtempSync(path.join(ROOT, 'test-reports', 'convert-tsc-'));
  try {
    const files = [...docs, ...examples].flatMap((file, i) => [{}, { exact: true }].map((options, j) => {
      const name = path.join(dir, `app${i}-${j}.ts`);
      writeFileSync(name, convertFile(file, options));
      return name;
    }));
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.Node16,
      target: ts.ScriptTarget.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      types: [],
      noUnusedLocals: true,
      paths: { 'cdk8s-jobs': [path.join(ROOT, 'src/index.ts')] },
    });
    const problems = ts.getPreEmitDiagnostics(program)
      .filter(d => d.file === undefined || d.file.fileName.startsWith(dir))
      .map(d => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A Job that sets the pod fields batch users set, each one a prop: nothing is patched. */
const RICH_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: nightly-report
  namespace: reports
  labels: { team: data }
  annotations: { owner: "data@example.com" }
spec:
  completions: 4
  parallelism: 2
  backoffLimit: 3
  activeDeadlineSeconds: 3600
  ttlSecondsAfterFinished: 600
  podReplacementPolicy: Failed
  podFailurePolicy:
    rules:
      - action: FailJob
        onExitCodes: { containerName: report, operator: NotIn, values: [0, 1] }
      - action: Ignore
        onPodConditions: [{ type: DisruptionTarget }]
  template:
    metadata:
      labels: { app: report }
      annotations: { "prometheus.io/scrape": "false" }
    spec:
      restartPolicy: Never
      serviceAccountName: reporter
      automountServiceAccountToken: false
      priorityClassName: batch-low
      terminationGracePeriodSeconds: 30
      nodeSelector: { pool: batch }
      tolerations:
        - { key: dedicated, operator: Equal, value: batch, effect: NoSchedule }
        - { key: spot, operator: Exists, effect: NoExecute, tolerationSeconds: 60 }
      imagePullSecrets: [{ name: registry }]
      securityContext: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 2000, runAsNonRoot: true }
      volumes:
        - { name: config, configMap: { name: report-config, items: [{ key: report.yaml, path: report.yaml }] } }
        - { name: creds, secret: { secretName: report-db, defaultMode: 256 } }
        - { name: scratch, emptyDir: { medium: Memory, sizeLimit: 256Mi } }
        - { name: out, persistentVolumeClaim: { claimName: reports, readOnly: false } }
      containers:
        - name: report
          image: registry.example.com/report:2.1.0
          imagePullPolicy: IfNotPresent
          workingDir: /work
          args: ["--date", "$(DATE)"]
          env:
            - { name: DATE, value: "2026-11-30" }
            - { name: POD, valueFrom: { fieldRef: { fieldPath: metadata.name } } }
            - { name: DB_PASSWORD, valueFrom: { secretKeyRef: { name: report-db, key: password } } }
            - { name: LEVEL, valueFrom: { configMapKeyRef: { name: report-config, key: level, optional: true } } }
          volumeMounts:
            - { name: config, mountPath: /etc/report, readOnly: true }
            - { name: creds, mountPath: /var/run/db, readOnly: true }
            - { name: scratch, mountPath: /tmp }
            - { name: out, mountPath: /out, subPath: reports }
          resources:
            requests: { cpu: 250m, memory: 512Mi }
            limits: { cpu: "2", memory: 1024Mi, nvidia.com/gpu: "1" }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
            seccompProfile: { type: RuntimeDefault }
`;

test('the pod fields batch users set become props, with no patch; names and volumes are declared once', () => {
  const source = convertManifests([{ file: 'rich.yaml', text: RICH_JOB }]);
  expect(source).not.toContain('addJsonPatch');
  expect(source).toContain('const reportDbSecret = kplus.Secret.fromSecretName(chart, "secret:report-db", "report-db");');
  expect(source.match(/fromSecretName/g)).toHaveLength(2);
  expect(source).toContain('kplus.NodeTaintQuery.exists("spot", { effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.seconds(60) })');
  expect(source).toContain('extendedResources: [{ resource: "nvidia.com/gpu", count: 1, container: "report" }]');
  expect(source).toContain('memory: { request: Size.mebibytes(512), limit: Size.mebibytes(1024) }');
  expect(run(source)).toEqual(yaml.loadAll(RICH_JOB));
});

test('what no prop covers is patched under a comment, and the rest is still props', () => {
  const text = RICH_JOB.replace('      restartPolicy: Never\n', '      restartPolicy: Never\n      hostNetwork: true\n').replace('memory: 1024Mi', 'memory: 1Gi');
  const source = convertManifests([{ file: 'rich.yaml', text }]);
  expect(source).toContain('// no prop covers these fields: patched as written\nnightlyReport.apiObject.addJsonPatch(JsonPatch.add("/spec/template/spec/hostNetwork", true));');
  expect(source).toContain('nightlyReport.apiObject.addJsonPatch(JsonPatch.add("/spec/template/spec/containers/0/resources/limits/memory", "1Gi"));');
  expect(source.match(/addJsonPatch/g)).toHaveLength(2);
  expect(run(source)).toEqual(yaml.loadAll(text));
});

test('a prototype key is written as a computed key, so the app makes an own property as the input had', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: odd }\ndata: { "__proto__": "x", plain: "y" }\n';
  const source = convertManifests([{ file: 'odd.yaml', text }]);
  expect(source).toContain('data: { ["__proto__"]: "x", plain: "y" }');
  const [object] = run(source);
  expect(object.data.plain).toBe('y');
  expect(Object.getPrototypeOf(object.data)).toBe(Object.prototype);
  expect(({} as any).x).toBeUndefined();
});

test.each([
  ['containers that are not a list', true, 'apiVersion: batch/v1\nkind: Job\nmetadata: { name: odd }\nspec: { template: { spec: { restartPolicy: Never, containers: "x" } } }\n'],
  ['a volume that is null', false, 'apiVersion: batch/v1\nkind: Job\nmetadata: { name: odd }\nspec: { completionMode: Indexed, completions: 2, template: { spec: '
    + '{ restartPolicy: Never, volumes: [null], containers: [{ name: a, image: b }] } } }\n'],
  ['a CronJob with a macro schedule', true, 'apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: odd }\nspec: { schedule: "@daily", jobTemplate: { spec: '
    + '{ template: { spec: { restartPolicy: Never, containers: [{ name: a, image: b }] } } } } }\n'],
])('an odd Job (%s) converts without a crash and comes back as written (an ApiObject: %s)', (_name, apiObject, text) => {
  const source = convertManifests([{ file: 'odd.yaml', text }]);
  expect(source.includes('no construct reproduces it exactly, so it stays an ApiObject')).toBe(apiObject);
  expect(run(source)).toEqual(yaml.loadAll(text));
});

test('convert --exact keeps the docs\' item init container; an unknown option is refused', async () => {
  const file = path.join(ROOT, 'test/fixtures/kubernetes-docs/indexed-job.yaml');
  const exact = await runCliCaptured(['convert', '--exact', file]);
  expect(exact.code).toBe(0);
  expect(exact.out).not.toContain('WorkItems');
  expect(run(exact.out)).toEqual(inputsOf(file));
  expect(await runCliCaptured(['convert', '--fast', file])).toMatchObject({ code: 2, err: 'cdk8s-jobs convert: unknown option --fast; the one option is --exact\n' });
});

test('across the docs examples and example outputs, props cover every field but the pod template names of the docs\' two work-queue Jobs', () => {
  const patched = [...docs, ...examples].flatMap(file => convertFile(file).split('\n').filter(l => l.includes('.addJsonPatch('))
    .map(l => /JsonPatch\.\w+\("([^"]+)"/.exec(l)![1].replace(/\/\d+\//g, '/N/')));
  expect(patched.sort()).toEqual(['/spec/template/metadata', '/spec/template/metadata']);
  const apiObjects = [...docs, ...examples].flatMap(file => convertFile(file).split('\n').filter(l => l.includes('stays an ApiObject')));
  expect(apiObjects).toEqual([]);
});

test('Kueue\'s labels and annotation become the kueue prop; where the prop would refuse the Job, they stay metadata', () => {
  const queued = (resources: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: sweep
  labels: { kueue.x-k8s.io/queue-name: ml-research, kueue.x-k8s.io/priority-class: research-low, team: ml }
  annotations: { kueue.x-k8s.io/job-min-parallelism: "2" }
spec:
  completions: 10
  parallelism: 4
  template:
    spec:
      restartPolicy: Never
      containers: [{ name: main, image: registry.example.com/x:1.0.0${resources} }]
`;
  const withRequests = queued(', resources: { requests: { cpu: "1", memory: 1024Mi } }');
  const source = convertManifests([{ file: 'queued.yaml', text: withRequests }]);
  expect(source).toContain('kueue: { queueName: "ml-research", priorityClass: "research-low", minParallelism: 2 }');
  expect(source).toContain('metadata: { name: "sweep", labels: { team: "ml" } }');
  expect(run(source)).toEqual(yaml.loadAll(withRequests));
  const without = queued('');
  const plain = convertManifests([{ file: 'queued.yaml', text: without }]);
  expect(plain).not.toContain('kueue: {');
  expect(plain).toContain('new ParallelJob(chart, "sweep"');
  expect(run(plain)).toEqual(yaml.loadAll(without));
});
