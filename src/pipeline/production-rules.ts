import { error, warning } from '../diagnostics.js';
import type { Diagnostic, Loc } from '../types.js';
import { MIN_SECRET_BITS } from '../options.js';

/** Whole values (case-insensitive) that look like a placeholder left in place; production environments reject them (docs/validation.md). */
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

export { MIN_SECRET_BITS };

/** Last words of a variable name that make it a credential (identities and addresses are not). */
const CREDENTIAL_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASS', 'PWD', 'SECRET', 'TOKEN', 'KEY', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS', 'SALT', 'PEPPER']);

/** `DB_PASSWORD`, `API_KEY`, `dbPassword` are credentials; `DB_USER`, `DB_HOST`, `AWS_ACCESS_KEY_ID` are not. */
export function isCredentialName(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').split('_').filter(Boolean);
  return CREDENTIAL_WORDS.has((words[words.length - 1] ?? '').toUpperCase());
}

export interface ProductionInput {
  env: string;
  production: boolean;
  /** Each value to check: a set variable's own value, or a lone placeholder's rendered value (defaults included). */
  values: { name: string; value: string; loc: Loc }[];
  /** Credentials: a credential name, or a generate rule. Only these get the strength rule. */
  credentials: ReadonlySet<string>;
  /** Variables whose schema sets its own minLength, pattern or format: those rule alone on strength. */
  ownRules: ReadonlySet<string>;
}

/**
 * Placeholder-looking and empty values, and weak credentials: errors in
 * production, warnings elsewhere. One finding per variable and rule; never
 * the value.
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
    if (!look && input.credentials.has(name) && !input.ownRules.has(name) && !seen.has(`w:${name}`)) {
      if (strengthBits(value) < MIN_SECRET_BITS) {
        seen.add(`w:${name}`);
        out.push(
          report('weak-secret', `${name} is a weak credential: its estimated strength is under ${MIN_SECRET_BITS} bits, ${input.production ? 'refused in' : 'which would be refused in'} ${where} (or give it a schema minLength, pattern or format, which then rules alone)`, {
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
