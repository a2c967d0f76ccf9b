/**
 * The GitHub Action (action.yml, `runs.using: node20`): reads the inputs the
 * runner passes, runs kustenv's CLI in-process once (or once per environment
 * for the commands that take one), in GitHub mode, and writes the step's
 * outputs to GITHUB_OUTPUT. src/action/index.ts runs it; its bundle is action/dist/index.mjs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../cli/main.js';
import { appendText, createFile } from '../io/write-outputs.js';
import { mergeOutputs, parseOutputs, plannedRuns } from './inputs.js';

export async function runAction(env: NodeJS.ProcessEnv, cwd: string, write: { stdout: (t: string) => void; stderr: (t: string) => void }): Promise<number> {
  const planned = plannedRuns(env);
  if (planned.error) {
    write.stderr(`::error title=kustenv action::${planned.error}\n`);
    return 2;
  }
  // Each run writes its outputs to a file of its own; the step's are merged from them.
  const temp = fs.mkdtempSync(path.join(env.RUNNER_TEMP || os.tmpdir(), 'kustenv-action-'));
  const outputs: Map<string, string>[] = [];
  let status = 0;
  try {
    for (const [i, run] of planned.runs.entries()) {
      const own = path.join(temp, `output-${i}`);
      createFile(own, '');
      const code = await main(run.args, { ...write, env: { ...env, GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: own }, isTTY: false, cwd });
      outputs.push(parseOutputs(fs.readFileSync(own, 'utf8')));
      status = Math.max(status, code);
      // apply stops at the first environment that failed: a later one is not applied.
      if (code !== 0 && run.args[0] === 'apply') break;
    }
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
  const merged = mergeOutputs(outputs);
  merged.set('exit-code', String(status));
  if (env.GITHUB_OUTPUT) {
    try {
      appendText(env.GITHUB_OUTPUT, [...merged].map(([k, v]) => `${k}=${v}\n`).join(''));
    } catch (e) {
      write.stderr(`kustenv: cannot write the file GITHUB_OUTPUT names (${env.GITHUB_OUTPUT}): ${(e as NodeJS.ErrnoException).code ?? (e as Error).name}\n`);
      return 2;
    }
  }
  return status;
}
