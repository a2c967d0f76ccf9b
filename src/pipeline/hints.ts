/**
 * Warnings for likely mistakes that are not errors: a `--set` name no
 * template uses (with the nearest name that is used), and `$NAME` written
 * where `${NAME}` was meant. Pure; never a value in a message.
 */
import { warning } from '../diagnostics.js';
import type { TemplateDocument } from './parse-templates.js';
import type { Diagnostic } from '../types.js';

/** Edit distance: insert, delete, replace, or swap two neighbours. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The candidate nearest to `word` (case aside), when near enough to be a typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const n = distance(word.toLowerCase(), c.toLowerCase());
    if (n < bestDistance) [best, bestDistance] = [c, n];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

export interface HintInput {
  documents: TemplateDocument[];
  /** Variables the templates use. */
  used: Iterable<string>;
  /** Names given with `--set`, or the names with their values (to tell a value given without its name). */
  set: Iterable<string> | ReadonlyMap<string, string>;
}

/**
 * Whether a `--set` name that no template uses, and that is near no used
 * name, may be a value given without `NAME=` (`--set "$TOKEN"` with a token
 * ending in base64's `=` padding): then the name is not shown. A value
 * looks random: no `_`, a digit, and both cases or 12+ characters; or 24+
 * characters with no `_`; or what follows its `=` is empty or only `=`.
 */
function mayBeValue(name: string, value?: string): boolean {
  if (value !== undefined && /^=*$/.test(value) && name.length >= 8) return true;
  if (name.includes('_')) return false;
  if (name.length >= 24) return true;
  return /[0-9]/.test(name) && ((/[a-z]/.test(name) && /[A-Z]/.test(name)) || name.length >= 12);
}

export function hints({ documents, used, set }: HintInput): Diagnostic[] {
  const usedNames = new Set(used);
  const values = set instanceof Map ? (set as ReadonlyMap<string, string>) : undefined;
  const setNames = values ? [...values.keys()] : [...new Set(set as Iterable<string>)];
  const diagnostics: Diagnostic[] = [];
  for (const name of setNames) {
    if (usedNames.has(name)) continue;
    const near = closest(name, usedNames);
    // A name near no used one that looks like a value may be a secret given without NAME=: never shown.
    if (!near && mayBeValue(name, values?.get(name))) diagnostics.push(warning('set-unused', '--set: no template uses the name of one argument, which looks like a value (not shown): give NAME=VALUE'));
    else diagnostics.push(warning('set-unused', `--set ${name}: no template uses ${name}${near ? `; did you mean ${near}?` : ''}`, { variable: name }));
  }
  const known = new Set([...usedNames, ...setNames]);
  for (const doc of documents) {
    if (doc.disabled) continue;
    for (const { name, line, col } of doc.bare) {
      if (known.has(name)) diagnostics.push(warning('bare-dollar', `$${name} is literal text: only \${${name}} is a placeholder`, { file: doc.file, line, col, variable: name }));
    }
  }
  return diagnostics;
}
