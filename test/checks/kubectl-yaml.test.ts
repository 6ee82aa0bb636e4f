import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IndexedJob } from '../../src';
import { resolvePlain } from '../../src/checks/kubectl-yaml';
import { parseDocument, splitDocuments } from '../../src/checks/source';
import { expectReadBackAsKubectl } from '../util';

const read = (text: string) => JSON.parse(JSON.stringify(parseDocument({ text, line: 1 }).value));

describe('scalars resolve as go-yaml v2 resolves them for kubectl', () => {
  test.each([
    ['2024-01-01', '2024-01-01'], // a timestamp stays the string written
    ['10:30', '10:30'], // no sexagesimals
    ['5e0', 5], ['1e-3', 0.001], ['.5', 0.5],
    ['0o644', 420], ['0644', 420], ['0x1F', 31], ['0b101', 5], ['1_000', 1000], ['08', 8],
    ['yes', true], ['on', true], ['N', false], ['off', false],
    ['~', null], ['', null], ['Null', null],
    ['nUll', 'nUll'], ['tRue', 'tRue'], ['1,000', '1,000'],
  ])('%j is %j', (text, value) => {
    expect(resolvePlain(text)).toEqual(value);
  });

  test('keys resolve too, and become JSON keys as kubectl writes them', () => {
    expect(read('on: push\nn: 1\n1: one\n')).toEqual({ true: 'push', false: 1, 1: 'one' });
  });

  test('a duplicate key: the last value wins', () => {
    expect(read('a: 1\na: 2\n')).toEqual({ a: 2 });
  });

  test('merge keys merge (and `y` is a boolean key to kubectl)', () => {
    expect(read('base: &b {x: 1}\nuse:\n  <<: *b\n  z: 2\n  y: 3\n')).toEqual({ base: { x: 1 }, use: { x: 1, z: 2, true: 3 } });
  });

  test('NaN and infinities are not JSON: the document fails, as in kubectl', () => {
    expect(() => read('v: .nan\n')).toThrow('json: unsupported value');
    expect(read('.inf: key\n')).toEqual({ '.inf': 'key' });
  });
});

describe('hostile input', () => {
  test('keys named after Object.prototype members are plain data', () => {
    const value = parseDocument({ text: '__proto__: {polluted: true}\nconstructor: 1\nhasOwnProperty: 2\n', line: 1 }).value as any;
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor', 'hasOwnProperty']);
    expect(({} as any).polluted).toBeUndefined();
  });

  test('an alias bomb fails as go-yaml fails it ("excessive aliasing"), without expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const started = Date.now();
    expect(() => parseDocument({ text: levels.join('\n') + '\n', line: 1 })).toThrow('document contains excessive aliasing');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('a byte order mark may start any document of a stream', () => {
    const documents = splitDocuments('a: 1\n---\n\ufeffb: 2\n');
    expect(documents.map(d => read(d.text))).toEqual([{ a: 1 }, { b: 2 }]);
  });
});

test('a string kubectl would read as a number is written quoted, and reads back as the string', () => {
  const chart = new Chart(Testing.app(), 'c');
  new IndexedJob(chart, 'job', { completions: 1, containers: [{ name: 'main', image: 'busybox:1.37', envVariables: { MODE: kplus.EnvValue.fromValue('0o644') } }] });
  const manifests = Testing.synth(chart);
  expect(manifests[0].spec.template.spec.containers[0].env.find((e: any) => e.name === 'MODE').value).toBe('0o644');
  expectReadBackAsKubectl(manifests);
});
