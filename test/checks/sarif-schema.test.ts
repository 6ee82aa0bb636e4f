import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCli } from '../../src/cli';

/**
 * SARIF checked against the official SARIF 2.1.0 schema (sarif-2.1.0-rtm.5.json, as @microsoft/jest-sarif ships it)
 * with ajv and its format checks: a `uri` must be a URI reference, so paths are percent-encoded and the standard
 * input, which has none, is described instead.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// the schema's language pattern is not valid with the u flag ("[a-zA-Z]{2}]?"): patterns are compiled without it
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

async function sarif(args: string[], stdin = ''): Promise<any> {
  let out = '';
  await runCli(['check', '--format', 'sarif', ...args], { stdin: Readable.from([stdin]), write: t => { out += t; }, error: () => undefined });
  return JSON.parse(out);
}

function expectValid(log: any): void {
  const ok = validate(log);
  expect(ok ? [] : validate.errors!.map(e => `${e.instancePath} ${e.message}`)).toEqual([]);
}

const JOB = 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n      restartPolicy: Always\n      containers: [{name: c, image: busybox}]\n';
const BROKEN = 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: a\n';

let dir: string;
beforeAll(() => { dir = mkdtempSync(path.join(tmpdir(), 'sarif #1 %20 ')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the standard input: findings and a parse error, described without a URI', async () => {
  for (const input of [JOB, BROKEN]) {
    const log = await sarif(['-'], input);
    expectValid(log);
    const locations = [...log.runs[0].results, ...log.runs[0].invocations[0].toolExecutionNotifications].flatMap((r: any) => r.locations);
    expect(locations.length).toBeGreaterThan(0);
    for (const l of locations) expect(l.physicalLocation.artifactLocation).toEqual({ description: { text: 'standard input' } });
  }
});

test('unusual paths are percent-encoded and decode back to the file', async () => {
  const nested = path.join(dir, 'a b', 'c#d');
  mkdirSync(nested, { recursive: true });
  const files = [path.join(nested, 'job ü %.yaml'), path.join(nested, 'broken?.yaml')];
  writeFileSync(files[0], JOB);
  writeFileSync(files[1], BROKEN);
  writeFileSync(path.join(nested, 'notes.txt'), 'not yaml');
  const log = await sarif([dir]);
  expectValid(log);
  const uris = [...log.runs[0].results, ...log.runs[0].invocations[0].toolExecutionNotifications]
    .map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
  expect(uris.length).toBeGreaterThanOrEqual(3);
  for (const uri of uris) {
    expect(uri).toMatch(/^file:\/\/\//);
    expect(uri).not.toMatch(/[ #?]/);
  }
  const decoded = new Set(uris.map((uri: string) => decodeURIComponent(uri.slice('file://'.length))));
  for (const file of files) expect(decoded.has(file)).toBe(true);
});

test('a relative path stays a relative reference', async () => {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    writeFileSync(path.join(dir, 'rel #.yaml'), JOB);
    const log = await sarif(['rel #.yaml']);
    expectValid(log);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('rel%20%23.yaml');
  } finally {
    process.chdir(cwd);
  }
});

test('the schema check would catch the old form', () => {
  expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: '<stdin>' } } }] }] }] })).toBe(false);
  expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a b#c.yaml' } } }] }] }] })).toBe(false);
});
