import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  breather,
  checkedEsoWrites,
  envSchemasOf,
  findGitTop,
  gitStatus,
  isUnchanged,
  prepare,
  propertySchemas,
  trackedFilesStartingWith,
  unsafeOutputReason,
  validateVariables,
  writeAllAtomically
} from "./kustenv-WBTMBI44.mjs";
import {
  MASK
} from "./kustenv-SHHDKO2O.mjs";
import {
  HEADER_MARKER,
  assemblePatch,
  docKeyOf,
  emitPatchPart,
  joinPatch
} from "./kustenv-GL5OAKO2.mjs";
import {
  Slot,
  TreeMap,
  expandPlaceholders,
  formatPath,
  isBuiltInKind,
  mergeKeyAt,
  validateObjects
} from "./kustenv-FN22K4O5.mjs";
import {
  ageInDays,
  generateRuleOf
} from "./kustenv-CZTMCNWL.mjs";
import {
  rel
} from "./kustenv-NDEGRTDM.mjs";
import {
  MIN_SECRET_BITS,
  error,
  hasErrors,
  sortDiagnostics,
  warning
} from "./kustenv-6KN4YI7Q.mjs";

// dist/commands/render.js
import fs from "node:fs";
import path from "node:path";

// dist/pipeline/render-document.js
function renderDocument(doc, ctx) {
  if (!doc.plan)
    return { rendered: null, diagnostics: [], dummied: [], lone: [] };
  const diagnostics = [];
  const dummied = /* @__PURE__ */ new Set();
  const values = /* @__PURE__ */ new Map();
  const lone = [];
  for (const slot of doc.slots) {
    if (values.has(slot))
      continue;
    const r = expandPlaceholders(slot.parsed.segments, ctx.lookup, { dummy: ctx.dummy });
    for (const e of r.errors) {
      const at = { ...slot.locate(e.offset), variable: e.name, env: ctx.env };
      const message = e.code === "unset" ? `${e.name} is not set` : e.message ? `${e.name} is required: ${e.message}` : `${e.name} is required and is not set (or is empty)`;
      diagnostics.push(error(e.code === "unset" ? "unset-variable" : "required-variable", message, at));
    }
    for (const name of r.dummied) {
      if (!dummied.has(name)) {
        dummied.add(name);
        diagnostics.push(warning("dummy-value", `${name} is not set; using dummy-${name.toLowerCase()} (missing: dummy)`, { ...slot.loc, variable: name, env: ctx.env }));
      }
    }
    if (KUSTOMIZE_UNSAFE.test(r.value)) {
      diagnostics.push(warning("kustomize-unsafe-value", `the value here holds control or line-separator characters that kustomize does not pass on exactly (${r.used.join(", ")})`, {
        ...slot.loc,
        env: ctx.env
      }));
    }
    values.set(slot, { text: r.value, secret: slot.parsed.names.some((n) => ctx.secretVars.has(n)) });
    const segs = slot.parsed.segments;
    if (segs.length === 1 && segs[0].type === "var" && isValueOf(segs[0].op) && !r.errors.length && !r.dummied.length)
      lone.push({ name: segs[0].name, value: r.value, loc: slot.loc });
  }
  if (diagnostics.some((d) => d.severity === "error"))
    return { rendered: null, diagnostics, dummied: [...dummied], lone };
  const stringsOnly = doc.identity.kind === "Secret" || doc.identity.kind === "ConfigMap";
  const builtIn = isBuiltInKind(doc.identity.apiVersion);
  const secretPaths = [];
  const secretValues = [];
  const path2 = [];
  const leaf = (slot, mode) => {
    const v = values.get(slot);
    const secretField = doc.identity.kind === "Secret" && path2.length === 2 && (path2[0] === "data" || path2[0] === "stringData");
    if (v.secret || secretField) {
      if (mode === "patch") {
        secretPaths.push(formatPath(path2));
        secretValues.push(v.text);
      } else if (mode === "masked")
        return MASK;
    }
    if (secretField && path2[0] === "data")
      return Buffer.from(v.text, "utf8").toString("base64");
    const segs = slot.parsed.segments;
    if (!stringsOnly && slot.plain && segs.length === 1 && segs[0].type === "var")
      return coreType(v.text);
    return v.text;
  };
  const whole = (node, mode) => {
    if (node instanceof Slot)
      return leaf(node, mode);
    if (node instanceof TreeMap) {
      const out = {};
      for (const [key, value] of node.entries) {
        path2.push(key);
        setKey(out, key, whole(value, mode));
        path2.pop();
      }
      return out;
    }
    if (Array.isArray(node)) {
      const items = [];
      for (let i = 0; i < node.length; i++) {
        path2.push(i);
        items.push(whole(node[i], mode));
        path2.pop();
      }
      if (mode !== "object" && builtIn && mergeKeyAt(doc.identity.kind, path2) !== null && items.every(isPlainObject)) {
        items.push({ $patch: "replace" });
      }
      return items;
    }
    return node;
  };
  const build = (plan2, mode) => {
    if (plan2.type === "slot")
      return leaf(plan2.slot, mode);
    if (plan2.type === "whole")
      return whole(plan2.node, mode);
    if (plan2.type === "keyed") {
      const out2 = [];
      for (const item of plan2.items) {
        if (item.keySlot) {
          const del = {};
          for (const [k, v] of item.key)
            setKey(del, k, v);
          del.$patch = "delete";
          out2.push(del);
          path2.push(out2.length);
          out2.push(whole(item.node, mode));
          path2.pop();
          continue;
        }
        const named = {};
        for (const [k, v] of item.key)
          setKey(named, k, v);
        path2.push(out2.length);
        const body = build(item.plan, mode);
        path2.pop();
        for (const [k, v] of Object.entries(body))
          setKey(named, k, v);
        out2.push(named);
      }
      return out2;
    }
    const out = {};
    for (const [key, sub] of plan2.entries) {
      path2.push(key);
      setKey(out, key, build(sub, mode));
      path2.pop();
    }
    return out;
  };
  const withIdentity = (body) => {
    const { apiVersion, kind, name, namespace } = doc.identity;
    const { apiVersion: _a, kind: _k, metadata, ...rest } = body;
    const meta = { name };
    if (namespace !== void 0)
      meta.namespace = namespace;
    for (const [k, v] of Object.entries(metadata ?? {}))
      setKey(meta, k, v);
    const out = { apiVersion, kind, metadata: meta };
    for (const [k, v] of Object.entries(rest))
      setKey(out, k, v);
    return out;
  };
  const plan = doc.plan;
  const patch = withIdentity(build(plan, "patch"));
  let masked;
  const rendered = { doc, patch, secretPaths, secretValues };
  Object.defineProperty(rendered, "masked", { get: () => masked ??= withIdentity(build(plan, "masked")), enumerable: true });
  if (stringsOnly)
    rendered.full = whole(doc.tree, "object");
  return { rendered, diagnostics, dummied: [...dummied], lone };
}
function isValueOf(op) {
  return op === "" || op === "-" || op === "=" || op === "?" || op === "+";
}
var KUSTOMIZE_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;
var isPlainObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function setKey(obj, key, value) {
  if (key === "__proto__")
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else
    obj[key] = value;
}
function coreType(text) {
  if (text === "")
    return "";
  if (/^(?:~|null|Null|NULL)$/.test(text))
    return null;
  if (/^(?:true|True|TRUE)$/.test(text))
    return true;
  if (/^(?:false|False|FALSE)$/.test(text))
    return false;
  if (/^[-+]?[0-9]+$/.test(text))
    return toInt(BigInt(text));
  if (/^0o[0-7]+$/.test(text))
    return toInt(BigInt(text));
  if (/^0x[0-9a-fA-F]+$/.test(text))
    return toInt(BigInt(text));
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text))
    return Number(text);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(text))
    return text.startsWith("-") ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(text))
    return NaN;
  return text;
}
function toInt(n) {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

// dist/pipeline/production-rules.js
var PLACEHOLDER_WORDS = /* @__PURE__ */ new Set(["dummy", "changeme", "change-me", "todo", "xxx", "example", "placeholder", "password", "secret"]);
function placeholderLook(value) {
  const v = value.toLowerCase();
  if (value === "")
    return "is empty";
  if (PLACEHOLDER_WORDS.has(v))
    return "looks like a placeholder (a word such as changeme or example)";
  if (v.startsWith("dummy-") || v.startsWith("example-"))
    return "looks like a placeholder (starts with dummy- or example-)";
  if (/^<[\s\S]*>$/.test(value))
    return "looks like a placeholder (<...>)";
  if (/^\$\{[\s\S]*\}$/.test(value))
    return "looks like a placeholder (${...})";
  return null;
}
function strengthBits(value) {
  let pool = 0;
  if (/[a-z]/.test(value))
    pool += 26;
  if (/[A-Z]/.test(value))
    pool += 26;
  if (/[0-9]/.test(value))
    pool += 10;
  if (/[^a-zA-Z0-9]/.test(value))
    pool += 33;
  return pool ? [...value].length * Math.log2(pool) : 0;
}
var CREDENTIAL_WORDS = /* @__PURE__ */ new Set(["PASSWORD", "PASSWD", "PASS", "PWD", "SECRET", "TOKEN", "KEY", "APIKEY", "CREDENTIAL", "CREDENTIALS", "SALT", "PEPPER"]);
function isCredentialName(name) {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").split("_").filter(Boolean);
  return CREDENTIAL_WORDS.has((words[words.length - 1] ?? "").toUpperCase());
}
function checkProductionRules(input) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const report = input.production ? error : warning;
  const where = input.production ? "a production environment" : "production";
  for (const { name, value, loc } of input.values) {
    const look = placeholderLook(value);
    if (look && !seen.has(`p:${name}`)) {
      seen.add(`p:${name}`);
      const code = value === "" ? "empty-value" : "placeholder-value";
      out.push(report(code, `${name} ${look}: ${input.production ? "refused in" : "would be refused in"} ${where}`, { ...loc, variable: name, env: input.env }));
    }
    if (!look && input.credentials.has(name) && !input.ownRules.has(name) && !seen.has(`w:${name}`)) {
      if (strengthBits(value) < MIN_SECRET_BITS) {
        seen.add(`w:${name}`);
        out.push(report("weak-secret", `${name} is a weak credential: its estimated strength is under ${MIN_SECRET_BITS} bits, ${input.production ? "refused in" : "which would be refused in"} ${where} (or give it a schema minLength, pattern or format, which then rules alone)`, {
          ...loc,
          variable: name,
          env: input.env
        }));
      }
    }
  }
  return out;
}

// dist/commands/render.js
async function check(options = {}) {
  return run(options, { patches: false, generated: true, gitChecks: false });
}
async function render(options = {}) {
  return options.dryRun ? run(options, { patches: false, generated: false, gitChecks: true }) : run(options, { patches: true, generated: true, gitChecks: true });
}
function withSecrets(result, secrets) {
  return Object.defineProperty(result, "secrets", { value: secrets, enumerable: false });
}
function preparationFailed(f) {
  return withSecrets({ status: f.status, root: f.root, diagnostics: f.diagnostics, variables: [], environments: [], ...f.stores ? { stores: f.stores } : {} }, f.secrets);
}
async function run(options, writes) {
  const p = await prepare(options);
  if ("failed" in p)
    return preparationFailed(p.failed);
  const rendered = await renderPrepared(p, options);
  return finishRun(p, rendered, options, writes);
}
async function renderPrepared(p, options) {
  const { project, root, uses, secrets } = p;
  const diagnostics = [...p.diagnostics];
  const fallback = p.documents.find((d) => d.identity.kind && d.identity.name)?.identity ?? {};
  const results = [];
  const pause = breather();
  const seen = /* @__PURE__ */ new WeakSet();
  for (const { env, lookup, sourceOf, secretVars, eso } of p.environments) {
    if (p.documents.length >= 200)
      options.progress?.(`rendering ${env.name}: ${p.documents.length} documents`);
    const at = { env: env.name, file: project.configFile ? rel(root, project.configFile) : void 0 };
    if (env.missing === "dummy" && env.production) {
      diagnostics.push(error("dummy-in-production", "missing: dummy is refused in a production environment", at));
      continue;
    }
    const ctx = { env: env.name, lookup, dummy: env.missing === "dummy", secretVars };
    const renders = (doc) => !doc.slots.some((s) => s.parsed.errors.length) && !eso?.skip.has(doc);
    const parts = [];
    const objectDiagnostics = [];
    const checked = [];
    const checkedValues = /* @__PURE__ */ new Map();
    const check2 = (c) => {
      let values = checkedValues.get(c.name);
      if (!values)
        checkedValues.set(c.name, values = /* @__PURE__ */ new Set());
      if (values.has(c.value))
        return;
      values.add(c.value);
      checked.push(c);
    };
    for (const doc of p.documents) {
      await pause();
      if (!renders(doc))
        continue;
      const r = renderDocument(doc, ctx);
      diagnostics.push(...r.diagnostics);
      r.lone.forEach(check2);
      if (r.rendered) {
        collectSecrets(r.rendered, secrets, seen);
        if (r.rendered.full)
          objectDiagnostics.push(...validateObjects([{ obj: r.rendered.full, at: { file: doc.file, line: doc.line, col: 1 } }], env.name));
        parts.push(flat(emitPatchPart(r.rendered, false)));
      }
    }
    diagnostics.push(...objectDiagnostics);
    const setValues = {};
    for (const [name, places] of uses) {
      const value = lookup(name);
      if (value === void 0)
        continue;
      setValues[name] = value;
      check2({ name, value, loc: { file: places[0].file, line: places[0].line, col: places[0].col } });
    }
    const envSchemas = envSchemasOf(p.schemas, env.name);
    for (const name of uses.keys()) {
      const source = sourceOf(name);
      const age = source?.kind === "generated" && source.date ? ageInDays(source.date, /* @__PURE__ */ new Date()) : 0;
      if (age > project.rotateAfterDays) {
        diagnostics.push(warning("generated-old", `${name} was generated ${age} days ago (rotateAfterDays: ${project.rotateAfterDays}); run: kustenv rotate ${env.name} ${name}`, { file: source.file, variable: name, env: env.name }));
      }
    }
    const reportedUnset = /* @__PURE__ */ new Set([...diagnostics.filter((d) => d.env === env.name && d.code.endsWith("-variable") && d.variable).map((d) => d.variable), ...eso?.secretVariables ?? []]);
    diagnostics.push(...validateVariables({ env: env.name, values: setValues, uses, schemas: envSchemas, reportedUnset }));
    const ownRules = new Set([...uses.keys()].filter((n) => propertySchemas(envSchemas, n).some((s) => "minLength" in s || "pattern" in s || "format" in s)));
    const credentials = new Set([...uses.keys()].filter((n) => isCredentialName(n) || generateRuleOf(envSchemas, n)));
    diagnostics.push(...checkProductionRules({ env: env.name, production: env.production, values: checked, credentials, ownRules }));
    const outputPath = path.join(env.overlayDir, project.output);
    const info = { env: env.name, templates: p.templateNames, fallback: eso?.fallback ?? fallback };
    const content = joinPatch(parts, info);
    const result = {
      name: env.name,
      production: env.production,
      output: rel(root, outputPath),
      documents: parts.length,
      changed: !isUnchanged(outputPath, content),
      written: false,
      variables: [...uses.keys()].sort().map((name) => {
        const source = sourceOf(name) ?? (eso?.secretVariables.has(name) ? { kind: "store", store: "external-secrets (read by ESO in the cluster)" } : void 0);
        const state = source ? "set" : uses.get(name).some((u) => u.required) ? "missing" : "default";
        return { name, secret: secretVars.has(name), state, ...source ? { source } : {} };
      })
    };
    Object.defineProperty(result, "content", { value: content, enumerable: false });
    let masked;
    const maskedPatch = () => {
      const again = p.documents.filter(renders).flatMap((doc) => renderDocument(doc, ctx).rendered ?? []);
      return secrets.mask(assemblePatch(again, info, true));
    };
    Object.defineProperty(result, "masked", { get: () => masked ??= maskedPatch(), enumerable: false });
    results.push(result);
  }
  if (options.review) {
    for (const r of results)
      Object.defineProperty(r, "review", { value: await reviewDiff(path.join(root, r.output), r.output, r.content, secrets), enumerable: false });
  }
  return { status: hasErrors(diagnostics) ? 1 : 0, environments: results, diagnostics };
}
function finishRun(p, rendered, options, writes) {
  const { project, root, secrets } = p;
  const results = rendered.environments;
  const diagnostics = [...rendered.diagnostics];
  const finish = (status) => withSecrets({ status, root, diagnostics: sortDiagnostics(diagnostics.map((d) => ({ ...d, message: secrets.mask(d.message) }))), variables: p.variables, environments: results, stores: p.stores }, secrets);
  const outputs = new Set(results.map((r) => r.output));
  for (const file of trackedFilesStartingWith(root, HEADER_MARKER, options.env)) {
    if (writes.gitChecks && outputs.has(file))
      continue;
    diagnostics.push(error("patch-tracked", `${file} is a rendered patch and git tracks it: its secrets are in the history; run: git rm --cached ${file} (then rotate those secrets)`, { file }));
  }
  if (writes.gitChecks && !hasErrors(diagnostics)) {
    const checked = checkOutputs(project, results, options.allowUnignored ?? false, options.env);
    diagnostics.push(...checked.diagnostics);
    if (checked.cannotRun)
      return finish(2);
  }
  if (hasErrors(diagnostics))
    return finish(1);
  const generatedWrites = writes.generated ? p.environments.flatMap((e) => e.generated ? [e.generated] : []) : [];
  const patches = writes.patches ? results.filter((r) => r.changed).map((r) => ({ file: path.join(root, r.output), within: path.dirname(path.join(root, r.output)), content: r.content })) : [];
  const eso = writes.patches ? checkedEsoWrites(p.environments.flatMap((e) => e.eso?.writes ?? []), secrets) : { writes: [], errors: [] };
  if (eso.errors.length)
    return diagnostics.push(...eso.errors), finish(1);
  if (patches.length || generatedWrites.length || eso.writes.length) {
    try {
      writeAllAtomically([...generatedWrites, ...patches, ...eso.writes]);
    } catch (e) {
      const err = e;
      const file = err.path ? rel(root, err.path) : void 0;
      const replaced = (e.replaced ?? []).map((f) => rel(root, f));
      const outcome = replaced.length ? `only ${replaced.join(", ")} was replaced` : "nothing was changed";
      diagnostics.push(error("write-failed", `cannot write outputs: ${err.code ?? "error"}; ${outcome}`, { file }));
      return finish(2);
    }
    for (const r of results)
      r.written = writes.patches && r.changed;
    for (const g of generatedWrites) {
      const file = rel(root, g.file);
      diagnostics.push(warning("generated-values", `generated ${g.names.join(", ")} into ${file} (missing: generate); keep that file, or store it: gh secret set --env ${g.env} -f ${rel(p.cwd, g.file)}`, { env: g.env }));
    }
  }
  return finish(0);
}
function collectSecrets(r, secrets, seen) {
  const isSecretKind = r.doc.identity.kind === "Secret";
  if (!isSecretKind && !r.secretPaths.length)
    return;
  for (const v of r.secretValues)
    secrets.addValue(v);
  const firstTime = !seen.has(r.doc);
  seen.add(r.doc);
  const key = docKeyOf(r.doc.identity);
  if (firstTime)
    for (const path2 of r.secretPaths)
      secrets.addPath(`${key} ${path2}`);
  if (!isSecretKind || !r.full)
    return;
  for (const field of ["data", "stringData"]) {
    const map = r.full[field];
    if (!map || typeof map !== "object" || Array.isArray(map))
      continue;
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== "string")
        continue;
      secrets.addValue(field === "data" ? Buffer.from(v, "base64").toString("utf8") : v);
      if (firstTime)
        secrets.addPath(`${key} ${formatPath([field, k])}`);
    }
  }
}
async function reviewDiff(file, output, content, secrets) {
  const [{ diffPatch }, { readOwnPatch }] = await Promise.all([import("./kustenv-DQPZ5DUR.mjs"), import("./kustenv-UXWZ4OUS.mjs")]);
  return diffPatch({ output, old: readOwnPatch(file), newText: content, secrets, showValues: false }).unified;
}
function checkOutputs(project, results, allowUnignored, env) {
  const diagnostics = [];
  const files = results.map((r) => path.join(project.root, r.output));
  const top = findGitTop(project.root);
  results.forEach((r, i) => {
    const reason = unsafeOutputReason(files[i], path.dirname(files[i])) ?? (top ? outsideReason(path.dirname(files[i]), top) : null);
    if (reason)
      diagnostics.push(error("unsafe-output", `refusing to write ${r.output}: ${reason}`, { file: r.output, env: r.name }));
  });
  if (diagnostics.length)
    return { diagnostics, cannotRun: false };
  const status = gitStatus(files, env);
  const failure = [...status.values()].find((s) => s.failure)?.failure;
  if (failure) {
    return { diagnostics: [error("git-failed", `refusing to write: this folder is in a git work tree, but git could not say whether the patches are ignored: ${failure}`)], cannotRun: true };
  }
  if (allowUnignored)
    return { diagnostics, cannotRun: false };
  let warnedOutside = false;
  results.forEach((r, i) => {
    const s = status.get(files[i]);
    if (!s.repo) {
      if (!warnedOutside)
        diagnostics.push(warning("not-in-git", "not inside a git repository: writing the patches without the git ignore check"));
      warnedOutside = true;
    } else if (s.tracked) {
      diagnostics.push(error("output-tracked", `refusing to write ${r.output}: git tracks it, so its secrets would be committed; run: git rm --cached ${rel(s.repo, files[i])}`, { file: r.output, env: r.name }));
    } else if (!s.ignored) {
      diagnostics.push(error("output-not-ignored", `refusing to write ${r.output}: git does not ignore it; add these lines to .gitignore: ${project.output} and *.kustenv-tmp (or pass --allow-unignored)`, { file: r.output, env: r.name }));
    }
  });
  return { diagnostics, cannotRun: false };
}
function outsideReason(dir, top) {
  try {
    const real = fs.realpathSync(dir);
    const repo = fs.realpathSync(top);
    return real === repo || real.startsWith(repo + path.sep) ? null : "its overlay folder resolves outside the repository";
  } catch {
    return "its overlay folder does not exist";
  }
}
function flat(text) {
  FLATTEN.test(text);
  return text;
}
var FLATTEN = /^$/;

export {
  placeholderLook,
  check,
  render,
  withSecrets,
  preparationFailed,
  renderPrepared,
  finishRun
};
