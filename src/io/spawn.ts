import { spawn, spawnSync } from 'node:child_process';

export interface SpawnResult {
  /** Exit code; null when the process could not start or was killed. */
  status: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started (ENOENT: not installed). */
  startError?: string;
}

/**
 * The environment programs run with: the run's own (`RunOptions.env`, the
 * CLI's process environment), else the process's. PATH and HOME come from the
 * process when the run's environment has none, so a library caller's
 * `env: { TOKEN }` still finds git and kubectl; a test puts stand-ins first
 * on PATH through `env`, not by changing `process.env`.
 */
export function programEnv(env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  if (!env) return process.env;
  return { ...(env.PATH === undefined && process.env.PATH !== undefined ? { PATH: process.env.PATH } : {}), ...(env.HOME === undefined && process.env.HOME !== undefined ? { HOME: process.env.HOME } : {}), ...env };
}

/** The one place that runs other programs: never through a shell. `timeoutMs`: killed after it (status null). */
export function runProgram(program: string, args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): SpawnResult {
  const r = spawnSync(program, args, {
    cwd: options.cwd,
    input: options.input,
    env: options.env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    shell: false,
    ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
  });
  const startError = r.error ? ((r.error as NodeJS.ErrnoException).code ?? r.error.message) : undefined;
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ...(startError ? { startError } : {}) };
}

export interface AsyncSpawnResult extends SpawnResult {
  /** The program did not answer within the time-out and was killed, with everything it started. */
  timedOut?: boolean;
  /** Stopped through the abort signal. */
  aborted?: boolean;
  /** Its output passed `maxBytes`: it was killed and the output dropped. */
  tooLarge?: boolean;
  /** The signal that ended it, when one did. */
  signal?: string;
  /** stdout is not valid UTF-8 (the text holds replacement characters). */
  notUtf8?: boolean;
}

/** Process groups of programs still running, killed if kustenv exits first. */
const running = new Set<number>();
let exitHookSet = false;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
  running.delete(pid);
}

/**
 * Run a program without a shell, in its own process group, and wait at most
 * `timeoutMs`. On time-out or abort the whole group (the program and every
 * process it started) is killed and the promise settles at once, without
 * waiting for its output pipes to close.
 */
export function runProgramAsync(
  program: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number; signal?: AbortSignal; maxBytes: number },
): Promise<AsyncSpawnResult> {
  if (!exitHookSet) {
    exitHookSet = true;
    process.on('exit', () => [...running].forEach(killGroup));
  }
  return new Promise((resolve) => {
    let settled = false;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    const child = spawn(program, args, { cwd: options.cwd, env: options.env, shell: false, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const finish = (r: Partial<AsyncSpawnResult>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (child.pid) running.delete(child.pid);
      const stdout = Buffer.concat(out);
      let notUtf8 = false;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(stdout);
      } catch {
        notUtf8 = true;
      }
      resolve({ status: null, stdout: stdout.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ...(notUtf8 ? { notUtf8 } : {}), ...r });
    };
    const stop = (r: Partial<AsyncSpawnResult>) => {
      if (child.pid) killGroup(child.pid);
      child.stdout?.destroy();
      child.stderr?.destroy();
      finish(r);
    };
    const onAbort = () => stop({ aborted: true });
    const collect = (into: Buffer[]) => (c: Buffer) => {
      bytes += c.length;
      if (bytes > options.maxBytes) {
        out.length = err.length = 0;
        stop({ tooLarge: true });
      } else into.push(c);
    };
    const timer = setTimeout(() => stop({ timedOut: true }), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort);
    if (child.pid) running.add(child.pid);
    child.stdout?.on('data', collect(out));
    child.stderr?.on('data', collect(err));
    child.on('error', (e: NodeJS.ErrnoException) => finish({ startError: e.code ?? e.message }));
    // Whatever it started and left behind holds the pipes open: end it with the program.
    child.on('exit', () => child.pid && killGroup(child.pid));
    child.on('close', (status, signal) => finish({ status, ...(signal ? { signal } : {}) }));
    if (options.signal?.aborted) onAbort();
  });
}
