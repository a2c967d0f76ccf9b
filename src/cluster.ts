/**
 * Handing over to kubectl: `build` (kustomize the overlay, then verify what
 * it built) and `apply` (render, check, diff, then kubectl apply -k).
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node } from 'yaml';
import { check, render, selectEnvironments, storeSession } from './api.js';
import { diff, type EnvironmentDiff } from './diff.js';
import { error, sortDiagnostics, warning } from './diagnostics.js';
import { INSTALL_KUBECTL, kubectl, kustomizeBuild } from './io/kubectl.js';
import { loadProject, rel } from './io/load-config.js';
import { readTemplates } from './io/read-templates.js';
import { MASK, redactValues } from './mask.js';
import type { RunOptions } from './options.js';
import { stringifyYaml } from './pipeline/assemble-patch.js';
import { DISABLE_ANNOTATIONS, formatPath, parseTemplates, type PathKey } from './pipeline/parse-templates.js';
import { patchValues } from './pipeline/patch-leaves.js';
import { parsePlaceholders } from './pipeline/placeholders.js';
import { validateObjects } from './pipeline/validate-objects.js';
import type { Diagnostic, EnvironmentConfig, ProjectConfig } from './types.js';

export interface BuildOptions extends RunOptions {
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
  /** The patch's Secret values. Not enumerable; for `::add-mask::` only. */
  readonly secretValues?: string[];
}

/** Build one environment's overlay with kustomize and verify the result. */
export async function build(env: string, options: BuildOptions = {}): Promise<BuildResult> {
  const fail = (status: 1 | 2, diagnostics: Diagnostic[]): BuildResult => ({ status, diagnostics: sortDiagnostics(diagnostics), output: '' });
  const target = loadEnvironment(env, options);
  if ('errors' in target) return fail(2, target.errors);
  const { project, environment } = target;
  const overlay = rel(project.root, environment.overlayDir) || '.';

  const built = buildOverlay(environment, overlay, (text) => redact(text, environment, project), options.kustomize);
  if ('status' in built) return fail(built.status, [built.error]);

  const escapes = await escapePathsByKind(project);
  const diagnostics: Diagnostic[] = [];
  const docs = parseAllDocuments(built.stdout);
  const objects: { obj: Record<string, unknown>; at: { file: string } }[] = [];
  for (const doc of docs) {
    const obj = doc.toJS() as Record<string, unknown> | null;
    if (!obj || typeof obj !== 'object') continue;
    const kind = String(obj.kind ?? '');
    const meta = (obj.metadata ?? {}) as { name?: string; namespace?: string; annotations?: Record<string, string> };
    const name = `${kind}/${meta.namespace ? `${meta.namespace}/` : ''}${meta.name ?? '?'}`;
    objects.push({ obj, at: { file: overlay } });
    if (DISABLE_ANNOTATIONS.some((a) => meta.annotations?.[a] === 'disabled')) continue;
    for (const field of leftoverPlaceholders(doc.contents as Node, escapes.get(kind))) {
      diagnostics.push(error('leftover-placeholder', `${name}: ${field} still holds a \${...} placeholder (is kustenv.patch.yaml rendered for ${env} and listed in the kustomization?)`, { file: overlay, env }));
    }
  }
  diagnostics.push(...validateObjects(objects, env));

  // The secret values: the patch's Secrets, and every secret variable in use (a writeOnly one can sit in a ConfigMap).
  const patch = path.join(environment.overlayDir, project.output);
  const inUse = (await check({ ...options, environments: [env] })).secretValues ?? [];
  const secrets = [...new Set([...(fs.existsSync(patch) ? patchValues(fs.readFileSync(patch, 'utf8'), true) : []), ...inUse])].filter(Boolean);
  if (!options.showValues) for (const doc of docs) maskSecretValues(doc, secrets);
  const output = docs.map((d) => stringifyYaml(d)).join('---\n');
  const result: BuildResult = { status: diagnostics.some((d) => d.severity === 'error') ? 1 : 0, root: project.root, diagnostics: sortDiagnostics(diagnostics), output };
  return Object.defineProperty(result, 'secretValues', { value: secrets, enumerable: false });
}

export interface ApplyOptions extends RunOptions {
  /** Apply without asking. Required when there is no terminal to ask on. */
  yes?: boolean;
  /** A terminal is there to ask on. */
  interactive?: boolean;
  /** Shown the masked diff; says whether to go on. Called only when interactive and not `yes`. */
  confirm?: (diffs: EnvironmentDiff[]) => Promise<boolean>;
  /** `--dry-run=server`: the API server checks everything and stores nothing. */
  serverDryRun?: boolean;
  /** Client-side apply instead of server-side (copies Secrets into an annotation: see the warning). */
  clientSide?: boolean;
  /** Arguments passed on to kubectl after the ones kustenv sets. */
  kubectlArgs?: string[];
}

export interface ApplyResult {
  /** kubectl's own exit code once it ran; else 0, 1 or 2 as everywhere. */
  status: number;
  /** The project root, which diagnostics' paths are relative to. */
  root?: string;
  diagnostics: Diagnostic[];
  diffs: EnvironmentDiff[];
  /** The kubectl command line, when it ran. */
  command?: string[];
  /** kubectl's output, every rendered value redacted. */
  stdout: string;
  stderr: string;
  applied: boolean;
  /** Values of the secret variables in use. Not enumerable; for `::add-mask::` only. */
  readonly secretValues?: string[];
}

/** Render and check, show the masked diff, then `kubectl apply -k` the overlay. */
export async function apply(env: string, options: ApplyOptions = {}): Promise<ApplyResult> {
  const target = loadEnvironment(env, options);
  const base = { diffs: [] as EnvironmentDiff[], stdout: '', stderr: '', applied: false, ...('project' in target ? { root: target.project.root } : {}) };
  if ('errors' in target) return { ...base, status: 2, diagnostics: target.errors };
  if (!options.yes && !options.interactive) {
    return { ...base, status: 2, diagnostics: [error('needs-yes', 'apply asks before it applies; without a terminal, pass --yes. Nothing was applied.', { env })] };
  }
  const warnings = options.clientSide
    ? [
        warning(
          'client-side-apply',
          'client-side apply copies the whole Secret, stringData in clear, into the kubectl.kubernetes.io/last-applied-configuration annotation, where kubectl get -o yaml and later diffs show it',
          { env },
        ),
      ]
    : [];

  // One store session for the diff and the render: what is applied is what was reviewed.
  options = { ...options, storeSession: options.storeSession ?? storeSession(target.project, options) };
  const reviewed = await diff({ ...options, environments: [env] });
  const finish = (r: ApplyResult): ApplyResult => Object.defineProperty(r, 'secretValues', { value: reviewed.secretValues, enumerable: false });
  const diagnostics = [...warnings, ...reviewed.diagnostics];
  if (reviewed.status !== 0) return finish({ ...base, status: reviewed.status, diagnostics, diffs: reviewed.diffs });
  if (!options.yes && !(await options.confirm?.(reviewed.diffs))) {
    return finish({ ...base, status: 1, diagnostics: [...diagnostics, error('not-applied', 'not applied: the answer was no', { env })], diffs: reviewed.diffs });
  }
  const written = await render({ ...options, environments: [env] });
  if (written.status !== 0) return finish({ ...base, status: written.status, diagnostics: [...warnings, ...written.diagnostics], diffs: reviewed.diffs });

  const { project, environment } = target;
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const args = [
    'apply',
    '-k',
    rel(cwd, environment.overlayDir) || '.',
    ...(options.clientSide ? [] : ['--server-side', '--field-manager=kustenv']),
    ...(options.serverDryRun ? ['--dry-run=server'] : []),
    ...(options.kubectlArgs ?? []),
  ];
  const ran = kubectl(args, cwd);
  if (ran.startError) return finish({ ...base, status: 2, diagnostics: [...diagnostics, error('kubectl-missing', `cannot run kubectl (${ran.startError}): ${INSTALL_KUBECTL}`, { env })], diffs: reviewed.diffs });
  return finish({
    status: ran.status ?? 1,
    diagnostics,
    diffs: reviewed.diffs,
    command: ['kubectl', ...args],
    stdout: redact(ran.stdout, environment, project),
    stderr: redact(ran.stderr, environment, project),
    applied: ran.status === 0,
  });
}

/**
 * `kubectl kustomize` (or KUSTOMIZE build) of one overlay: its output, or
 * the error (2: it cannot run; 1: the build failed, its words redacted).
 */
export function buildOverlay(
  environment: EnvironmentConfig,
  overlay: string,
  redact: (text: string) => string,
  kustomize?: string,
): { stdout: string } | { status: 1 | 2; error: Diagnostic } {
  const env = environment.name;
  const built = kustomizeBuild(environment.overlayDir, kustomize);
  if (built.startError) return { status: 2, error: error('kubectl-missing', `cannot run ${kustomize ?? 'kubectl'} (${built.startError}): ${INSTALL_KUBECTL}`, { env }) };
  if (built.status !== 0) {
    // kustomize may echo the objects it was given: its words are redacted.
    const said = redact(built.stderr.trim()).split('\n').slice(-5).join('\n');
    return { status: 1, error: error('build-failed', `${built.command.replace(environment.overlayDir, overlay)} failed (exit ${built.status}):\n${said}`, { file: overlay, env }) };
  }
  return { stdout: built.stdout };
}

/** The project and one of its environments, by name. */
export function loadEnvironment(env: string, options: RunOptions): { project: ProjectConfig; environment: EnvironmentConfig } | { errors: Diagnostic[] } {
  const loaded = loadProject(path.resolve(options.cwd ?? process.cwd()), options.config);
  if (!loaded.project) return { errors: loaded.errors };
  const selected = selectEnvironments(loaded.project, [env]);
  if ('error' in selected) return { errors: [selected.error] };
  return { project: loaded.project, environment: selected.envs[0] };
}

/** Hide every value of the environment's patch file in another program's output. */
function redact(text: string, environment: EnvironmentConfig, project: ProjectConfig): string {
  const file = path.join(environment.overlayDir, project.output);
  return fs.existsSync(file) ? redactValues(text, patchValues(fs.readFileSync(file, 'utf8'))) : text;
}

/** Per kind, the paths whose `${` a template wrote with the `$${` escape: literal text, not placeholders. */
async function escapePathsByKind(project: ProjectConfig): Promise<Map<string, Set<string>>> {
  const { files } = await readTemplates(project);
  const out = new Map<string, Set<string>>();
  for (const doc of parseTemplates(files).documents) {
    const kind = doc.identity.kind ?? '';
    for (const p of doc.escapePaths) out.set(kind, (out.get(kind) ?? new Set()).add(p));
  }
  return out;
}

/** Paths of string values that still hold a `${...}` placeholder, escaped paths aside. */
function leftoverPlaceholders(root: Node, escaped: Set<string> | undefined): string[] {
  const found: string[] = [];
  const walk = (node: unknown, p: PathKey[]) => {
    if (isScalar(node)) {
      const where = formatPath(p);
      if (typeof node.value === 'string' && node.value.includes('${') && parsePlaceholders(node.value).hasPlaceholder && !escaped?.has(where)) found.push(where);
    } else if (isMap(node)) for (const pair of node.items) walk(pair.value, [...p, String(isScalar(pair.key) ? pair.key.value : pair.key)]);
    else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...p, i]));
  };
  walk(root, []);
  return found;
}

/** Secret `data` and `stringData` values, and any value that holds a secret value, become `***`. */
function maskSecretValues(doc: Document, secrets: string[]): void {
  if (!isMap(doc.contents)) return;
  if (doc.get('kind') === 'Secret') {
    for (const section of ['data', 'stringData']) {
      const map = doc.get(section, true);
      if (!isMap(map)) continue;
      for (const pair of map.items) pair.value = doc.createNode(MASK);
    }
  }
  // Short secrets mask only whole values, so that ordinary text is not blanked.
  const holds = (v: string) => secrets.some((s) => (s.length >= 4 ? v.includes(s) : v === s));
  visit(doc, {
    Scalar(key, node) {
      if (key !== 'key' && typeof node.value === 'string' && holds(node.value)) {
        node.value = MASK;
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
}
