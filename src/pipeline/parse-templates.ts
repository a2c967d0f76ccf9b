import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Node, type Pair, type Scalar } from 'yaml';
import { error } from '../diagnostics.js';
import type { Code } from '../codes.js';
import { MAX_ALIAS_EXPANSIONS, MAX_DEPTH } from '../options.js';
import type { Diagnostic, Loc } from '../types.js';
import { isBuiltInKind, mergeKeyAt } from './merge-keys.js';
import { parsePlaceholders, type ParsedText } from './placeholders.js';
import { BASE64 } from './validate-objects.js';

/** A template file as read from disk; `file` is relative to the project root. */
export interface TemplateFile {
  file: string;
  text: string;
}

export type PathKey = string | number;

/** A scalar that holds a placeholder or a `$${` escape. */
export class Slot {
  /** The offsets of every `${` in the value and in the source, found on first use. */
  private offsets: { value: number[]; source: number[] } | undefined = undefined;

  constructor(
    /** The scalar's value (`${PORT}`). */
    readonly text: string,
    readonly parsed: ParsedText,
    /** Where the scalar starts. */
    readonly loc: Loc,
    /** Written plain (unquoted): YAML's core schema types what it renders to. */
    readonly plain: boolean,
    /** The file, and where in it the scalar is written (quotes, escapes, indentation). */
    private readonly file: TemplateText,
    private readonly start: number,
    private readonly end: number,
  ) {}

  /**
   * A placeholder's file position from its offset in the value: the k-th
   * `${` of the value is the k-th `${` of its source (quoting and block
   * indentation change other characters, not these). Falls back to the
   * scalar's start. With several `${`, their offsets are found once and each
   * look-up is a binary search, so a scalar with many placeholders costs
   * time linear in its size.
   */
  locate(offset: number): Loc {
    if (this.offsets === undefined) {
      const first = this.text.indexOf('${');
      if (first === this.text.lastIndexOf('${')) {
        const j = this.file.text.indexOf('${', this.start);
        return this.file.at(offset <= first && j >= 0 && j + 2 <= this.end ? j : this.start);
      }
      this.offsets = { value: placeholderOffsets(this.text), source: placeholderOffsets(this.file.text.slice(this.start, this.end)) };
    }
    const { value, source } = this.offsets;
    // k: how many `${` of the value start before `offset`.
    let lo = 0;
    let hi = value.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (value[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return this.file.at(this.start + (lo < source.length ? source[lo] : 0));
  }
}

/** A template file's text, and its positions. */
interface TemplateText {
  text: string;
  at: (offset: number) => Loc;
}

/** What the files of a run share: each scalar text parsed once (nothing changes a parsed text), each key's text kept once. */
export interface ParseCache {
  texts: Map<string, { text: string; parsed: ParsedText }>;
  keys: Map<string, string>;
}

export const newParseCache = (): ParseCache => ({ texts: new Map(), keys: new Map() });

/** A mapping of a template: its keys in order, and their values (two arrays, not an array per pair). */
export class TreeMap {
  constructor(
    readonly keys: string[],
    readonly values: TreeNode[],
  ) {}

  get(key: string): TreeNode | undefined {
    const i = this.keys.indexOf(key);
    return i < 0 ? undefined : this.values[i];
  }
}

/**
 * A template's content as plain data: a scalar is its value, or the Slot
 * that renders it; aliases are expanded. yaml's nodes are not kept past the
 * parse: they were most of a large run's memory.
 */
export type TreeNode = Slot | TreeMap | TreeNode[] | string | number | boolean | bigint | null;

/** `$NAME` written in a value, where `${NAME}` may have been meant. */
export interface BareDollar {
  name: string;
  line: number;
  col: number;
}

/**
 * What a document's patch holds: only the touched keys of maps; the touched
 * items of a list strategic merge merges by a key; other sequences whole;
 * slots.
 */
export type PatchPlan =
  | { type: 'map'; keys: string[]; plans: PatchPlan[] }
  | { type: 'whole'; node: TreeNode }
  | { type: 'keyed'; items: KeyedItem[] }
  | Slot;

/** A touched item of a list merged by a key. */
export interface KeyedItem {
  /** The item's mapping. */
  node: TreeMap;
  /** The item's key fields as the template writes them (`containerPort: 8080`, `name: app`, or the text `${PORT}`). */
  key: [string, unknown][];
  /**
   * A key field holds a placeholder or escape: the patch deletes the base
   * item by its literal key and adds the rendered item whole.
   */
  keySlot: boolean;
  /** The item's touched paths (when the key is literal). */
  plan: PatchPlan;
}

export interface Identity {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

/** One document of a template, parsed once and rendered for every environment. */
export interface TemplateDocument {
  file: string;
  /** 0-based index of the document in its file. */
  index: number;
  /** 0-based index of the item when the document is a `List`: the item is the document. */
  item?: number;
  /** Line where the document's content starts. */
  line: number;
  identity: Identity;
  /** Annotated `kustenv.io/substitute: disabled` (or Flux's annotation). */
  disabled: boolean;
  /** The patch shape; null when the document holds no placeholder. */
  plan: PatchPlan | null;
  /** Every slot, in document order (an aliased slot appears once per path). */
  slots: Slot[];
  /** Paths (as `formatPath` writes them) of values holding a `$${` escape: their `${` is literal text. */
  escapePaths: string[];
  /** The document's content (empty when disabled: such a document is never rendered). */
  tree: TreeMap;
  /** `$NAME` in its values (for the bare-dollar hint). */
  bare: BareDollar[];
}

export { MAX_DEPTH };

/** A disabled document's content: it is never rendered. */
const EMPTY = new TreeMap([], []);

/** `$NAME` not followed by `{` or `(` and not after another `$`. */
const BARE = /(?<!\$)\$([A-Za-z_][A-Za-z0-9_]*)/g;

export const DISABLE_ANNOTATIONS = ['kustenv.io/substitute', 'kustomize.toolkit.fluxcd.io/substitute'];
const IDENTITY_PATHS = [['apiVersion'], ['kind'], ['metadata', 'name'], ['metadata', 'namespace']];

/**
 * Parse template files into documents with their patch plans. Placeholder
 * syntax errors, YAML errors and placeholders where they cannot go are
 * returned as diagnostics; values are never involved here.
 */
export function parseTemplates(files: TemplateFile[], cache = newParseCache()): { documents: TemplateDocument[]; diagnostics: Diagnostic[] } {
  const documents: TemplateDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of files) {
    const parsed = parseTemplate(f, cache);
    documents.push(...parsed.documents);
    diagnostics.push(...parsed.diagnostics);
  }
  return { documents, diagnostics };
}

function parseTemplate({ file, text }: TemplateFile, cache: ParseCache): { documents: TemplateDocument[]; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number): Loc => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const source: TemplateText = { text, at };
  // prettyErrors is off: its messages quote the source line, which may hold a value.
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2', schema: 'core' });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    for (const e of doc.errors) {
      diagnostics.push(error(yamlCode(e.code), `invalid YAML: ${e.message.split('\n')[0]}`, at(e.pos[0])));
    }
    for (const w of doc.warnings) {
      if (w.code === 'TAG_RESOLVE_FAILED') {
        diagnostics.push(error('yaml-custom-tag', `${w.message.split('\n')[0]}: custom tags are not allowed in templates`, at(w.pos[0])));
      }
    }
  }
  if (diagnostics.length) return { documents: [], diagnostics };

  // A merge key is kept by yaml as an ordinary `<<` key; kustomize does not apply it either.
  for (const doc of text.includes('<<') ? list : []) {
    visit(doc, {
      Pair(_k, pair) {
        if (isPair(pair) && isScalar(pair.key) && pair.key.type === 'PLAIN' && pair.key.value === '<<') {
          diagnostics.push(error('yaml-merge-key', 'YAML merge keys (<<) are not allowed: kustomize does not apply them, so the built object would differ', at(pair.key.range?.[0] ?? 0)));
        }
      },
    });
  }

  // `$NAME` in a value, for the bare-dollar hint (most files hold no `$` but `${`).
  const mayHoldBare = /\$[A-Za-z_]/.test(text);
  const bareDollars = (root: Node): BareDollar[] => {
    const out: BareDollar[] = [];
    visit(root, {
      Scalar(key, node) {
        if (key === 'key' || typeof node.value !== 'string') return;
        for (const m of node.value.matchAll(BARE)) out.push({ name: m[1], ...lineCounter.linePos(node.range?.[0] ?? 0) });
      },
    });
    return out;
  };

  const documents: TemplateDocument[] = [];
  list.forEach((doc, index) => {
    const contents = doc.contents as Node | null;
    if (contents === null || (isScalar(contents) && contents.value === null && !contents.source)) return;
    if (!isMap(contents)) {
      diagnostics.push(error('not-a-mapping', `document ${index + 1} is a ${isSeq(contents) ? 'list' : 'scalar'}, not a mapping`, at(contents.range?.[0] ?? 0)));
      return;
    }
    let aliases = 0;
    let aliasError = false;
    const resolve = (node: Node): Node | null => {
      if (!isAlias(node)) return node;
      if (++aliases > MAX_ALIAS_EXPANSIONS) {
        if (!aliasError) {
          aliasError = true;
          diagnostics.push(error('yaml-alias-limit', `more than ${MAX_ALIAS_EXPANSIONS} alias expansions in document ${index + 1}`, at(node.range?.[0] ?? 0)));
        }
        return null;
      }
      return (node.resolve(doc) as Node | undefined) ?? null;
    };

    const slotOf = new Map<Scalar, Slot>();
    const slotFor = (node: Scalar): Slot | null => {
      if (typeof node.value !== 'string' || !node.value.includes('${')) return null;
      let slot = slotOf.get(node);
      if (!slot) {
        let known = cache.texts.get(node.value);
        if (!known) cache.texts.set(node.value, (known = { text: node.value, parsed: parsePlaceholders(node.value) }));
        const { parsed } = known;
        if (!parsed.hasPlaceholder && !parsed.hasEscape) return null;
        const start = node.range?.[0] ?? 0;
        slot = new Slot(known.text, parsed, at(start), node.type === 'PLAIN', source, start, node.range?.[1] ?? start);
        slotOf.set(node, slot);
        for (const e of parsed.errors) diagnostics.push(error(`placeholder-${e.code}`, e.message, slot.locate(e.offset)));
      }
      return slot;
    };

    /** One object: the document itself, or one item of a `List`, its root. */
    const addObject = (root: Node, item: number | undefined, listDisabled: boolean): void => {
      const what = item === undefined ? `document ${index + 1}` : `item ${item + 1} of document ${index + 1}`;
      const identity = readIdentity(root, resolve);
      const strategic = isBuiltInKind(identity.apiVersion);
      const slots: Slot[] = [];
      const escapePaths: string[] = [];

      // Compile the content, and plan the patch: keep the map keys whose subtree
      // holds a slot; in a list strategic merge merges by a key, only the touched
      // items; any other touched sequence whole, so the built overlay holds exactly it.
      let tooDeep = false;
      const compile = (node: Node | null, path: PathKey[]): [TreeNode, PatchPlan | null] => {
        const n = node && resolve(node);
        if (!n) return [null, null];
        if (path.length > MAX_DEPTH) {
          if (!tooDeep) diagnostics.push(error('yaml-too-deep', `${what} nests more than ${MAX_DEPTH} levels`, at(n.range?.[0] ?? 0)));
          tooDeep = true;
          return [null, null];
        }
        if (isScalar(n)) {
          const slot = slotFor(n);
          if (!slot) return [n.value as TreeNode, null];
          slots.push(slot);
          if (slot.parsed.hasEscape) escapePaths.push(formatPath(path));
          return [slot, slot];
        }
        if (isMap(n)) {
          const keys: string[] = [];
          const values: TreeNode[] = [];
          const planned: string[] = [];
          const plans: PatchPlan[] = [];
          for (const pair of n.items) {
            const keyNode = pair.key as Node | null;
            const key = keyNode && resolve(keyNode);
            if (!isScalar(key)) {
              diagnostics.push(error('complex-key', 'mapping keys must be scalars', at(keyNode?.range?.[0] ?? 0)));
              continue;
            }
            if (typeof key.value === 'string' && key.value.includes('${')) {
              diagnostics.push(error('placeholder-in-key', 'placeholders are not allowed in mapping keys', at(key.range?.[0] ?? 0)));
              continue;
            }
            let k = String(key.value);
            k = cache.keys.get(k) ?? (cache.keys.set(k, k), k);
            const [value, sub] = compile(pair.value as Node | null, [...path, k]);
            keys.push(k);
            values.push(value);
            if (sub) {
              planned.push(k);
              plans.push(sub);
            }
          }
          return [new TreeMap(keys, values), plans.length ? { type: 'map', keys: planned, plans } : null];
        }
        if (isSeq(n)) {
          const compiled = n.items.map((item, i) => compile(item as Node | null, [...path, i]));
          const items = compiled.map(([value]) => value);
          const subs = compiled.map(([, sub]) => sub);
          if (!subs.some(Boolean)) return [items, null];
          const key = strategic ? mergeKeyAt(identity.kind, path) : null;
          const keyed = key ? keyedItems(items, key, subs) : null;
          return [items, keyed ? { type: 'keyed', items: keyed } : { type: 'whole', node: items }];
        }
        return [null, null];
      };

      const disabled = listDisabled || isDisabled(root, resolve);
      const [tree, docPlan] = disabled ? [EMPTY, null] : compile(root, []);
      const line = at(root.range?.[0] ?? 0).line;

      if (identity.kind === 'Secret') checkSecretData(root, resolve, slotFor, (d) => diagnostics.push(d), at);
      if (docPlan) {
        for (const p of IDENTITY_PATHS) {
          const node = getIn(root, p, resolve);
          if (isScalar(node) && typeof node.value === 'string' && slotOf.has(node)) {
            diagnostics.push(error('placeholder-in-identity', `placeholders are not allowed in ${p.join('.')}: kustomize matches the patch by it`, at(node.range?.[0] ?? 0)));
          }
        }
        if (!identity.apiVersion || !identity.kind || !identity.name) {
          diagnostics.push(error('no-identity', `${what} holds placeholders but has no apiVersion, kind and metadata.name to patch by`, at(root.range?.[0] ?? 0)));
        }
      }
      const d: TemplateDocument = { file, index, line, identity, disabled, plan: docPlan, slots, escapePaths, tree: tree instanceof TreeMap ? tree : EMPTY, bare: mayHoldBare ? bareDollars(root) : [] };
      if (item !== undefined) d.item = item;
      documents.push(d);
    };

    // kustomize reads a `*List` with `items` as its items, each an object of its own.
    const kind = getIn(contents, ['kind'], resolve);
    const items = getIn(contents, ['items'], resolve);
    if (isScalar(kind) && typeof kind.value === 'string' && kind.value.endsWith('List') && isSeq(items)) {
      const listDisabled = isDisabled(contents, resolve);
      items.items.forEach((raw, i) => {
        const item = raw ? resolve(raw as Node) : null;
        if (isMap(item)) addObject(item, i, listDisabled);
        else if (item && !(isScalar(item) && item.value === null)) diagnostics.push(error('not-a-mapping', `item ${i + 1} of document ${index + 1} is not a mapping`, at(item.range?.[0] ?? 0)));
      });
      return;
    }
    addObject(contents, undefined, false);
  });
  return { documents, diagnostics };
}

/**
 * The touched items of a list merged by `fields`, or null when the list
 * cannot be patched item by item (an item that is no mapping, a key field
 * missing or not a scalar, two items with one key, a key holding a placeholder
 * that kustomize could not delete the base item by): then it is written whole.
 * An item's key is every key field it holds; the first must be there.
 */
function keyedItems(items: TreeNode[], fields: readonly string[], subs: (PatchPlan | null)[]): KeyedItem[] | null {
  const seen = new Set<string>();
  const out: KeyedItem[] = [];
  const held = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!(item instanceof TreeMap)) return null;
    const key: [string, unknown][] = [];
    let keySlot = false;
    for (const [f, field] of fields.entries()) {
      const value = item.get(field);
      if (value === undefined && f > 0) continue;
      if (value === undefined || value === null || value instanceof TreeMap || Array.isArray(value)) return null;
      key.push([field, value instanceof Slot ? value.text : value]);
      held.add(field);
      if (value instanceof Slot) keySlot = true;
    }
    const id = JSON.stringify(key.map(([field, v]) => [field, typeof v, String(v)]));
    if (seen.has(id)) return null;
    seen.add(id);
    const sub = subs[i];
    if (sub) out.push({ node: item, key, keySlot, plan: sub });
  }
  // kustomize does not delete an item that lacks a key field other items of its
  // list hold (`containerPort: ${PORT}` beside a `protocol: UDP` port): such a
  // list is written whole.
  if (out.some((item) => item.keySlot && item.key.length < held.size)) return null;
  return out;
}

/** A Secret's `data` value without placeholders must already be base64 (kubectl rejects it otherwise). */
function checkSecretData(
  map: Node,
  resolve: (n: Node) => Node | null,
  slotFor: (n: Scalar) => Slot | null,
  report: (d: Diagnostic) => void,
  at: (offset: number) => Loc,
): void {
  const data = getIn(map, ['data'], resolve);
  if (!isMap(data)) return;
  for (const pair of data.items) {
    const value = pair.value ? resolve(pair.value as Node) : null;
    if (!isScalar(value) || value.value === null || slotFor(value)) continue;
    const text = String(value.value).replace(/\s+/g, '');
    if (!BASE64.test(text)) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      report(error('secret-data-not-base64', `Secret data "${key}" has no placeholder and is not valid base64 (use stringData for plain text)`, at(value.range?.[0] ?? 0)));
    }
  }
}

/** A value's path as diffs and messages show it: `spec.containers[0].image`. */
export function formatPath(path: PathKey[]): string {
  return path.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : out ? `${out}.${k}` : k), '');
}

function yamlCode(code: string): Code {
  if (code === 'DUPLICATE_KEY') return 'yaml-duplicate-key';
  if (code === 'TAB_AS_INDENT') return 'yaml-tab-indent';
  if (code === 'RESOURCE_EXHAUSTION') return 'yaml-too-deep';
  return 'yaml-invalid';
}

function getIn(map: Node, path: string[], resolve: (n: Node) => Node | null): Node | null {
  let node: Node | null = map;
  for (const key of path) {
    if (!node || !isMap(node)) return null;
    const pair: Pair | undefined = node.items.find((p) => isScalar(p.key) && p.key.value === key);
    node = pair?.value ? resolve(pair.value as Node) : null;
  }
  return node;
}

function readIdentity(map: Node, resolve: (n: Node) => Node | null): Identity {
  const str = (path: string[]) => {
    const n = getIn(map, path, resolve);
    return isScalar(n) && typeof n.value === 'string' ? n.value : undefined;
  };
  const id: Identity = {};
  for (const [key, path] of [['apiVersion', ['apiVersion']], ['kind', ['kind']], ['name', ['metadata', 'name']], ['namespace', ['metadata', 'namespace']]] as const) {
    const v = str([...path]);
    if (v !== undefined) id[key] = v;
  }
  return id;
}

function isDisabled(map: Node, resolve: (n: Node) => Node | null): boolean {
  return DISABLE_ANNOTATIONS.some((a) => {
    const n = getIn(map, ['metadata', 'annotations', a], resolve);
    return isScalar(n) && n.value === 'disabled';
  });
}

/** The offsets of every `${` in `text`, in an array of its own length (a pushed array keeps room for 17, in every slot of the run). */
function placeholderOffsets(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('${'); i >= 0; i = text.indexOf('${', i + 1)) out.push(i);
  return out.slice();
}
