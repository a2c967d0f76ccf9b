import { spawnSync } from 'node:child_process';

export interface SpawnResult {
  /** Exit code; null when the process could not start or was killed. */
  status: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started (ENOENT: not installed). */
  startError?: string;
}

/** The one place that runs other programs: never through a shell. */
export function runProgram(program: string, args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): SpawnResult {
  const r = spawnSync(program, args, {
    cwd: options.cwd,
    input: options.input,
    env: options.env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    shell: false,
  });
  const startError = r.error ? ((r.error as NodeJS.ErrnoException).code ?? r.error.message) : undefined;
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ...(startError ? { startError } : {}) };
}
