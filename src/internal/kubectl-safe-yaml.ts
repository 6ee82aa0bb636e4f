import * as path from 'path';

/**
 * What cdk8s writes must read back, through kubectl's reader, as the object it rendered. cdk8s writes YAML 1.1,
 * which already quotes `yes`, `on`, `0644` or `10:30`; but kubectl's go-yaml v2 also reads Go's prefixed integers
 * (`0o644`, `0O7`, `0B1`, `0X1f`, signed too) as numbers, which YAML 1.1 does not know, so cdk8s would write the
 * string "0o644" bare and kubectl would send 420.
 *
 * The `yaml` library quotes a plain string whenever a default tag of its schema would claim it. So one tag that
 * claims those forms, and never represents a value, is added to the options cdk8s passes to the library's
 * `stringify` (its own copy of `yaml`). Output changes only by the quotes it gains.
 */
const GO_PREFIXED_INT = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  // strconv.ParseInt base 0 forms with a letter after the 0 (the YAML 1.1 schema knows 0x and 0b lowercase only)
  test: /^[-+]?0[oObBxX][0-9a-fA-F_]+$/,
  resolve: (text: string) => text,
  identify: () => false,
};

/**
 * Characters the library writes raw but kubectl's reader does not give back: U+007F to U+009F and U+FEFF, U+FFFE,
 * U+FFFF are not printable to go-yaml (it refuses the document), and U+0085, U+2028 and U+2029 are line breaks to
 * it (folded or turned into "\n"). Double-quoted with escapes they read back byte for byte.
 */
const UNSAFE_RAW = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const UNSAFE_RAW_ALL = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g;
const ESCAPES: Record<string, string> = { '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P' };

function escapeFor(ch: string): string {
  const code = ch.charCodeAt(0);
  return ESCAPES[ch] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

let installed = false;

/** Installs the quoting in cdk8s's copy of `yaml` once per process. */
export function installKubectlSafeYaml(): void {
  if (installed) return;
  installed = true;
  let yaml: any;
  try {
    // cdk8s's own copy of `yaml`, wherever npm placed it: only a resolved path reaches it
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    yaml = require(require.resolve('yaml', { paths: [path.dirname(require.resolve('cdk8s'))] }));
  } catch {
    return; // no cdk8s in this process: nothing writes YAML through it
  }
  const stringify = yaml.stringify;
  const write = (value: unknown, replacer?: any, options?: any): string => {
    // cdk8s calls stringify(value, options); the library also takes stringify(value, replacer, options)
    if (options === undefined && replacer !== null && typeof replacer === 'object' && !Array.isArray(replacer)) {
      return stringify(value, withGoTags(replacer));
    }
    return stringify(value, replacer, withGoTags(options ?? {}));
  };
  yaml.stringify = (value: unknown, replacer?: any, options?: any) => {
    const text = write(value, replacer, options);
    // one scan of the text; only a document holding such a character is written again
    if (!UNSAFE_RAW.test(text)) return text;
    return write(doubleQuoteUnsafe(yaml, value, []), replacer, options).replace(UNSAFE_RAW_ALL, escapeFor);
  };
}

/** A copy in which every string holding an unsafe character is a double-quoted scalar, so its escapes are valid. */
function doubleQuoteUnsafe(yaml: any, value: unknown, at: string[]): unknown {
  if (typeof value === 'string') {
    if (!UNSAFE_RAW.test(value)) return value;
    const scalar = new yaml.Scalar(value);
    scalar.type = 'QUOTE_DOUBLE';
    return scalar;
  }
  if (Array.isArray(value)) return value.map((item, i) => doubleQuoteUnsafe(yaml, item, [...at, String(i)]));
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (UNSAFE_RAW.test(key)) {
      throw new Error(`the key ${JSON.stringify(key)} at ${at.join('.') || '(top)'} holds ${JSON.stringify(key.match(UNSAFE_RAW)![0])}, `
        + 'which kubectl would not read back as written; rename it');
    }
    Object.defineProperty(copy, key, { value: doubleQuoteUnsafe(yaml, item, [...at, key]), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function withGoTags(options: any): any {
  const custom = options.customTags;
  if (typeof custom === 'function') return options; // a caller's own tag function: leave it alone
  return { ...options, customTags: [...(custom ?? []), GO_PREFIXED_INT] };
}
