/**
 * The one env file syntax (`envFiles`, `--env-file`, the generated file),
 * written so that a value comes back exactly or the file is refused:
 *
 * - `NAME=value`, optionally `export NAME=value`; blank lines and lines whose
 *   first non-blank character is `#` are ignored; a UTF-8 BOM and CRLF line
 *   ends are accepted.
 * - Unquoted: the rest of the line, blanks around it trimmed; a `#` after a
 *   blank starts a comment; a `#` anywhere else is part of the value, with a
 *   warning (other tools cut the value there).
 * - `'single'`: literal, may span lines. `"double"`: `\n \r \t \" \\ \$`
 *   are escapes, any other backslash is kept; may span lines. After the
 *   closing quote only blanks and an optional ` # comment`.
 * - No interpolation: `${X}` is literal text.
 *
 * Errors name the file, line and variable, never the value. Pure: no disk.
 */
import { error, warning } from '../diagnostics.js';
import type { Diagnostic } from '../types.js';

/** One `NAME=value` of the file, and where its text is. */
export interface EnvEntry {
  name: string;
  value: string;
  /** 1-based line of the entry's first and last line (they differ for a multi-line quoted value). */
  line: number;
  endLine: number;
  /** The entry's text is `text.slice(start, end)`: from its first line's start to its last line's end, line break excluded. */
  start: number;
  end: number;
}

export interface ParsedEnvFile {
  /** Every entry, in file order, duplicates included. */
  entries: EnvEntry[];
  /** The value of each name; for a name given twice, the later. */
  values: Map<string, string>;
  diagnostics: Diagnostic[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DOUBLE_ESCAPES = new Map([['n', '\n'], ['r', '\r'], ['t', '\t'], ['"', '"'], ['\\', '\\'], ['$', '$']]);

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** A variable name: letters, digits and `_`, not starting with a digit, and not `_` alone. */
export const isVariableName = (name: string): boolean => NAME.test(name) && name !== '_';

/**
 * Parse an env file's text. `file` is only used to name the file in
 * diagnostics. Entries with an error are left out; `diagnostics` says why.
 */
export function parseEnvFile(text: string, file: string): ParsedEnvFile {
  const entries: EnvEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  // The end of line `n` (0-based), before its line break.
  const lineEnd = (n: number): number => {
    if (n + 1 >= lineStarts.length) return text.length;
    const nl = lineStarts[n + 1] - 1;
    return nl > lineStarts[n] && text[nl - 1] === '\r' ? nl - 1 : nl;
  };
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  let n = 0;
  const at = (variable?: string) => ({ file, line: n + 1, col: 1, ...(variable ? { variable } : {}) });
  while (n < lineStarts.length) {
    const start = lineStarts[n];
    const end = lineEnd(n);
    let i = start;
    if (n === 0 && text.charCodeAt(0) === 0xfeff) i++;
    while (i < end && isBlank(text[i])) i++;
    if (i === end || text[i] === '#') {
      n++;
      continue;
    }
    if (text.startsWith('export', i) && isBlank(text[i + 6])) {
      i += 6;
      while (i < end && isBlank(text[i])) i++;
    }
    let eq = i;
    while (eq < end && text[eq] !== '=') eq++;
    if (eq === end) {
      // The line may be a pasted secret: it is not shown.
      diagnostics.push(error('env-file-syntax', 'line is not NAME=value (no "=")', at()));
      n++;
      continue;
    }
    const name = text.slice(i, eq);
    if (!isVariableName(name)) {
      const trimmed = name.replace(/[ \t]+$/, '');
      const message = isVariableName(trimmed)
        ? `no blank is allowed between ${trimmed} and "="`
        : 'the text before "=" is not a variable name (letters, digits and _, not starting with a digit)';
      diagnostics.push(error('env-file-name', message, at(isVariableName(trimmed) ? trimmed : undefined)));
      n++;
      continue;
    }
    let v = eq + 1;
    while (v < end && isBlank(text[v])) v++;
    const quote = text[v];
    if (quote === "'" || quote === '"') {
      const read = quote === "'" ? readSingle(text, v + 1) : readDouble(text, v + 1);
      if (read.close < 0) {
        diagnostics.push(error('env-file-syntax', `the ${quote === "'" ? 'single' : 'double'} quote of ${name} is never closed`, at(name)));
        break; // the rest of the file is inside the quote
      }
      const last = lineOf(read.close);
      const lastEnd = lineEnd(last);
      const after = text.slice(read.close + 1, lastEnd);
      if (!/^([ \t]*|[ \t]+#.*)$/.test(after)) {
        diagnostics.push(error('env-file-syntax', `text after the closing quote of ${name} (only blanks and " # comment" may follow)`, { ...at(name), line: last + 1 }));
      } else {
        entries.push({ name, value: read.value, line: n + 1, endLine: last + 1, start, end: lastEnd });
      }
      n = last + 1;
      continue;
    }
    let raw = text.slice(eq + 1, end);
    const comment = /[ \t]#/.exec(raw);
    if (comment) raw = raw.slice(0, comment.index);
    const value = raw.replace(/^[ \t]+|[ \t]+$/g, '');
    if (value.includes('#')) {
      diagnostics.push(warning('env-file-hash-in-value', `the value of ${name} holds a "#" not preceded by a blank: kustenv keeps it, other tools cut the value there; quote the value`, at(name)));
    }
    entries.push({ name, value, line: n + 1, endLine: n + 1, start, end });
    n++;
  }

  const values = new Map<string, string>();
  const firstLine = new Map<string, number>();
  for (const e of entries) {
    const earlier = firstLine.get(e.name);
    if (earlier !== undefined) {
      diagnostics.push(warning('env-file-duplicate', `${e.name} is set again (first on line ${earlier}): the later value wins`, { file, line: e.line, col: 1, variable: e.name }));
    } else firstLine.set(e.name, e.line);
    values.set(e.name, e.value);
  }
  return { entries, values, diagnostics };
}

/** A single-quoted value from `from`: literal up to the next `'`. A CRLF inside is one line break. */
function readSingle(text: string, from: number): { value: string; close: number } {
  const close = text.indexOf("'", from);
  return { value: close < 0 ? '' : text.slice(from, close).replace(/\r\n/g, '\n'), close };
}

/** A double-quoted value from `from`, its escapes decoded, up to the unescaped `"`. A CRLF inside is one line break. */
function readDouble(text: string, from: number): { value: string; close: number } {
  let value = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return { value, close: i };
    const escaped = c === '\\' ? DOUBLE_ESCAPES.get(text[i + 1]) : undefined;
    if (escaped !== undefined) {
      value += escaped;
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      value += '\n';
      i++;
    } else value += c;
  }
  return { value: '', close: -1 };
}
