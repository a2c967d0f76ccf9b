import { error, warning } from '../diagnostics.js';
import type { Diagnostic, Loc } from '../types.js';

/** Whole values (case-insensitive) that look like a placeholder left in place (SPEC 4, rule 4). */
const PLACEHOLDER_WORDS = new Set(['dummy', 'changeme', 'change-me', 'todo', 'xxx', 'example', 'placeholder', 'password', 'secret']);

/** Why a value looks like a placeholder, or null. */
export function placeholderLook(value: string): string | null {
  const v = value.toLowerCase();
  if (value === '') return 'is empty';
  if (PLACEHOLDER_WORDS.has(v)) return 'looks like a placeholder (a word such as changeme or example)';
  if (v.startsWith('dummy-') || v.startsWith('example-')) return 'looks like a placeholder (starts with dummy- or example-)';
  if (/^<[\s\S]*>$/.test(value)) return 'looks like a placeholder (<...>)';
  if (/^\$\{[\s\S]*\}$/.test(value)) return 'looks like a placeholder (${...})';
  return null;
}

/**
 * Estimated strength in bits: length times log2 of the size of the character
 * classes used (lower 26, upper 26, digits 10, anything else 33).
 */
export function strengthBits(value: string): number {
  let pool = 0;
  if (/[a-z]/.test(value)) pool += 26;
  if (/[A-Z]/.test(value)) pool += 26;
  if (/[0-9]/.test(value)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(value)) pool += 33;
  return pool ? [...value].length * Math.log2(pool) : 0;
}

export const MIN_SECRET_BITS = 64;

export interface ProductionInput {
  env: string;
  production: boolean;
  /** Each value to check: a set variable's own value, or a lone placeholder's rendered value (defaults included). */
  values: { name: string; value: string; loc: Loc }[];
  secretVars: ReadonlySet<string>;
  /** Variables whose schema sets its own minLength, pattern or format: those rule alone on strength. */
  ownRules: ReadonlySet<string>;
}

/**
 * Placeholder-looking and empty values: errors in production, warnings
 * elsewhere. Weak secrets: errors in production. One finding per variable
 * and rule; never the value.
 */
export function checkProductionRules(input: ProductionInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const report = input.production ? error : warning;
  const where = input.production ? 'a production environment' : 'production';
  for (const { name, value, loc } of input.values) {
    const look = placeholderLook(value);
    if (look && !seen.has(`p:${name}`)) {
      seen.add(`p:${name}`);
      const code = value === '' ? 'empty-value' : 'placeholder-value';
      out.push(report(code, `${name} ${look}: ${input.production ? 'refused in' : 'would be refused in'} ${where}`, { ...loc, variable: name, env: input.env }));
    }
    if (input.production && !look && input.secretVars.has(name) && !input.ownRules.has(name) && !seen.has(`w:${name}`)) {
      if (strengthBits(value) < MIN_SECRET_BITS) {
        seen.add(`w:${name}`);
        out.push(
          error('weak-secret', `${name} is a weak secret: its estimated strength is under ${MIN_SECRET_BITS} bits (or give it a schema minLength, pattern or format, which then rules alone)`, {
            ...loc,
            variable: name,
            env: input.env,
          }),
        );
      }
    }
  }
  return out;
}
