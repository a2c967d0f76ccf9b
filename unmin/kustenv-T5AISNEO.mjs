import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  diffPatch
} from "./kustenv-EBT75Q7S.mjs";
import {
  INSTALL_KUBECTL,
  clusterFlags
} from "./kustenv-5CUPFPZS.mjs";
import {
  addPatchSecrets,
  readOwnPatch
} from "./kustenv-42RTNKSG.mjs";
import {
  finishRun,
  preparationFailed,
  renderPrepared,
  withSecrets
} from "./kustenv-JO6DUE3B.mjs";
import {
  plural,
  prepare,
  programEnv,
  runProgram,
  selectEnvironments
} from "./kustenv-WBTMBI44.mjs";
import "./kustenv-SHHDKO2O.mjs";
import "./kustenv-GL5OAKO2.mjs";
import "./kustenv-FN22K4O5.mjs";
import "./kustenv-CZTMCNWL.mjs";
import "./kustenv-UHYCXRPZ.mjs";
import {
  loadProject,
  rel
} from "./kustenv-NDEGRTDM.mjs";
import {
  error,
  sortDiagnostics,
  warning
} from "./kustenv-6KN4YI7Q.mjs";
import "./kustenv-ZSCFYFSI.mjs";
import "./kustenv-QKI3VPXQ.mjs";

// dist/commands/apply.js
import path from "node:path";
async function apply(env, options = {}) {
  const base = { diffs: [], stdout: "", stderr: "", applied: false };
  const loaded = loadProject(path.resolve(options.cwd ?? process.cwd()), options.config);
  if (!loaded.project)
    return { ...base, status: 2, diagnostics: loaded.errors };
  const selected = selectEnvironments(loaded.project, [env]);
  if ("error" in selected)
    return { ...base, status: 2, root: loaded.project.root, diagnostics: [selected.error] };
  if (!options.yes && !options.interactive) {
    return { ...base, status: 2, root: loaded.project.root, diagnostics: [error("needs-yes", "apply asks before it applies; without a terminal, pass --yes. Nothing was applied.", { env })] };
  }
  const p = await prepare({ ...options, environments: [env] });
  if ("failed" in p) {
    const f = preparationFailed(p.failed);
    return withSecrets({ ...base, status: f.status, root: f.root, diagnostics: f.diagnostics }, p.failed.secrets);
  }
  const { secrets, root } = p;
  const finish = (r) => withSecrets({ ...r, root, diagnostics: sortDiagnostics(r.diagnostics.map((d) => ({ ...d, message: secrets.mask(d.message) }))) }, secrets);
  const warnings = options.clientSide ? [warning("client-side-apply", "client-side apply copies the whole Secret, stringData in clear, into the kubectl.kubernetes.io/last-applied-configuration annotation, where kubectl get -o yaml and later diffs show it", { env })] : [];
  const rendered = await renderPrepared(p, options);
  const checked = finishRun(p, rendered, options, { patches: false, generated: false, gitChecks: true });
  if (checked.status !== 0)
    return finish({ ...base, status: checked.status, diagnostics: [...warnings, ...checked.diagnostics] });
  const result = checked.environments[0];
  const old = readOwnPatch(path.join(root, result.output));
  addPatchSecrets(old, secrets);
  const diffs = [{ name: result.name, output: result.output, ...diffPatch({ output: result.output, old, newText: result.content, secrets, showValues: false }) }];
  const diagnostics = [...warnings, ...checked.diagnostics];
  if (!options.yes && !await options.confirm?.(diffs, secrets)) {
    return finish({ ...base, status: 1, diffs, diagnostics: [...diagnostics, error("not-applied", "not applied: the answer was no", { env })] });
  }
  const written = finishRun(p, rendered, options, { patches: true, generated: true, gitChecks: true });
  if (written.status !== 0)
    return finish({ ...base, status: written.status, diffs, diagnostics: [...warnings, ...written.diagnostics] });
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const environment = p.environments[0].env;
  const own = [
    "apply",
    `--kustomize=${rel(cwd, environment.overlayDir) || "."}`,
    ...options.clientSide ? [] : ["--server-side", "--field-manager=kustenv"],
    ...options.dryRun && options.dryRun !== "none" ? [`--dry-run=${options.dryRun}`] : [],
    ...clusterFlags(options)
  ];
  const extra = options.kubectlArgs ?? [];
  const ran = runProgram("kubectl", [...own, ...extra], { cwd, env: programEnv(options.env) });
  const command = ["kubectl", ...own, ...extra.length ? [`(${plural(extra.length, "more argument")} after --, not shown)`] : []];
  if (ran.startError)
    return finish({ ...base, status: 2, diffs, diagnostics: [...written.diagnostics, error("kubectl-missing", `cannot run kubectl (${ran.startError}): ${INSTALL_KUBECTL}`, { env })] });
  const kubectlFailed = ran.status !== 0 ? [error("kubectl-failed", `kubectl apply failed (exit ${ran.status ?? "killed"}); its own words follow`, { env })] : [];
  return finish({
    status: ran.status === 0 ? 0 : 1,
    kubectlExit: ran.status ?? -1,
    diagnostics: [...warnings, ...written.diagnostics, ...kubectlFailed],
    diffs,
    command,
    stdout: secrets.mask(ran.stdout),
    stderr: secrets.mask(ran.stderr),
    applied: ran.status === 0
  });
}
export {
  apply
};
