/**
 * GitHub Actions mode (docs/ci.md): `::add-mask::` for every secret value before
 * any other output, errors and warnings as workflow commands with their
 * position, a Markdown step summary and step outputs.
 */
import path from 'node:path';
import type { RunResult } from '../api.js';
import { appendToFile } from '../io/append-file.js';
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
      if (d.file) props.push(`file=${escapeProperty(path.relative(workspace, path.resolve(root, d.file)).split(path.sep).join('/'))}`);
      if (d.line) props.push(`line=${d.line}`, `col=${d.col ?? 1}`);
      props.push(`title=${escapeProperty(`kustenv ${d.code}${d.env ? ` (${d.env})` : ''}`)}`);
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(d.message)}\n`;
    })
    .join('');
}

/** The Markdown step summary of render, check or diff: environments, variables, problems, masked diffs. */
export function stepSummary(command: string, result: RunResult, diffs: { name: string; unified: string }[]): string {
  const out: string[] = [`## kustenv ${command}: ${result.status === 0 ? 'passed' : 'failed'}`, ''];
  const envs = result.environments;
  if (envs.length) {
    out.push('| environment | production | patch | result |', '|---|---|---|---|');
    for (const e of envs) {
      const what = command === 'render' ? (e.written ? 'written' : result.status === 0 ? 'unchanged' : 'not written') : e.changed ? 'differs from disk' : 'same as disk';
      out.push(`| ${e.name} | ${e.production ? 'yes' : 'no'} | \`${e.output}\` | ${what} |`);
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
    for (const d of errors) out.push(`- ${d.file ? `\`${d.file}${d.line ? `:${d.line}:${d.col ?? 1}` : ''}\` ` : ''}${d.message}${d.env ? ` (${d.env})` : ''}`);
  }
  for (const d of diffs) {
    if (!d.unified) continue;
    out.push('', `<details><summary>Masked diff: ${d.name}</summary>`, '', '```diff', d.unified.trimEnd(), '```', '', '</details>');
  }
  return `${out.join('\n')}\n`;
}

/** Step outputs: `changed=true|false` and `files=` the paths written, space-separated. */
export function stepOutputs(changed: boolean, files: string[]): string {
  return `changed=${changed}\nfiles=${files.join(' ')}\n`;
}

/** Append to the runner's files when it named them. */
export function writeRunnerFiles(env: NodeJS.ProcessEnv, summary: string, outputs: string): void {
  if (env.GITHUB_STEP_SUMMARY) appendToFile(env.GITHUB_STEP_SUMMARY, summary);
  if (env.GITHUB_OUTPUT) appendToFile(env.GITHUB_OUTPUT, outputs);
}
