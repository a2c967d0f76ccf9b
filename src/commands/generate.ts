/**
 * `kustenv generate` and `kustenv rotate` (docs/generated-secrets.md): strong values for the
 * variables whose schema has an `x-kustenv-generate` rule, kept in the
 * environment's git-ignored generated file. Names are reported, never values.
 */
import path from 'node:path';
import { envSchemasOf, environmentValues, loadInputs, planGenerated, storeSession, variableUses } from '../prepare.js';
import { error, hasErrors, sortDiagnostics, warning } from '../diagnostics.js';
import { COULD_NOT_RUN, readGenerated, writeGenerated } from '../io/generated-file.js';
import { rel } from '../io/load-config.js';
import type { VariablesSchema } from '../io/load-schemas.js';
import type { RunOptions } from '../options.js';
import { isVariableName } from '../pipeline/validate-names.js';
import { generateRuleOf, generateValue, rotateGenerated, today } from '../pipeline/generate-values.js';
import { parseEnvFile } from '../pipeline/parse-env-file.js';
import type { Diagnostic, EnvironmentConfig, ProjectConfig, ValueSource } from '../types.js';

export interface GenerateOptions extends RunOptions {
  /** Write here instead of the environment's `generatedFile`. */
  into?: string;
}

export interface GenerateResult {
  status: 0 | 1 | 2;
  root?: string;
  diagnostics: Diagnostic[];
  environment: string;
  /** The generated file, relative to the working folder. */
  file?: string;
  /** Variables given a new value in this run. */
  generated: string[];
  /** The command that stores the file as the environment's repository secrets, for CI. */
  hint?: string;
  /** `generate`: the variables of the environment that have a generate rule, set or not. */
  generatable?: string[];
}

/** Generate a value for each generatable variable the environment uses and no source sets. */
export async function generate(env: string, options: GenerateOptions = {}): Promise<GenerateResult> {
  const p = await prepare(env, options, true);
  if ('failed' in p) return p.failed;
  const plan = planGenerated(p.environment, p.file, p.used, p.envSchemas, p.lookup, p.project.root);
  if ('error' in plan) return finish(p, [], [plan.error]);
  if (!plan.entries.length) return { ...finish(p, [], []), generatable: p.used.filter((n) => generateRuleOf(p.envSchemas, n)).sort() };
  const written = writeGenerated(p.file, plan.content, p.shown, env);
  return finish(p, written.errors.length ? [] : plan.entries.map(([n]) => n), [...written.errors, ...written.warnings]);
}

/** Replace the generated values of `names`, and their dates. A name without a generate rule is an error; then nothing changes. */
export async function rotate(env: string, names: string[], options: GenerateOptions = {}): Promise<GenerateResult> {
  // Stores are not asked: rotating replaces the file's values whatever a store holds.
  const p = await prepare(env, options, false);
  if ('failed' in p) return p.failed;
  const diagnostics: Diagnostic[] = [];
  const entries: [string, string][] = [];
  for (const name of [...new Set(names)]) {
    // An argument that is not a variable name may be a value (`DB_PASSWORD=…`): described, never echoed.
    if (!isVariableName(name)) {
      diagnostics.push(error('no-generate-rule', `an argument that is not a variable name (not shown): rotate takes the names of generated variables`, { env }));
      continue;
    }
    const rule = generateRuleOf(p.envSchemas, name);
    if (!rule) diagnostics.push(error('no-generate-rule', `${name} has no "x-kustenv-generate" rule in the variables schema of ${env}: only generated secrets can be rotated`, { variable: name, env }));
    else entries.push([name, generateValue(rule)]);
    const source = p.sourceOf(name);
    if (rule && source && source.kind !== 'generated') {
      diagnostics.push(warning('rotate-shadowed', `${name} is also set by ${source.kind}${source.file ? ` ${source.file}` : ''}${source.store ? ` ${source.store}` : ''}, which wins over the generated file`, { variable: name, env }));
    }
  }
  if (hasErrors(diagnostics)) return { ...base(p), status: 1, diagnostics: sortDiagnostics(diagnostics), generated: [] };
  const text = readGenerated(p.file);
  if (typeof text !== 'string') return { ...base(p), status: 2, diagnostics: [error('env-file-unreadable', `cannot read ${p.shown}: ${text.code}`, { file: p.shown, env })], generated: [] };
  // Entries are replaced whole: a file that does not parse is not rewritten.
  const broken = parseEnvFile(text, p.shown).diagnostics.filter((d) => d.severity === 'error');
  if (broken.length) return { ...base(p), status: 2, diagnostics: sortDiagnostics(broken.map((d) => ({ ...d, env }))), generated: [] };
  const written = writeGenerated(p.file, rotateGenerated(text, entries, today(new Date())), p.shown, env);
  return finish(p, written.errors.length ? [] : entries.map(([n]) => n), [...diagnostics, ...written.errors, ...written.warnings]);
}

interface Prepared {
  project: ProjectConfig;
  environment: EnvironmentConfig;
  cwd: string;
  file: string;
  shown: string;
  used: string[];
  envSchemas: VariablesSchema[];
  lookup: (name: string) => string | undefined;
  sourceOf: (name: string) => ValueSource | undefined;
}

/** The environment, the variables its templates use, its schemas and its values. */
async function prepare(env: string, options: GenerateOptions, askStores: boolean): Promise<Prepared | { failed: GenerateResult }> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const fail = (status: 1 | 2, diagnostics: Diagnostic[], root?: string) => ({ failed: { status, root, diagnostics: sortDiagnostics(diagnostics), environment: env, generated: [] } });
  const inputs = await loadInputs({ ...options, environments: [env] }, cwd);
  if ('failed' in inputs) return fail(inputs.failed.status, inputs.failed.diagnostics, inputs.failed.root);
  const { project, set, parsed, schemas } = inputs;
  const environment = inputs.selected.envs[0];
  const used = [...variableUses(parsed.documents).keys()];
  const values = await environmentValues(askStores ? environment : { ...environment, sources: [] }, set.set, options, cwd, project.root, used, storeSession(project, options));
  if ('errors' in values) return fail(2, values.errors, project.root);
  const file = options.into ? path.resolve(cwd, options.into) : environment.generatedFile;
  return { project, environment, cwd, file, shown: rel(project.root, file), used, envSchemas: envSchemasOf(schemas, env), lookup: values.lookup, sourceOf: values.sourceOf };
}

function base(p: Prepared) {
  return { root: p.project.root, environment: p.environment.name, file: rel(p.cwd, p.file) };
}

function finish(p: Prepared, generated: string[], diagnostics: Diagnostic[]): GenerateResult {
  const status = diagnostics.some((d) => COULD_NOT_RUN.has(d.code)) ? 2 : hasErrors(diagnostics) ? 1 : 0;
  const hint = generated.length ? `gh secret set --env ${p.environment.name} -f ${shellQuote(rel(p.cwd, p.file))}` : undefined;
  return { ...base(p), status, diagnostics: sortDiagnostics(diagnostics), generated, ...(hint ? { hint } : {}) };
}

/** A path as a shell word, for a command printed to be pasted: quoted when it holds anything but plain characters. */
function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./@:=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
