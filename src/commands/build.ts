/**
 * `kustenv build ENV`: kustomize the overlay as render would leave it, then
 * check what it built. It stops when the render fails, writes nothing, and
 * shows Secret values as `***`.
 */
import path from 'node:path';
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { finishRun, preparationFailed, renderPrepared, withSecrets } from './render.js';
import { error, sortDiagnostics } from '../diagnostics.js';
import { INSTALL_KUBECTL, buildOverlayAsRendered, type KubectlTarget } from '../io/kubectl.js';
import { rel } from '../io/load-config.js';
import { addPatchSecrets, readOwnPatch } from '../io/read-patch.js';
import { MASK } from '../mask.js';
import type { RunOptions } from '../options.js';
import { stringifyYaml } from '../pipeline/assemble-patch.js';
import { DISABLE_ANNOTATIONS, formatPath, type PathKey } from '../pipeline/parse-templates.js';
import { isSecretField } from '../pipeline/patch-leaves.js';
import { parsePlaceholders } from '../pipeline/placeholders.js';
import { validateObjects } from '../pipeline/validate-objects.js';
import { prepare, type Prepared } from '../prepare.js';
import type { SecretSet } from '../secret-set.js';
import type { Diagnostic } from '../types.js';

export interface BuildOptions extends RunOptions, KubectlTarget {
  /** A kustomize binary to run as `KUSTOMIZE build DIR` instead of `kubectl kustomize DIR`. */
  kustomize?: string;
  /** Print Secret values instead of `***` (local use only). */
  showValues?: boolean;
}

export interface BuildResult {
  status: 0 | 1 | 2;
  /** The project root, which diagnostics' paths are relative to. */
  root?: string;
  diagnostics: Diagnostic[];
  /** The built YAML, Secret values masked unless showValues. */
  output: string;
  /** The run's secrets. Not enumerable. */
  readonly secrets?: SecretSet;
}

/** Build one environment's overlay with kustomize and check the result. */
export async function build(env: string, options: BuildOptions = {}): Promise<BuildResult> {
  const built = await buildEnvironment(env, options);
  if ('result' in built) return built.result;
  const { p, docs, overlay } = built;
  const diagnostics: Diagnostic[] = [...built.diagnostics];
  const escapes = escapePathsByKind(p);
  const objects: { obj: Record<string, unknown>; at: { file: string } }[] = [];
  for (const doc of docs) {
    const obj = doc.toJS() as Record<string, unknown> | null;
    if (!obj || typeof obj !== 'object') continue;
    const kind = String(obj.kind ?? '');
    const meta = (obj.metadata ?? {}) as { name?: string; namespace?: string; annotations?: Record<string, string> };
    const name = `${kind}/${meta.namespace ? `${meta.namespace}/` : ''}${meta.name ?? '?'}`;
    objects.push({ obj, at: { file: overlay } });
    if (DISABLE_ANNOTATIONS.some((a) => meta.annotations?.[a] === 'disabled')) continue;
    for (const left of leftoverPlaceholders(doc.contents as Node, escapes.get(kind))) {
      diagnostics.push(
        error('leftover-placeholder', `${left.names.map((n) => `\${${n}}`).join(', ')} in ${name} ${left.path}: still a placeholder after the build (is ${p.project.output} listed in the overlay's kustomization?)`, {
          file: overlay,
          env,
          ...(left.names.length === 1 ? { variable: left.names[0] } : {}),
        }),
      );
    }
  }
  diagnostics.push(...validateObjects(objects, env));
  if (!options.showValues) for (const doc of docs) maskBuilt(doc, p.secrets);
  const text = docs.map((d) => stringifyYaml(d)).join('---\n');
  const result: BuildResult = {
    status: diagnostics.some((d) => d.severity === 'error') ? 1 : 0,
    root: p.root,
    diagnostics: sortDiagnostics(diagnostics.map((d) => ({ ...d, message: p.secrets.mask(d.message) }))),
    output: options.showValues ? text : p.secrets.mask(text),
  };
  return withSecrets(result, p.secrets);
}

/**
 * Prepare, render (stopping when that fails) and build one environment's
 * overlay as render would leave it; for build and verify.
 */
export async function buildEnvironment(
  env: string,
  options: BuildOptions,
): Promise<{ result: BuildResult } | { p: Prepared; docs: Document.Parsed[]; overlay: string; diagnostics: Diagnostic[] }> {
  const stop = (status: 0 | 1 | 2, diagnostics: Diagnostic[], secrets: SecretSet, root?: string) => ({
    result: withSecrets({ status, ...(root ? { root } : {}), diagnostics: sortDiagnostics(diagnostics.map((d) => ({ ...d, message: secrets.mask(d.message) }))), output: '' }, secrets),
  });
  const p = await prepare({ ...options, environments: [env] });
  if ('failed' in p) {
    const f = preparationFailed(p.failed);
    return stop(f.status, f.diagnostics, p.failed.secrets, f.root);
  }
  const rendered = await renderPrepared(p, options);
  const run = finishRun(p, rendered, options, { patches: false, generated: false, gitChecks: false });
  if (run.status !== 0) return stop(run.status, run.diagnostics, p.secrets, p.root);
  const environment = p.environments[0].env;
  const overlay = rel(p.root, environment.overlayDir) || '.';
  // The patch on disk may still hold older values: they are secret too.
  addPatchSecrets(readOwnPatch(path.join(environment.overlayDir, p.project.output)), p.secrets);
  const built = buildOverlayAsRendered(environment.overlayDir, p.project.output, run.environments[0].content!, options.kustomize, options.env);
  const program = options.kustomize ?? 'kubectl';
  if (built.startError) return stop(2, [...run.diagnostics, error('kubectl-missing', `cannot run ${program} (${built.startError}): ${INSTALL_KUBECTL}`, { env })], p.secrets, p.root);
  if (built.status !== 0) {
    // kustomize may echo the objects it was given: its words go through the run's secrets.
    const said = p.secrets.mask(built.stderr.trim()).split('\n').slice(-5).join('\n');
    return stop(1, [...run.diagnostics, error('build-failed', `${built.command.split(environment.overlayDir).join(overlay)} failed (exit ${built.status ?? 'killed'}):\n${said}`, { file: overlay, env })], p.secrets, p.root);
  }
  const docs = parseAllDocuments(built.stdout, { prettyErrors: false });
  // A parse error's message can quote the text: say only that it failed.
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length)) {
    return stop(1, [...run.diagnostics, error('build-failed', `${program} printed output that is not YAML`, { file: overlay, env })], p.secrets, p.root);
  }
  return { p, docs, overlay, diagnostics: run.diagnostics };
}

/** Per kind, the paths whose `${` a template wrote with the `$${` escape: literal text, not placeholders. */
function escapePathsByKind(p: Prepared): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const doc of p.documents) {
    const kind = doc.identity.kind ?? '';
    for (const e of doc.escapePaths) out.set(kind, (out.get(kind) ?? new Set()).add(e));
  }
  return out;
}

/** String values that still hold a `${...}` placeholder, escaped paths aside, with the variables they name. */
function leftoverPlaceholders(root: Node, escaped: Set<string> | undefined): { path: string; names: string[] }[] {
  const found: { path: string; names: string[] }[] = [];
  const walk = (node: unknown, p: PathKey[]) => {
    if (isScalar(node)) {
      const where = formatPath(p);
      if (typeof node.value !== 'string' || !node.value.includes('${') || escaped?.has(where)) return;
      const parsed = parsePlaceholders(node.value);
      if (parsed.hasPlaceholder) found.push({ path: where, names: [...new Set(parsed.names)] });
    } else if (isMap(node)) for (const pair of node.items) walk(pair.value, [...p, String(isScalar(pair.key) ? pair.key.value : pair.key)]);
    else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...p, i]));
  };
  walk(root, []);
  return found;
}

/** Secret data and stringData, values at a secret path (any length) and values holding a secret become `***`. */
function maskBuilt(doc: Document, secrets: SecretSet): void {
  const root = doc.contents;
  if (!isMap(root)) return;
  const kind = String(doc.get('kind') ?? '');
  const meta = doc.get('metadata', true);
  const name = isMap(meta) ? String(meta.get('name') ?? '') : '';
  const namespace = isMap(meta) ? String(meta.get('namespace') ?? '') : '';
  // The overlay may have added a namespace: a secret path matches with or without it.
  const keys = (where: string) => [`${kind}/${name} ${where}`, ...(namespace ? [`${kind}/${namespace}/${name} ${where}`] : [])];
  const walk = (node: unknown, p: PathKey[]) => {
    if (isScalar(node)) {
      if (typeof node.value !== 'string' && typeof node.value !== 'number' && typeof node.value !== 'boolean') return;
      const text = String(node.value);
      const where = formatPath(p);
      if (keys(where).some((k) => secrets.isSecretPath(k) || isSecretField(k)) || secrets.holds(text)) {
        node.value = MASK;
        node.type = 'QUOTE_DOUBLE';
      }
    } else if (isMap(node)) for (const pair of node.items) walk(pair.value, [...p, String(isScalar(pair.key) ? pair.key.value : pair.key)]);
    else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...p, i]));
  };
  walk(root, []);
}
