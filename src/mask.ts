/**
 * The masks. A secret value is shown as `***`; in a diff, a secret that
 * changed shows `*** (before)` and `*** (after)`, as kubectl diff does, so a
 * reviewer sees that it changed and never to what.
 */
export const MASK = '***';
export const MASK_BEFORE = '*** (before)';
export const MASK_AFTER = '*** (after)';

/**
 * Replace every value of a patch file (and each of its lines) in `text` with
 * `***`: for output of other programs (kubectl, kustomize) that may echo what
 * they were given. Values shorter than 4 characters are left, so that
 * ordinary words are not blanked.
 */
export function redactValues(text: string, values: Iterable<string>): string {
  const needles = new Set<string>();
  for (const v of values) {
    for (const form of [v, JSON.stringify(v).slice(1, -1), ...v.split(/\r?\n/)]) if (form.trim().length >= 4) needles.add(form);
  }
  let out = text;
  // Longest first, so a value is not half-replaced by one of its own lines.
  for (const n of [...needles].sort((a, b) => b.length - a.length)) out = out.split(n).join(MASK);
  return out;
}
