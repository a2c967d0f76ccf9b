/**
 * The one place that decides what is secret in a run and hides it. A run
 * builds one SecretSet (the secret values and the secret paths of every
 * patch document) and every printer goes through it: text, JSON, GitHub
 * commands and summary, diffs, built YAML, and what kubectl, kustomize and
 * the store CLIs say.
 */
import { MASK } from './mask.js';
import { MIN_MASKED_LENGTH } from './options.js';

export { MIN_MASKED_LENGTH };

/** Line breaks as YAML, Go and kustomize see them: each line of a secret is masked on its own too. */
const LINE_BREAKS = /\r\n|[\n\r\u0085\u2028\u2029]/;

/**
 * Characters some printer escapes (control characters, quotes, backslash,
 * Unicode line and format characters). A program may quote a value more than
 * once (klog quotes kustomize's error, which quoted the value), so each run of
 * a secret between such characters is masked on its own too.
 */
const ESCAPED_CHARACTERS = /[\u0000-\u001f\u007f-\u009f"\\\u00ad\u200b-\u200f\u2028\u2029\ufeff]+/;

export class SecretSet {
  private readonly values = new Set<string>();
  /** Secret paths by document (`Kind/name`): a render adds tens of thousands, each path's text kept once. */
  private readonly paths = new Map<string, Set<string>>();
  /** Every form of every value to mask, by its first three characters, longest first; made when first needed. */
  private index: Map<number, Bucket> | undefined;

  /** Add secret values (any length; empty ones are ignored). */
  addValues(values: Iterable<string | undefined>): this {
    for (const v of values) this.addValue(v);
    return this;
  }

  addValue(v: string | undefined): this {
    if (v && !this.values.has(v)) {
      this.values.add(v);
      this.index = undefined;
    }
    return this;
  }

  /** Add secret paths, each as `Kind/name path` (`Kind/namespace/name path`), as patch documents name them. */
  addPaths(keys: Iterable<string>): this {
    for (const k of keys) {
      const space = k.indexOf(' ');
      if (space > 0) this.addPath(k.slice(0, space), k.slice(space + 1));
    }
    return this;
  }

  /** Add a document's secret path: `doc` as `Kind/name` (`Kind/namespace/name`), `path` as `data.KEY`. */
  addPath(doc: string, path: string): this {
    // A key is split at its first space, when added and when asked: a document's name holds
    // none (names are DNS-1123); a kind that holds one is split the same way both times.
    if (doc.includes(' ')) return this.addPaths([`${doc} ${path}`]);
    let paths = this.paths.get(doc);
    if (!paths) this.paths.set(doc, (paths = new Set()));
    paths.add(path);
    return this;
  }

  /** The value at this path (`Kind/name path`) is secret whatever its length. */
  isSecretPath(key: string): boolean {
    const space = key.indexOf(' ');
    return space > 0 && this.paths.get(key.slice(0, space))?.has(key.slice(space + 1)) === true;
  }

  /** The text holds a secret value of 4 or more characters in one of its forms. */
  holds(text: string): boolean {
    return this.scan(text, () => true) !== undefined;
  }

  /**
   * Every secret value of 4 or more characters in `text` replaced by `***`,
   * in each form a program may print it: raw, base64, JSON-escaped,
   * URL-encoded, Go-escaped (`\x7f`), and line by line.
   */
  mask(text: string): string {
    let out = '';
    let last = 0;
    this.scan(text, (at, length) => {
      out += text.slice(last, at) + MASK;
      last = at + length;
      return false;
    });
    return last === 0 ? text : out + text.slice(last);
  }

  /**
   * Find the secrets in `text` from left to right: at each place the longest
   * form that starts there, then on after it (as one regular expression of
   * every form, longest first, would; that took seconds on a large patch). A
   * place's first three characters pick the few forms to try. Stops when
   * `found` says so, and returns where.
   */
  private scan(text: string, found: (at: number, length: number) => boolean): number | undefined {
    const index = this.forms();
    if (!index.size) return undefined;
    for (let i = 0; i + MIN_MASKED_LENGTH <= text.length; ) {
      const bucket = index.get(key3(text, i));
      const length = bucket ? longestAt(bucket, text, i) : 0;
      if (!length) {
        i++;
        continue;
      }
      if (found(i, length)) return i;
      i += length;
    }
    return undefined;
  }

  /** The lines GitHub's runner must mask: each line of each value, and each value's base64. */
  runnerMasks(): string[] {
    const lines = new Set<string>();
    for (const v of this.values) {
      for (const form of [v, base64(v)]) for (const line of [...form.split(/\r?\n/), ...form.split(LINE_BREAKS)]) if (line.trim()) lines.add(line);
      for (const piece of v.split(ESCAPED_CHARACTERS)) if (piece.trim().length >= MIN_MASKED_LENGTH) lines.add(piece);
    }
    return [...lines];
  }

  /** The raw values, for comparisons in memory (never to print). */
  all(): string[] {
    return [...this.values];
  }

  private forms(): Map<number, Bucket> {
    if (this.index) return this.index;
    const needles = new Set<string>();
    for (const v of this.values) {
      for (const form of formsOf(v)) {
        if (form.trim().length >= MIN_MASKED_LENGTH) needles.add(form);
        for (const line of form.split(LINE_BREAKS)) if (line.trim().length >= MIN_MASKED_LENGTH) needles.add(line);
      }
      for (const piece of v.split(ESCAPED_CHARACTERS)) if (piece.trim().length >= MIN_MASKED_LENGTH) needles.add(piece);
    }
    // Longest first, so that a value is not half-replaced by one of its own lines.
    const sorted = [...needles].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
    this.index = new Map();
    for (const form of sorted) {
      const key = key3(form, 0);
      const bucket = this.index.get(key);
      if (bucket) bucket.forms.push(form);
      else this.index.set(key, { forms: [form] });
    }
    for (const bucket of this.index.values()) bucket.sticky = stickyOf(bucket.forms);
    return this.index;
  }
}

/** The forms that start with the same three characters, longest first. */
interface Bucket {
  forms: string[];
  /** For many forms (secrets of one format share their start: `https://`, `ghp_`): one anchored expression. */
  sticky?: RegExp;
}

/** Above this many forms in a bucket, an expression finds the longest faster than trying each. */
const FORMS_TRIED_ONE_BY_ONE = 8;

function stickyOf(forms: string[]): RegExp | undefined {
  if (forms.length <= FORMS_TRIED_ONE_BY_ONE) return undefined;
  try {
    return new RegExp(forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'y');
  } catch {
    return undefined; // too large for an expression: tried one by one
  }
}

/** The length of the longest form that starts at `at` (the first that does, longest first), or 0. */
function longestAt(bucket: Bucket, text: string, at: number): number {
  if (bucket.sticky) {
    bucket.sticky.lastIndex = at;
    return bucket.sticky.exec(text)?.[0].length ?? 0;
  }
  return bucket.forms.find((f) => text.startsWith(f, at))?.length ?? 0;
}

/** Three UTF-16 code units as one number (48 bits: exact in a double). */
const key3 = (text: string, at: number): number => text.charCodeAt(at) * 4294967296 + text.charCodeAt(at + 1) * 65536 + text.charCodeAt(at + 2);

/** The forms in which a program may print a value. */
function formsOf(v: string): string[] {
  return [v, base64(v), Buffer.from(v, 'utf8').toString('base64url'), JSON.stringify(v).slice(1, -1), encodeURIComponent(wellFormed(v)), goEscape(v)];
}

const base64 = (v: string) => Buffer.from(v, 'utf8').toString('base64');

/** A lone surrogate as U+FFFD, as UTF-8 encoders write it (encodeURIComponent throws on one). */
const wellFormed = (v: string) => v.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** The body of Go's strconv.Quote (`%q`), as kubectl and kustomize print values in their errors. */
export function goEscape(v: string): string {
  let out = '';
  for (const ch of v) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad || c === 0x2028 || c === 0x2029 || c === 0xfeff || (c >= 0x200b && c <= 0x200f) || (c >= 0xd800 && c <= 0xdfff)) {
      out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out;
}
