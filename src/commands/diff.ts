/**
 * What `render` would change on disk, secret values masked. (The reviewer's
 * view of a change since a git ref is src/commands/review.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { rel } from '../io/load-config.js';
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
  const { diffPatch, noChange } = await import('../pipeline/diff-patch.js');
  const olds = result.environments.map((env) => (env.changed ? readOwnPatch(path.join(p.root, env.output)) : undefined));
  // Everything a patch on disk marks secret is masked in every environment's diff.
  for (const old of olds) if (old) addPatchSecrets(old, p.secrets);
  result.diffs = result.environments.map((env, i) => {
    const old = olds[i];
    const d = old ? diffPatch({ output: env.output, old, newText: env.content!, secrets: p.secrets, showValues: options.showValues ?? false }) : noChange();
    // output: external-secrets: the Component's manifests hold names and store references, never values: shown in clear.
    const eso = p.environments.find((e) => e.env.name === env.name)?.eso;
    for (const w of eso?.writes ?? []) {
      const file = rel(p.root, w.file);
      const old = fs.existsSync(w.file) ? fs.readFileSync(w.file, 'utf8') : undefined;
      d.unified += createTwoFilesPatch(old === undefined ? '/dev/null' : file, file, old ?? '', w.content, 'on disk', 'rendered', { context: 3 });
      d.changed = true;
      (old === undefined ? d.added : d.modified).push(file);
    }
    return { name: env.name, output: env.output, ...d };
  });
  return result;
}
