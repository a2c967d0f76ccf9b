/**
 * The placeholder engine: `${NAME}`, its POSIX-sh operators and the bash
 * parameter expansions Flux's envsubst accepts, on one string.
 *
 * Two passes, both linear in the input: `parsePlaceholders` turns text into
 * segments once (syntax errors are found here, whatever the values), and
 * `expandPlaceholders` evaluates them against values (a default's word is
 * expanded only when it is used, as in sh). Neither ever returns a value in
 * an error: errors carry the variable's name and an offset.
 */
import { MAX_NESTING } from '../options.js';

/** `''` is `${NAME}`; `-` `=` `?` `+` the default operators (with or without `:`). */
export type DefaultOperator = '' | '-' | '=' | '?' | '+';

/**
 * The operators that transform a set value: `len` is `${#NAME}`, `:` a
 * substring, the others as written after NAME. Under them unset is an error.
 */
export type ValueOperator = 'len' | ':' | '^' | '^^' | ',' | ',,' | '#' | '##' | '%' | '%%' | '/' | '//' | '/#' | '/%';

export type Operator = DefaultOperator | ValueOperator;

/** The literal arguments of a value operator, checked when parsed. */
export interface OperatorArgs {
  /** `${NAME:start}`, `${NAME:start:length}` (characters; a negative length counts from the end). */
  start?: number;
  length?: number;
  /** `#` `##` `%` `%%`: the compiled glob. */
  glob?: Glob;
  /** `/` `//` `/#` `/%`: the literal text to find, and what replaces it. */
  find?: string;
  replace?: string;
}

export type Segment = TextSegment | VarSegment;

export interface TextSegment {
  type: 'text';
  text: string;
}

export interface VarSegment {
  type: 'var';
  name: string;
  op: Operator;
  /** `:` before the operator: an empty value counts as unset. */
  colon: boolean;
  word: Segment[];
  /** Offset of the `$` of `${` in the parsed string. */
  offset: number;
  /** The arguments of a value operator. */
  args?: OperatorArgs;
}

export interface PlaceholderUse {
  name: string;
  offset: number;
  /** Unset is an error here: `${NAME}`, `${NAME?}`, `${NAME:?}` or a value operator, not inside another placeholder's word. */
  required: boolean;
  /** The literal default of `${NAME:-word}` (or `-`, `:=`, `=`) outside any other placeholder. */
  default?: string;
}

export interface PlaceholderSyntaxError {
  code: 'bad-name' | 'unclosed' | 'too-deep' | 'bad-operator';
  offset: number;
  message: string;
}

export interface ParsedText {
  segments: Segment[];
  errors: PlaceholderSyntaxError[];
  /** Holds at least one `${...}`. */
  hasPlaceholder: boolean;
  /** Holds at least one `$${` escape. */
  hasEscape: boolean;
  /** Every variable named anywhere, defaults' words included, in order of first use. */
  names: string[];
  /** Each placeholder's variable and the offset of its `${`, in order. */
  uses: PlaceholderUse[];
}

export { MAX_NESTING };

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const OPERATORS = '-=?+';
/** What may follow NAME: `}` or the first character of an operator. */
const AFTER_NAME = '}:-=?+^,#%/';

interface Frame {
  segments: Segment[];
  node: VarSegment | null;
}

/** Parse `text` into segments. Never throws; problems are returned in `errors`. */
export function parsePlaceholders(text: string): ParsedText {
  const root: Segment[] = [];
  const stack: Frame[] = [{ segments: root, node: null }];
  const errors: PlaceholderSyntaxError[] = [];
  const names = new Set<string>();
  const uses: PlaceholderUse[] = [];
  let hasPlaceholder = false;
  let hasEscape = false;
  let buffer = '';
  let i = 0;
  const n = text.length;
  // The same operator text is read once per string (its parsed arguments are never changed).
  const operatorCache = new Map<string, ReturnType<typeof parseValueOperator>>();

  const flush = () => {
    if (buffer) stack[stack.length - 1].segments.push({ type: 'text', text: buffer });
    buffer = '';
  };

  while (i < n) {
    // Copy plain runs in one slice: only `$` and (inside a word) `}` matter.
    let j = i;
    const inWord = stack.length > 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 36 /* $ */ || (inWord && c === 125) /* } */) break;
      j++;
    }
    if (j > i) {
      buffer += text.slice(i, j);
      i = j;
      if (i >= n) break;
    }
    const c = text[i];
    if (c === '}') {
      flush();
      const frame = stack.pop()!;
      frame.node!.word = frame.segments;
      stack[stack.length - 1].segments.push(frame.node!);
      i++;
      continue;
    }
    // c === '$'
    if (text[i + 1] === '$' && text[i + 2] === '{') {
      buffer += '${';
      hasEscape = true;
      i += 3;
      continue;
    }
    if (text[i + 1] !== '{') {
      buffer += '$';
      i++;
      continue;
    }
    hasPlaceholder = true;
    const start = i;
    const isLength = text[i + 2] === '#';
    const nameAt = isLength ? i + 3 : i + 2;
    let k = nameAt;
    if (k < n && NAME_START.test(text[k])) {
      k++;
      while (k < n && NAME_CHAR.test(text[k])) k++;
    }
    const name = text.slice(nameAt, k);
    const next = text[k];
    if (name === '' || name === '_' || (next !== undefined && (isLength ? next !== '}' : !AFTER_NAME.includes(next)))) {
      errors.push({ code: 'bad-name', offset: start, message: isLength && name !== '' && name !== '_' ? `\${#${name} must be followed by }` : badNameMessage(text, nameAt) });
      // Skip to the closing brace so that one bad placeholder gives one error.
      const close = text.indexOf('}', k);
      if (close < 0) break;
      i = close + 1;
      continue;
    }
    if (next === undefined) {
      errors.push({ code: 'unclosed', offset: start, message: `\${${name} has no closing }` });
      break;
    }
    names.add(name);
    flush();
    const top = stack.length === 1;
    if (next === '}') {
      uses.push({ name, offset: start, required: top });
      stack[stack.length - 1].segments.push({ type: 'var', name, op: isLength ? 'len' : '', colon: false, word: [], offset: start });
      i = k + 1;
      continue;
    }
    const defaultOp = next === ':' ? text[k + 1] : next;
    if (!OPERATORS.includes(defaultOp ?? '}')) {
      // A value operator: its arguments are literal text up to the first `}`.
      const close = text.indexOf('}', k);
      if (close < 0) {
        errors.push({ code: 'unclosed', offset: start, message: `\${${name} has no closing }` });
        break;
      }
      const opText = text.slice(k, close);
      const key = `${name}\u0000${opText}`;
      let parsedOp = operatorCache.get(key);
      if (!parsedOp) operatorCache.set(key, (parsedOp = parseValueOperator(name, opText)));
      uses.push({ name, offset: start, required: top });
      if ('error' in parsedOp) errors.push({ code: 'bad-operator', offset: start, message: parsedOp.error });
      else stack[stack.length - 1].segments.push({ type: 'var', name, op: parsedOp.op, colon: false, word: [], offset: start, args: parsedOp.args });
      i = close + 1;
      continue;
    }
    uses.push({ name, offset: start, required: top && defaultOp === '?' });
    const colon = next === ':';
    const opAt = colon ? k + 1 : k;
    if (stack.length > MAX_NESTING) {
      errors.push({ code: 'too-deep', offset: start, message: `placeholders nest more than ${MAX_NESTING} deep` });
      break;
    }
    const node: VarSegment = { type: 'var', name, op: text[opAt] as Operator, colon, word: [], offset: start };
    stack.push({ segments: [], node });
    i = opAt + 1;
  }
  if (stack.length > 1 && !errors.some((e) => e.code === 'unclosed' || e.code === 'too-deep')) {
    const open = stack[1].node!;
    errors.push({ code: 'unclosed', offset: open.offset, message: `\${${open.name} has no closing }` });
  }
  // On error the segments are incomplete; nobody expands them.
  flush();
  const useAt = new Map(uses.map((u) => [u.offset, u]));
  for (const seg of root) {
    if (seg.type !== 'var' || (seg.op !== '-' && seg.op !== '=') || !seg.word.every((w) => w.type === 'text')) continue;
    const use = useAt.get(seg.offset);
    if (use) use.default = seg.word.map((w) => (w as TextSegment).text).join('');
  }
  // Copies of exact length: an array grown by push keeps room for 17 items,
  // and tens of thousands of parsed scalars stay in memory for the whole run.
  return { segments: exact(root), errors: errors.slice(), hasPlaceholder, hasEscape, names: [...names], uses: uses.slice() };
}

/** Segments in arrays of their own length, words included. */
function exact(segments: Segment[]): Segment[] {
  for (const s of segments) if (s.type === 'var' && s.word.length) s.word = exact(s.word);
  return segments.slice();
}

function badNameMessage(text: string, at: number): string {
  // Show only the name-like characters, never what follows (it may be a value).
  let end = at;
  while (end < text.length && end - at < 40 && /[^\s}'"]/.test(text[end])) end++;
  const shown = text.slice(at, end);
  if (shown === '') return '${ must be followed by a variable name ([A-Za-z_][A-Za-z0-9_]*)';
  if (shown === '_') return '${_} is not a variable name (a lone _ is the shell\'s last command)';
  return `\${ must be followed by a variable name ([A-Za-z_][A-Za-z0-9_]*), found "${shown.replace(/[^\w.:\-=?+]/g, '?')}"`;
}

export interface ExpandError {
  code: 'unset' | 'required';
  name: string;
  offset: number;
  /** The literal `?` message, when the template gave one. Never a value. */
  message?: string;
}

export interface ExpandResult {
  value: string;
  errors: ExpandError[];
  /** Names whose value (or absence) decided the result, in order of first use. */
  used: string[];
  /** Names that were unset and replaced by a dummy (`missing: dummy`). */
  dummied: string[];
}

export interface ExpandOptions {
  /** `missing: dummy`: an unset `${NAME}` gives `dummy-<name>` instead of an error. */
  dummy?: boolean;
}

/** Evaluate parsed segments against `lookup`. */
export function expandPlaceholders(
  segments: Segment[],
  lookup: (name: string) => string | undefined,
  options: ExpandOptions = {},
): ExpandResult {
  const errors: ExpandError[] = [];
  const used = new Set<string>();
  const dummied = new Set<string>();

  const run = (segs: Segment[]): string => {
    let out = '';
    for (const seg of segs) {
      if (seg.type === 'text') {
        out += seg.text;
        continue;
      }
      used.add(seg.name);
      const value = lookup(seg.name);
      const unset = value === undefined || (seg.colon && value === '');
      switch (seg.op) {
        case '':
        case 'len':
        case ':':
        case '^':
        case '^^':
        case ',':
        case ',,':
        case '#':
        case '##':
        case '%':
        case '%%':
        case '/':
        case '//':
        case '/#':
        case '/%': {
          // Unset is an error here as for `${NAME}`; a dummy goes through the operator.
          let v = value;
          if (v === undefined && options.dummy) {
            dummied.add(seg.name);
            v = `dummy-${seg.name.toLowerCase()}`;
          }
          if (v === undefined) errors.push({ code: 'unset', name: seg.name, offset: seg.offset });
          else out += seg.op === '' ? v : applyOperator(seg, v);
          break;
        }
        case '-':
        case '=':
          out += unset ? run(seg.word) : value;
          break;
        case '?':
          if (unset) {
            const literal = seg.word.every((w) => w.type === 'text');
            const message = literal ? seg.word.map((w) => (w as TextSegment).text).join('') : '';
            errors.push({ code: 'required', name: seg.name, offset: seg.offset, ...(message ? { message } : {}) });
          } else out += value;
          break;
        case '+':
          if (!unset) out += run(seg.word);
          break;
      }
    }
    return out;
  };

  const value = run(segments);
  return { value, errors, used: [...used], dummied: [...dummied] };
}

// ---------------------------------------------------------------------------
// Value operators: bash's parameter expansions as Flux's envsubst reads them.

/**
 * Read a value operator and its literal arguments (`text` runs from just
 * after NAME to just before the closing `}`). Where Flux and bash would give
 * different results for the same text, the text is refused with a message
 * saying how to write it so that both agree. Messages never quote the text.
 */
function parseValueOperator(name: string, text: string): { op: ValueOperator; args?: OperatorArgs } | { error: string } {
  if (text.includes('${')) return { error: `\${${name}...}: a placeholder or $\${ is not allowed inside the pattern, offset or replacement of an operator` };
  const c = text[0];
  if (c === '^' || c === ',') {
    const op = text === c || text === c + c ? (text as ValueOperator) : null;
    if (!op) return { error: `\${${name}${c}...}: ${c} and ${c}${c} take no pattern (Flux changes the case of every character)` };
    return { op };
  }
  if (c === ':') {
    const m = /^:([0-9]+)(?::([-+]?[0-9]+))?$/.exec(text);
    if (!m) {
      return {
        error: `\${${name}:...}: a substring is \${${name}:offset} or \${${name}:offset:length} with whole numbers (a negative offset such as \${${name}: -1} means the last characters in bash but the whole value in Flux, so it is refused)`,
      };
    }
    return { op: ':', args: { start: toCount(m[1]), ...(m[2] !== undefined ? { length: toCount(m[2]) } : {}) } };
  }
  if (c === '#' || c === '%') {
    const op = (text[1] === c ? c + c : c) as ValueOperator;
    const glob = compileGlob(text.slice(op.length));
    if (typeof glob === 'string') return { error: `\${${name}${op}...}: ${glob}` };
    return { op, args: { glob } };
  }
  // c === '/'
  const op = (text[1] === '/' || text[1] === '#' || text[1] === '%' ? '/' + text[1] : '/') as ValueOperator;
  let find = '';
  let i = op.length;
  for (; i < text.length && text[i] !== '/'; i++) {
    const ch = text[i];
    if (ch === '\\') {
      const e = text[i + 1];
      if (e !== '/' && e !== '\\') return { error: `\${${name}${op}...}: in a replacement pattern \\ may only escape / or \\ (Flux keeps any other \\ as text, bash drops it)` };
      find += e;
      i++;
    } else if (ch === '*' || ch === '?' || ch === '[') {
      return { error: `\${${name}${op}...}: ${ch} in a replacement pattern is literal text in Flux but a glob in bash; write the pattern without it` };
    } else find += ch;
  }
  if (find === '' && (op === '/' || op === '//')) {
    return { error: `\${${name}${op}...}: an empty pattern replaces nothing in bash but inserts text in Flux; use /# to prepend or /% to append` };
  }
  let replace = '';
  for (let j = i + 1; j < text.length; j++) {
    const ch = text[j];
    if (ch === '\\' && (text[j + 1] === '/' || text[j + 1] === '\\')) {
      replace += text[j + 1];
      j++;
    } else replace += ch;
  }
  return { op, args: { find, replace } };
}

/** A decimal count; huge numbers only ever mean "past the end". */
function toCount(digits: string): number {
  const v = Number(digits);
  return Number.isSafeInteger(v) ? v : v < 0 ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
}

/** One step of a glob: `*`, or a test of one character (code point). */
type GlobToken = { star: true } | { star: false; test: (cp: number) => boolean };

export interface Glob {
  tokens: GlobToken[];
}

/**
 * Compile a shell glob: `*` any run of characters, `?` one character,
 * `[...]` one of a set (`a-z` ranges, `^` negates), `\\x` the character x.
 * Forms Flux and bash read differently (`[!...]`, `[]...]`, `[-...]`,
 * `[...-]`, `[[:class:]]`, an unclosed `[`, a trailing `\\`) are refused:
 * the return is then the reason.
 */
function compileGlob(pattern: string): Glob | string {
  const tokens: GlobToken[] = [];
  const cps = Array.from(pattern, (ch) => ch.codePointAt(0)!);
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    if (c === 42 /* * */) {
      if (!tokens.length || !tokens[tokens.length - 1].star) tokens.push({ star: true });
    } else if (c === 63 /* ? */) {
      tokens.push({ star: false, test: () => true });
    } else if (c === 92 /* \ */) {
      if (i + 1 >= cps.length) return 'the pattern ends with a lone \\';
      const lit = cps[++i];
      tokens.push({ star: false, test: (x) => x === lit });
    } else if (c === 91 /* [ */) {
      let j = i + 1;
      let negate = false;
      if (cps[j] === 33 /* ! */) return '[!...] negates in bash but not in Flux; write [^...]';
      if (cps[j] === 94 /* ^ */) {
        negate = true;
        j++;
      }
      const ranges: [number, number][] = [];
      let closed = false;
      while (j < cps.length) {
        let lo = cps[j];
        if (lo === 93 /* ] */) {
          if (!ranges.length) return 'a [...] set must not start with ]';
          closed = true;
          break;
        }
        if (lo === 45 /* - */ && (!ranges.length || cps[j + 1] === 93)) return 'a - at either end of a [...] set is refused (Flux rejects the pattern, bash reads a -); escape it as \\-';
        if (lo === 91 /* [ */ && cps[j + 1] === 58 /* : */) return '[[:class:]] sets are not supported (Flux reads them as plain characters)';
        if (lo === 92 /* \ */) {
          if (j + 1 >= cps.length) break;
          lo = cps[++j];
        }
        let hi = lo;
        if (cps[j + 1] === 45 /* - */ && j + 2 < cps.length && cps[j + 2] !== 93) {
          j += 2;
          hi = cps[j];
          if (hi === 92 /* \ */) {
            if (j + 1 >= cps.length) break;
            hi = cps[++j];
          }
        }
        ranges.push([lo, hi]);
        j++;
      }
      if (!closed) return 'a [ has no closing ]';
      tokens.push({ star: false, test: (x) => ranges.some(([lo, hi]) => lo <= x && x <= hi) !== negate });
      i = j;
    } else {
      tokens.push({ star: false, test: (x) => x === c });
    }
  }
  return { tokens };
}

/**
 * The lengths (in UTF-16 units) of the non-empty prefixes of `s` (or, with
 * `fromEnd`, suffixes) that `glob` matches: the shortest, or the longest.
 * A Thompson simulation of the glob's automaton over the characters, so the
 * work is the value's length times the pattern's, whatever the pattern.
 * Only non-empty matches count, as in Flux (`${v#*}` removes one character).
 */
function matchEnd(glob: Glob, s: string, fromEnd: boolean, longest: boolean): number {
  const tokens = fromEnd ? [...glob.tokens].reverse() : glob.tokens;
  const m = tokens.length;
  let active = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  const close = (set: Uint8Array) => {
    for (let t = 0; t < m; t++) if (set[t] && tokens[t].star) set[t + 1] = 1;
  };
  active[0] = 1;
  close(active);
  let best = -1;
  let pos = fromEnd ? s.length : 0;
  let consumed = 0;
  while (fromEnd ? pos > 0 : pos < s.length) {
    let cp: number;
    let width: number;
    if (fromEnd) {
      const lo = s.charCodeAt(pos - 1);
      if (lo >= 0xdc00 && lo <= 0xdfff && pos >= 2 && s.charCodeAt(pos - 2) >= 0xd800 && s.charCodeAt(pos - 2) <= 0xdbff) width = 2;
      else width = 1;
      cp = s.codePointAt(pos - width)!;
      pos -= width;
    } else {
      cp = s.codePointAt(pos)!;
      width = cp > 0xffff ? 2 : 1;
      pos += width;
    }
    consumed += width;
    next.fill(0);
    let alive = false;
    for (let t = 0; t < m; t++) {
      if (!active[t]) continue;
      const tok = tokens[t];
      if (tok.star) {
        next[t] = 1;
        alive = true;
      } else if (tok.test(cp)) {
        next[t + 1] = 1;
        alive = true;
      }
    }
    if (!alive) break;
    close(next);
    [active, next] = [next, active];
    if (active[m]) {
      best = consumed;
      if (!longest) break;
      // A trailing `*` that is still live matches everything that is left.
      if (m > 0 && tokens[m - 1].star && active[m - 1]) {
        best = s.length;
        break;
      }
    }
  }
  return best;
}

/** The value operators on a set value. */
function applyOperator(seg: VarSegment, value: string): string {
  const a = seg.args ?? {};
  switch (seg.op as ValueOperator) {
    case 'len':
      return String(countChars(value));
    case '^':
      return value ? mapCase(firstChar(value), true) + value.slice(firstChar(value).length) : value;
    case '^^':
      return mapCase(value, true);
    case ',':
      return value ? mapCase(firstChar(value), false) + value.slice(firstChar(value).length) : value;
    case ',,':
      return mapCase(value, false);
    case ':':
      return substring(value, a.start!, a.length);
    case '#':
    case '##': {
      const end = matchEnd(a.glob!, value, false, seg.op === '##');
      return end > 0 ? value.slice(end) : value;
    }
    case '%':
    case '%%': {
      const end = matchEnd(a.glob!, value, true, seg.op === '%%');
      return end > 0 ? value.slice(0, value.length - end) : value;
    }
    case '/': {
      const at = value.indexOf(a.find!);
      return at < 0 ? value : value.slice(0, at) + a.replace + value.slice(at + a.find!.length);
    }
    case '//':
      return value.split(a.find!).join(a.replace);
    case '/#':
      return value.startsWith(a.find!) ? a.replace + value.slice(a.find!.length) : value;
    case '/%':
      return value.endsWith(a.find!) ? value.slice(0, value.length - a.find!.length) + a.replace : value;
  }
  return value;
}

const HAS_SURROGATE = /[\ud800-\udfff]/;

function countChars(s: string): number {
  if (!HAS_SURROGATE.test(s)) return s.length;
  let count = 0;
  for (const _ of s) count++;
  return count;
}

function firstChar(s: string): string {
  return String.fromCodePoint(s.codePointAt(0)!);
}

/**
 * Upper or lower case, one character at a time, as Flux does: a character
 * whose case form is longer (ß to SS) or depends on its neighbours (a final
 * Σ) keeps its one-character mapping or stays as it is.
 */
function mapCase(s: string, upper: boolean): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(s)) return upper ? s.toUpperCase() : s.toLowerCase();
  let out = '';
  for (const ch of s) {
    const mapped = upper ? ch.toUpperCase() : ch.toLowerCase();
    out += countChars(mapped) === 1 ? mapped : ch;
  }
  return out;
}

/**
 * `${v:start}` and `${v:start:length}` in characters. Past the end is empty;
 * a length past the end stops at the end; a negative length counts back
 * from the end, and gives nothing when that end is before the start.
 */
function substring(value: string, start: number, length: number | undefined): string {
  const chars = HAS_SURROGATE.test(value) ? Array.from(value) : null;
  const len = chars ? chars.length : value.length;
  const cut = (from: number, to: number) => (chars ? chars.slice(from, to).join('') : value.slice(from, to));
  if (start >= len) return '';
  if (length === undefined) return cut(start, len);
  if (length < 0) {
    const end = len + length;
    return end < start ? '' : cut(start, end);
  }
  return cut(start, Math.min(len, start + length));
}
