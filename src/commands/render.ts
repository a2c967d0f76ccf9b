/**
 * `check` and `render`: prepare -> render -> validate -> assemble -> write.
 * It returns results and never prints or exits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { error, hasErrors, sortDiagnostics, warning } from '../diagnostics.js';
import { findGitTop, gitStatus, trackedFilesStartingWith } from '../io/git.js';
import { rel } from '../io/load-config.js';
import { ageInDays, generateRuleOf } from '../pipeline/generate-values.js';
import { checkedEsoWrites } from '../external-secrets-run.js';
import { isUnchanged, unsafeOutputReason, writeAllAtomically, type PlannedWrite } from '../io/write-outputs.js';
import type { RunOptions } from '../options.js';
import { HEADER_MARKER, assemblePatch, emitPatchPart, joinPatch } from '../pipeline/assemble-patch.js';
import { formatPath, type PathKey, type TemplateDocument } from '../pipeline/parse-templates.js';
import { docKeyOf } from '../pipeline/patch-leaves.js';
import { sameStrings } from '../text.js';
import { envSchemasOf, prepare, type PrepareFailure, type Prepared } from '../prepare.js';
import { SecretSet } from '../secret-set.js';
import { breather } from '../breather.js';
import { renderDocument, type RenderedDocument } from '../pipeline/render-document.js';
import type { ScalarMemo } from '../pipeline/emit-yaml.js';
import { checkProductionRules, isCredentialName } from '../pipeline/production-rules.js';
import { validateObjects } from '../pipeline/validate-objects.js';
import { propertySchemas, validateVariables } from '../pipeline/validate-variables.js';
import type { Diagnostic, Loc, ProjectConfig, ValueSource } from '../types.js';

export interface VariableReport {
  name: string;
  secret: boolean;
  /** `set`; `default` when unset but every use has a default or alternative; else `missing`. */
  state: 'set' | 'default' | 'missing';
  /** Where the value came from; absent when unset. Never the value. */
  source?: ValueSource;
}

/** What the templates and schemas say of a variable: names and text, never a value. */
export interface VariableInfo {
  name: string;
  secret: boolean;
  /** Declared by a variables schema; null when there is no schema. */
  declared: boolean | null;
  /** The schema's description, when it gives one. */
  description?: string;
  /** Each place it is used, as `file:line:col`. */
  usedAt: string[];
  /** A literal default the templates give it (`${NAME:-word}`); only for non-secret variables. */
  default?: string;
}

export interface EnvironmentResult {
  name: string;
  production: boolean;
  /** The patch file, relative to the project root. */
  output: string;
  /** Documents in the patch. */
  documents: number;
  /** The rendered file differs from what is on disk (or is new). */
  changed: boolean;
  /** `render` wrote the file in this run. */
  written: boolean;
  variables: VariableReport[];
  /** The file's text, secrets included. Not enumerable: JSON.stringify never shows it. */
  readonly content?: string;
  /** The file's text with secret values as `***`. */
  readonly masked?: string;
  /** With `review`: the masked unified diff against the file on disk ('' when unchanged). */
  readonly review?: string;
}

export interface RunResult {
  /** 0 success, 1 the inputs are wrong, 2 kustenv could not run. */
  status: 0 | 1 | 2;
  /** The project root: the config file's folder, else the working directory. */
  root: string;
  diagnostics: Diagnostic[];
  /** Every variable the templates use, sorted by name. */
  variables: VariableInfo[];
  environments: EnvironmentResult[];
  /** Each secret store asked: its calls and their time (names only). */
  stores?: StoreReport[];
  /** The run's secrets, for printers to mask through. Not enumerable. */
  readonly secrets?: SecretSet;
}

/** One store's calls in a run. */
export interface StoreReport {
  source: string;
  program: string;
  calls: number;
  /** Milliseconds, summed over the calls (they may overlap). */
  ms: number;
  /** Store names asked one by one (per-name stores). */
  names?: string[];
  /** Variables it gave a value to. */
  variables: string[];
}

export interface RenderOptions extends RunOptions {
  /** Render and check everything, but write nothing at all (no patch, no generated file). */
  dryRun?: boolean;
}

/** Render and validate every selected environment in memory; write nothing but `missing: generate`'s file. */
export async function check(options: RunOptions = {}): Promise<RunResult> {
  return run(options, { patches: false, generated: true, gitChecks: false });
}

/** Render, validate and, when everything passed, write each environment's patch. */
export async function render(options: RenderOptions = {}): Promise<RunResult> {
  return options.dryRun ? run(options, { patches: false, generated: false, gitChecks: true }) : run(options, { patches: true, generated: true, gitChecks: true });
}

/** A result with the run's SecretSet attached (not enumerable: JSON never shows it). */
export function withSecrets<T extends object>(result: T, secrets: SecretSet): T & { readonly secrets?: SecretSet } {
  return Object.defineProperty(result, 'secrets', { value: secrets, enumerable: false });
}

/** A failed preparation as a command's result. */
export function preparationFailed(f: PrepareFailure['failed']): RunResult {
  return withSecrets({ status: f.status, root: f.root, diagnostics: f.diagnostics, variables: [], environments: [], ...(f.stores ? { stores: f.stores } : {}) }, f.secrets);
}

interface Writes {
  patches: boolean;
  generated: boolean;
  gitChecks: boolean;
}

async function run(options: RenderOptions, writes: Writes): Promise<RunResult> {
  const p = await prepare(options);
  if ('failed' in p) return preparationFailed(p.failed);
  const rendered = await renderPrepared(p, options);
  return finishRun(p, rendered, options, writes);
}

/** The render of every prepared environment, and the problems it found. */
export interface Rendered {
  status: 0 | 1 | 2;
  environments: EnvironmentResult[];
  diagnostics: Diagnostic[];
}

/**
 * Render and validate each prepared environment in memory. Adds every
 * value at a secret path of the patches to the run's SecretSet.
 */
export async function renderPrepared(p: Prepared, options: RunOptions): Promise<Rendered> {
  const { project, root, uses, secrets } = p;
  const diagnostics = [...p.diagnostics];
  const fallback = p.documents.find((d) => d.identity.kind && d.identity.name)?.identity ?? {};
  const results: EnvironmentResult[] = [];
  const pause = breather();
  const seen = new WeakMap<TemplateDocument, string[]>();
  for (const { env, lookup, sourceOf, secretVars, eso } of p.environments) {
    if (p.documents.length >= 200) options.progress?.(`rendering ${env.name}: ${p.documents.length} documents`);
    const at = { env: env.name, file: project.configFile ? rel(root, project.configFile) : undefined };
    if (env.missing === 'dummy' && env.production) {
      diagnostics.push(error('dummy-in-production', 'missing: dummy is refused in a production environment', at));
      continue;
    }
    const ctx = { env: env.name, lookup, dummy: env.missing === 'dummy', secretVars, expanded: new Map() };
    const renders = (doc: TemplateDocument): boolean => !doc.slots.some((s) => s.parsed.errors.length) && !eso?.skip.has(doc); // else already reported, or ESO's
    // Document by document: rendered, its secrets collected, validated whole, written into the
    // patch's text, then dropped (no environment keeps its rendered objects).
    const parts: string[] = [];
    const written: ScalarMemo = new Map();
    const objectDiagnostics: Diagnostic[] = [];
    const checked: { name: string; value: string; loc: Loc }[] = [];
    // The rules judge a name and its value: each pair is checked once, where it first appears.
    const checkedValues = new Map<string, Set<string>>();
    const check = (c: { name: string; value: string; loc: Loc }) => {
      let values = checkedValues.get(c.name);
      if (!values) checkedValues.set(c.name, (values = new Set()));
      if (values.has(c.value)) return;
      values.add(c.value);
      checked.push(c);
    };
    for (const doc of p.documents) {
      await pause();
      if (!renders(doc)) continue;
      const r = renderDocument(doc, ctx);
      diagnostics.push(...r.diagnostics);
      r.lone.forEach(check);
      if (r.rendered) {
        collectSecrets(r.rendered, secrets, seen);
        if (r.rendered.full) objectDiagnostics.push(...validateObjects([{ obj: r.rendered.full, at: { file: doc.file, line: doc.line, col: 1 } }], env.name));
        parts.push(flat(emitPatchPart(r.rendered, false, written)));
      }
    }
    diagnostics.push(...objectDiagnostics);

    // Validation: the variables that are set, against the schemas; then the production rules.
    const setValues: Record<string, string> = {};
    for (const [name, places] of uses) {
      const value = lookup(name);
      if (value === undefined) continue;
      setValues[name] = value;
      check({ name, value, loc: { file: places[0].file, line: places[0].line, col: places[0].col } });
    }
    const envSchemas = envSchemasOf(p.schemas, env.name);
    for (const name of uses.keys()) {
      const source = sourceOf(name);
      const age = source?.kind === 'generated' && source.date ? ageInDays(source.date, new Date()) : 0;
      if (age > project.rotateAfterDays) {
        diagnostics.push(warning('generated-old', `${name} was generated ${age} days ago (rotateAfterDays: ${project.rotateAfterDays}); run: kustenv rotate ${env.name} ${name}`, { file: source!.file, variable: name, env: env.name }));
      }
    }
    const reportedUnset = new Set([...diagnostics.filter((d) => d.env === env.name && d.code.endsWith('-variable') && d.variable).map((d) => d.variable!), ...(eso?.secretVariables ?? [])]);
    diagnostics.push(...validateVariables({ env: env.name, values: setValues, uses, schemas: envSchemas, reportedUnset }));
    const ownRules = new Set([...uses.keys()].filter((n) => propertySchemas(envSchemas, n).some((s) => 'minLength' in s || 'pattern' in s || 'format' in s)));
    const credentials = new Set([...uses.keys()].filter((n) => isCredentialName(n) || generateRuleOf(envSchemas, n)));
    diagnostics.push(...checkProductionRules({ env: env.name, production: env.production, values: checked, credentials, ownRules }));

    const outputPath = path.join(env.overlayDir, project.output);
    const info = { env: env.name, templates: p.templateNames, fallback: eso?.fallback ?? fallback };
    const content = joinPatch(parts, info);
    const result: EnvironmentResult = {
      name: env.name,
      production: env.production,
      output: rel(root, outputPath),
      documents: parts.length,
      changed: !isUnchanged(outputPath, content),
      written: false,
      variables: [...uses.keys()].sort().map((name) => {
        // output: external-secrets: ESO reads these from the store in the cluster; kustenv holds no value for them.
        const source = sourceOf(name) ?? (eso?.secretVariables.has(name) ? ({ kind: 'store', store: 'external-secrets (read by ESO in the cluster)' } as const) : undefined);
        const state = source ? 'set' : uses.get(name)!.some((u) => u.required) ? 'missing' : 'default';
        return { name, secret: secretVars.has(name), state, ...(source ? { source } : {}) };
      }),
    };
    Object.defineProperty(result, 'content', { value: content, enumerable: false });
    // The masked view is only written when someone reads it (dry-run, diff, review): the
    // documents are rendered again then (the same inputs give the same documents), so no
    // environment's rendered objects are kept once its patch text is made.
    let masked: string | undefined;
    const maskedPatch = (): string => {
      const again = p.documents.filter(renders).flatMap((doc) => renderDocument(doc, ctx).rendered ?? []);
      return secrets.mask(assemblePatch(again, info, true));
    };
    Object.defineProperty(result, 'masked', { get: () => (masked ??= maskedPatch()), enumerable: false });
    results.push(result);
  }
  if (options.review) {
    // A patch on disk that is what render would write has nothing to review.
    for (const r of results) Object.defineProperty(r, 'review', { value: r.changed ? await reviewDiff(path.join(root, r.output), r.output, r.content!, secrets) : '', enumerable: false });
  }
  return { status: hasErrors(diagnostics) ? 1 : 0, environments: results, diagnostics };
}

/** After the render: the git checks, then the writes a command asked for (everything or nothing). */
export function finishRun(p: Prepared, rendered: Rendered, options: RunOptions, writes: Writes): RunResult {
  const { project, root, secrets } = p;
  const results = rendered.environments;
  const diagnostics = [...rendered.diagnostics];
  const finish = (status: 0 | 1 | 2): RunResult =>
    withSecrets({ status, root, diagnostics: sortDiagnostics(diagnostics.map((d) => ({ ...d, message: secrets.mask(d.message) }))), variables: p.variables, environments: results, stores: p.stores }, secrets);
  const outputs = new Set(results.map((r) => r.output));
  for (const file of trackedFilesStartingWith(root, HEADER_MARKER, options.env)) {
    if (writes.gitChecks && outputs.has(file)) continue; // render's own check names it
    diagnostics.push(error('patch-tracked', `${file} is a rendered patch and git tracks it: its secrets are in the history; run: git rm --cached ${file} (then rotate those secrets)`, { file }));
  }
  if (writes.gitChecks && !hasErrors(diagnostics)) {
    const checked = checkOutputs(project, results, options.allowUnignored ?? false, options.env);
    diagnostics.push(...checked.diagnostics);
    if (checked.cannotRun) return finish(2);
  }
  if (hasErrors(diagnostics)) return finish(1);

  const generatedWrites = writes.generated ? p.environments.flatMap((e) => (e.generated ? [e.generated] : [])) : [];
  const patches: PlannedWrite[] = writes.patches
    ? results.filter((r) => r.changed).map((r) => ({ file: path.join(root, r.output), within: path.dirname(path.join(root, r.output)), content: r.content! }))
    : [];
  // output: external-secrets: the Component's files, written with the patches (they may be committed: checked to hold no secret).
  const eso = writes.patches ? checkedEsoWrites(p.environments.flatMap((e) => e.eso?.writes ?? []), secrets) : { writes: [], errors: [] };
  if (eso.errors.length) return (diagnostics.push(...eso.errors), finish(1));
  if (patches.length || generatedWrites.length || eso.writes.length) {
    try {
      writeAllAtomically([...generatedWrites, ...patches, ...eso.writes]);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const file = err.path ? rel(root, err.path) : undefined;
      const replaced = ((e as { replaced?: string[] }).replaced ?? []).map((f) => rel(root, f));
      const outcome = replaced.length ? `only ${replaced.join(', ')} was replaced` : 'nothing was changed';
      diagnostics.push(error('write-failed', `cannot write outputs: ${err.code ?? 'error'}; ${outcome}`, { file }));
      return finish(2);
    }
    for (const r of results) r.written = writes.patches && r.changed;
    for (const g of generatedWrites) {
      const file = rel(root, g.file);
      diagnostics.push(warning('generated-values', `generated ${g.names.join(', ')} into ${file} (missing: generate); keep that file, or store it: gh secret set --env ${g.env} -f ${rel(p.cwd, g.file)}`, { env: g.env }));
    }
  }
  return finish(0);
}

/**
 * Every value at a secret path of a rendered document, and every value of a
 * Secret's data, joins the run's secrets, and so do its secret paths.
 * `seen` holds each document's secret paths in the last environment: they
 * are mostly the same in every environment (a variable from a store is
 * secret only where a store gives it), and adding them costs.
 */
function collectSecrets(r: RenderedDocument, secrets: SecretSet, seen: WeakMap<TemplateDocument, string[]>): void {
  const isSecretKind = r.doc.identity.kind === 'Secret';
  // Most documents hold nothing secret.
  if (!isSecretKind && !r.secretPaths.length) return;
  for (const v of r.secretValues) secrets.addValue(v);
  const last = seen.get(r.doc);
  seen.set(r.doc, r.secretPaths);
  const samePaths = last !== undefined && sameStrings(last, r.secretPaths);
  const key = samePaths ? '' : docKeyOf(r.doc.identity); // needed only to add paths
  if (!samePaths) for (const path of r.secretPaths) secrets.addPath(key, path);
  // A Secret's data and stringData values, literal or rendered, from its whole object (its keys are the template's).
  if (!isSecretKind || !r.full) return;
  for (const field of ['data', 'stringData'] as const) {
    const map = r.full[field];
    if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== 'string') continue;
      secrets.addValue(field === 'data' ? Buffer.from(v, 'base64').toString('utf8') : v);
      if (!last) secrets.addPath(key, formatPath([field, k]));
    }
  }
}

/** The masked diff of a patch against the file on disk (jsdiff is loaded only when asked). */
async function reviewDiff(file: string, output: string, content: string, secrets: SecretSet): Promise<string> {
  const [{ diffPatch }, { readOwnPatch }] = await Promise.all([import('../pipeline/diff-patch.js'), import('../io/read-patch.js')]);
  return diffPatch({ output, old: readOwnPatch(file), newText: content, secrets, showValues: false }).unified;
}

/**
 * Refuse outputs that git would track or not ignore, paths that escape their
 * overlay folder or the repository, and writing when git cannot answer.
 */
function checkOutputs(project: ProjectConfig, results: EnvironmentResult[], allowUnignored: boolean, env: NodeJS.ProcessEnv | undefined): { diagnostics: Diagnostic[]; cannotRun: boolean } {
  const diagnostics: Diagnostic[] = [];
  const files = results.map((r) => path.join(project.root, r.output));
  const top = findGitTop(project.root);
  results.forEach((r, i) => {
    const reason = unsafeOutputReason(files[i], path.dirname(files[i])) ?? (top ? outsideReason(path.dirname(files[i]), top) : null);
    if (reason) diagnostics.push(error('unsafe-output', `refusing to write ${r.output}: ${reason}`, { file: r.output, env: r.name }));
  });
  if (diagnostics.length) return { diagnostics, cannotRun: false };
  const status = gitStatus(files, env);
  const failure = [...status.values()].find((s) => s.failure)?.failure;
  if (failure) {
    return { diagnostics: [error('git-failed', `refusing to write: this folder is in a git work tree, but git could not say whether the patches are ignored: ${failure}`)], cannotRun: true };
  }
  if (allowUnignored) return { diagnostics, cannotRun: false };
  let warnedOutside = false;
  results.forEach((r, i) => {
    const s = status.get(files[i])!;
    if (!s.repo) {
      if (!warnedOutside) diagnostics.push(warning('not-in-git', 'not inside a git repository: writing the patches without the git ignore check'));
      warnedOutside = true;
    } else if (s.tracked) {
      diagnostics.push(error('output-tracked', `refusing to write ${r.output}: git tracks it, so its secrets would be committed; run: git rm --cached ${rel(s.repo, files[i])}`, { file: r.output, env: r.name }));
    } else if (!s.ignored) {
      diagnostics.push(
        error('output-not-ignored', `refusing to write ${r.output}: git does not ignore it; add these lines to .gitignore: ${project.output} and *.kustenv-tmp (or pass --allow-unignored)`, { file: r.output, env: r.name }),
      );
    }
  });
  return { diagnostics, cannotRun: false };
}

/** Why an overlay folder that resolves (through links) outside the repository may not be written, or null. */
function outsideReason(dir: string, top: string): string | null {
  try {
    const real = fs.realpathSync(dir);
    const repo = fs.realpathSync(top);
    return real === repo || real.startsWith(repo + path.sep) ? null : 'its overlay folder resolves outside the repository';
  } catch {
    return 'its overlay folder does not exist';
  }
}

/**
 * The text as one flat string: a regular expression reads its subject flat, so V8
 * replaces the tree of pieces the emitter built, which dies young instead of
 * being kept (and promoted) until the environment's patch is joined.
 */
function flat(text: string): string {
  FLATTEN.test(text);
  return text;
}
const FLATTEN = /^$/;
