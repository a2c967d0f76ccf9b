/**
 * GitHub Actions mode (docs/ci.md): `::add-mask::` for every secret value before
 * any other output, errors and warnings as workflow commands with their
 * position, a Markdown step summary and step outputs.
 */
import path from 'node:path';
import type { RunResult } from '../commands/render.js';
import type { ReviewResult } from '../commands/review.js';
import { appendText as appendToFile } from '../io/write-outputs.js';
import type { Diagnostic } from '../types.js';

/** Workflow command data: `%`, CR and LF escaped, as the runner reads them. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Workflow command properties also escape `:` and `,`. */
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One `::add-mask::` per line of every secret value (the runner masks line by line). */
export function maskCommands(values: readonly string[]): string {
  const lines = new Set<string>();
  for (const v of values) for (const line of v.split(/\r?\n/)) if (line.trim()) lines.add(line);
  return [...lines].map((l) => `::add-mask::${escapeData(l)}\n`).join('');
}

/** Each diagnostic as `::error file=…,line=…,col=…,title=…::message`, paths relative to the workspace. */
export function annotations(diagnostics: readonly Diagnostic[], root: string, workspace: string): string {
  return diagnostics
    .map((d) => {
      const props: string[] = [];
      if (d.file) props.push(`file=${escapeProperty(workspacePath(root, workspace, d.file))}`);
      if (d.line) props.push(`line=${d.line}`, `col=${d.col ?? 1}`);
      props.push(`title=${escapeProperty(`kustenv ${d.code}${d.env ? ` (${d.env})` : ''}`)}`);
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(d.message)}\n`;
    })
    .join('');
}

/** A path relative to `root` as the runner shows it: relative to the workspace (the repository root), with `/`. */
export function workspacePath(root: string, workspace: string, file: string): string {
  return path.relative(workspace, path.resolve(root, file)).split(path.sep).join('/');
}

/**
 * The Markdown step summary of render, check or diff: environments, variables,
 * problems, masked diffs (only when the run passed: a failed render has no
 * patch to compare, and would show every document as removed). Paths are
 * relative to the workspace; the summary ends with a blank line, so the next
 * step's summary starts a new block.
 */
export function stepSummary(command: string, result: RunResult, diffs: { name: string; unified: string }[], workspace: string = result.root): string {
  const out: string[] = [`## kustenv ${command}: ${result.status === 0 ? 'passed' : 'failed'}`, ''];
  const shown = (file: string) => workspacePath(result.root, workspace, file);
  const envs = result.environments;
  if (envs.length) {
    out.push('| environment | production | patch | result |', '|---|---|---|---|');
    for (const e of envs) {
      const what = command === 'render' ? (e.written ? 'written' : result.status === 0 ? 'unchanged' : 'not written') : result.status !== 0 ? 'not rendered' : e.changed ? 'differs from disk' : 'same as disk';
      out.push(`| ${e.name} | ${e.production ? 'yes' : 'no'} | \`${shown(e.output)}\` | ${what} |`);
    }
    const names = [...new Set(envs.flatMap((e) => e.variables.map((v) => v.name)))].sort();
    out.push('', `| variable | secret | ${envs.map((e) => e.name).join(' | ')} |`, `|---|---|${envs.map(() => '---|').join('')}`);
    for (const n of names) {
      const secret = envs.some((e) => e.variables.find((v) => v.name === n)?.secret);
      out.push(`| \`${n}\` | ${secret ? 'yes' : 'no'} | ${envs.map((e) => e.variables.find((v) => v.name === n)?.state ?? '').join(' | ')} |`);
    }
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    out.push('', '### Problems', '');
    for (const d of errors) out.push(`- ${d.file ? `\`${shown(d.file)}${d.line ? `:${d.line}:${d.col ?? 1}` : ''}\` ` : ''}${d.message}${d.env ? ` (${d.env})` : ''}`);
  }
  if (result.status === 0) {
    for (const d of diffs) {
      if (!d.unified) continue;
      out.push('', `<details><summary>Masked diff: ${d.name}</summary>`, '', '```diff', d.unified.trimEnd(), '```', '', '</details>');
    }
  }
  return `${out.join('\n')}\n\n`;
}

/** Step outputs, one `name=value` line each; a value is kept on one line (lists are space-separated). */
export function stepOutputs(outputs: Record<string, string | number | boolean | readonly string[]>): string {
  return Object.entries(outputs)
    .map(([k, v]) => `${k}=${(Array.isArray(v) ? v.join(' ') : String(v)).replace(/[\r\n]+/g, ' ')}\n`)
    .join('');
}

/**
 * Append to the runner's files when it named them. A file that cannot be
 * written is an error naming the variable (exit 2), not a crash.
 */
export function writeRunnerFiles(env: NodeJS.ProcessEnv, summary: string, outputs: string): string | undefined {
  // Every summary ends with a blank line, so the next step's starts a new Markdown block.
  const ended = summary ? summary.replace(/\n*$/, '\n\n') : '';
  for (const [name, text] of [['GITHUB_STEP_SUMMARY', ended], ['GITHUB_OUTPUT', outputs]] as const) {
    const file = env[name];
    if (!file || !text) continue;
    try {
      appendToFile(file, text);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).name;
      return `cannot write the file ${name} names (${file}): ${code}`;
    }
  }
  return undefined;
}

/** The hidden line that marks kustenv's pull-request comment, so a workflow finds and updates it in place. */
export const REVIEW_MARKER = '<!-- kustenv-review -->';

/** Step outputs of `diff --against`: the changed templates and schemas, and the variables environments now lack, by kind. */
export function reviewOutputs(result: ReviewResult, workspace: string): Parameters<typeof stepOutputs>[0] {
  const files = [...result.templates, ...result.schemas].map((t) => workspacePath(result.root ?? workspace, workspace, t.file));
  const union = (pick: (e: ReviewResult['environments'][number]) => string[]) => [...new Set(result.environments.flatMap(pick))].sort();
  return {
    changed: files.length > 0,
    files,
    'missing-secrets': union((e) => e.missingSecrets),
    'missing-config': union((e) => e.missingConfig),
    undeclared: union((e) => e.undeclared),
  };
}
