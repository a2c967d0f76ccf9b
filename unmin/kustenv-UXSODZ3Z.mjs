import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  INSTALL_KUBECTL,
  buildOverlayAsRendered
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
  prepare
} from "./kustenv-WBTMBI44.mjs";
import {
  MASK
} from "./kustenv-SHHDKO2O.mjs";
import {
  isSecretField,
  stringifyYaml
} from "./kustenv-GL5OAKO2.mjs";
import {
  DISABLE_ANNOTATIONS,
  formatPath,
  parsePlaceholders,
  validateObjects
} from "./kustenv-FN22K4O5.mjs";
import {
  rel
} from "./kustenv-NDEGRTDM.mjs";
import {
  error,
  require_dist,
  sortDiagnostics
} from "./kustenv-6KN4YI7Q.mjs";
import {
  __toESM
} from "./kustenv-QKI3VPXQ.mjs";

// dist/commands/build.js
var import_yaml = __toESM(require_dist(), 1);
import path from "node:path";
async function build(env, options = {}) {
  const built = await buildEnvironment(env, options);
  if ("result" in built)
    return built.result;
  const { p, docs, overlay } = built;
  const diagnostics = [...built.diagnostics];
  const escapes = escapePathsByKind(p);
  const objects = [];
  for (const doc of docs) {
    const obj = doc.toJS();
    if (!obj || typeof obj !== "object")
      continue;
    const kind = String(obj.kind ?? "");
    const meta = obj.metadata ?? {};
    const name = `${kind}/${meta.namespace ? `${meta.namespace}/` : ""}${meta.name ?? "?"}`;
    objects.push({ obj, at: { file: overlay } });
    if (DISABLE_ANNOTATIONS.some((a) => meta.annotations?.[a] === "disabled"))
      continue;
    for (const left of leftoverPlaceholders(doc.contents, escapes.get(kind))) {
      diagnostics.push(error("leftover-placeholder", `${left.names.map((n) => `\${${n}}`).join(", ")} in ${name} ${left.path}: still a placeholder after the build (is ${p.project.output} listed in the overlay's kustomization?)`, {
        file: overlay,
        env,
        ...left.names.length === 1 ? { variable: left.names[0] } : {}
      }));
    }
  }
  diagnostics.push(...validateObjects(objects, env));
  if (!options.showValues)
    for (const doc of docs)
      maskBuilt(doc, p.secrets);
  const text = docs.map((d) => stringifyYaml(d)).join("---\n");
  const result = {
    status: diagnostics.some((d) => d.severity === "error") ? 1 : 0,
    root: p.root,
    diagnostics: sortDiagnostics(diagnostics.map((d) => ({ ...d, message: p.secrets.mask(d.message) }))),
    output: options.showValues ? text : p.secrets.mask(text)
  };
  return withSecrets(result, p.secrets);
}
async function buildEnvironment(env, options) {
  const stop = (status, diagnostics, secrets, root) => ({
    result: withSecrets({ status, ...root ? { root } : {}, diagnostics: sortDiagnostics(diagnostics.map((d) => ({ ...d, message: secrets.mask(d.message) }))), output: "" }, secrets)
  });
  const p = await prepare({ ...options, environments: [env] });
  if ("failed" in p) {
    const f = preparationFailed(p.failed);
    return stop(f.status, f.diagnostics, p.failed.secrets, f.root);
  }
  const rendered = await renderPrepared(p, options);
  const run = finishRun(p, rendered, options, { patches: false, generated: false, gitChecks: false });
  if (run.status !== 0)
    return stop(run.status, run.diagnostics, p.secrets, p.root);
  const environment = p.environments[0].env;
  const overlay = rel(p.root, environment.overlayDir) || ".";
  addPatchSecrets(readOwnPatch(path.join(environment.overlayDir, p.project.output)), p.secrets);
  const built = buildOverlayAsRendered(environment.overlayDir, p.project.output, run.environments[0].content, options.kustomize, options.env);
  const program = options.kustomize ?? "kubectl";
  if (built.startError)
    return stop(2, [...run.diagnostics, error("kubectl-missing", `cannot run ${program} (${built.startError}): ${INSTALL_KUBECTL}`, { env })], p.secrets, p.root);
  if (built.status !== 0) {
    const said = p.secrets.mask(built.stderr.trim()).split("\n").slice(-5).join("\n");
    return stop(1, [...run.diagnostics, error("build-failed", `${built.command.split(environment.overlayDir).join(overlay)} failed (exit ${built.status ?? "killed"}):
${said}`, { file: overlay, env })], p.secrets, p.root);
  }
  const docs = (0, import_yaml.parseAllDocuments)(built.stdout, { prettyErrors: false });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length)) {
    return stop(1, [...run.diagnostics, error("build-failed", `${program} printed output that is not YAML`, { file: overlay, env })], p.secrets, p.root);
  }
  return { p, docs, overlay, diagnostics: run.diagnostics };
}
function escapePathsByKind(p) {
  const out = /* @__PURE__ */ new Map();
  for (const doc of p.documents) {
    const kind = doc.identity.kind ?? "";
    for (const e of doc.escapePaths)
      out.set(kind, (out.get(kind) ?? /* @__PURE__ */ new Set()).add(e));
  }
  return out;
}
function leftoverPlaceholders(root, escaped) {
  const found = [];
  const walk = (node, p) => {
    if ((0, import_yaml.isScalar)(node)) {
      const where = formatPath(p);
      if (typeof node.value !== "string" || !node.value.includes("${") || escaped?.has(where))
        return;
      const parsed = parsePlaceholders(node.value);
      if (parsed.hasPlaceholder)
        found.push({ path: where, names: [...new Set(parsed.names)] });
    } else if ((0, import_yaml.isMap)(node))
      for (const pair of node.items)
        walk(pair.value, [...p, String((0, import_yaml.isScalar)(pair.key) ? pair.key.value : pair.key)]);
    else if ((0, import_yaml.isSeq)(node))
      node.items.forEach((item, i) => walk(item, [...p, i]));
  };
  walk(root, []);
  return found;
}
function maskBuilt(doc, secrets) {
  const root = doc.contents;
  if (!(0, import_yaml.isMap)(root))
    return;
  const kind = String(doc.get("kind") ?? "");
  const meta = doc.get("metadata", true);
  const name = (0, import_yaml.isMap)(meta) ? String(meta.get("name") ?? "") : "";
  const namespace = (0, import_yaml.isMap)(meta) ? String(meta.get("namespace") ?? "") : "";
  const keys = (where) => [`${kind}/${name} ${where}`, ...namespace ? [`${kind}/${namespace}/${name} ${where}`] : []];
  const walk = (node, p) => {
    if ((0, import_yaml.isScalar)(node)) {
      if (typeof node.value !== "string" && typeof node.value !== "number" && typeof node.value !== "boolean")
        return;
      const text = String(node.value);
      const where = formatPath(p);
      if (keys(where).some((k) => secrets.isSecretPath(k) || isSecretField(k)) || secrets.holds(text)) {
        node.value = MASK;
        node.type = "QUOTE_DOUBLE";
      }
    } else if ((0, import_yaml.isMap)(node))
      for (const pair of node.items)
        walk(pair.value, [...p, String((0, import_yaml.isScalar)(pair.key) ? pair.key.value : pair.key)]);
    else if ((0, import_yaml.isSeq)(node))
      node.items.forEach((item, i) => walk(item, [...p, i]));
  };
  walk(root, []);
}

export {
  build,
  buildEnvironment
};
