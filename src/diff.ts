/**
 * The reviewer's views: what `render` would change on disk (masked), and
 * what a template change since a git ref means for each environment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { environmentValues, finishRun, preparationFailed, renderPrepared, selectEnvironments, storeSession, withSecrets, type RunResult } from './api.js';
import { addPatchSecrets, readOwnPatch } from './io/read-patch.js';
import { isSafeArgument } from './pipeline/validate-names.js';
import { prepare } from './prepare.js';
import { error, sortDiagnostics } from './diagnostics.js';
import { changedSince, gitRepo, isCommit, showAt } from './io/git.js';
import { loadProject, rel } from './io/load-config.js';
import { parseSetArgs } from './io/load-values.js';
import { readTemplates } from './io/read-templates.js';
import type { RunOptions } from './options.js';
import type { PatchDiff } from './pipeline/diff-patch.js';
import { templateVariables } from './pipeline/template-variables.js';
import type { Diagnostic } from './types.js';

export interface DiffOptions extends RunOptions {
  /** Show secret values instead of `***` (local use only). */
  showValues?: boolean;
}

export interface EnvironmentDiff extends PatchDiff {
  name: string;
  output: string;
}

export interface DiffResult extends RunResult {
  diffs: EnvironmentDiff[];
}

/** Render in memory and diff each environment's patch on disk against it. Stops, showing nothing, when the render fails. */
export async function diff(options: DiffOptions = {}): Promise<DiffResult> {
  const p = await prepare(options);
  if ('failed' in p) return { ...preparationFailed(p.failed), diffs: [] };
  const rendered = await renderPrepared(p, options);
  const result: DiffResult = { ...finishRun(p, rendered, options, { patches: false, generated: false, gitChecks: false }), diffs: [] };
  withSecrets(result, p.secrets);
  if (result.status !== 0) return result;
  const { diffPatch } = await import('./pipeline/diff-patch.js');
  const olds = result.environments.map((env) => readOwnPatch(path.join(p.root, env.output)));
  // Everything a patch on disk marks secret is masked in every environment's diff.
  for (const old of olds) addPatchSecrets(old, p.secrets);
  result.diffs = result.environments.map((env, i) => ({
    name: env.name,
    output: env.output,
    ...diffPatch({ output: env.output, old: olds[i], newText: env.content!, secrets: p.secrets, showValues: options.showValues ?? false }),
  }));
  return result;
}

export interface TemplateChange {
  file: string;
  status: 'added' | 'removed' | 'modified';
  /** Unified diff of the template itself: templates hold no values. */
  diff: string;
  variablesAdded: string[];
  variablesRemoved: string[];
}

export interface AgainstResult {
  status: 0 | 1 | 2;
  /** The project root, which diagnostics' paths are relative to. */
  root?: string;
  ref: string;
  diagnostics: Diagnostic[];
  templates: TemplateChange[];
  /** Per environment, the variables new since the ref that it has no value for yet. */
  environments: { name: string; missing: string[] }[];
}

/** The reviewer's view of a template change since the git ref `ref`. */
export async function diffAgainst(ref: string, options: RunOptions = {}): Promise<AgainstResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const fail = (status: 1 | 2, diagnostics: Diagnostic[]): AgainstResult => ({ status, ref, diagnostics: sortDiagnostics(diagnostics), templates: [], environments: [] });
  const loaded = loadProject(cwd, options.config);
  if (!loaded.project) return fail(2, loaded.errors);
  const project = loaded.project;
  const selected = selectEnvironments(project, options.environments);
  if ('error' in selected) return fail(2, [selected.error]);
  const set = parseSetArgs(options.set ?? []);
  if (set.errors.length) return fail(2, set.errors);
  const repo = gitRepo(project.root);
  if (!repo) return fail(2, [error('not-in-git', 'diff --against needs a git repository')]);
  // A ref reaches git as data: one that could pass for an option is refused before git runs.
  if (!isSafeArgument(ref)) return fail(2, [error('bad-ref', 'the --against ref is empty, starts with "-" or holds control characters')]);
  if (!isCommit(repo, ref)) return fail(2, [error('bad-ref', `"${ref}" is not a commit in this repository`)]);

  const { files, errors, invalid } = await readTemplates(project);
  if (errors.length) return fail(2, errors);
  if (invalid.length) return fail(1, invalid);
  const current = new Map(files.map((f) => [path.relative(repo, path.join(project.root, f.file)), f]));
  const { createTwoFilesPatch } = await import('diff');
  const templates: TemplateChange[] = [];
  const atRef = new Set<string>(); // variables the templates used at the ref
  for (const file of changedSince(repo, ref, project.base)) {
    const now = current.get(file);
    const isTemplateName = /\.ya?ml$/.test(file) && !/(^|\/)kustomization\.ya?ml$/.test(file);
    if (!now && (fs.existsSync(path.join(repo, file)) || !isTemplateName)) continue; // excluded, or not a template
    const oldText = showAt(repo, ref, file);
    const newText = now?.text;
    if (oldText === newText) continue;
    const shown = rel(project.root, path.join(repo, file));
    const oldVars = templateVariables(shown, oldText ?? '');
    oldVars.forEach((v) => atRef.add(v));
    const newVars = templateVariables(shown, newText ?? '');
    templates.push({
      file: shown,
      status: oldText === undefined ? 'added' : newText === undefined ? 'removed' : 'modified',
      diff: createTwoFilesPatch(oldText === undefined ? '/dev/null' : shown, newText === undefined ? '/dev/null' : shown, oldText ?? '', newText ?? '', ref, 'working tree', { context: 3 }),
      variablesAdded: newVars.filter((v) => !oldVars.includes(v)),
      variablesRemoved: oldVars.filter((v) => !newVars.includes(v)),
    });
  }
  // New for the project: used now, and by no template at the ref (unchanged templates are as they were).
  const now = new Set<string>();
  for (const f of files) {
    const vars = templateVariables(f.file, f.text);
    vars.forEach((v) => now.add(v));
    if (!templates.some((t) => t.file === f.file)) vars.forEach((v) => atRef.add(v));
  }
  const newVars = [...now].filter((v) => !atRef.has(v)).sort();

  const environments: AgainstResult['environments'] = [];
  const session = storeSession(project, options);
  for (const env of selected.envs) {
    const values = await environmentValues(env, set.set, options, cwd, project.root, newVars, session);
    if ('errors' in values) return fail(2, values.errors);
    environments.push({ name: env.name, missing: newVars.filter((v) => values.lookup(v) === undefined) });
  }
  return { status: 0, ref, root: project.root, diagnostics: [], templates, environments };
}
