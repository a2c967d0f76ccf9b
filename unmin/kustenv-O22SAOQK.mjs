import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  COULD_NOT_RUN,
  envSchemasOf,
  environmentValues,
  loadInputs,
  planGenerated,
  readGenerated,
  storeSession,
  variableUses,
  writeGenerated
} from "./kustenv-WBTMBI44.mjs";
import "./kustenv-SHHDKO2O.mjs";
import "./kustenv-FN22K4O5.mjs";
import {
  generateRuleOf,
  generateValue,
  parseEnvFile,
  rotateGenerated,
  today
} from "./kustenv-CZTMCNWL.mjs";
import "./kustenv-UHYCXRPZ.mjs";
import {
  isVariableName,
  rel
} from "./kustenv-NDEGRTDM.mjs";
import {
  error,
  hasErrors,
  sortDiagnostics,
  warning
} from "./kustenv-6KN4YI7Q.mjs";
import "./kustenv-QKI3VPXQ.mjs";

// dist/commands/generate.js
import path from "node:path";
async function generate(env, options = {}) {
  const p = await prepare(env, options, true);
  if ("failed" in p)
    return p.failed;
  const plan = planGenerated(p.environment, p.file, p.used, p.envSchemas, p.lookup, p.project.root);
  if ("error" in plan)
    return finish(p, [], [plan.error]);
  if (!plan.entries.length)
    return { ...finish(p, [], []), generatable: p.used.filter((n) => generateRuleOf(p.envSchemas, n)).sort() };
  const written = writeGenerated(p.file, plan.content, p.shown, env);
  return finish(p, written.errors.length ? [] : plan.entries.map(([n]) => n), [...written.errors, ...written.warnings]);
}
async function rotate(env, names, options = {}) {
  const p = await prepare(env, options, false);
  if ("failed" in p)
    return p.failed;
  const diagnostics = [];
  const entries = [];
  for (const name of [...new Set(names)]) {
    if (!isVariableName(name)) {
      diagnostics.push(error("no-generate-rule", `an argument that is not a variable name (not shown): rotate takes the names of generated variables`, { env }));
      continue;
    }
    const rule = generateRuleOf(p.envSchemas, name);
    if (!rule)
      diagnostics.push(error("no-generate-rule", `${name} has no "x-kustenv-generate" rule in the variables schema of ${env}: only generated secrets can be rotated`, { variable: name, env }));
    else
      entries.push([name, generateValue(rule)]);
    const source = p.sourceOf(name);
    if (rule && source && source.kind !== "generated") {
      diagnostics.push(warning("rotate-shadowed", `${name} is also set by ${source.kind}${source.file ? ` ${source.file}` : ""}${source.store ? ` ${source.store}` : ""}, which wins over the generated file`, { variable: name, env }));
    }
  }
  if (hasErrors(diagnostics))
    return { ...base(p), status: 1, diagnostics: sortDiagnostics(diagnostics), generated: [] };
  const text = readGenerated(p.file);
  if (typeof text !== "string")
    return { ...base(p), status: 2, diagnostics: [error("env-file-unreadable", `cannot read ${p.shown}: ${text.code}`, { file: p.shown, env })], generated: [] };
  const broken = parseEnvFile(text, p.shown).diagnostics.filter((d) => d.severity === "error");
  if (broken.length)
    return { ...base(p), status: 2, diagnostics: sortDiagnostics(broken.map((d) => ({ ...d, env }))), generated: [] };
  const written = writeGenerated(p.file, rotateGenerated(text, entries, today(/* @__PURE__ */ new Date())), p.shown, env);
  return finish(p, written.errors.length ? [] : entries.map(([n]) => n), [...diagnostics, ...written.errors, ...written.warnings]);
}
async function prepare(env, options, askStores) {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const fail = (status, diagnostics, root) => ({ failed: { status, root, diagnostics: sortDiagnostics(diagnostics), environment: env, generated: [] } });
  const inputs = await loadInputs({ ...options, environments: [env] }, cwd);
  if ("failed" in inputs)
    return fail(inputs.failed.status, inputs.failed.diagnostics, inputs.failed.root);
  const { project, set, parsed, schemas } = inputs;
  const environment = inputs.selected.envs[0];
  const used = [...variableUses(parsed.documents).keys()];
  const values = await environmentValues(askStores ? environment : { ...environment, sources: [] }, set.set, options, cwd, project.root, used, storeSession(project, options));
  if ("errors" in values)
    return fail(2, values.errors, project.root);
  const file = options.into ? path.resolve(cwd, options.into) : environment.generatedFile;
  return { project, environment, cwd, file, shown: rel(project.root, file), used, envSchemas: envSchemasOf(schemas, env), lookup: values.lookup, sourceOf: values.sourceOf };
}
function base(p) {
  return { root: p.project.root, environment: p.environment.name, file: rel(p.cwd, p.file) };
}
function finish(p, generated, diagnostics) {
  const status = diagnostics.some((d) => COULD_NOT_RUN.has(d.code)) ? 2 : hasErrors(diagnostics) ? 1 : 0;
  const hint = generated.length ? `gh secret set --env ${p.environment.name} -f ${shellQuote(rel(p.cwd, p.file))}` : void 0;
  return { ...base(p), status, diagnostics: sortDiagnostics(diagnostics), generated, ...hint ? { hint } : {} };
}
function shellQuote(s) {
  return /^[A-Za-z0-9_./@:=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
export {
  generate,
  rotate
};
