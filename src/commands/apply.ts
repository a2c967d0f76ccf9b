/**
 * `kustenv apply ENV`: render and check once, show the masked diff, ask (or
 * `--yes`), write the patch, then `kubectl apply -k` the overlay.
 */
import path from 'node:path';
import { finishRun, preparationFailed, renderPrepared, withSecrets } from './render.js';
import { selectEnvironments } from '../prepare.js';
import { error, sortDiagnostics, warning } from '../diagnostics.js';
import type { EnvironmentDiff } from './diff.js';
import { INSTALL_KUBECTL, clusterFlags, type KubectlTarget } from '../io/kubectl.js';
import { loadProject, rel } from '../io/load-config.js';
import { addPatchSecrets, readOwnPatch } from '../io/read-patch.js';
import { programEnv, runProgram } from '../io/spawn.js';
import type { RunOptions } from '../options.js';
import { diffPatch, noChange } from '../pipeline/diff-patch.js';
import { prepare } from '../prepare.js';
import type { SecretSet } from '../secret-set.js';
import type { Diagnostic } from '../types.js';
import { plural } from '../text.js';

export interface ApplyOptions extends RunOptions, KubectlTarget {
  /** Apply without asking. Required when there is no terminal to ask on. */
  yes?: boolean;
  /** A terminal is there to ask on. */
  interactive?: boolean;
  /** Shown the masked diff; says whether to go on. Called only when interactive and not `yes`. */
  confirm?: (diffs: EnvironmentDiff[], secrets: SecretSet) => Promise<boolean>;
  /** kubectl's `--dry-run`: `server` (the API server checks everything and stores nothing), `client`, or `none`. */
  dryRun?: 'server' | 'client' | 'none';
  /** Client-side apply instead of server-side (copies Secrets into an annotation: see the warning). */
  clientSide?: boolean;
  /** Arguments passed on to kubectl after the ones kustenv sets. Never printed: they may hold a token. */
  kubectlArgs?: string[];
}

export interface ApplyResult {
  /** 0 applied; 1 the inputs are wrong, the answer was no, or kubectl failed (see `kubectlExit`); 2 kustenv could not run. */
  status: 0 | 1 | 2;
  /** kubectl's own exit code, once it ran. */
  kubectlExit?: number;
  /** The project root, which diagnostics' paths are relative to. */
  root?: string;
  diagnostics: Diagnostic[];
  diffs: EnvironmentDiff[];
  /** The kubectl command line, when it ran; arguments after `--` only counted. */
  command?: string[];
  /** kubectl's output, every secret masked. */
  stdout: string;
  stderr: string;
  applied: boolean;
  /** The run's secrets. Not enumerable. */
  readonly secrets?: SecretSet;
}

/** Render and check, show the masked diff, then `kubectl apply -k` the overlay. */
export async function apply(env: string, options: ApplyOptions = {}): Promise<ApplyResult> {
  const base = { diffs: [] as EnvironmentDiff[], stdout: '', stderr: '', applied: false };
  // Before anything is asked of a store: is there a way to say yes?
  const loaded = loadProject(path.resolve(options.cwd ?? process.cwd()), options.config);
  if (!loaded.project) return { ...base, status: 2, diagnostics: loaded.errors };
  const selected = selectEnvironments(loaded.project, [env]);
  if ('error' in selected) return { ...base, status: 2, root: loaded.project.root, diagnostics: [selected.error] };
  if (!options.yes && !options.interactive) {
    return { ...base, status: 2, root: loaded.project.root, diagnostics: [error('needs-yes', 'apply asks before it applies; without a terminal, pass --yes. Nothing was applied.', { env })] };
  }

  const p = await prepare({ ...options, environments: [env] });
  if ('failed' in p) {
    const f = preparationFailed(p.failed);
    return withSecrets({ ...base, status: f.status, root: f.root, diagnostics: f.diagnostics }, p.failed.secrets);
  }
  const { secrets, root } = p;
  const finish = (r: Omit<ApplyResult, 'diagnostics'> & { diagnostics: Diagnostic[] }): ApplyResult =>
    withSecrets({ ...r, root, diagnostics: sortDiagnostics(r.diagnostics.map((d) => ({ ...d, message: secrets.mask(d.message) }))) }, secrets);
  const warnings = options.clientSide
    ? [warning('client-side-apply', 'client-side apply copies the whole Secret, stringData in clear, into the kubectl.kubernetes.io/last-applied-configuration annotation, where kubectl get -o yaml and later diffs show it', { env })]
    : [];

  // One render for the diff and the write: what is applied is what was reviewed.
  const rendered = await renderPrepared(p, options);
  const checked = finishRun(p, rendered, options, { patches: false, generated: false, gitChecks: true });
  if (checked.status !== 0) return finish({ ...base, status: checked.status, diagnostics: [...warnings, ...checked.diagnostics] });
  const result = checked.environments[0];
  const old = result.changed ? readOwnPatch(path.join(root, result.output)) : undefined;
  if (old) addPatchSecrets(old, secrets);
  const diff = old ? diffPatch({ output: result.output, old, newText: result.content!, secrets, showValues: false }) : noChange();
  const diffs: EnvironmentDiff[] = [{ name: result.name, output: result.output, ...diff }];
  const diagnostics = [...warnings, ...checked.diagnostics];
  if (!options.yes && !(await options.confirm?.(diffs, secrets))) {
    return finish({ ...base, status: 1, diffs, diagnostics: [...diagnostics, error('not-applied', 'not applied: the answer was no', { env })] });
  }
  const written = finishRun(p, rendered, options, { patches: true, generated: true, gitChecks: true });
  if (written.status !== 0) return finish({ ...base, status: written.status, diffs, diagnostics: [...warnings, ...written.diagnostics] });

  const cwd = path.resolve(options.cwd ?? process.cwd());
  const environment = p.environments[0].env;
  const own = [
    'apply',
    `--kustomize=${rel(cwd, environment.overlayDir) || '.'}`,
    ...(options.clientSide ? [] : ['--server-side', '--field-manager=kustenv']),
    ...(options.dryRun && options.dryRun !== 'none' ? [`--dry-run=${options.dryRun}`] : []),
    ...clusterFlags(options),
  ];
  const extra = options.kubectlArgs ?? [];
  const ran = runProgram('kubectl', [...own, ...extra], { cwd, env: programEnv(options.env) });
  const command = ['kubectl', ...own, ...(extra.length ? [`(${plural(extra.length, 'more argument')} after --, not shown)`] : [])];
  if (ran.startError) return finish({ ...base, status: 2, diffs, diagnostics: [...written.diagnostics, error('kubectl-missing', `cannot run kubectl (${ran.startError}): ${INSTALL_KUBECTL}`, { env })] });
  const kubectlFailed = ran.status !== 0 ? [error('kubectl-failed', `kubectl apply failed (exit ${ran.status ?? 'killed'}); its own words follow`, { env })] : [];
  return finish({
    status: ran.status === 0 ? 0 : 1,
    kubectlExit: ran.status ?? -1,
    diagnostics: [...warnings, ...written.diagnostics, ...kubectlFailed],
    diffs,
    command,
    stdout: secrets.mask(ran.stdout),
    stderr: secrets.mask(ran.stderr),
    applied: ran.status === 0,
  });
}
