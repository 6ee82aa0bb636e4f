/**
 * YAML read the way kubectl reads it, so that the checker judges the object the API server will receive.
 *
 * kubectl splits a stream into documents (k8s.io/apimachinery/pkg/util/yaml.YAMLReader) and turns each into JSON
 * with sigs.k8s.io/yaml.YAMLToJSON, which decodes with go-yaml v2 (go.yaml.in/yaml/v2) and then converts the result
 * to JSON-able values (convertToJSONableObject). Ported here, and held to it by the oracle's `-decode` mode in
 * `npm run conformance`:
 *   - scalars resolve as go-yaml v2's resolve.go resolves them: YAML 1.1 booleans (y, yes, on, ...), nulls
 *     ("", ~, null), integers through Go's strconv.ParseInt with base 0 (0x, 0o, 0b and a leading 0 for octal,
 *     underscores dropped), floats by its yamlStyleFloat pattern; timestamps and sexagesimals ("10:30") stay
 *     strings, exactly as written;
 *   - mapping keys resolve the same way and become JSON keys as convertToJSONableObject writes them (`on:` is
 *     "true", `1:` is "1", a float as Go's FormatFloat(k, 'g', -1, 32)); a null or uint64 key is an error when it
 *     survives into the result (a later duplicate may replace its map);
 *   - a duplicate key: the last one wins; a merge key (`<<`) merges where it stands, in order (go-yaml v2's
 *     decoder.merge), so it overrides the keys before it and the keys after it override it;
 *   - NaN and infinities cannot be JSON: an error, as json.Marshal gives;
 *   - aliases: go-yaml's "document contains excessive aliasing" limit (decode.go allowedAliasRatio);
 *   - keys such as `__proto__` or `constructor` are own properties, plain data (as JSON.parse makes them).
 */
import * as jsyaml from 'js-yaml';

const { NOT_RESOLVED, defineMappingTag, defineScalarTag, defineSequenceTag, Schema } = jsyaml;

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSES = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const SPECIAL_FLOATS: Record<string, number> = {
  '.nan': NaN,
  '.NaN': NaN,
  '.NAN': NaN,
  '.inf': Infinity,
  '.Inf': Infinity,
  '.INF': Infinity,
  '+.inf': Infinity,
  '+.Inf': Infinity,
  '+.INF': Infinity,
  '-.inf': -Infinity,
  '-.Inf': -Infinity,
  '-.INF': -Infinity,
};
/** resolve.go yamlStyleFloat */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** strconv.ParseFloat's decimal and hexadecimal forms, for scalars that start with "." */
const GO_FLOAT = /^[-+]?((\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][-+]?\d+)$/;

/** Go's strconv.ParseInt(s, 0, 64) (and ParseUint when it overflows): the value, or undefined when it fails. */
function parseGoInt(text: string): number | undefined {
  const match = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!match) return undefined;
  const [, sign, digits] = match;
  let value: number;
  if (/^0[xX]/.test(digits)) value = parseInt(digits.slice(2), 16);
  else if (/^0[bB]/.test(digits)) value = parseInt(digits.slice(2), 2);
  else if (/^0[oO]/.test(digits)) value = parseInt(digits.slice(2), 8);
  else if (digits.length > 1 && digits.startsWith('0')) value = parseInt(digits.slice(1), 8);
  else value = Number(digits);
  if (sign === '-') value = -value;
  // int64 or, for positive values, uint64
  if (value < -(2 ** 63) || value > 2 ** 64 - 1 || (sign === '-' && value < -(2 ** 63))) return undefined;
  return value;
}

/** go-yaml v2 resolve() for an untagged plain scalar. */
export function resolvePlain(text: string): unknown {
  if (NULLS.has(text)) return null;
  if (TRUES.has(text)) return true;
  if (FALSES.has(text)) return false;
  if (text in SPECIAL_FLOATS) return SPECIAL_FLOATS[text];
  const first = text.charAt(0);
  if (first === '.') {
    return GO_FLOAT.test(text) ? Number(text.replace(/^([-+]?)\./, '$10.')) : text;
  }
  if (first === '+' || first === '-' || (first >= '0' && first <= '9')) {
    // a timestamp is kept as written when decoding into interface{}: it stays a string
    const plain = text.replace(/_/g, '');
    const int = parseGoInt(plain);
    if (int !== undefined) return int;
    if (YAML_STYLE_FLOAT.test(plain)) return Number(plain);
    return text;
  }
  return text;
}

const nullTag = defineScalarTag('tag:yaml.org,2002:null', {
  implicit: true,
  implicitFirstChars: ['', '~', 'n', 'N'],
  resolve: (source: string) => (NULLS.has(source) ? null : NOT_RESOLVED),
  identify: (data: unknown) => data === null,
});
const boolTag = defineScalarTag('tag:yaml.org,2002:bool', {
  implicit: true,
  implicitFirstChars: ['y', 'Y', 'n', 'N', 't', 'T', 'f', 'F', 'o', 'O'],
  resolve: (source: string) => (TRUES.has(source) ? true : FALSES.has(source) ? false : NOT_RESOLVED),
  identify: (data: unknown) => typeof data === 'boolean',
});
/** How many NaN or infinite numbers were resolved so far: a parse checks its values only when this moved. */
let nonFinite = 0;
export function nonFiniteSeen(): number {
  return nonFinite;
}

/** Whether a value holds NaN or an infinity anywhere (as a value; keys are strings by then). */
export function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(hasNonFinite);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasNonFinite);
  return false;
}

const numberTag = (tagName: string) => defineScalarTag(tagName, {
  implicit: true,
  implicitFirstChars: ['.', '+', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  resolve: (source: string, isExplicit: boolean) => {
    const value = resolvePlain(source);
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) nonFinite++;
      return value;
    }
    // an explicit !!int or !!float that does not resolve is go-yaml's "cannot decode" error
    if (isExplicit) throw new Error(`cannot decode ${JSON.stringify(source)} as a number`);
    return NOT_RESOLVED;
  },
  identify: (data: unknown) => typeof data === 'number',
});
const strTag = defineScalarTag('tag:yaml.org,2002:str', {
  resolve: (source: string) => source,
  identify: (data: unknown) => typeof data === 'string',
});
const seqTag = defineSequenceTag('tag:yaml.org,2002:seq', {
  create: () => [] as unknown[],
  addItem: (carrier: unknown[], item: unknown) => {
    carrier.push(item);
    return '';
  },
  identify: (data: unknown) => Array.isArray(data),
} as any);

/**
 * strconv.FormatFloat(v, 'g', -1, 32): the shortest digits that give back the float32, in %e form when the
 * exponent is below -4 or at least 6 (Go's choice for the shortest precision).
 */
function goFloat32(value: number): string {
  const single = Math.fround(value);
  let digits = 1;
  while (digits < 9 && Math.fround(Number(single.toPrecision(digits))) !== single) digits++;
  const [mantissa, exponentText] = single.toExponential(digits - 1).split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(Number(single.toPrecision(digits)));
}

/** Keys kubectl can decode but not write as JSON (null, uint64): the document fails only if one survives. */
const UNWRITABLE_KEY = Symbol('unwritable key');
let unwritableKeys = 0;
export function unwritableKeysSeen(): number {
  return unwritableKeys;
}

/** The first key that convertToJSONableObject would refuse, left in a finished value. */
export function findUnwritableKey(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findUnwritableKey(item);
      if (found !== undefined) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    const keys = (value as any)[UNWRITABLE_KEY] as string[] | undefined;
    if (keys !== undefined && keys.length > 0) return keys[0];
    for (const item of Object.values(value)) {
      const found = findUnwritableKey(item);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** convertToJSONableObject: the JSON key a resolved YAML key becomes, or why it cannot be one. */
function jsonKey(key: unknown): string | { refused: string } {
  if (typeof key === 'string') return key;
  if (typeof key === 'boolean') return key ? 'true' : 'false';
  if (typeof key === 'number') {
    if (Number.isInteger(key) && Math.abs(key) <= 2 ** 63) return String(key);
    if (Number.isInteger(key) && key > 2 ** 63 && key <= 2 ** 64) return { refused: `unsupported map key of type uint64: ${key}` };
    if (Number.isNaN(key)) return '.nan';
    if (key === Infinity) return '.inf';
    if (key === -Infinity) return '-.inf';
    return goFloat32(key);
  }
  return { refused: `unsupported map key of type ${key === null ? '<nil>' : typeof key}` };
}

/** go-yaml v2 decoder.merge: `<<` takes a mapping or a list of them (the earlier ones winning), in key order. */
function merge(carrier: Record<string, unknown>, value: unknown): string {
  const isMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const sources = Array.isArray(value) ? [...value].reverse() : [value];
  if (!sources.every(isMap)) {
    return 'map merge requires map or sequence of maps as the value';
  }
  for (const source of sources as Array<Record<string, unknown>>) {
    for (const key of Object.keys(source)) {
      if (key === '__proto__') Object.defineProperty(carrier, key, { value: source[key], enumerable: true, writable: true, configurable: true });
      else carrier[key] = source[key];
    }
    const refused = (source as any)[UNWRITABLE_KEY] as string[] | undefined;
    if (refused) ((carrier as any)[UNWRITABLE_KEY] ??= []).push(...refused);
  }
  return '';
}

const mapTag = defineMappingTag('tag:yaml.org,2002:map', {
  create: () => ({}) as Record<string, unknown>,
  addPair: (carrier: Record<string, unknown>, key: unknown, value: unknown) => {
    if (key === '__proto__') {
      // an own property, as JSON.parse makes it: assigning would set the object's prototype
      Object.defineProperty(carrier, key, { value, enumerable: true, writable: true, configurable: true });
      return '';
    }
    // a plain `<<` (go-yaml's merge tag), merged where it stands, so a later key overrides it and it overrides an earlier one
    if (key === '<<') return merge(carrier, value);
    const name = jsonKey(key);
    if (typeof name !== 'string') {
      unwritableKeys++;
      ((carrier as any)[UNWRITABLE_KEY] ??= []).push(name.refused);
      return '';
    }
    carrier[name] = value;
    return '';
  },
  has: (carrier: Record<string, unknown>, key: unknown) => {
    const name = jsonKey(key);
    return typeof name === 'string' && Object.prototype.hasOwnProperty.call(carrier, name);
  },
  keys: (result: Record<string, unknown>) => Object.keys(result),
  get: (result: Record<string, unknown>, key: unknown) => {
    const name = jsonKey(key);
    return typeof name === 'string' ? result[name] : undefined;
  },
  identify: (data: unknown) => typeof data === 'object' && data !== null && !Array.isArray(data),
});

/** The tags go-yaml v2 resolves when decoding into interface{}; no timestamp, binary, set or omap. */
export const KUBECTL_SCHEMA = new Schema([strTag, seqTag, mapTag, nullTag, boolTag, numberTag('tag:yaml.org,2002:int'),
  numberTag('tag:yaml.org,2002:float')] as any);

/** go-yaml v2 decode.go allowedAliasRatio: 99% of small documents may come from aliases, 10% of huge ones. */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400000) return 0.99;
  if (decodeCount >= 4000000) return 0.10;
  return 0.99 - 0.89 * ((decodeCount - 400000) / 3600000);
}

/**
 * go-yaml v2's excessive-aliasing rule (decode.go unmarshal, alias) over a document's parser events: every node
 * decoded counts (keys, values, the document, an alias node and each node it expands to), and every node decoded
 * inside an alias's expansion counts as aliased. Throws as go-yaml fails, before anything is expanded.
 */
export function checkAliasing(events: readonly any[], from: number, to: number, source: string): void {
  const { EVENT_ALIAS, EVENT_DOCUMENT, EVENT_MAPPING, EVENT_POP, EVENT_SCALAR, EVENT_SEQUENCE } = jsyaml;
  const anchorOf = (event: any): string | undefined => (event.anchorStart >= 0 ? source.slice(event.anchorStart, event.anchorEnd) : undefined);
  let decodeCount = 0;
  let aliasCount = 0;
  /** Per open node (documents too, so every POP has its opener): the count at its start, and its anchor. */
  const open: Array<{ decode: number; alias: number; anchor?: string }> = [];
  /** Per anchor: how many nodes decoding its value takes (its own, and those of the aliases within it). */
  const anchors = new Map<string, { decode: number; alias: number }>();
  for (let i = from; i < to; i++) {
    const event = events[i];
    switch (event.type) {
      case EVENT_SCALAR: {
        decodeCount++;
        const anchor = anchorOf(event);
        if (anchor !== undefined) anchors.set(anchor, { decode: 1, alias: 0 });
        break;
      }
      case EVENT_DOCUMENT:
        decodeCount++;
        open.push({ decode: decodeCount, alias: aliasCount });
        break;
      case EVENT_SEQUENCE:
      case EVENT_MAPPING:
        decodeCount++;
        open.push({ decode: decodeCount - 1, alias: aliasCount, anchor: anchorOf(event) });
        break;
      case EVENT_POP: {
        const start = open.pop();
        if (start?.anchor !== undefined) anchors.set(start.anchor, { decode: decodeCount - start.decode, alias: aliasCount - start.alias });
        break;
      }
      case EVENT_ALIAS: {
        // the alias node itself, then every node of the anchored value again, all of them inside an alias
        const expanded = anchors.get(anchorOf(event) ?? '')?.decode ?? 0;
        decodeCount += 1 + expanded;
        aliasCount += expanded;
        break;
      }
      default:
    }
    if (aliasCount > 100 && decodeCount > 1000 && aliasCount / decodeCount > allowedAliasRatio(decodeCount)) {
      throw new Error('document contains excessive aliasing');
    }
  }
}
