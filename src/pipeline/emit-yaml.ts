/**
 * A small YAML emitter for patches: maps, sequences and scalars, nothing
 * else. It is about ten times faster than building yaml Documents (measured
 * on 2,000 templates), and it decides quoting conservatively, so that yaml
 * (YAML 1.2) and go-yaml (kubectl, kustomize: YAML 1.1 habits) read every
 * value back exactly:
 * - plain only for text that starts with a letter, `/` or `_` and holds no
 *   `: `, ` #`, flow or special characters, and is no 1.1 keyword (`yes`, `on`);
 * - a literal block (`|`) for multi-line text that a block can carry;
 * - otherwise double quotes with JSON escapes, plus `\uXXXX` for the
 *   characters YAML 1.1 parsers read as line breaks or refuse.
 */

const PLAIN = /^[A-Za-z/_][A-Za-z0-9 _./@+=:,()-]*$/;
const RESERVED = /^(?:y|yes|n|no|true|false|on|off|null|~|=)$/i;
/**
 * Characters that YAML 1.1 parsers (go-yaml in kubectl and kustomize) read as
 * line breaks or refuse raw: C0/C1 controls but tab and newline, DEL, NEL,
 * U+2028, U+2029 and the byte-order mark.
 */
export const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
export const UNSAFE_ALL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;

/** Text that can stand unquoted and mean itself. */
function isPlain(s: string): boolean {
  return PLAIN.test(s) && !s.endsWith(' ') && !s.endsWith(':') && !s.includes(': ') && !s.includes(' #') && !RESERVED.test(s);
}

/** Multi-line text a literal block can carry exactly. */
function fitsBlock(s: string): boolean {
  if (!s.includes('\n') || UNSAFE.test(s) || s.startsWith(' ') || s.startsWith('\n')) return false;
  const lines = s.replace(/\n+$/, '').split('\n');
  // A line of only blanks reads back as an empty line; go-yaml rejects a tab where indentation is expected.
  return lines.every((l) => !/^[ \t]+$/.test(l) && !l.startsWith('\t'));
}

/** The unsafe characters as `\uXXXX`: for text inside double quotes. */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Double-quoted, JSON escapes, and the unsafe characters as `\uXXXX`. */
function quote(s: string): string {
  return escapeUnsafe(JSON.stringify(s));
}

function scalar(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  const s = String(value);
  if (isPlain(s)) return s;
  if (fitsBlock(s)) {
    const trailing = s.length - s.replace(/\n+$/, '').length;
    const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
    const body = s.slice(0, s.length - trailing).split('\n');
    const lines = [...body, ...Array(Math.max(0, trailing - 1)).fill('')];
    return `|${chomp}\n${lines.map((l) => (l ? `${indent}${l}` : '')).join('\n')}`;
  }
  return quote(s);
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const key = (k: string) => (isPlain(k) ? k : quote(k));

/** The lines of `value` as the content of a mapping or sequence at `indent`. */
function block(value: unknown, indent: string): string {
  if (isMap(value)) {
    const entries = Object.entries(value);
    if (!entries.length) return `${indent}{}\n`;
    return entries.map(([k, v]) => `${indent}${key(k)}:${inline(v, indent)}`).join('');
  }
  if (Array.isArray(value)) {
    if (!value.length) return `${indent}[]\n`;
    return value
      .map((item) => {
        if (isMap(item) && Object.keys(item).length) {
          // The first key goes on the dash's line; the rest line up under it.
          const inner = block(item, `${indent}  `);
          return `${indent}- ${inner.slice(indent.length + 2)}`;
        }
        if (Array.isArray(item) && item.length) return `${indent}-\n${block(item, `${indent}  `)}`;
        return `${indent}- ${scalarOrEmpty(item, `${indent}  `)}\n`;
      })
      .join('');
  }
  return `${indent}${scalar(value, indent)}\n`;
}

function scalarOrEmpty(value: unknown, indent: string): string {
  if (isMap(value)) return '{}';
  if (Array.isArray(value)) return '[]';
  return scalar(value, indent);
}

/** What follows `key:`: a scalar on the same line, or a nested block on the next lines. */
function inline(value: unknown, indent: string): string {
  if ((isMap(value) && Object.keys(value).length) || (Array.isArray(value) && value.length)) return `\n${block(value, `${indent}  `)}`;
  return ` ${scalarOrEmpty(value, `${indent}  `)}\n`;
}

/** One YAML document (no `---`), after comment lines. */
export function emitDocument(value: Record<string, unknown>, comments: string[] = []): string {
  const head = comments.map((c) => `#${c.replace(/[\r\n]+/g, ' ').replace(UNSAFE_ALL, '?')}\n`).join('');
  return head + block(value, '');
}
