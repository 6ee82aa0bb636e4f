import * as crypto from 'crypto';

/** Node 20.12+ hashes in one call, without a Hash object per Job. */
const oneShotHash: ((algorithm: string, data: string) => string) | undefined = (crypto as any).hash;

/** The first `length` hex digits of the SHA-256 of `text`. */
export function contentHash(text: string, length = 8): string {
  const hex = oneShotHash ? oneShotHash('sha256', text) : crypto.createHash('sha256').update(text).digest('hex');
  return hex.slice(0, length);
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
