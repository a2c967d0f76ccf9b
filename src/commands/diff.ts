/**
 * What `render` would change on disk, secret values masked. (The reviewer's
 * view of a change since a git ref is src/commands/review.ts.)
 */
import path from 'node:path';
import { finishRun, preparationFailed, renderPrepared, withSecrets, type RunResult } from './render.js';
import { addPatchSecrets, readOwnPatch } from '../io/read-patch.js';
import { prepare } from '../prepare.js';
import type { RunOptions } from '../options.js';
import type { PatchDiff } from '../pipeline/diff-patch.js';

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
  const { diffPatch } = await import('../pipeline/diff-patch.js');
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
