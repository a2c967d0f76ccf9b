/**
 * The placeholder engine: `${NAME}` and its POSIX-sh operators, on one string.
 *
 * Two passes, both linear in the input: `parsePlaceholders` turns text into
 * segments once (syntax errors are found here, whatever the values), and
 * `expandPlaceholders` evaluates them against values (a default's word is
 * expanded only when it is used, as in sh). Neither ever returns a value in
 * an error: errors carry the variable's name and an offset.
 */

/** `''` is `${NAME}`; the others are the operator after NAME (with or without `:`). */
export type Operator = '' | '-' | '=' | '?' | '+';

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
}

export interface PlaceholderUse {
  name: string;
  offset: number;
  /** Unset is an error here: `${NAME}`, `${NAME?}` or `${NAME:?}`, not inside another placeholder's word. */
  required: boolean;
  /** The literal default of `${NAME:-word}` (or `-`, `:=`, `=`) outside any other placeholder. */
  default?: string;
}

export interface PlaceholderSyntaxError {
  code: 'bad-name' | 'unclosed' | 'too-deep';
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

/** How deep `${A:-${B:-...}}` may nest; deeper is an error, not a stack overflow. */
export const MAX_NESTING = 64;

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const OPERATORS = '-=?+';

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
    let k = i + 2;
    if (k < n && NAME_START.test(text[k])) {
      k++;
      while (k < n && NAME_CHAR.test(text[k])) k++;
    }
    const name = text.slice(i + 2, k);
    const next = text[k];
    if (name === '' || name === '_' || (next !== undefined && next !== '}' && next !== ':' && !OPERATORS.includes(next))) {
      errors.push({ code: 'bad-name', offset: start, message: badNameMessage(text, i + 2) });
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
    const op = next === ':' ? text[k + 1] : next;
    uses.push({ name, offset: start, required: stack.length === 1 && (op === '}' || op === '?') });
    flush();
    if (next === '}') {
      stack[stack.length - 1].segments.push({ type: 'var', name, op: '', colon: false, word: [], offset: start });
      i = k + 1;
      continue;
    }
    let colon = false;
    let opAt = k;
    if (next === ':') {
      colon = true;
      opAt = k + 1;
      const op = text[opAt];
      if (op === undefined || !OPERATORS.includes(op)) {
        errors.push({ code: 'bad-name', offset: start, message: `\${${name}: must be followed by one of - = ? +` });
        const close = text.indexOf('}', k);
        if (close < 0) break;
        i = close + 1;
        continue;
      }
    }
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
  for (const seg of root) {
    if (seg.type !== 'var' || (seg.op !== '-' && seg.op !== '=') || !seg.word.every((w) => w.type === 'text')) continue;
    const use = uses.find((u) => u.offset === seg.offset);
    if (use) use.default = seg.word.map((w) => (w as TextSegment).text).join('');
  }
  return { segments: root, errors, hasPlaceholder, hasEscape, names: [...names], uses };
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
          if (value !== undefined) out += value;
          else if (options.dummy) {
            dummied.add(seg.name);
            out += `dummy-${seg.name.toLowerCase()}`;
          } else errors.push({ code: 'unset', name: seg.name, offset: seg.offset });
          break;
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
