/**
 * Small text helpers every printer shares: one collation, one plural, one
 * table. Sorting is by UTF-16 code unit (what `<` does), never by locale, so
 * output is the same on every machine.
 */

/** Code-unit order: the one collation kustenv sorts names by. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A sorted copy, in {@link compareText} order. */
export const sortText = (items: Iterable<string>): string[] => [...items].sort(compareText);

/** The same strings in the same order. */
export const sameStrings = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((s, i) => s === b[i]);

/** `1 key`, `2 keys`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/**
 * Columns padded to their widest cell, two spaces apart, the last one not
 * padded, no trailing blanks; one line per row, each ending in a newline.
 */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [head, ...rows].map((r) => `${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd()}\n`).join('');
}
