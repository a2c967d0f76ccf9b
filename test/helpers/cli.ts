import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'kustenv.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in this process, with memory streams and a clean environment. */
export async function cli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; isTTY?: boolean; interactive?: boolean; ask?: (q: string) => Promise<string> }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: options.env ?? { PATH: process.env.PATH },
    isTTY: options.isTTY ?? false,
    cwd: options.cwd,
    interactive: options.interactive,
    ask: options.ask,
  });
  return { code, stdout, stderr };
}

/** Run the built CLI as a real process (bin/kustenv.js over dist/). */
export function cliProcess(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): CliRun {
  // `--` first: Node 20 would otherwise take kustenv's --env-file as its own.
  const r = spawnSync(process.execPath, ['--', BIN, ...args], {
    cwd: options.cwd,
    env: options.env ?? { PATH: process.env.PATH },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** kubectl is needed: in CI its absence fails the test; elsewhere the test is skipped, visibly. */
export function haveKubectl(): boolean {
  const r = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (r.status === 0) return true;
  if (process.env.CI === 'true') throw new Error('kubectl is required in CI but was not found on PATH');
  console.warn('SKIPPED: kubectl not found on PATH; the kubectl integration tests did not run');
  return false;
}
