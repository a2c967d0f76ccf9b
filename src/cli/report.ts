/** How each command's result is shown: text for people, JSON and Markdown for tools. Never a value. */
import type { RunResult, StoreReport } from '../commands/render.js';
import type { ApplyResult } from '../commands/apply.js';
import type { BuildResult } from '../commands/build.js';
import { formatDiagnostic } from '../diagnostics.js';
import type { DiffResult, EnvironmentDiff } from '../commands/diff.js';
import { REVIEW_MARKER } from './github.js';
import { reviewMarkdown, reviewText, type ReviewResult } from '../commands/review.js';
import type { GenerateResult } from '../commands/generate.js';
import type { InitResult } from '../commands/init.js';
import { toDotenv, type VarsResult } from '../commands/vars.js';
import type { Diagnostic, ValueSource } from '../types.js';
import { VERSION } from '../version.js';
import { plural, table } from '../text.js';

export type Paint = (s: string, color: 'red' | 'yellow' | 'dim' | 'green') => string;

export interface Out {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  paint: Paint;
  /** Colour for stdout (a terminal there, colour not turned off); plain otherwise. */
  paintStdout?: Paint;
  quiet: boolean;
  verbose: boolean;
  format: 'text' | 'json' | 'markdown' | 'dotenv';
  /** GitHub Actions mode: problems are printed once, as workflow commands. */
  github?: boolean;
}

/** The JSON document every command prints with `--format json`. */
export function json(out: Out, command: string, status: number, body: Record<string, unknown>, diagnostics: Diagnostic[]): void {
  out.stdout(`${JSON.stringify({ version: 1, kustenv: VERSION, command, status, ...body, diagnostics }, null, 2)}\n`);
}

export function printDiagnostics(out: Out, diagnostics: Diagnostic[]): void {
  if (out.github) return; // each problem was printed once, as a workflow command
  for (const d of groupByEnvironment(diagnostics)) {
    if (out.quiet && d.severity !== 'error') continue;
    const { envs, ...one } = d;
    const names = envs.join(', ');
    const line = formatDiagnostic(envs.length > 1 ? { ...one, env: names } : one, out.paint);
    out.stderr(`${envs.length > 1 ? line.replace(` (environment ${names}) `, ` (environments ${names}) `) : line}\n`);
  }
}

/** The same problem in several environments, once, naming them (in the order first seen). */
export function groupByEnvironment(diagnostics: Diagnostic[]): (Diagnostic & { envs: string[] })[] {
  const groups = new Map<string, Diagnostic & { envs: string[] }>();
  for (const d of diagnostics) {
    const { env, ...rest } = d;
    const key = JSON.stringify(rest);
    const group = groups.get(key);
    if (group && env !== undefined && group.env !== undefined) group.envs.push(env);
    else groups.set(group ? `${key}\u0000${env}` : key, { ...d, envs: env === undefined ? [] : [env] });
  }
  return [...groups.values()];
}

/** `render` and `check`. */
export function reportRun(out: Out, command: 'render' | 'check', result: RunResult, dryRun: boolean): void {
  if (out.format === 'json') {
    const environments = result.environments.map(({ name, production, output, documents, changed, written, variables }) => ({ name, production, output, documents, changed, written, variables }));
    json(out, command, result.status, { variables: result.variables, environments, stores: result.stores ?? [] }, result.diagnostics);
  }
  printDiagnostics(out, result.diagnostics);
  if (out.verbose && out.format !== 'json' && result.stores?.length) reportStores(out, result.stores);
  if (out.format !== 'json' && result.status !== 0 && command === 'render' && !dryRun && !result.environments.some((e) => e.written)) {
    out.stderr(`${out.paint('render failed', 'red')}: nothing was written\n`);
  }
  if (out.format === 'json' || result.status !== 0) return;
  for (const env of result.environments) {
    if (dryRun) {
      out.stdout(`# ${env.changed ? 'would write' : 'unchanged'}: ${env.output}\n${env.masked}`);
      continue;
    }
    if (out.quiet) continue;
    const what = command === 'check' ? 'ok' : env.written ? 'wrote' : 'unchanged';
    const secrets = env.variables.filter((v) => v.secret).length;
    out.stderr(`${out.paint(what, 'green')} ${env.output} (${plural(env.documents, 'document')}, ${env.variables.length} variables, ${secrets} secret)\n`);
    if (!out.verbose) continue;
    for (const v of env.variables) {
      const from = !v.source ? 'unset' : v.source.kind === 'env' ? 'process environment' : v.source.kind === 'set' ? '--set' : `${v.source.kind} ${sourceName(v.source)}`;
      out.stderr(`  ${v.name}${v.secret ? ' (secret)' : ''}: ${from}\n`);
    }
  }
}

/** `--verbose`: each store's calls and time, then the total; names only. */
function reportStores(out: Out, stores: StoreReport[]): void {
  for (const s of stores) out.stderr(`store ${s.source}: ${plural(s.calls, `${s.program} call`)}, ${s.ms} ms; found: ${s.variables.join(', ') || 'none'}\n`);
  out.stderr(`stores: ${plural(stores.reduce((n, s) => n + s.calls, 0), 'call')}, ${stores.reduce((n, s) => n + s.ms, 0)} ms in all\n`);
}

/** Where a value came from, in a word: `--set`, `env`, the file, or the store. */
function sourceName(source: ValueSource): string {
  return source.kind === 'set' ? '--set' : source.kind === 'env' ? 'env' : (source.file ?? source.store ?? source.kind);
}

function diffSummary(d: EnvironmentDiff): string {
  if (!d.changed) return `${d.output}: no changes`;
  return `${d.output}: ${d.added.length} added, ${d.removed.length} removed, ${d.modified.length} changed`;
}

const diffFacts = (d: EnvironmentDiff) => ({ name: d.name, output: d.output, changed: d.changed, added: d.added, removed: d.removed, modified: d.modified });

/** `diff`: the masked unified diff, then a summary line, per environment. */
export function reportDiff(out: Out, result: DiffResult, status: number): void {
  if (out.format === 'json') json(out, 'diff', status, { environments: result.diffs.map(diffFacts) }, result.diagnostics);
  printDiagnostics(out, result.diagnostics);
  if (out.format === 'json') return;
  for (const d of result.diffs) {
    if (d.unified) out.stdout(colorDiff(d.unified.endsWith('\n') ? d.unified : `${d.unified}\n`, out.paintStdout));
    if (!out.quiet) out.stdout(`${diffSummary(d)}\n`);
  }
}

/** Removed lines red, added lines green; headers and context as they are. */
export function colorDiff(unified: string, paint: Paint | undefined): string {
  if (!paint) return unified;
  return unified
    .split('\n')
    .map((line) => (line.startsWith('---') || line.startsWith('+++') ? line : line.startsWith('-') ? paint(line, 'red') : line.startsWith('+') ? paint(line, 'green') : line))
    .join('\n');
}

/** `diff --against REF`: per template its diff and variables, per environment what it lacks. */
export function reportAgainst(out: Out, result: ReviewResult): void {
  printDiagnostics(out, result.diagnostics);
  if (out.format === 'json') {
    json(out, 'diff', result.status, { against: result.ref, base: result.base, templates: result.templates, schemas: result.schemas, environments: result.environments }, result.diagnostics);
    return;
  }
  if (result.status === 2) return;
  out.stdout(out.format === 'markdown' ? reviewMarkdown(result, REVIEW_MARKER) : reviewText(result));
}

/** `build`: the built YAML on stdout (Secret values masked), problems on stderr. */
export function reportBuild(out: Out, env: string, result: BuildResult): void {
  printDiagnostics(out, result.diagnostics);
  if (out.format === 'json') {
    json(out, 'build', result.status, { environment: env }, result.diagnostics);
    return;
  }
  if (result.output) out.stdout(result.output);
}

/** `apply`: the masked diff, then kubectl's own (redacted) output. */
export function reportApply(out: Out, env: string, result: ApplyResult): void {
  printDiagnostics(out, result.diagnostics);
  if (out.format === 'json') {
    json(out, 'apply', result.status, { environment: env, applied: result.applied, command: result.command ?? null, kubectlExit: result.kubectlExit ?? null, environments: result.diffs.map(diffFacts) }, result.diagnostics);
    return;
  }
  if (result.stdout) out.stdout(result.stdout);
  if (result.stderr) out.stderr(result.stderr);
}

/** The masked diff and summary shown before apply asks. */
export function showDiffs(out: Out, diffs: EnvironmentDiff[]): void {
  for (const d of diffs) {
    if (d.unified) out.stderr(d.unified.endsWith('\n') ? d.unified : `${d.unified}\n`);
    out.stderr(`${diffSummary(d)}\n`);
  }
}

/** `vars`: a table (text), the facts (json) or a .env.example (dotenv). */
export function reportVars(out: Out, result: VarsResult, format: string): void {
  printDiagnostics(out, result.diagnostics);
  if (format === 'json') {
    json(out, 'vars', result.status, { variables: result.variables, environments: result.environments }, result.diagnostics);
    return;
  }
  if (result.status !== 0) return;
  if (format === 'dotenv') {
    out.stdout(toDotenv(result));
    return;
  }
  const envs = result.environments;
  const rows = result.variables.map((v) => [
    v.name,
    v.secret ? 'yes' : 'no',
    v.declared === null ? '-' : v.declared ? 'yes' : 'NO',
    ...envs.map((e) => {
      const x = e.variables.find((y) => y.name === v.name);
      return x?.source ? sourceName(x.source) : (x?.state ?? '');
    }),
    `${v.usedAt[0].replace(/:\d+$/, '')}${v.usedAt.length > 1 ? ` (+${v.usedAt.length - 1})` : ''}`,
    v.description ?? '',
  ]);
  const head = ['VARIABLE', 'SECRET', 'DECLARED', ...envs.map((e) => e.name), 'USED AT', 'DESCRIPTION'];
  out.stdout(table(head, rows));
}

/** `generate` and `rotate`: the names and the file, then how to hand the file to CI; never a value. */
export function reportGenerate(out: Out, command: 'generate' | 'rotate', result: GenerateResult): void {
  if (out.format === 'json') {
    json(out, command, result.status, { environment: result.environment, file: result.file ?? null, [command === 'generate' ? 'generated' : 'rotated']: result.generated, hint: result.hint ?? null }, result.diagnostics);
  }
  printDiagnostics(out, result.diagnostics);
  if (out.format === 'json' || result.status !== 0) return;
  if (!result.generated.length) {
    if (out.quiet) return;
    if (result.generatable && !result.generatable.length) out.stderr(`nothing to generate: no variable of ${result.environment} has an x-kustenv-generate rule in the variables schema\n`);
    else out.stderr(`nothing to generate: every generatable variable of ${result.environment} has a value\n`);
    return;
  }
  out.stdout(`${command === 'generate' ? 'generated' : 'rotated'} ${result.generated.join(', ')} in ${result.file}\n`);
  out.stdout(`for CI, store them as ${result.environment}'s secrets: ${result.hint}\n`);
}

/** `init`: what it created, changed and kept, then the command to run next. */
export function reportInit(out: Out, result: InitResult): void {
  if (out.format === 'json') {
    json(out, 'init', result.status, { created: result.created, updated: result.updated, kept: result.kept, next: result.next ?? null }, []);
    return;
  }
  if (result.error) out.stderr(`kustenv: init failed: ${result.error}\n`);
  for (const f of result.created) out.stderr(`${out.paint('created', 'green')} ${f}\n`);
  for (const f of result.updated) out.stderr(`${out.paint('updated', 'green')} ${f}\n`);
  const changed = result.created.length + result.updated.length > 0;
  if (!changed && result.status === 0) out.stderr('nothing to do: every file is already there\n');
  if (out.quiet || result.status !== 0) return;
  if (changed && result.kept.length) out.stderr(`kept ${result.kept.join(', ')}\n`);
  if (changed && result.next) out.stderr(`next: ${result.next}\n`);
}
