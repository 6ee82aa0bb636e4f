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
  yaml.stringify = (value: unknown, replacer?: any, options?: any) => {
    // cdk8s calls stringify(value, options); the library also takes stringify(value, replacer, options)
    if (options === undefined && replacer !== null && typeof replacer === 'object' && !Array.isArray(replacer)) {
      return stringify(value, withGoTags(replacer));
    }
    return stringify(value, replacer, withGoTags(options ?? {}));
  };
}

function withGoTags(options: any): any {
  const custom = options.customTags;
  if (typeof custom === 'function') return options; // a caller's own tag function: leave it alone
  return { ...options, customTags: [...(custom ?? []), GO_PREFIXED_INT] };
}
