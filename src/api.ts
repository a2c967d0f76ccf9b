/**
 * The one orchestrator: discover -> load values -> parse -> render ->
 * validate -> assemble -> write. It returns results and never prints or exits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { error, hasErrors, sortDiagnostics, warning } from './diagnostics.js';
import { gitStatus, trackedFilesStartingWith } from './io/git.js';
import { loadProject, rel } from './io/load-config.js';
import { loadSchemas, type LoadedSchemas, type VariablesSchema } from './io/load-schemas.js';
import { generatedFileProblems, readGenerated } from './io/generated-file.js';
import { GENERATE_KEYWORD, ageInDays, appendGenerated, generateRuleOf, generateValue, today } from './pipeline/generate-values.js';
import { layeredLookup, parseSetArgs, readEnvFiles } from './io/load-values.js';
import { readTemplates } from './io/read-templates.js';
import { StoreSession } from './io/stores/index.js';
import { checkedEsoWrites, esoEnvironment, hideEsoValues, withoutStores } from './external-secrets-run.js';
import { isUnchanged, unsafeOutputReason, writeAllAtomically, type PlannedWrite } from './io/write-outputs.js';
import type { RunOptions } from './options.js';
import { HEADER_MARKER, assemblePatch } from './pipeline/assemble-patch.js';
import { parseTemplates, type TemplateDocument } from './pipeline/parse-templates.js';
import { renderDocument, type RenderedDocument } from './pipeline/render-document.js';
import { checkProductionRules } from './pipeline/production-rules.js';
import { validateObjects } from './pipeline/validate-objects.js';
import { declaredByPattern, propertySchemas, validateVariables } from './pipeline/validate-variables.js';
import type { Diagnostic, EnvironmentConfig, Loc, ProjectConfig, ValueSource } from './types.js';

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
  /** 0 success, 1 the inputs are wrong, 2 kustenv could not run (SPEC 5). */
  status: 0 | 1 | 2;
  /** The project root: the config file's folder, else the working directory. */
  root: string;
  diagnostics: Diagnostic[];
  /** Every variable the templates use, sorted by name. */
  variables: VariableInfo[];
  environments: EnvironmentResult[];
  /** Each secret store asked: its calls and their time (names only). */
  stores?: StoreReport[];
  /** Values (and their base64) of the secret variables in use. Not enumerable; for `::add-mask::` only. */
  readonly secretValues?: string[];
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

function storeReport(session: StoreSession): StoreReport[] {
  const by = new Map<string, StoreReport>();
  for (const c of session.calls) {
    const r = by.get(c.source) ?? { source: c.source, program: c.program, calls: 0, ms: 0, variables: [...(session.found.get(c.source) ?? [])].sort() };
    by.set(c.source, r);
    r.calls++;
    r.ms += c.ms;
    if (c.name) (r.names ??= []).push(c.name);
  }
  return [...by.values()].sort((a, b) => a.source.localeCompare(b.source));
}

export interface RenderOptions extends RunOptions {
  /** Render and check everything, but write nothing. */
  dryRun?: boolean;
}

/** Render and validate every selected environment in memory; write nothing. */
export async function check(options: RunOptions = {}): Promise<RunResult> {
  return run(options, false);
}

/** Render, validate and, when everything passed, write each environment's patch. */
export async function render(options: RenderOptions = {}): Promise<RunResult> {
  return run(options, !options.dryRun, true);
}

async function run(options: RunOptions, write: boolean, gitChecks = false): Promise<RunResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const fail = (status: 1 | 2, diagnostics: Diagnostic[], root = cwd): RunResult => ({ status, root, diagnostics: sortDiagnostics(diagnostics), variables: [], environments: [] });

  const inputs = await loadInputs(options, cwd);
  if ('failed' in inputs) return fail(inputs.failed.status, inputs.failed.diagnostics, inputs.failed.root);
  const { project, selected, set, templates, parsed, schemas } = inputs;
  const { root } = project;
  const diagnostics: Diagnostic[] = [...templates.invalid, ...parsed.diagnostics];
  const allSchemas = [schemas.base, ...schemas.byEnv.values()].filter((s): s is VariablesSchema => !!s);
  const uses = variableUses(parsed.documents);
  const secretInTemplates = secretVariables(parsed.documents, uses, allSchemas);
  const templateNames = templates.files.map((f) => f.file);
  const fallback = parsed.documents.find((d) => d.identity.kind && d.identity.name)?.identity ?? {};

  const processEnv = options.env ?? process.env;
  const generating = options.generate === false ? [] : selected.envs.filter((e) => e.missing === 'generate');
  if (generating.length && (processEnv.CI === 'true' || processEnv.GITHUB_ACTIONS === 'true')) {
    const at = { env: generating[0].name, file: project.configFile ? rel(root, project.configFile) : undefined };
    return fail(1, [error('generate-in-ci', `missing: generate is refused in CI (CI or GITHUB_ACTIONS is true): a runner's files are lost when the job ends, and the secrets with them. Run \`kustenv generate ${at.env}\` locally, store the file as repository secrets (gh secret set --env ${at.env} -f FILE), and pass them to this job as environment variables`, at)], root);
  }

  // Every environment's values first: their stores are asked together, each shared source once.
  const session = options.storeSession ?? storeSession(project, options);
  const envValues = (env: EnvironmentConfig) => environmentValues(withoutStores(env), set.set, options, cwd, root, uses.keys(), session);
  const valuesByEnv = await Promise.all(selected.envs.map(envValues));
  const failed = valuesByEnv.flatMap((v) => ('errors' in v ? v.errors : []));
  // One store failing stops the others: report the cause, not the calls it stopped.
  if (failed.length) return { ...fail(2, failed.some((d) => d.code !== 'store-stopped') ? failed.filter((d) => d.code !== 'store-stopped') : failed, root), stores: storeReport(session) };
  // missing: generate: new values are used at once and written with the patches, only when everything validated.
  const generatedWrites: (PlannedWrite & { env: string; names: string[] })[] = [];
  for (const [index, env] of selected.envs.entries()) {
    const values = valuesByEnv[index];
    if (!generating.includes(env) || 'errors' in values) continue;
    const plan = planGenerated(env, env.generatedFile, uses.keys(), envSchemasOf(schemas, env.name), values.lookup, root);
    if ('error' in plan) return fail(2, [plan.error], root);
    if (!plan.entries.length) continue;
    const shown = rel(root, env.generatedFile);
    const problems = generatedFileProblems(env.generatedFile, shown, env.name);
    diagnostics.push(...problems.errors, ...problems.warnings);
    const made = new Map(plan.entries);
    const source: ValueSource = { kind: 'generated', file: shown, date: plan.date };
    valuesByEnv[index] = { ...values, lookup: (n) => values.lookup(n) ?? made.get(n), sourceOf: (n) => values.sourceOf(n) ?? (made.has(n) ? source : undefined) };
    generatedWrites.push({ file: env.generatedFile, within: path.dirname(env.generatedFile), content: plan.content, env: env.name, names: [...made.keys()] });
  }
  const stores = storeReport(session);
  // Every value from a store is secret (SPEC 8), in the environments it comes from a store.
  const fromStores = valuesByEnv.map((v) => new Set([...uses.keys()].filter((name) => !('errors' in v) && v.sourceOf(name)?.kind === 'store')));

  const results: EnvironmentResult[] = [];
  const secrets = new Set<string>();
  const esoWrites: PlannedWrite[] = [];
  const variables = variableInfo(uses, new Set([...secretInTemplates, ...fromStores.flatMap((s) => [...s])]), allSchemas);
  const finish = (status: 0 | 1 | 2): RunResult => {
    const r: RunResult = { status, root, diagnostics: sortDiagnostics(diagnostics), variables, environments: results, stores };
    return Object.defineProperty(r, 'secretValues', { value: [...secrets], enumerable: false });
  };
  for (const [index, env] of selected.envs.entries()) {
    const at = { env: env.name, file: project.configFile ? rel(root, project.configFile) : undefined };
    if (env.missing === 'dummy' && env.production) {
      diagnostics.push(error('dummy-in-production', 'missing: dummy is refused in a production environment', at));
      continue;
    }
    // output: external-secrets: ESO creates the templated Secrets (their variables get no value here); the rest renders as usual.
    const eso = env.output === 'external-secrets' ? await esoEnvironment({ env, project, documents: parsed.documents, templates: templateNames, writeOnly: new Set([...uses.keys()].filter((n) => propertySchemas(allSchemas, n).some((p) => p.writeOnly === true))), sourceOf: (valuesByEnv[index] as { sourceOf: (n: string) => ValueSource | undefined }).sourceOf }) : undefined;
    if (eso) (diagnostics.push(...eso.diagnostics), esoWrites.push(...eso.writes), (valuesByEnv[index] = hideEsoValues(valuesByEnv[index] as Exclude<(typeof valuesByEnv)[number], { errors: Diagnostic[] }>, eso)));
    const values = valuesByEnv[index] as Exclude<(typeof valuesByEnv)[number], { errors: Diagnostic[] }>;
    const { lookup, sourceOf } = values;
    const secretVars = new Set([...secretInTemplates, ...fromStores[index]]);
    diagnostics.push(...values.invalid);
    for (const name of uses.keys()) {
      const value = secretVars.has(name) ? lookup(name) : undefined;
      if (value) secrets.add(value).add(Buffer.from(value).toString('base64'));
    }

    const rendered: RenderedDocument[] = [];
    const checked: { name: string; value: string; loc: Loc }[] = [];
    for (const doc of parsed.documents) {
      if (doc.slots.some((s) => s.parsed.errors.length) || eso?.skip.has(doc)) continue; // already reported, or ESO's
      const r = renderDocument(doc, { env: env.name, lookup, dummy: env.missing === 'dummy', secretVars });
      diagnostics.push(...r.diagnostics);
      checked.push(...r.lone);
      if (r.rendered) rendered.push(r.rendered);
    }
    const objects = rendered.filter((r) => r.full).map((r) => ({ obj: r.full!, at: { file: r.doc.file, line: r.doc.line, col: 1 } }));
    diagnostics.push(...validateObjects(objects, env.name));

    // Validation (SPEC 4): the variables that are set, against the schemas; then the production rules.
    const setValues: Record<string, string> = {};
    for (const [name, places] of uses) {
      const value = lookup(name);
      if (value === undefined) continue;
      setValues[name] = value;
      checked.push({ name, value, loc: { file: places[0].file, line: places[0].line, col: places[0].col } });
    }
    const envSchemas = envSchemasOf(schemas, env.name);
    for (const name of uses.keys()) {
      const source = sourceOf(name);
      const age = source?.kind === 'generated' && source.date ? ageInDays(source.date, new Date()) : 0;
      if (age > project.rotateAfterDays) {
        diagnostics.push(warning('generated-old', `${name} was generated ${age} days ago (rotateAfterDays: ${project.rotateAfterDays}); run: kustenv rotate ${env.name} ${name}`, { file: source!.file, variable: name, env: env.name }));
      }
    }
    const reportedUnset = new Set([...diagnostics.filter((d) => d.env === env.name && d.code.endsWith('-variable') && d.variable).map((d) => d.variable!), ...(eso?.secretVariables ?? [])]);
    diagnostics.push(...validateVariables({ env: env.name, values: setValues, uses, schemas: envSchemas, reportedUnset }));
    const ownRules = new Set([...uses.keys()].filter((n) => propertySchemas(envSchemas, n).some((p) => 'minLength' in p || 'pattern' in p || 'format' in p)));
    diagnostics.push(...checkProductionRules({ env: env.name, production: env.production, values: checked, secretVars, ownRules }));

    const outputPath = path.join(env.overlayDir, project.output);
    const info = { env: env.name, templates: templateNames, fallback: eso?.fallback ?? fallback };
    const content = assemblePatch(rendered, info, false);
    const result: EnvironmentResult = {
      name: env.name,
      production: env.production,
      output: rel(root, outputPath),
      documents: rendered.length,
      changed: !isUnchanged(outputPath, content),
      written: false,
      variables: [...uses.keys()].sort().map((name) => {
        const source = sourceOf(name);
        const state = source ? 'set' : uses.get(name)!.some((u) => u.required) ? 'missing' : 'default';
        return { name, secret: secretVars.has(name), state, ...(source ? { source } : {}) };
      }),
    };
    Object.defineProperty(result, 'content', { value: content, enumerable: false });
    // The masked view is only written when someone reads it (dry-run, diff, review).
    let masked: string | undefined;
    Object.defineProperty(result, 'masked', { get: () => (masked ??= assemblePatch(rendered, info, true)), enumerable: false });
    if (options.review) Object.defineProperty(result, 'review', { value: await reviewDiff(outputPath, result.output, content, result.masked!, [...secrets]), enumerable: false });
    results.push(result);
  }

  const outputs = new Set(results.map((r) => r.output));
  for (const file of trackedFilesStartingWith(root, HEADER_MARKER)) {
    if (gitChecks && outputs.has(file)) continue; // render's own check names it
    diagnostics.push(error('patch-tracked', `${file} is a rendered patch and git tracks it: its secrets are in the history; run: git rm --cached ${file} (then rotate those secrets)`, { file }));
  }
  if (gitChecks && !hasErrors(diagnostics)) diagnostics.push(...checkOutputs(project, results, options.allowUnignored ?? false));
  if (hasErrors(diagnostics)) return finish(1);

  // Generated secrets are kept even by check (SPEC 8); patches only by render.
  const patches: PlannedWrite[] = write
    ? results.filter((r) => r.changed).map((r) => ({ file: path.join(root, r.output), within: path.dirname(path.join(root, r.output)), content: r.content! }))
    : [];
  const eso = write ? checkedEsoWrites(esoWrites, secrets) : { writes: [], errors: [] };
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
    for (const r of results) r.written = write && r.changed;
    for (const g of generatedWrites) {
      const file = rel(root, g.file);
      diagnostics.push(warning('generated-values', `generated ${g.names.join(', ')} into ${file} (missing: generate); keep that file, or store it: gh secret set --env ${g.env} -f ${rel(cwd, g.file)}`, { env: g.env }));
    }
  }
  return finish(0);
}

/**
 * What every command starts from: the project, the selected environments,
 * the `--set` values, the parsed templates and every environment's schemas
 * (writeOnly anywhere makes a variable secret, whichever environments run).
 */
export async function loadInputs(options: RunOptions, cwd: string) {
  const fail = (status: 1 | 2, diagnostics: Diagnostic[], root = cwd) => ({ failed: { status, diagnostics, root } });
  const loaded = loadProject(cwd, options.config);
  if (!loaded.project) return fail(2, loaded.errors);
  const project = loaded.project;
  const { root } = project;
  const selected = selectEnvironments(project, options.environments);
  if ('error' in selected) return fail(2, [selected.error], root);
  const set = parseSetArgs(options.set ?? []);
  if (set.errors.length) return fail(2, set.errors, root);
  const templates = await readTemplates(project);
  if (templates.errors.length) return fail(2, templates.errors, root);
  if (!templates.files.length && templates.invalid.length) return fail(1, templates.invalid, root);
  if (!templates.files.length) {
    return fail(1, [error('no-templates', `no templates found under ${rel(root, project.base) || '.'} (include: ${project.include.join(', ')})`)], root);
  }
  const parsed = parseTemplates(templates.files);
  const loadedSchemas = await loadSchemas(project, project.environments.map((e) => e.name));
  if (loadedSchemas.errors.length) return fail(2, loadedSchemas.errors, root);
  return { project, selected, set, templates, parsed, schemas: loadedSchemas.schemas };
}

/** The schemas that rule an environment: the base one, then its own. */
export function envSchemasOf(schemas: LoadedSchemas, env: string): VariablesSchema[] {
  return [schemas.base, schemas.byEnv.get(env)].filter((s): s is VariablesSchema => !!s);
}

/**
 * New values for each variable in `used` that is unset, has an
 * `x-kustenv-generate` rule and is not in `file` yet, and the file's new text
 * with them appended (SPEC 8): existing lines are never changed.
 */
export function planGenerated(
  env: EnvironmentConfig,
  file: string,
  used: Iterable<string>,
  envSchemas: VariablesSchema[],
  lookup: (name: string) => string | undefined,
  root: string,
  now = new Date(),
): { entries: [string, string][]; content: string; date: string } | { error: Diagnostic } {
  const text = readGenerated(file);
  if (typeof text !== 'string') return { error: error('env-file-unreadable', `cannot read ${rel(root, file)}: ${text.code}`, { file: rel(root, file), env: env.name }) };
  const existing = parseEnv(text);
  const entries: [string, string][] = [];
  for (const name of [...used].sort()) {
    const rule = generateRuleOf(envSchemas, name);
    if (rule && lookup(name) === undefined && existing[name] === undefined) entries.push([name, generateValue(rule)]);
  }
  const date = today(now);
  return { entries, content: appendGenerated(text, entries, date), date };
}

/** The masked diff of a patch against the file on disk (jsdiff is loaded only when asked). */
async function reviewDiff(file: string, output: string, content: string, masked: string, secretValues: string[]): Promise<string> {
  const [{ diffPatch }, { secretPathsOf }] = await Promise.all([import('./pipeline/diff-patch.js'), import('./pipeline/patch-leaves.js')]);
  const oldText = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  return diffPatch({ output, oldText, newText: content, secretPaths: secretPathsOf(masked), secretValues, showValues: false }).unified;
}

/** One environment's values from every source, in SPEC 4's precedence; stores are asked only for `used` names no higher source sets. */
export async function environmentValues(
  env: EnvironmentConfig,
  set: Map<string, string>,
  options: RunOptions,
  cwd: string,
  root: string,
  used: Iterable<string>,
  session: StoreSession,
): Promise<{ errors: Diagnostic[] } | (ReturnType<typeof layeredLookup> & { invalid: Diagnostic[] })> {
  const files = readEnvFiles(env, (options.envFiles ?? []).map((f) => path.resolve(cwd, f)), root);
  if (files.errors.length) return { errors: files.errors };
  const layers = { set, processEnv: options.env ?? process.env, envFileArgs: files.envFileArgs, files: files.files, stores: new Map() };
  if (env.sources.length) {
    const names = [...used];
    const above = layeredLookup({ ...layers, files: new Map() });
    // A store's error line may echo what the job holds: hide the other sources' values there too.
    const all = layeredLookup(layers);
    session.hide(names.map(all.lookup).filter((v): v is string => v !== undefined));
    const stores = await session.read(env, names.filter((name) => above.lookup(name) === undefined));
    if ('errors' in stores) return stores;
    layers.stores = stores.values;
  }
  return { ...layeredLookup(layers), invalid: files.invalid };
}

/** A store session for one run of the project. */
export function storeSession(project: ProjectConfig, options: RunOptions): StoreSession {
  return new StoreSession({ cwd: project.root, env: options.env ?? process.env, configFile: project.configFile ? rel(project.root, project.configFile) : undefined });
}

export function selectEnvironments(project: ProjectConfig, names: string[] | undefined): { envs: ProjectConfig['environments'] } | { error: Diagnostic } {
  if (!names?.length) return { envs: project.environments };
  const known = new Map(project.environments.map((e) => [e.name, e]));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) {
    return { error: error('unknown-environment', `unknown environment ${unknown.map((n) => `"${n}"`).join(', ')} (known: ${[...known.keys()].join(', ')})`) };
  }
  return { envs: [...new Set(names)].map((n) => known.get(n)!) };
}

/** A place a variable is used, whether unset is an error there, and its literal default there. */
export type Use = Loc & { required: boolean; default?: string };

/** Each variable the templates use, with every place it is used, in template order. */
export function variableUses(documents: TemplateDocument[]): Map<string, Use[]> {
  const uses = new Map<string, Use[]>();
  const seen = new Set<string>();
  for (const doc of documents) {
    for (const slot of doc.slots) {
      for (const u of slot.parsed.uses) {
        const loc = slot.locate(u.offset);
        const key = `${u.name}@${loc.file}:${loc.line}:${loc.col}`;
        if (seen.has(key)) continue; // an aliased scalar is one place
        seen.add(key);
        const list = uses.get(u.name) ?? [];
        if (!list.length) uses.set(u.name, list);
        list.push({ ...loc, required: u.required, ...(u.default !== undefined ? { default: u.default } : {}) });
      }
    }
  }
  return uses;
}

function variableInfo(uses: Map<string, Use[]>, secretVars: Set<string>, schemas: VariablesSchema[]): VariableInfo[] {
  return [...uses.keys()].sort().map((name) => {
    const props = propertySchemas(schemas, name);
    const description = props.map((p) => p.description).find((d): d is string => typeof d === 'string');
    const secret = secretVars.has(name);
    const literal = secret ? undefined : uses.get(name)!.find((u) => u.default !== undefined)?.default;
    return {
      name,
      secret,
      declared: schemas.length ? props.length > 0 || declaredByPattern(schemas, name) : null,
      ...(description ? { description } : {}),
      usedAt: uses.get(name)!.map((u) => `${u.file}:${u.line}:${u.col}`),
      ...(literal !== undefined ? { default: literal } : {}),
    };
  });
}

/** A variable is secret when any Secret uses it, or its schema says writeOnly or how to generate it (SPEC 4, rule 5; SPEC 8). */
function secretVariables(documents: TemplateDocument[], uses: Map<string, Use[]>, schemas: VariablesSchema[]): Set<string> {
  const secret = new Set<string>();
  for (const doc of documents) {
    if (doc.identity.kind !== 'Secret') continue;
    for (const slot of doc.slots) slot.parsed.names.forEach((n) => secret.add(n));
  }
  for (const name of uses.keys()) {
    // writeOnly says so; a generated value is a secret by its nature.
    if (propertySchemas(schemas, name).some((p) => p.writeOnly === true || GENERATE_KEYWORD in p)) secret.add(name);
  }
  return secret;
}

/** Refuse outputs that git would track or not ignore, and paths that escape their overlay folder. */
function checkOutputs(project: ProjectConfig, results: EnvironmentResult[], allowUnignored: boolean): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const files = results.map((r) => path.join(project.root, r.output));
  results.forEach((r, i) => {
    const reason = unsafeOutputReason(files[i], path.dirname(files[i]));
    if (reason) diagnostics.push(error('unsafe-output', `refusing to write ${r.output}: ${reason}`, { file: r.output, env: r.name }));
  });
  if (diagnostics.length || allowUnignored) return diagnostics;
  const status = gitStatus(files);
  let warnedOutside = false;
  results.forEach((r, i) => {
    const s = status.get(files[i])!;
    if (!s.repo) {
      if (!warnedOutside) diagnostics.push(warning('not-in-git', 'not inside a git repository: writing the patches without the git ignore check'));
      warnedOutside = true;
    } else if (s.tracked) {
      diagnostics.push(
        error('output-tracked', `refusing to write ${r.output}: git tracks it, so its secrets would be committed; run: git rm --cached ${rel(s.repo, files[i])}`, {
          file: r.output,
          env: r.name,
        }),
      );
    } else if (!s.ignored) {
      diagnostics.push(
        error('output-not-ignored', `refusing to write ${r.output}: git does not ignore it; add this line to .gitignore: ${project.output} (or pass --allow-unignored)`, {
          file: r.output,
          env: r.name,
        }),
      );
    }
  });
  return diagnostics;
}
