import { createHash } from 'crypto';

/** The first `length` hex digits of the SHA-256 of `text`. */
export function contentHash(text: string, length = 8): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * JSON with object keys sorted at every level, so equal content always gives equal text.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.keys(v).sort().reduce((sorted: Record<string, unknown>, k) => {
      sorted[k] = v[k];
      return sorted;
    }, {});
  });
}
