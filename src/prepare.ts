/**
 * The preparation stage every command starts from: the project, the
 * selected environments, the templates, each environment's values, the
 * schemas, which variables are secret, and the run's one SecretSet. It
 * writes nothing; a command stops when it fails.
 */
import path from 'node:path';
import { breather } from './breather.js';
import type { StoreReport, VariableInfo } from './commands/render.js';
import { error, sortDiagnostics } from './diagnostics.js';
import { esoEnvironment, hideEsoValues, withoutStores, type EsoEnvironment } from './external-secrets-run.js';
import { generatedFileProblems, readGenerated } from './io/generated-file.js';
import { loadProject, rel } from './io/load-config.js';
import { loadSchemas, type LoadedSchemas, type VariablesSchema } from './io/load-schemas.js';
import { envFileArgsFor, layeredLookup, parseSetArgs, readEnvFiles } from './io/load-values.js';
import { readTemplates } from './io/read-templates.js';
import { programEnv } from './io/spawn.js';
import { StoreSession } from './io/stores/index.js';
import type { PlannedWrite } from './io/write-outputs.js';
import type { RunOptions } from './options.js';
import { GENERATE_KEYWORD, appendGenerated, generateRuleOf, generateValue, today } from './pipeline/generate-values.js';
import { hints } from './pipeline/hints.js';
import { parseEnvFile } from './pipeline/parse-env-file.js';
import { newParseCache, parseTemplates, type Slot, type TemplateDocument } from './pipeline/parse-templates.js';
import { isEnvironmentName, isSafeArgument, validateNames } from './pipeline/validate-names.js';
import { declaredByPattern, propertySchemas } from './pipeline/validate-variables.js';
import type { RunContext } from './run-context.js';
import { SecretSet } from './secret-set.js';
import { compareText } from './text.js';
import type { Diagnostic, EnvironmentConfig, Loc, ProjectConfig, ValueSource } from './types.js';

/** One environment, ready to render. */
export interface PreparedEnvironment {
  env: EnvironmentConfig;
  lookup: (name: string) => string | undefined;
  sourceOf: (name: string) => ValueSource | undefined;
  /** Variables secret in this environment: used by a Secret, writeOnly, generated, or from a store here. */
  secretVars: Set<string>;
  /** `missing: generate`: the generated file to write with the patches, and the names it adds. */
  generated?: PlannedWrite & { env: string; names: string[] };
  /** `output: external-secrets`: the ExternalSecret plan, the Secrets it takes over and its files. */
  eso?: EsoEnvironment;
}

export interface Prepared {
  project: ProjectConfig;
  root: string;
  cwd: string;
  documents: TemplateDocument[];
  templateNames: string[];
  schemas: LoadedSchemas;
  uses: Map<string, Use[]>;
  variables: VariableInfo[];
  environments: PreparedEnvironment[];
  /** Problems found so far (template errors among them); the render adds its own. */
  diagnostics: Diagnostic[];
  stores: StoreReport[];
  secrets: SecretSet;
}

export interface PrepareFailure {
  failed: { status: 1 | 2; root: string; diagnostics: Diagnostic[]; stores?: StoreReport[]; secrets: SecretSet };
}

export interface PrepareOptions extends RunOptions, RunContext {
  /** Arguments given to kubectl after `--` (apply, verify): masked like secrets in everything printed. */
  kubectlArgs?: string[];
}

/** Everything a command needs before it renders, or why it cannot go on. */
export async function prepare(options: PrepareOptions): Promise<Prepared | PrepareFailure> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const secrets = options.secrets ?? new SecretSet();
  // Arguments after `--` may hold credentials (--token=...), and kubectl quotes a flag's value in its errors.
  secrets.addValues(passedArgumentForms(options.kubectlArgs ?? []));
  const fail = (status: 1 | 2, diagnostics: Diagnostic[], root = cwd, stores?: StoreReport[]): PrepareFailure => ({
    failed: { status, root, diagnostics: sortDiagnostics(diagnostics.map((d) => ({ ...d, message: secrets.mask(d.message) }))), secrets, ...(stores ? { stores } : {}) },
  });
  const inputs = await loadInputs(options, cwd);
  if ('failed' in inputs) return fail(inputs.failed.status, inputs.failed.diagnostics, inputs.failed.root);
  const { project, selected, set, templates, parsed, schemas } = inputs;
  const { root } = project;
  const diagnostics: Diagnostic[] = [...templates.invalid, ...parsed.diagnostics];
  const uses = variableUses(parsed.documents);
  diagnostics.push(...hints({ documents: parsed.documents, used: uses.keys(), set: set.set.keys() }));

  const allSchemas = [schemas.base, ...schemas.byEnv.values()].filter((s): s is VariablesSchema => !!s);
  const secretInTemplates = secretVariables(parsed.documents, uses, allSchemas);

  // Names and settings that go to a store CLI are checked before any store is asked, in every environment.
  const badStores = unsafeStoreArguments(selected.envs.map(withoutStores), uses.keys(), project.configFile ? rel(root, project.configFile) : undefined);
  if (badStores.length) return fail(2, badStores, root);

  // Every environment's values first: their stores are asked together, each shared source once.
  const session = options.storeSession ?? storeSession(project, options);
  session.useSecrets(secrets);
  // output: external-secrets asks no store: ESO reads them in the cluster.
  if (selected.envs.some((e) => e.sources.length && e.output !== 'external-secrets')) options.progress?.('asking the secret stores…');
  const valuesByEnv = await Promise.all(selected.envs.map((env) => environmentValues(withoutStores(env), set.set, options, cwd, root, uses.keys(), session)));
  const stores = storeReport(session);
  const failed = valuesByEnv.flatMap((v) => ('errors' in v ? v.errors : []));
  // One store failing stops the others: report the cause, not the calls it stopped.
  if (failed.length) return fail(2, failed.some((d) => d.code !== 'store-stopped') ? failed.filter((d) => d.code !== 'store-stopped') : failed, root, stores);

  const processEnv = options.env ?? process.env;
  const inCi = processEnv.CI === 'true' || processEnv.GITHUB_ACTIONS === 'true';
  const environments: PreparedEnvironment[] = [];
  for (const [index, env] of selected.envs.entries()) {
    let values = valuesByEnv[index] as Exclude<(typeof valuesByEnv)[number], { errors: Diagnostic[] }>;
    diagnostics.push(...values.invalid);
    // ESO creates the templated Secrets: their variables get no value here (one given anyway is not used).
    const eso =
      env.output === 'external-secrets'
        ? await esoEnvironment({ env, project, documents: parsed.documents, templates: templates.files.map((f) => f.file), writeOnly: new Set([...uses.keys()].filter((n) => propertySchemas(allSchemas, n).some((s) => s.writeOnly === true))), sourceOf: values.sourceOf })
        : undefined;
    if (eso) {
      diagnostics.push(...eso.diagnostics);
      values = hideEsoValues(values, eso);
    }
    let { lookup, sourceOf } = values;
    const secretVars = new Set(secretInTemplates);
    for (const name of uses.keys()) if (sourceOf(name)?.kind === 'store') secretVars.add(name);
    const prepared: PreparedEnvironment = { env, lookup, sourceOf, secretVars, ...(eso ? { eso } : {}) };
    // missing: generate: new values are used at once and written with the patches, only when everything validated.
    if (env.missing === 'generate' && options.generate !== false) {
      const plan = planGenerated(env, env.generatedFile, uses.keys(), envSchemasOf(schemas, env.name), lookup, root);
      if ('error' in plan) return fail(2, [plan.error], root, stores);
      if (plan.entries.length) {
        if (inCi) {
          const at = { env: env.name, file: project.configFile ? rel(root, project.configFile) : undefined };
          return fail(1, [error('generate-in-ci', `missing: generate is refused in CI (CI or GITHUB_ACTIONS is true) because ${plan.entries.map(([n]) => n).join(', ')} would be generated: a runner's files are lost when the job ends, and the secrets with them. Run \`kustenv generate ${env.name}\` locally, store the file as repository secrets (gh secret set --env ${env.name} -f FILE), and pass them to this job as environment variables`, at)], root, stores);
        }
        const shown = rel(root, env.generatedFile);
        const problems = generatedFileProblems(env.generatedFile, shown, env.name);
        diagnostics.push(...problems.errors, ...problems.warnings);
        const made = new Map(plan.entries);
        secrets.addValues(made.values());
        const source: ValueSource = { kind: 'generated', file: shown, date: plan.date };
        const [before, beforeSource] = [lookup, sourceOf];
        lookup = (n) => before(n) ?? made.get(n);
        sourceOf = (n) => beforeSource(n) ?? (made.has(n) ? source : undefined);
        Object.assign(prepared, { lookup, sourceOf });
        prepared.generated = { file: env.generatedFile, within: path.dirname(env.generatedFile), content: plan.content, env: env.name, names: [...made.keys()] };
      }
    }
    for (const name of secretVars) secrets.addValues([lookup(name)]);
    environments.push(prepared);
  }
  const secretAnywhere = new Set(environments.flatMap((e) => [...e.secretVars]));
  return {
    project,
    root,
    cwd,
    documents: parsed.documents,
    templateNames: templates.files.map((f) => f.file),
    schemas,
    uses,
    variables: variableInfo(uses, secretAnywhere, allSchemas),
    environments,
    diagnostics,
    stores,
    secrets,
  };
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
  return [...by.values()].sort((a, b) => compareText(a.source, b.source));
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
      usedAt: uses.get(name)!.map((u) => [u.file, u.line, u.col].join(':')), // flat strings: tens of thousands are kept
      ...(literal !== undefined ? { default: literal } : {}),
    };
  });
}

/** A variable is secret when any Secret uses it, or its schema says writeOnly or how to generate it. */
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

/**
 * Store settings (paths, vaults, projects, secret IDs, regions) and the
 * store names `map` gives the variables the templates use: each reaches a
 * store CLI as an option's value, so none may be empty, start with "-" or
 * hold control characters. Checked for every environment before any store
 * is asked; the message names the source and the variable, never the text.
 */
function unsafeStoreArguments(envs: EnvironmentConfig[], used: Iterable<string>, configFile: string | undefined): Diagnostic[] {
  const usedNames = new Set(used);
  const out: Diagnostic[] = [];
  for (const env of envs) {
    for (const source of env.sources ?? []) {
      const at = { ...(configFile && source.at ? { file: configFile, line: source.at.line, col: source.at.col } : {}), env: env.name };
      const settings = Object.entries(source.store).filter(([k, v]) => k !== 'kind' && k !== 'argv' && typeof v === 'string' && !isSafeArgument(v));
      for (const [key] of settings) out.push(error('bad-store-name', `${source.store.kind}: its ${key} is empty, starts with "-" or holds control characters; it would reach the store CLI as an option`, at));
      for (const [variable, name] of Object.entries(source.map ?? {})) {
        if (usedNames.has(variable) && !isSafeArgument(name)) out.push(error('bad-store-name', `${source.store.kind}: the store name map gives ${variable} is empty, starts with "-" or holds control characters; it would reach the store CLI as an option`, { ...at, variable }));
      }
    }
  }
  return out;
}

/**
 * What of the arguments after `--` must never be printed: each argument
 * whole (but a bare option name, `--token`), and its value (after the first `=`, or an argument that is not an
 * option). A value that is a short lower-case word (`server` in
 * `--dry-run=server`, `json`) is left alone, so that kubectl's own words stay
 * readable; any other value is masked.
 */
function passedArgumentForms(args: string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (!/^--?[A-Za-z][A-Za-z0-9-]*$/.test(arg)) out.push(arg); // a bare option name holds no value
    const value = arg.startsWith('-') ? (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : undefined) : arg;
    if (value !== undefined && value !== arg && !(value.length < 8 && /^[a-z]+$/.test(value))) out.push(value);
  }
  return out;
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
  // Parsed file by file, yielding now and then: Ctrl-C and kill act at once even on thousands of templates.
  const pause = breather();
  const parsed: ReturnType<typeof parseTemplates> = { documents: [], diagnostics: [] };
  const cache = newParseCache(); // shared by the files
  for (const file of templates.files) {
    const one = parseTemplates([file], cache);
    parsed.documents.push(...one.documents);
    parsed.diagnostics.push(...one.diagnostics);
    await pause();
  }
  // Names reach kubectl: every command refuses one that could be read as an option, before any program runs.
  const names = validateNames(parsed.documents);
  if (names.length) return fail(1, [...templates.invalid, ...parsed.diagnostics, ...names], root);
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
 * with them appended: existing lines are never changed (docs/generated-secrets.md).
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
  const parsed = parseEnvFile(text, rel(root, file));
  const broken = parsed.diagnostics.find((d) => d.severity === 'error');
  if (broken) return { error: { ...broken, env: env.name } };
  const entries: [string, string][] = [];
  for (const name of [...used].sort()) {
    const rule = generateRuleOf(envSchemas, name);
    if (rule && lookup(name) === undefined && !parsed.values.has(name)) entries.push([name, generateValue(rule)]);
  }
  const date = today(now);
  return { entries, content: appendGenerated(text, entries, date), date };
}

/** One environment's values from every source, highest first (--set, process environment, --env-file, stores, then env files and the generated file; docs/values.md); stores are asked only for `used` names no higher source sets. */
export async function environmentValues(
  env: EnvironmentConfig,
  set: Map<string, string>,
  options: RunOptions,
  cwd: string,
  root: string,
  used: Iterable<string>,
  session: StoreSession,
): Promise<{ errors: Diagnostic[] } | (ReturnType<typeof layeredLookup> & { invalid: Diagnostic[] })> {
  const files = readEnvFiles(env, envFileArgsFor(options.envFiles ?? [], env.name, cwd), root);
  if (files.errors.length) return { errors: files.errors };
  const layers = { set, processEnv: options.env ?? process.env, envFileArgs: files.envFileArgs, files: files.files, stores: new Map(), emptyIsUnset: options.emptyIsUnset ?? false };
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
  return new StoreSession({ cwd: project.root, env: programEnv(options.env), configFile: project.configFile ? rel(project.root, project.configFile) : undefined });
}

export function selectEnvironments(project: ProjectConfig, names: string[] | undefined): { envs: ProjectConfig['environments'] } | { error: Diagnostic } {
  if (!names?.length) return { envs: project.environments };
  const known = new Map(project.environments.map((e) => [e.name, e]));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) {
    // Only a valid name is quoted: a mistyped argument may be a value (`DB_PASSWORD=…`).
    const shown = unknown.filter(isEnvironmentName);
    const hidden = unknown.length - shown.length;
    const what = [...shown.map((n) => `"${n}"`), ...(hidden ? [`${hidden === 1 ? 'an argument' : `${hidden} arguments`} that ${hidden === 1 ? 'is' : 'are'} not an environment name (not shown)`] : [])].join(', ');
    return { error: error('unknown-environment', `unknown environment ${what} (known: ${[...known.keys()].join(', ')})`) };
  }
  return { envs: [...new Set(names)].map((n) => known.get(n)!) };
}

/** A place a variable is used, whether unset is an error there, and its literal default there. */
export type Use = Loc & { required: boolean; default?: string };

/** Each variable the templates use, with every place it is used, in template order. */
export function variableUses(documents: TemplateDocument[]): Map<string, Use[]> {
  const uses = new Map<string, Use[]>();
  // An aliased scalar is one place: its slot is seen once. Distinct scalars start at distinct
  // places, so only one scalar's own uses can share a place (when a `${` is not in its source).
  const seenSlots = new Set<Slot>();
  for (const doc of documents) {
    for (const slot of doc.slots) {
      if (seenSlots.has(slot)) continue;
      seenSlots.add(slot);
      const seen = slot.parsed.uses.length > 1 ? new Set<string>() : null;
      for (const u of slot.parsed.uses) {
        const loc = slot.locate(u.offset);
        if (seen) {
          const key = `${u.name}@${loc.line}:${loc.col}`;
          if (seen.has(key)) continue;
          seen.add(key);
        }
        const list = uses.get(u.name) ?? [];
        if (!list.length) uses.set(u.name, list);
        // Built field by field: a spread gives each of tens of thousands of objects its own hidden class.
        const use: Use = { file: loc.file, line: loc.line, col: loc.col, required: u.required };
        if (u.default !== undefined) use.default = u.default;
        list.push(use);
      }
    }
  }
  return uses;
}
