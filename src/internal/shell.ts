/**
 * Quotes a string for a POSIX shell: inside single quotes every byte is literal, so only the
 * single quote itself needs care (close, escaped quote, reopen).
 */
export function shellQuote(value: string): string {
  return `'${value.includes('\'') ? value.replace(/'/g, '\'\\\'\'') : value}'`;
}

/**
 * Escapes a string for a container's command, args or env value, where the kubelet expands
 * `$(VAR)` and turns `$$` into `$`: doubling every `$` makes the kubelet hand over the text unchanged.
 */
export function escapeKubeExpansion(value: string): string {
  return value.includes('$') ? value.replace(/\$/g, '$$$$') : value;
}
