/**
 * The reader's corpus: seeded YAML streams of the scalars and structures where YAML readers differ (YAML 1.1
 * booleans, Go integer forms, floats, timestamps, sexagesimals, nulls, tags, keys that resolve, duplicate and
 * merge keys, anchors, byte order marks, several documents). Each stream is read by kubectl's decoder (the
 * oracle's -decode) and by src/checks/kubectl-yaml.ts; the JSON must be the same.
 */
import { random } from './generate';

const SCALARS = [
  'yes', 'Yes', 'YES', 'no', 'No', 'on', 'On', 'off', 'OFF', 'y', 'Y', 'n', 'N', 'true', 'True', 'FALSE', 'tRue', 'nUll',
  '~', 'null', 'Null', 'NULL', '', '0', '-0', '+0', '00', '007', '08', '09', '0644', '0o644', '0O7', '-0o7', '0x1F', '0X1f', '-0x1F',
  '0b101', '-0b1', '0B1', '1_000', '1__0', '_1', '1_', '+1_0', '12e', '1e3', '1E3', '1e+3', '1e-3', '5e0', '1.e3', '.5', '-.5', '+.5',
  '5.', '.5e3', '0.0', '1.5', '.nan', '.NaN', '.inf', '-.Inf', '+.INF', 'inf', 'nan', 'Infinity', '99999999999999999999',
  '9223372036854775807', '9223372036854775808', '18446744073709551615', '18446744073709551616', '-9223372036854775808',
  '10:30', '1:30:00', '190:20:30', '2024-01-01', '2024-1-1', '2024-01-01T10:00:00Z', '2024-01-01 10:00:00', '1,000', '0x', '0b', '0o',
  'plain', 'a b', '=', '-', '.', '<<', '0x1p-2', '1 000', "'yes'", '"0o644"', "'10:30'", '"2024-01-01"', '!!str 5', '!!str yes',
  '!!int "7"', '!!float "1"', '!!null ""', "'it''s'", '"tab\\tquote\\""', '"\\u00e9"', '|\n  block text\n', '>\n  folded\n  text\n',
];
const KEYS = ['name', 'value', 'on', 'off', 'y', 'n', 'yes', '1', '0x1F', '1.5', '~', 'null', '"quoted"', "'single'", 'true', '<<', 'key with space'];

/**
 * Scalars inside a flow sequence. A bare `-` is left out: libyaml (kubectl) reads `[-]` as the string "-", and
 * js-yaml refuses it, so the checker reports such a document as a parse error (a known difference, README).
 */
const FLOW_SCALARS = SCALARS.filter(v => !/[|>\n]/.test(v) && !v.startsWith('!!') && v !== '-');

type Rng = () => number;
const pick = <T>(rng: Rng, values: readonly T[]): T => values[Math.floor(rng() * values.length)];

function scalar(rng: Rng, indent: string): string {
  const s = pick(rng, SCALARS);
  return s.startsWith('|') || s.startsWith('>') ? s.replace(/\n {2}/g, `\n${indent}  `).trimEnd() : s;
}

function mapping(rng: Rng, depth: number, indent: string): string[] {
  const lines: string[] = [];
  const count = 1 + Math.floor(rng() * 4);
  for (let i = 0; i < count; i++) {
    const key = pick(rng, KEYS);
    const roll = rng();
    if (depth < 3 && roll < 0.2) {
      lines.push(`${indent}${key}:`, ...mapping(rng, depth + 1, indent + '  '));
    } else if (depth < 3 && roll < 0.3) {
      lines.push(`${indent}${key}:`, ...Array.from({ length: 1 + Math.floor(rng() * 3) }, () => `${indent}- ${scalar(rng, indent + '  ')}`));
    } else if (roll < 0.38) {
      lines.push(`${indent}${key}: [${Array.from({ length: 1 + Math.floor(rng() * 3) }, () => pick(rng, FLOW_SCALARS)).join(', ')}]`);
    } else {
      lines.push(`${indent}${key}: ${scalar(rng, indent)}`);
    }
  }
  return lines;
}

function document(rng: Rng): string {
  const roll = rng();
  if (roll < 0.1) {
    return ['base: &base', '  a: 1', `  b: ${scalar(rng, '  ')}`, 'use:', '  <<: *base', `  b: ${scalar(rng, '  ')}`, `  ${pick(rng, KEYS)}: x`].join('\n');
  }
  if (roll < 0.15) return [`list: &l [${pick(rng, FLOW_SCALARS)}, 2]`, 'again: *l', 'map: {k: *l}'].join('\n');
  if (roll < 0.2) return ['dup: 1', `dup: ${scalar(rng, '')}`, `${pick(rng, KEYS)}: 1`, `${pick(rng, KEYS)}: 2`].join('\n');
  return mapping(rng, 0, '').join('\n');
}

/**
 * A JSON stream as kubectl reads it: concatenated values (kubectl's NewYAMLOrJSONDecoder), some with a duplicate
 * key, some with YAML after one value (where kubectl falls back to YAML).
 */
function jsonStream(rng: Rng): string {
  const value = () => pick(rng, ['"yes"', '"0o644"', '1e3', '-0', '0.5', 'true', 'null', '"10:30"', '[1, "a", {"k": false}]', '{"nested": {"x": 1}}', '"\\u00e9"']);
  const object = () => {
    const keys = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => pick(rng, ['"apiVersion"', '"kind"', '"a"', '"on"', '"1"', '"spec"']));
    return `{${keys.map(k => `${k}: ${value()}`).join(', ')}}`;
  };
  const separator = () => pick(rng, ['\n', '', ' ', '\n\n', '\t']);
  const values = Array.from({ length: 1 + Math.floor(rng() * 3) }, object);
  const tail = rng() < 0.15 ? `\n${pick(rng, ['b: yes', '---\nc: 0o7', 'd: [x'])}\n` : '\n';
  return values.join(separator()) + tail;
}

/** `count` streams of one to three documents each; some start a document with a byte order mark. */
export function yamlCorpus(seed: number, count: number): Array<{ id: string; text: string }> {
  const rng = random(seed);
  const streams: Array<{ id: string; text: string }> = [];
  for (let n = 0; n < count; n++) {
    const docs = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => (rng() < 0.05 ? '\ufeff' : '') + document(rng));
    streams.push({ id: `yaml/${n}`, text: docs.join('\n---\n') + '\n' });
  }
  for (let n = 0; n < count / 4; n++) streams.push({ id: `json/${n}`, text: jsonStream(rng) });
  return streams;
}
