/**
 * Kubernetes' name and value syntax, ported from k8s.io/apimachinery/pkg/util/validation (validation.go) and
 * k8s.io/apimachinery/pkg/api/validation (objectmeta.go), for constructs and checker rules alike.
 *
 * Each function returns the problems found (empty when the value is valid), in the order Kubernetes reports
 * them. Lengths are counted in bytes, as Go's len() counts them.
 */

export const MAX_INT32 = 2147483647;

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PORT_NAME_CHARSET = /^[-a-z0-9]+$/;

/** Go's len(): bytes of the UTF-8 encoding. */
export function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

function maxLen(n: number): string {
  return `must be no more than ${n} characters`;
}

/** A valid qualified name in one test: most names are, and this spares the split and the byte counts. */
const VALID_QUALIFIED_NAME = /^(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** IsQualifiedName: `[prefix/]name`, the prefix a DNS subdomain, the name at most 63 characters. */
export function qualifiedNameProblems(value: string): string[] {
  if (value.length <= 63 && VALID_QUALIFIED_NAME.test(value)) return [];
  const problems: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) problems.push('prefix part must be non-empty');
    else problems.push(...dns1123SubdomainProblems(prefix).map(p => `prefix part ${p}`));
  } else {
    return ['must be a qualified name: an optional DNS subdomain prefix and "/", then a name of alphanumerics, "-", "_" or "." that starts and ends with an alphanumeric (e.g. "example.com/MyName")'];
  }
  if (name.length === 0) problems.push('name part must be non-empty');
  else if (byteLength(name) > 63) problems.push(`name part ${maxLen(63)}`);
  if (!QUALIFIED_NAME.test(name)) {
    problems.push('name part must consist of alphanumeric characters, "-", "_" or ".", and must start and end with an alphanumeric character');
  }
  return problems;
}

/** IsValidLabelValue: empty, or at most 63 alphanumerics, "-", "_", "." starting and ending alphanumeric. */
export function labelValueProblems(value: string): string[] {
  if (value.length <= 63 && LABEL_VALUE.test(value)) return [];
  const problems: string[] = [];
  if (byteLength(value) > 63) problems.push(maxLen(63));
  if (!LABEL_VALUE.test(value)) {
    problems.push('must be empty or consist of alphanumeric characters, "-", "_" or ".", and start and end with an alphanumeric character');
  }
  return problems;
}

/** IsDNS1123Label */
export function dns1123LabelProblems(value: string): string[] {
  const problems: string[] = [];
  if (byteLength(value) > 63) problems.push(maxLen(63));
  if (!DNS1123_LABEL.test(value)) problems.push('must be a lowercase RFC 1123 label: lowercase alphanumerics or "-", starting and ending with an alphanumeric');
  return problems;
}

/** IsDNS1123Subdomain */
export function dns1123SubdomainProblems(value: string): string[] {
  const problems: string[] = [];
  if (byteLength(value) > 253) problems.push(maxLen(253));
  if (!DNS1123_SUBDOMAIN.test(value)) problems.push('must be a lowercase RFC 1123 subdomain: lowercase alphanumerics, "-" or ".", starting and ending with an alphanumeric');
  return problems;
}

/** IsDNS1035Label */
export function dns1035LabelProblems(value: string): string[] {
  const problems: string[] = [];
  if (byteLength(value) > 63) problems.push(maxLen(63));
  if (!DNS1035_LABEL.test(value)) problems.push('must be a lowercase RFC 1035 label: lowercase alphanumerics or "-", starting with a letter and ending with an alphanumeric');
  return problems;
}

export function isDnsLabel(value: unknown): boolean {
  return typeof value === 'string' && dns1123LabelProblems(value).length === 0;
}

export function isDnsSubdomain(value: unknown): boolean {
  return typeof value === 'string' && dns1123SubdomainProblems(value).length === 0;
}

/** hasChDirPrefix: "." and ".." and their "./" forms are refused as keys and file names. */
function chDirProblems(value: string): string[] {
  if (value === '.') return ['must not be "."'];
  if (value === '..') return ['must not be ".."'];
  if (value.startsWith('..')) return ['must not start with ".."'];
  return [];
}

/** IsConfigMapKey: the key of a ConfigMap or Secret. */
export function configMapKeyProblems(value: string): string[] {
  const problems: string[] = [];
  if (byteLength(value) > 253) problems.push(maxLen(253));
  if (!CONFIG_MAP_KEY.test(value)) problems.push('must consist of alphanumeric characters, "-", "_" or "."');
  problems.push(...chDirProblems(value));
  return problems;
}

/**
 * IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation, on by default since 1.32): printable ASCII other
 * than "=".
 */
export function envVarNameProblems(value: string): string[] {
  if (value.length === 0) return ['must be non-empty'];
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code > 126 || code < 32 || ch === '=') return ['must consist only of printable ASCII characters other than "="'];
  }
  return [];
}

/** IsCIdentifier */
export function isCIdentifier(value: string): boolean {
  return C_IDENTIFIER.test(value);
}

/** IsValidPortName: an IANA service name. */
export function portNameProblems(value: string): string[] {
  const problems: string[] = [];
  if (byteLength(value) > 15) problems.push(maxLen(15));
  if (!PORT_NAME_CHARSET.test(value)) problems.push('must contain only lowercase alphanumerics and "-"');
  if (!/[a-z]/.test(value)) problems.push('must contain at least one letter (a-z)');
  if (value.includes('--')) problems.push('must not contain consecutive hyphens');
  if (value.startsWith('-') || value.endsWith('-')) problems.push('must not begin or end with a hyphen');
  return problems;
}

/** IsValidPortNum */
export function isPortNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** netutils.ParseIPSloppy, as IsValidIP uses it: dotted IPv4 (leading zeros allowed) or IPv6. */
export function isIp(value: string): boolean {
  return isIpv4(value) || isIpv6(value);
}

function isIpv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every(p => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255);
}

function isIpv6(value: string): boolean {
  if (!value.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(value)) return false;
  let groups = value.split(':');
  let embeddedV4 = 0;
  if (groups[groups.length - 1].includes('.')) {
    if (!isIpv4(groups[groups.length - 1])) return false;
    groups = groups.slice(0, -1);
    embeddedV4 = 2;
  }
  const double = value.indexOf('::');
  if (double !== value.lastIndexOf('::')) return false;
  if (double >= 0) {
    const [left, right] = value.split('::');
    const count = (s: string) => (s === '' ? 0 : s.split(':').length);
    const l = count(left);
    const r = count(embeddedV4 ? right.split(':').slice(0, -1).join(':') : right);
    const hex = [...(left ? left.split(':') : []), ...(right ? (embeddedV4 ? right.split(':').slice(0, -1) : right.split(':')) : [])];
    return hex.every(h => /^[0-9A-Fa-f]{1,4}$/.test(h)) && l + r + embeddedV4 < 8;
  }
  return groups.length + embeddedV4 === 8 && groups.every(h => /^[0-9A-Fa-f]{1,4}$/.test(h));
}

/** ValidateLabels: keys qualified names, values label values. Problems are "key: problem". */
export function labelProblems(labels: Record<string, unknown>): Array<{ key: string; value: unknown; problem: string }> {
  const problems: Array<{ key: string; value: unknown; problem: string }> = [];
  for (const key of Object.keys(labels)) {
    for (const problem of qualifiedNameProblems(key)) problems.push({ key, value: key, problem: `label key ${problem}` });
    const value = labels[key];
    if (typeof value === 'string') {
      for (const problem of labelValueProblems(value)) problems.push({ key, value, problem: `label value ${problem}` });
    }
  }
  return problems;
}

/** ValidateAnnotations' total size limit (TotalAnnotationSizeLimitB): keys and values, 256 KiB. */
export const TOTAL_ANNOTATION_SIZE = 256 * 1024;
