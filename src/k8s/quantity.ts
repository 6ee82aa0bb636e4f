/**
 * Resource quantities as k8s.io/apimachinery/pkg/api/resource.ParseQuantity reads them: a signed decimal number
 * followed by a binary suffix (Ki..Ei), a decimal SI suffix (n, u, m, "", k, M, G, T, P, E) or a decimal
 * exponent (e3, E-2). Nothing else is a quantity: no spaces, no "K", "GB" or "Gb".
 *
 * JSON numbers are quantities too (Quantity.UnmarshalJSON reads the number's text).
 */

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)/;
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { 'n': 1e-9, 'u': 1e-6, 'm': 1e-3, '': 1, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18 };

/** The quantity's value in base units, or undefined when `value` is not a quantity. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = NUMBER.exec(value);
  if (!match) return undefined;
  const suffix = value.slice(match[0].length);
  const number = Number(match[0]);
  if (suffix in BINARY) return number * BINARY[suffix];
  if (suffix in DECIMAL) return number * DECIMAL[suffix];
  const exponent = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (exponent) return number * 10 ** Number(exponent[1]);
  return undefined;
}

/** What a quantity looks like, for messages. */
export const QUANTITY_FORMAT = 'a number with an optional suffix: Ki, Mi, Gi, Ti, Pi, Ei, n, u, m, k, M, G, T, P, E or an exponent (e.g. "500m", "1Gi", "2")';
