/**
 * Refuses a count that is not a whole number of at least 1 (and, given `max`, at most `max`), naming the
 * construct path, the prop and the value.
 */
export function requireCount(path: string, what: string, value: number | undefined, max?: { value: number; label: string }, context = ''): void {
  const whole = value !== undefined && Number.isInteger(value) && value >= 1 && (max === undefined || value <= max.value);
  if (whole) return;
  const range = max === undefined ? 'of at least 1' : `from 1 to ${max.label} (${max.value})`;
  throw new Error(`${path}: ${what} must be a whole number ${range}${context}, got ${value}`);
}
