import { runProgram, type SpawnResult } from './spawn.js';

export const INSTALL_KUBECTL = 'install kubectl (https://kubernetes.io/docs/tasks/tools/), or name a kustomize binary with --kustomize';

/** `kubectl kustomize DIR`, or `KUSTOMIZE build DIR` when a kustomize binary is named. */
export function kustomizeBuild(overlayDir: string, kustomize?: string): SpawnResult & { command: string } {
  const [program, args] = kustomize ? [kustomize, ['build', overlayDir]] : ['kubectl', ['kustomize', overlayDir]];
  return { ...runProgram(program, args), command: [program, ...args].join(' ') };
}

/** `kubectl ARGS`, its output captured so the caller can redact it before showing it. */
export function kubectl(args: string[], cwd?: string, timeoutMs?: number): SpawnResult {
  return runProgram('kubectl', args, { cwd, timeoutMs });
}
