/**
 * `kubectl kustomize` of an overlay as `render` would leave it, without
 * writing into the overlay: when the patch on disk is not what render would
 * write, the overlay is copied beside itself (a `*.kustenv-tmp` folder, mode
 * 0700, removed at once) and built there with the rendered patch.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { programEnv, runProgram, type SpawnResult } from './spawn.js';
import { TEMP_SUFFIX, removeStaleTemps, trackTemp, untrackTemp } from './write-outputs.js';

export const INSTALL_KUBECTL = 'install kubectl (https://kubernetes.io/docs/tasks/tools/), or name a kustomize binary with --kustomize';

export interface KubectlTarget {
  /** `--context`, validated. */
  context?: string;
  /** `--namespace`, validated. */
  namespace?: string;
}

/** kubectl's own options for the cluster flags: each name checked before, passed as one `--flag=value` argument. */
export function clusterFlags(t: KubectlTarget): string[] {
  return [...(t.context !== undefined ? [`--context=${t.context}`] : []), ...(t.namespace !== undefined ? [`--namespace=${t.namespace}`] : [])];
}

/**
 * Build the overlay with `patch` (the rendered patch text) as its file
 * `output`. The folder name in kustomize's messages is the overlay's own.
 */
export function buildOverlayAsRendered(overlayDir: string, output: string, patch: string, kustomize?: string, env?: NodeJS.ProcessEnv): SpawnResult & { command: string } {
  const file = path.join(overlayDir, output);
  let current: string | undefined;
  try {
    current = fs.lstatSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    current = undefined;
  }
  if (current === patch) return kustomizeBuild(overlayDir, overlayDir, kustomize, env);
  const parent = path.dirname(overlayDir);
  removeStaleTemps(parent);
  const temp = path.join(parent, `.${path.basename(overlayDir)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  trackTemp(temp);
  try {
    fs.cpSync(overlayDir, temp, { recursive: true, verbatimSymlinks: true, filter: (src) => src !== file });
    fs.chmodSync(temp, 0o700);
    fs.writeFileSync(path.join(temp, output), patch, { mode: 0o600, flag: 'wx' });
    return kustomizeBuild(temp, overlayDir, kustomize, env);
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
    untrackTemp(temp);
  }
}

/** `kubectl kustomize -- DIR`, or `KUSTOMIZE build -- DIR`; `shownDir` stands for DIR in what is said. */
function kustomizeBuild(dir: string, shownDir: string, kustomize: string | undefined, env: NodeJS.ProcessEnv | undefined): SpawnResult & { command: string } {
  const [program, args] = kustomize ? [kustomize, ['build', '--', dir]] : ['kubectl', ['kustomize', '--', dir]];
  const r = runProgram(program, args, { env: programEnv(env) });
  const swap = (t: string) => (dir === shownDir ? t : t.split(dir).join(shownDir));
  return { ...r, stdout: r.stdout, stderr: swap(r.stderr), command: [program, args[0], shownDir].join(' ') };
}

/** `kubectl ARGS`, its output captured so the caller can mask it before showing it. */
export function kubectl(args: string[], cwd: string | undefined, timeoutMs: number | undefined, env: NodeJS.ProcessEnv | undefined): SpawnResult {
  return runProgram('kubectl', args, { cwd, timeoutMs, env: programEnv(env) });
}
