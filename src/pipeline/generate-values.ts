/**
 * Generated secrets (docs/generated-secrets.md): the `x-kustenv-generate` rule, random values
 * from node:crypto, and the lines of the generated dotenv file. Pure except
 * for the randomness, which callers may replace.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { parseEnvFile } from './parse-env-file.js';
import { MAX_GENERATE_SIZE } from '../options.js';

export const GENERATE_KEYWORD = 'x-kustenv-generate';
const GENERATE_KINDS = ['base64', 'base64url', 'hex', 'alnum'] as const;
export const GENERATE_PATTERN = '^(base64|base64url|hex|alnum):([1-9][0-9]*)$';
export { MAX_GENERATE_SIZE };

export interface GenerateRule {
  kind: (typeof GENERATE_KINDS)[number];
  /** Random bytes (base64, base64url, hex) or characters (alnum). */
  size: number;
}

/** `hex:32` -> the rule; null when malformed. */
export function parseGenerateRule(text: unknown): GenerateRule | null {
  if (typeof text !== 'string') return null;
  const m = new RegExp(GENERATE_PATTERN).exec(text);
  if (!m || Number(m[2]) > MAX_GENERATE_SIZE) return null;
  return { kind: m[1] as GenerateRule['kind'], size: Number(m[2]) };
}

export const RULE_SYNTAX = `KIND:N, KIND one of ${GENERATE_KINDS.join(', ')}, N from 1 to ${MAX_GENERATE_SIZE}`;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A new value for the rule. alnum draws bytes below 248 (4 x 62) only, so every character is equally likely. */
export function generateValue(rule: GenerateRule, randomBytes: (n: number) => Buffer = cryptoRandomBytes): string {
  if (rule.kind === 'base64') return randomBytes(rule.size).toString('base64');
  if (rule.kind === 'base64url') return randomBytes(rule.size).toString('base64url');
  if (rule.kind === 'hex') return randomBytes(rule.size).toString('hex');
  let out = '';
  while (out.length < rule.size) {
    for (const b of randomBytes(rule.size - out.length + 16)) {
      if (b < 248 && out.length < rule.size) out += ALNUM[b % 62];
    }
  }
  return out;
}

/** `# generated 2026-11-23`: the line above each generated value. */
const dateLine = (date: string): string => `# generated ${date}`;

const DATE_LINE = /^# generated (\d{4}-\d{2}-\d{2})\s*$/;

/** The line just above the one that starts at `start`: where it starts and its text without the line break. */
function lineAbove(text: string, start: number): { start: number; text: string } | undefined {
  if (start === 0) return undefined;
  const from = text.lastIndexOf('\n', start - 2) + 1;
  const line = text.slice(from, start - 1).replace(/\r$/, '');
  return { start: from, text: from === 0 ? line.replace(/^\ufeff/, '') : line };
}

/** The date each variable of a generated file was generated, from the comment line above its entry. */
export function generatedDates(text: string): Map<string, string> {
  const dates = new Map<string, string>();
  for (const e of parseEnvFile(text, '').entries) {
    const above = lineAbove(text, e.start);
    const date = above ? DATE_LINE.exec(above.text)?.[1] : undefined;
    if (date) dates.set(e.name, date);
    else dates.delete(e.name);
  }
  return dates;
}

/** The file with each entry appended under its date line; existing lines stay as they are, line endings too. */
export function appendGenerated(text: string, entries: [string, string][], date: string): string {
  if (!entries.length) return text;
  const eol = lineEnding(text);
  const lines = entries.flatMap(([name, value]) => [dateLine(date), `${name}=${value}`]);
  return `${text}${text && !text.endsWith('\n') ? eol : ''}${lines.join(eol)}${eol}`;
}

/**
 * The file with the entries' values and dates replaced: each entry of the
 * file that sets one of them is replaced whole (a multi-line quoted value
 * included), with the date line just above it; entries the file lacks are
 * appended. Everything else stays byte for byte. The caller makes sure the
 * file parses without errors first.
 */
export function rotateGenerated(text: string, entries: [string, string][], date: string): string {
  const eol = lineEnding(text);
  const values = new Map(entries);
  const seen = new Set<string>();
  let out = '';
  let from = 0;
  for (const e of parseEnvFile(text, '').entries) {
    if (!values.has(e.name)) continue;
    let start = e.start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : e.start;
    const above = lineAbove(text, e.start);
    if (above && above.start >= from && DATE_LINE.test(above.text)) start = above.start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : above.start;
    out += `${text.slice(from, start)}${dateLine(date)}${eol}${e.name}=${values.get(e.name)}`;
    from = e.end;
    seen.add(e.name);
  }
  out += text.slice(from);
  return appendGenerated(out, entries.filter(([name]) => !seen.has(name)), date);
}

/** The file's own line ending: CRLF when it has one, else LF. */
const lineEnding = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

/** Whole days from `date` (YYYY-MM-DD, UTC) to `now`. */
export function ageInDays(date: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
}

/** Today as YYYY-MM-DD (UTC). */
export const today = (now: Date): string => now.toISOString().slice(0, 10);

/** The variable's generate rule: the environment's own schema wins over the base one. */
export function generateRuleOf(schemas: { schema: Record<string, unknown> }[], name: string): GenerateRule | null {
  let rule: GenerateRule | null = null;
  for (const s of schemas) {
    const p = (s.schema.properties as Record<string, Record<string, unknown>> | undefined)?.[name];
    if (p && typeof p === 'object' && GENERATE_KEYWORD in p) rule = parseGenerateRule(p[GENERATE_KEYWORD]);
  }
  return rule;
}
