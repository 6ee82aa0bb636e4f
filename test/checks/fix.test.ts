import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { fixText } from '../../src/checks/fix';
import { DeploymentTool } from '../../src/job-settings';
import { runCliCaptured as cli } from '../util';

const options = {};

const BLOCK = `# the nightly export
apiVersion: batch/v1
kind: Job
metadata:
  name: export   # owned by data
spec:
  template:
    spec:
      containers:
        - name: export
          image: "registry.example.com/export:1.2"
          securityContext:
            capabilities:
              drop:
                - NET_RAW
`;

test('block style: each fix is a line of its own, everything else byte for byte', () => {
  const { text, applied, refused } = fixText(BLOCK, options);
  expect(refused).toEqual([]);
  expect(text).toBe(`# the nightly export
apiVersion: batch/v1
kind: Job
metadata:
  name: export   # owned by data
spec:
  template:
    spec:
      containers:
        - name: export
          image: "registry.example.com/export:1.2"
          securityContext:
            capabilities:
              drop:
                - NET_RAW
                - ALL
            allowPrivilegeEscalation: false
            runAsNonRoot: true
            seccompProfile: {type: RuntimeDefault}
      restartPolicy: Never
  backoffLimit: 6
`);
  expect(applied.map(a => a.ruleId).sort()).toEqual(['JOB001', 'JOB201', 'JOB312', 'JOB313', 'JOB314', 'JOB315']);
});

test('idempotent: a second run changes nothing', () => {
  const once = fixText(BLOCK, options).text;
  expect(fixText(once, options)).toEqual({ text: once, applied: [], refused: [] });
});

test('flow style stays flow style; other documents are untouched, comments and quoting included', () => {
  const other = "---\n# settings\nkind:   ConfigMap\ndata: {a: 'x',   b: \"y\"}\n";
  const job = '---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: b}\nspec:\n  backoffLimit: 2\n  template:\n    spec:\n      restartPolicy: Always\n'
    + '      containers: [{name: c, image: "busybox:1.37", securityContext: {runAsUser: 1000}}]\n';
  const { text } = fixText(other + job, options);
  expect(text.startsWith(other)).toBe(true);
  expect(text).toContain('      restartPolicy: Never\n');
  expect(text).toContain('securityContext: {runAsUser: 1000, allowPrivilegeEscalation: false, runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}, '
    + 'capabilities: {drop: [ALL]}}}]');
});

test('findings that need a person are left: no deadline, no requests, an added capability', () => {
  const { text } = fixText(BLOCK, options);
  expect(text).not.toContain('activeDeadlineSeconds');
  expect(text).not.toContain('resources');
});

test('a document whose edit would reach further than its finding (a shared anchor) is left alone, and said so', () => {
  const shared = 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: a}\nspec:\n  backoffLimit: 1\n  template:\n    spec:\n      restartPolicy: Never\n'
    + '      containers:\n        - {name: a, image: "busybox:1.37", securityContext: &sc {runAsUser: 1000}}\n'
    + '        - {name: b, image: "busybox:1.37", securityContext: *sc}\n';
  const { text, applied, refused } = fixText(shared, options);
  expect(text).toBe(shared);
  expect(applied).toEqual([]);
  expect(refused).toEqual([{
    document: 0,
    reason: 'spec.template.spec.containers.0.securityContext is an anchor or alias shared with other places: '
    + 'an edit would change them all; it needs a person',
  }]);
});

describe('cdk8s-jobs check --fix', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'fix-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));


  test('writes the file, says what it fixed, and reports what remains', async () => {
    const file = path.join(dir, 'job.yaml');
    writeFileSync(file, BLOCK);
    const { code, out, err } = await cli(['check', '--fix', file]);
    expect(readFileSync(file, 'utf8')).toBe(fixText(BLOCK, options).text);
    expect(err).toContain(`cdk8s-jobs: ${file}: fixed JOB001 spec.template.spec.restartPolicy = "Never"\n`);
    expect(out).toContain('JOB202');
    expect(out).not.toContain('JOB001');
    expect(code).toBe(0);
  });

  test('--dry-run prints a unified diff and writes nothing', async () => {
    const file = path.join(dir, 'job.yaml');
    writeFileSync(file, BLOCK);
    const { out } = await cli(['check', '--fix', '--dry-run', file]);
    expect(readFileSync(file, 'utf8')).toBe(BLOCK);
    expect(out).toContain(`--- ${file}`);
    expect(out).toContain('+      restartPolicy: Never\n');
  });

  test.each([
    [['--dry-run'], '--dry-run goes with --fix'],
    [['--fix', '-'], '--fix writes files; it cannot fix standard input'],
  ])('refuses %j', async (args, message) => {
    const { code, err } = await cli(['check', ...args, ...(args.includes('-') ? [] : ['x.yaml'])]);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
});

describe('every docs and tutorial fixture', () => {
  const { readdirSync } = jest.requireActual('fs');
  const root = path.join(__dirname, '../fixtures');
  const files: string[] = ['kubernetes-docs', 'tutorials'].flatMap(d => readdirSync(path.join(root, d)).map((f: string) => path.join(root, d, f)))
    .filter((f: string) => /\.ya?ml$/.test(f));

  test.each(files.map(f => [path.relative(root, f), f]))('%s: fixed once, then nothing more to fix', (_name, file) => {
    const original = readFileSync(file, 'utf8');
    const once = fixText(original, options);
    const twice = fixText(once.text, options);
    expect(twice.applied).toEqual([]);
    expect(twice.text).toBe(once.text);
  });
});

test('a TTL only where the deployment makes it safe, and Jobs inside a List too', () => {
  const hook = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\nspec:\n  backoffLimit: 0\n  activeDeadlineSeconds: 60\n  template:\n    spec:\n'
    + '      restartPolicy: Never\n      containers: [{name: c, image: "busybox:1.37"}]\n';
  expect(fixText(hook, { deployment: DeploymentTool.ONE_OFF }).text).toContain('  ttlSecondsAfterFinished: 86400\n');
  expect(fixText(hook, { deployment: 'GitOps' }).text).not.toContain('ttlSecondsAfterFinished');
  const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: batch/v1\n  kind: Job\n  metadata: {name: x}\n  spec:\n    template:\n      spec:\n'
    + '        containers: [{name: c, image: "busybox:1.37"}]\n';
  const fixed = fixText(list, {});
  expect(fixed.applied.map(a => a.path)).toContain('items[0].spec.template.spec.restartPolicy');
  expect(fixed.text).toContain('        restartPolicy: Never\n    backoffLimit: 6\n');
});

const ITEMS = (completions: string, extra = '') => `apiVersion: batch/v1
kind: Job
metadata: {name: rev}
spec:
  completionMode: Indexed
${completions}  backoffLimit: 2
${extra}  template:
    spec:
      restartPolicy: Never
      containers:
        - name: worker
          image: "busybox:1.37"
          securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: RuntimeDefault}, capabilities: {drop: [ALL]}}
          command: [bash, -c, 'items=(foo bar baz qux xyz); echo \${items[$JOB_COMPLETION_INDEX]}']
`;

test('JOB102: completions becomes the number of items the index is mapped into', () => {
  const { text, applied } = fixText(ITEMS('  completions: 3\n'), options);
  expect(text).toBe(ITEMS('  completions: 5\n'));
  expect(applied).toEqual([{ ruleId: 'JOB102', path: 'spec.template.spec.containers[0].command[2]', value: '5' }]);
});

test('JOB102 is left to a person when two lists disagree, and a fix that would make the API server refuse the Job is not made', () => {
  const two = ITEMS('  completions: 3\n').replace("echo ${items[$JOB_COMPLETION_INDEX]}'", "more=(a b); echo ${items[$JOB_COMPLETION_INDEX]} ${more[$JOB_COMPLETION_INDEX]}'");
  expect(fixText(two, options)).toMatchObject({ text: two, applied: [] });
  // five completions and backoffLimitPerIndex with maxFailedIndexes 4 are fine; the refusal comes from a list of two
  const shrinking = ITEMS('  completions: 5\n', '  backoffLimitPerIndex: 1\n  maxFailedIndexes: 4\n').replace('items=(foo bar baz qux xyz)', 'items=(foo bar)');
  const result = fixText(shrinking, options);
  expect(result.text).toBe(shrinking);
  expect(result.refused).toEqual([{ document: 0, reason: 'the fixes would make the API server refuse it (JOB005 spec.maxFailedIndexes); it needs a person' }]);
});
