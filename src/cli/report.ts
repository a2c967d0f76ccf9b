/**
 * How each command's result is shown: one reporter per format (text for
 * people, JSON and Markdown for tools, dotenv for vars), in `reporters/`.
 * A new format is one reporter there and one line in REPORTERS. Problems go
 * to stderr first, whatever the format; never a value.
 */
import type { RunResult } from '../commands/render.js';
import type { ApplyResult } from '../commands/apply.js';
import type { BuildResult } from '../commands/build.js';
import { formatDiagnostic } from '../diagnostics.js';
import type { DiffResult } from '../commands/diff.js';
import type { ReviewResult } from '../commands/review.js';
import type { GenerateResult } from '../commands/generate.js';
import type { InitResult } from '../commands/init.js';
import type { VarsResult } from '../commands/vars.js';
import type { VerifyResult } from '../commands/verify.js';
import type { Diagnostic } from '../types.js';
import { dotenvReporter } from './reporters/dotenv.js';
import { jsonReporter } from './reporters/json.js';
import { markdownReporter } from './reporters/markdown.js';
import { textReporter, visible, visibleLines } from './reporters/text.js';

export { showDiffs } from './reporters/text.js';

export type Paint = (s: string, color: 'red' | 'yellow' | 'dim' | 'green') => string;

export interface Out {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  paint: Paint;
  /** Colour for stdout (a terminal there, colour not turned off); plain otherwise. */
  paintStdout?: Paint;
  quiet: boolean;
  verbose: boolean;
  format: Format;
  /** GitHub Actions mode: problems are printed once, as workflow commands. */
  github?: boolean;
}

export type Format = 'text' | 'json' | 'markdown' | 'dotenv';

/** What a format shows of each command's result (after the problems, which printDiagnostics shows). */
export interface Reporter {
  run(out: Out, command: 'render' | 'check', result: RunResult, dryRun: boolean): void;
  diff(out: Out, result: DiffResult, status: number): void;
  review(out: Out, result: ReviewResult): void;
  build(out: Out, env: string, result: BuildResult): void;
  apply(out: Out, env: string, result: ApplyResult): void;
  vars(out: Out, result: VarsResult): void;
  generate(out: Out, command: 'generate' | 'rotate', result: GenerateResult): void;
  init(out: Out, result: InitResult): void;
  verify(out: Out, result: VerifyResult): void;
}

/** The reporter of each format; a format a command has no reporter for is refused on the command line. */
const REPORTERS: Record<Format, Partial<Reporter>> = { text: textReporter, json: jsonReporter, markdown: markdownReporter, dotenv: dotenvReporter };

/** The reporter for `out.format`, with text where the format has no view of its own. */
function reporter(out: Out): Reporter {
  return { ...textReporter, ...REPORTERS[out.format] };
}

// Each: the problems first (stderr), then what the format shows of the result.

export function reportRun(out: Out, command: 'render' | 'check', result: RunResult, dryRun: boolean): void {
  printDiagnostics(out, result.diagnostics);
  reporter(out).run(out, command, result, dryRun);
}

export function reportDiff(out: Out, result: DiffResult, status: number): void {
  printDiagnostics(out, result.diagnostics);
  reporter(out).diff(out, result, status);
}

export function reportAgainst(out: Out, result: ReviewResult): void {
  printDiagnostics(out, result.diagnostics);
  reporter(out).review(out, result);
}

export function reportBuild(out: Out, env: string, result: BuildResult): void {
  printDiagnostics(out, result.diagnostics);
  reporter(out).build(out, env, result);
}

export function reportApply(out: Out, env: string, result: ApplyResult): void {
  printDiagnostics(out, result.diagnostics);
  reporter(out).apply(out, env, result);
}

export function reportVars(out: Out, result: VarsResult): void {
  printDiagnostics(out, result.diagnostics);
  reporter(out).vars(out, result);
}

export function reportGenerate(out: Out, command: 'generate' | 'rotate', result: GenerateResult): void {
  printDiagnostics(out, result.diagnostics);
  reporter(out).generate(out, command, result);
}

export function reportInit(out: Out, result: InitResult): void {
  reporter(out).init(out, result);
}

export function reportVerify(out: Out, result: VerifyResult): void {
  printDiagnostics(out, result.diagnostics);
  reporter(out).verify(out, result);
}

function printDiagnostics(out: Out, diagnostics: Diagnostic[]): void {
  if (out.github) return; // each problem was printed once, as a workflow command
  for (const d of groupByEnvironment(diagnostics)) {
    if (out.quiet && d.severity !== 'error') continue;
    const { envs, ...one } = d;
    const names = envs.join(', ');
    // File names and messages come from the repository: control characters are shown, never sent to the terminal.
    const shown = { ...one, message: visibleLines(one.message), ...(one.file !== undefined ? { file: visible(one.file) } : {}) };
    const line = formatDiagnostic(envs.length > 1 ? { ...shown, env: names } : shown, out.paint);
    out.stderr(`${envs.length > 1 ? line.replace(` (environment ${names}) `, ` (environments ${names}) `) : line}\n`);
  }
}

/** The same problem in several environments, once, naming them (in the order first seen). */
function groupByEnvironment(diagnostics: Diagnostic[]): (Diagnostic & { envs: string[] })[] {
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

