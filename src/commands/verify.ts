/**
 * `verify` (the live cluster): render the environment in memory, build its
 * overlay as render would leave it, then compare every Secret and ConfigMap it
 * builds with the object `kubectl get` finds in the cluster. Values are
 * compared in memory; no value, hash or length of a value leaves this file.
 */
import path from 'node:path';
import { withSecrets } from './render.js';
import { buildEnvironment } from './build.js';
import { error, sortDiagnostics, warning } from '../diagnostics.js';
import { INSTALL_KUBECTL, kubectl } from '../io/kubectl.js';
import type { RunOptions } from '../options.js';
import { placeholderLook } from '../pipeline/production-rules.js';
import { isDns1123Label, isDns1123Subdomain, isSafeArgument } from '../pipeline/validate-names.js';
import type { SecretSet } from '../secret-set.js';
import type { Diagnostic } from '../types.js';
import { verifyExternalSecrets } from './verify-external-secrets.js';
import { GET_TIMEOUT_MS } from '../options.js';
import { compareText as compare, plural } from '../text.js';

export interface VerifyOptions extends RunOptions {
  /** `kubectl --context`: the cluster to compare with. Default: kubectl's current context. */
  context?: string;
  /** The namespace of objects that name none (kubectl's `--namespace`). */
  namespace?: string;
  /** Arguments passed on to every `kubectl get`, after the ones kustenv sets. Default: none. */
  kubectlArgs?: string[];
}

export type LiveKind = 'Secret' | 'ConfigMap';
export type LiveKeyState = 'in-sync' | 'different' | 'missing' | 'extra';

/** One key of one object: how the cluster's value compares with the build's. Never the value. */
export interface LiveKey {
  key: string;
  /** `missing`: in the build, not in the cluster; `extra`: in the cluster, not in the build. */
  state: LiveKeyState;
  /** Production environments: the live value breaks the production rules (no placeholder-looking or weak value; docs/validation.md). */
  placeholder?: boolean;
}

/** One Secret or ConfigMap of the built overlay, as the cluster has it. */
export interface LiveObject {
  kind: LiveKind;
  name: string;
  namespace?: string;
  /** kubectl found it. A missing object lists no keys. */
  found: boolean;
  /** Whole days since the object's newest write (managedFields time, else creationTimestamp). */
  ageDays?: number;
  /** Older than `rotateAfterDays`. */
  old?: boolean;
  /** Sorted by key. */
  keys: LiveKey[];
}

export interface VerifySummary {
  objects: number;
  missingObjects: number;
  missingKeys: number;
  different: number;
  extra: number;
  placeholders: number;
  old: number;
}

export interface VerifyResult {
  /** 0 in sync (extra keys and old objects are warnings); 1 missing, different or a production rule broken, or the render failed; 2 kustenv could not run. */
  status: 0 | 1 | 2;
  /** The project root, which diagnostics' paths are relative to. */
  root?: string;
  diagnostics: Diagnostic[];
  environment: string;
  context?: string;
  /** Sorted by kind, namespace, name. */
  objects: LiveObject[];
  summary: VerifySummary;
  /** The run's secrets. Not enumerable. */
  readonly secrets?: SecretSet;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** `Secret shop/app`, or `ConfigMap cfg` when it has no namespace. */
export function objectLabel(o: { kind: string; name: string; namespace?: string }): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

/** Compare the live cluster with what `render` produces for one environment. Writes nothing. */
export async function verify(env: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const base = { environment: env, ...(options.context !== undefined ? { context: options.context } : {}) };
  const built = await buildEnvironment(env, options);
  if ('result' in built) {
    const r = built.result;
    return withSecrets({ status: r.status, ...(r.root ? { root: r.root } : {}), diagnostics: r.diagnostics, ...base, objects: [], summary: summarize([]) }, r.secrets!);
  }
  const { p, docs, overlay } = built;
  const { secrets } = p;
  const environment = p.environments[0].env;
  const finish = (status: 0 | 1 | 2, diagnostics: Diagnostic[], objects: LiveObject[] = []): VerifyResult =>
    withSecrets({ status, root: p.root, diagnostics: sortDiagnostics(diagnostics.map((d) => ({ ...d, message: secrets.mask(d.message) }))), ...base, objects, summary: summarize(objects) }, secrets);
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const at = { file: overlay, env };
  const diagnostics = [...built.diagnostics];
  if (options.context !== undefined && !isSafeArgument(options.context)) return finish(2, [...diagnostics, error('bad-context', 'the --context name is empty, starts with "-" or holds control characters')]);

  const wanted: { kind: LiveKind; name: string; namespace?: string; values: Map<string, Buffer> }[] = [];
  for (const doc of docs) {
    const obj = doc.toJS() as Record<string, unknown> | null;
    if (!obj || typeof obj !== 'object' || obj.apiVersion !== 'v1' || (obj.kind !== 'Secret' && obj.kind !== 'ConfigMap')) continue;
    const meta = (obj.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    if (typeof meta.name !== 'string' || !meta.name) continue;
    const namespace = typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : undefined;
    // What reaches kubectl is checked first: a built name can never pass for an option.
    if (!isDns1123Subdomain(meta.name) || (namespace !== undefined && !isDns1123Label(namespace))) {
      return finish(1, [...diagnostics, error('invalid-name', `the built overlay holds a ${obj.kind} whose name or namespace is not a valid DNS-1123 name; kubectl was not run`, at)]);
    }
    const values = expectedValues(obj.kind, obj);
    for (const v of values.values()) secrets.addValues([v.toString('utf8')]);
    wanted.push({ kind: obj.kind, name: meta.name, ...(namespace ? { namespace } : {}), values });
  }
  wanted.sort((a, b) => compare(a.kind, b.kind) || compare(a.namespace ?? '', b.namespace ?? '') || compare(a.name, b.name));

  const findings: Diagnostic[] = [];
  const objects: LiveObject[] = [];
  for (const [i, w] of wanted.entries()) {
    if (wanted.length >= 10) options.progress?.(`verifying ${i + 1} of ${wanted.length} objects`);
    const label = objectLabel(w);
    const namespace = w.namespace ?? options.namespace;
    const args = ['get', w.kind.toLowerCase(), ...(namespace ? ['--namespace', namespace] : []), '--output', 'json'];
    const context = options.context !== undefined ? ['--context', options.context] : [];
    // The name goes after `--`: kubectl reads it as a name whatever it holds.
    const ran = kubectl([...args, ...context, ...(options.kubectlArgs ?? []), '--', w.name], cwd, GET_TIMEOUT_MS, options.env);
    // Extra kubectl arguments can hold credentials (--token): the command is named without them.
    const command = `kubectl ${[...args.slice(0, 2), w.name, ...args.slice(2), ...context].join(' ')}${options.kubectlArgs?.length ? ` (and ${plural(options.kubectlArgs.length, 'more argument')})` : ''}`;
    if (ran.startError === 'ETIMEDOUT') return finish(2, [...diagnostics, error('kubectl-failed', `${command} gave no answer within ${GET_TIMEOUT_MS / 1000} s`, at)]);
    if (ran.startError) return finish(2, [...diagnostics, error('kubectl-missing', `cannot run kubectl (${ran.startError}): ${INSTALL_KUBECTL}`, { env })]);
    if (ran.status !== 0) {
      if (ran.status === 1 && /^Error from server \(NotFound\):/m.test(ran.stderr)) {
        objects.push({ kind: w.kind, name: w.name, ...(w.namespace ? { namespace: w.namespace } : {}), found: false, keys: [] });
        findings.push(error('live-object-missing', `${label} is not in the cluster${contextNote(options.context)}`, at));
        continue;
      }
      const last = secrets.mask(ran.stderr.trim()).split('\n').pop() ?? '';
      return finish(2, [...diagnostics, error('kubectl-failed', `${command} failed (exit ${ran.status ?? 'killed'})${last ? `: ${last}` : ''}`, at)]);
    }
    const live = parseLive(ran.stdout);
    if (!live) return finish(2, [...diagnostics, error('kubectl-failed', `${command} did not print a JSON object`, at)]);
    const liveValues = actualValues(w.kind, live);
    for (const v of liveValues.values()) secrets.addValues([v.toString('utf8')]);

    const keys: LiveKey[] = [];
    for (const key of [...new Set([...w.values.keys(), ...liveValues.keys()])].sort(compare)) {
      const expected = w.values.get(key);
      const actual = liveValues.get(key);
      const state: LiveKeyState = !actual ? 'missing' : !expected ? 'extra' : expected.equals(actual) ? 'in-sync' : 'different';
      // Production rules hold for every live value, an extra key's too (a leftover LEGACY_TOKEN=dummy-…).
      const look = environment.production && actual ? placeholderLook(actual.toString('utf8')) : null;
      keys.push({ key, state, ...(look ? { placeholder: true } : {}) });
      if (state === 'missing') findings.push(error('live-key-missing', `${label}: key ${key} is in the build but not in the cluster`, at));
      if (state === 'different') findings.push(error('live-key-different', `${label}: key ${key} differs between the build and the cluster`, at));
      if (state === 'extra') findings.push(warning('live-key-extra', `${label}: key ${key} is in the cluster but not in the build`, at));
      if (look) findings.push(error('live-placeholder', `${label}: the cluster's value of key ${key} ${look}: refused in a production environment`, at));
    }
    const written = newestWrite(live);
    const ageDays = written === undefined ? undefined : Math.max(0, Math.floor((Date.now() - written) / DAY_MS));
    const old = ageDays === undefined ? undefined : ageDays > p.project.rotateAfterDays;
    if (old) findings.push(warning('live-old', `${label} was last written ${plural(ageDays!, 'day')} ago, more than rotateAfterDays (${p.project.rotateAfterDays})`, at));
    objects.push({ kind: w.kind, name: w.name, ...(w.namespace ? { namespace: w.namespace } : {}), found: true, ...(ageDays !== undefined ? { ageDays, old } : {}), keys });
  }
  if (environment.output === 'external-secrets') findings.push(...verifyExternalSecrets({ objects: docs.map((d) => d.toJS()), cwd, env: options.env, context: options.context, kubectlArgs: options.kubectlArgs, at, redact: (t: string) => secrets.mask(t) }));
  return finish(findings.some((d) => d.severity === 'error') ? 1 : 0, [...diagnostics, ...findings], objects);
}

/** What the build says each key holds, as bytes: Secret data (base64) and stringData; ConfigMap data and binaryData (base64). */
function expectedValues(kind: LiveKind, obj: Record<string, unknown>): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const [encoded, plain] = kind === 'Secret' ? ['data', 'stringData'] : ['binaryData', 'data'];
  for (const [k, v] of entries(obj[encoded])) out.set(k, Buffer.from(v, 'base64'));
  // The API server writes stringData over data, key by key.
  for (const [k, v] of entries(obj[plain])) out.set(k, Buffer.from(v, 'utf8'));
  return out;
}

/** What the cluster holds: Secret data (base64); ConfigMap data and binaryData (base64). */
function actualValues(kind: LiveKind, obj: Record<string, unknown>): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (kind === 'Secret') for (const [k, v] of entries(obj.data)) out.set(k, Buffer.from(v, 'base64'));
  else {
    for (const [k, v] of entries(obj.data)) out.set(k, Buffer.from(v, 'utf8'));
    for (const [k, v] of entries(obj.binaryData)) out.set(k, Buffer.from(v, 'base64'));
  }
  return out;
}

function entries(section: unknown): [string, string][] {
  if (!section || typeof section !== 'object' || Array.isArray(section)) return [];
  return Object.entries(section as Record<string, unknown>).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]);
}

/** `kubectl get --output json`'s object, or null. Its parse error is not kept: it can quote the text. */
function parseLive(stdout: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(stdout);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Milliseconds of the newest `metadata.managedFields[].time`, else of `creationTimestamp`. */
function newestWrite(live: Record<string, unknown>): number | undefined {
  const meta = (live.metadata ?? {}) as { managedFields?: unknown; creationTimestamp?: unknown };
  const times = (Array.isArray(meta.managedFields) ? meta.managedFields : [])
    .map((f) => (f && typeof f === 'object' && typeof (f as { time?: unknown }).time === 'string' ? Date.parse((f as { time: string }).time) : NaN))
    .filter((t) => Number.isFinite(t));
  if (times.length) return Math.max(...times);
  const created = typeof meta.creationTimestamp === 'string' ? Date.parse(meta.creationTimestamp) : NaN;
  return Number.isFinite(created) ? created : undefined;
}

function summarize(objects: LiveObject[]): VerifySummary {
  const keys = objects.flatMap((o) => o.keys);
  return {
    objects: objects.length,
    missingObjects: objects.filter((o) => !o.found).length,
    missingKeys: keys.filter((k) => k.state === 'missing').length,
    different: keys.filter((k) => k.state === 'different').length,
    extra: keys.filter((k) => k.state === 'extra').length,
    placeholders: keys.filter((k) => k.placeholder).length,
    old: objects.filter((o) => o.old).length,
  };
}

const contextNote = (context: string | undefined) => (context !== undefined ? ` (context ${context})` : '');

