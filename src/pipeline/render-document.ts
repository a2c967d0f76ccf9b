import { error, warning } from '../diagnostics.js';
import type { Diagnostic, Loc } from '../types.js';
import { Slot, TreeMap, formatPath, type PatchPlan, type PathKey, type TemplateDocument, type TreeNode } from './parse-templates.js';
import { isBuiltInKind, mergeKeyAt } from './merge-keys.js';
import { expandPlaceholders, type ExpandResult, type Operator, type ParsedText } from './placeholders.js';

import { MASK } from '../mask.js';

export interface RenderContext {
  env: string;
  lookup: (name: string) => string | undefined;
  /** `missing: dummy` */
  dummy: boolean;
  /** Variables classified secret (section 4, rule 5). */
  secretVars: ReadonlySet<string>;
  /**
   * Expansions already made in this environment, by parsed text: the same
   * text expands the same way (expansion is pure), and templates repeat texts.
   */
  expanded?: Map<ParsedText, ExpandResult>;
}

/** A document's patch for one environment, with values and with secrets masked. */
export interface RenderedDocument {
  doc: TemplateDocument;
  patch: Record<string, unknown>;
  /** Built when first read. */
  readonly masked: Record<string, unknown>;
  /** Paths (as formatPath writes them) of the values the masked view hides. */
  secretPaths: string[];
  /** The rendered text of each value at a secret path (a Secret's `data` before base64). */
  secretValues: string[];
  /** The whole rendered object, for Secrets and ConfigMaps only (they are validated whole). */
  full?: Record<string, unknown>;
}

export interface RenderResult {
  rendered: RenderedDocument | null;
  diagnostics: Diagnostic[];
  /** Variables that were unset and given a dummy value. */
  dummied: string[];
  /** Rendered values of scalars that are exactly one placeholder (defaults included), for the production rules. */
  lone: { name: string; value: string; loc: Loc }[];
}

interface SlotValue {
  text: string;
  secret: boolean;
}

/** Render one template document for one environment. */
export function renderDocument(doc: TemplateDocument, ctx: RenderContext): RenderResult {
  if (!doc.plan) return { rendered: null, diagnostics: [], dummied: [], lone: [] };
  const diagnostics: Diagnostic[] = [];
  const dummied = new Set<string>();
  const values = new Map<Slot, SlotValue>();
  const lone: RenderResult['lone'] = [];

  for (const slot of doc.slots) {
    if (values.has(slot)) continue;
    let r = ctx.expanded?.get(slot.parsed);
    if (!r) {
      r = expandPlaceholders(slot.parsed.segments, ctx.lookup, { dummy: ctx.dummy });
      ctx.expanded?.set(slot.parsed, r);
    }
    for (const e of r.errors) {
      const at = { ...slot.locate(e.offset), variable: e.name, env: ctx.env };
      const message =
        e.code === 'unset'
          ? `${e.name} is not set`
          : e.message
            ? `${e.name} is required: ${e.message}`
            : `${e.name} is required and is not set (or is empty)`;
      diagnostics.push(error(e.code === 'unset' ? 'unset-variable' : 'required-variable', message, at));
    }
    for (const name of r.dummied) {
      if (!dummied.has(name)) {
        dummied.add(name);
        diagnostics.push(
          warning('dummy-value', `${name} is not set; using dummy-${name.toLowerCase()} (missing: dummy)`, { ...slot.loc, variable: name, env: ctx.env }),
        );
      }
    }
    if (KUSTOMIZE_UNSAFE.test(r.value)) {
      diagnostics.push(
        warning('kustomize-unsafe-value', `the value here holds control or line-separator characters that kustomize does not pass on exactly (${r.used.join(', ')})`, {
          ...slot.loc,
          env: ctx.env,
        }),
      );
    }
    values.set(slot, { text: r.value, secret: slot.parsed.names.some((n) => ctx.secretVars.has(n)) });
    const segs = slot.parsed.segments;
    // A value operator (`${#V}`, `${V:0:4}`, `${V^^}`...) renders something other than V's value: not V's to check.
    if (segs.length === 1 && segs[0].type === 'var' && isValueOf(segs[0].op) && !r.errors.length && !r.dummied.length) lone.push({ name: segs[0].name, value: r.value, loc: slot.loc });
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { rendered: null, diagnostics, dummied: [...dummied], lone };

  const stringsOnly = doc.identity.kind === 'Secret' || doc.identity.kind === 'ConfigMap';
  const builtIn = isBuiltInKind(doc.identity.apiVersion);

  /** `object`: the plain rendered object (validated); `patch`: for the file; `masked`: for people. */
  type Mode = 'object' | 'patch' | 'masked';

  const secretPaths: string[] = [];
  const secretValues: string[] = [];
  // Where the walk is: pushed and popped as it goes (a path per value would be most of a render's garbage).
  const path: PathKey[] = [];
  const leaf = (slot: Slot, mode: Mode): unknown => {
    const v = values.get(slot)!;
    const secretField = doc.identity.kind === 'Secret' && path.length === 2 && (path[0] === 'data' || path[0] === 'stringData');
    if (v.secret || secretField) {
      // The patch and the masked view walk the same paths: the patch's walk records them.
      if (mode === 'patch') {
        secretPaths.push(formatPath(path));
        secretValues.push(v.text);
      } else if (mode === 'masked') return MASK;
    }
    if (secretField && path[0] === 'data') return Buffer.from(v.text, 'utf8').toString('base64');
    const segs = slot.parsed.segments;
    if (!stringsOnly && slot.plain && segs.length === 1 && segs[0].type === 'var') return coreType(v.text);
    return v.text;
  };

  // Every node under `node` converted, slots rendered.
  const whole = (node: TreeNode, mode: Mode): unknown => {
    if (node instanceof Slot) return leaf(node, mode);
    if (node instanceof TreeMap) {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < node.keys.length; i++) {
        path.push(node.keys[i]);
        setKey(out, node.keys[i], whole(node.values[i], mode));
        path.pop();
      }
      return out;
    }
    if (Array.isArray(node)) {
      const items: unknown[] = [];
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        items.push(whole(node[i], mode));
        path.pop();
      }
      // A list strategic merge would merge by key, written whole, must replace the base's list instead.
      if (mode !== 'object' && builtIn && mergeKeyAt(doc.identity.kind, path) !== null && items.every(isPlainObject)) {
        items.push({ $patch: 'replace' });
      }
      return items;
    }
    return node;
  };

  // Only the planned paths: touched map keys, touched keyed items, whole sequences, slots.
  // Paths are where a value stands in the patch (a keyed item's index is its place in the patch's list).
  const build = (plan: PatchPlan, mode: Mode): unknown => {
    if (plan instanceof Slot) return leaf(plan, mode);
    if (plan.type === 'whole') return whole(plan.node, mode);
    if (plan.type === 'keyed') {
      const out: unknown[] = [];
      for (const item of plan.items) {
        if (item.keySlot) {
          // Strategic merge finds the base item by its key: the text the template holds.
          const del: Record<string, unknown> = {};
          for (const [k, v] of item.key) setKey(del, k, v);
          del.$patch = 'delete';
          out.push(del);
          path.push(out.length);
          out.push(whole(item.node, mode));
          path.pop();
          continue;
        }
        const named: Record<string, unknown> = {};
        for (const [k, v] of item.key) setKey(named, k, v);
        path.push(out.length);
        const body = build(item.plan, mode) as Record<string, unknown>;
        path.pop();
        for (const [k, v] of Object.entries(body)) setKey(named, k, v);
        out.push(named);
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    for (let i = 0; i < plan.keys.length; i++) {
      path.push(plan.keys[i]);
      setKey(out, plan.keys[i], build(plan.plans[i], mode));
      path.pop();
    }
    return out;
  };

  const withIdentity = (body: Record<string, unknown>): Record<string, unknown> => {
    const { apiVersion, kind, name, namespace } = doc.identity;
    const { apiVersion: _a, kind: _k, metadata, ...rest } = body;
    const meta: Record<string, unknown> = { name };
    if (namespace !== undefined) meta.namespace = namespace;
    for (const [k, v] of Object.entries((metadata as Record<string, unknown>) ?? {})) setKey(meta, k, v);
    const out: Record<string, unknown> = { apiVersion, kind, metadata: meta };
    for (const [k, v] of Object.entries(rest)) setKey(out, k, v);
    return out;
  };

  const plan = doc.plan;
  const patch = withIdentity(build(plan, 'patch') as Record<string, unknown>);
  // The masked view is built when first read (only the masked patch text reads it).
  let masked: Record<string, unknown> | undefined;
  const rendered = { doc, patch, secretPaths, secretValues } as RenderedDocument;
  Object.defineProperty(rendered, 'masked', { get: () => (masked ??= withIdentity(build(plan, 'masked') as Record<string, unknown>)), enumerable: true });
  if (stringsOnly) rendered.full = whole(doc.tree, 'object') as Record<string, unknown>;
  return { rendered, diagnostics, dummied: [...dummied], lone };
}

/** Operators whose result is the variable's own value or a default given in the template. */
function isValueOf(op: Operator): boolean {
  return op === '' || op === '-' || op === '=' || op === '?' || op === '+';
}

/** Characters kustomize's YAML round trip rejects or changes (measured with kubectl kustomize). */
const KUSTOMIZE_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;

const isPlainObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Set a key without ever touching a prototype (`__proto__` is an ordinary key here). */
function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * The YAML 1.2 core-schema type of a plain scalar's text: `3` is an integer,
 * `true` a boolean, `~` null. The empty string stays a string.
 */
function coreType(text: string): unknown {
  if (text === '') return '';
  if (/^(?:~|null|Null|NULL)$/.test(text)) return null;
  if (/^(?:true|True|TRUE)$/.test(text)) return true;
  if (/^(?:false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?[0-9]+$/.test(text)) return toInt(BigInt(text));
  if (/^0o[0-7]+$/.test(text)) return toInt(BigInt(text));
  if (/^0x[0-9a-fA-F]+$/.test(text)) return toInt(BigInt(text));
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(text)) return NaN;
  return text;
}

function toInt(n: bigint): number | bigint {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}
