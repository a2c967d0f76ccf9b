import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  buildEnvironment
} from "./kustenv-UXSODZ3Z.mjs";
import {
  INSTALL_KUBECTL,
  kubectl
} from "./kustenv-5CUPFPZS.mjs";
import {
  placeholderLook,
  withSecrets
} from "./kustenv-JO6DUE3B.mjs";
import {
  compareText,
  plural
} from "./kustenv-WBTMBI44.mjs";
import {
  isDns1123Label,
  isDns1123Subdomain,
  isSafeArgument
} from "./kustenv-NDEGRTDM.mjs";
import {
  GET_TIMEOUT_MS,
  error,
  sortDiagnostics,
  warning
} from "./kustenv-6KN4YI7Q.mjs";

// dist/commands/verify.js
import path from "node:path";

// dist/commands/verify-external-secrets.js
function verifyExternalSecrets(input) {
  const { at } = input;
  const wanted = [];
  for (const o of input.objects) {
    if (!o || typeof o !== "object" || o.kind !== "ExternalSecret" || !String(o.apiVersion ?? "").startsWith("external-secrets.io/"))
      continue;
    const meta = o.metadata ?? {};
    const spec = o.spec ?? {};
    if (!meta.name)
      continue;
    wanted.push({ name: meta.name, ...meta.namespace ? { namespace: meta.namespace } : {}, target: spec.target?.name ?? meta.name, keys: Object.keys(spec.target?.template?.data ?? {}) });
  }
  const findings = [];
  const get = (kind, name, namespace) => {
    if (!isDns1123Subdomain(name) || namespace !== void 0 && !isDns1123Label(namespace))
      return error("invalid-name", `the built overlay holds a ${kind} whose name or namespace is not a valid DNS-1123 name; kubectl was not run for it`, at);
    const args = ["get", kind, ...namespace ? ["--namespace", namespace] : [], "--output", "json", ...input.context !== void 0 ? ["--context", input.context] : [], ...input.kubectlArgs ?? [], "--", name];
    const ran = kubectl(args, input.cwd, GET_TIMEOUT_MS, input.env);
    if (ran.startError === "ETIMEDOUT")
      return error("kubectl-failed", `kubectl get ${kind} ${name} gave no answer within ${GET_TIMEOUT_MS / 1e3} s`, at);
    if (ran.startError)
      return error("kubectl-missing", `cannot run kubectl (${ran.startError}): ${INSTALL_KUBECTL}`, { env: at.env });
    if (ran.status !== 0) {
      if (/^Error from server \(NotFound\):/m.test(ran.stderr))
        return "missing";
      const last = input.redact(ran.stderr.trim()).split("\n").pop() ?? "";
      return error("kubectl-failed", `kubectl get ${kind} ${name} failed (exit ${ran.status ?? "killed"})${last ? `: ${last}` : ""}`, at);
    }
    try {
      const v = JSON.parse(ran.stdout);
      if (v && typeof v === "object" && !Array.isArray(v))
        return v;
    } catch {
    }
    return error("kubectl-failed", `kubectl get ${kind} ${name} did not print a JSON object`, at);
  };
  const label = (kind, w) => `${kind} ${w.namespace ? `${w.namespace}/` : ""}${w.name}`;
  const targets = /* @__PURE__ */ new Map();
  for (const w of wanted) {
    const es = label("ExternalSecret", w);
    const live = get("externalsecret", w.name, w.namespace);
    if (live === "missing")
      findings.push(error("live-externalsecret-missing", `${es} is not in the cluster`, at));
    else if ("code" in live && "severity" in live)
      return [...findings, live];
    else {
      const conditions = live.status?.conditions ?? [];
      const ready = Array.isArray(conditions) ? conditions.find((c) => c?.type === "Ready") : void 0;
      if (ready?.status !== "True")
        findings.push(error("live-externalsecret-not-ready", `${es} is not Ready${ready ? ` (Ready ${ready.status ?? "?"}, reason ${ready.reason ?? "none"})` : " (no Ready condition)"}`, at));
    }
    const key = `${w.namespace ?? ""}/${w.target}`;
    const t = targets.get(key) ?? { name: w.target, ...w.namespace ? { namespace: w.namespace } : {}, keys: /* @__PURE__ */ new Set() };
    w.keys.forEach((k) => t.keys.add(k));
    targets.set(key, t);
  }
  for (const t of targets.values()) {
    const secret = label("Secret", t);
    const live = get("secret", t.name, t.namespace);
    if (live === "missing") {
      findings.push(error("live-object-missing", `${secret} (created by ESO) is not in the cluster`, at));
      continue;
    }
    if ("code" in live && "severity" in live)
      return [...findings, live];
    const data = live.data && typeof live.data === "object" ? Object.keys(live.data) : [];
    for (const k of [...t.keys].sort())
      if (!data.includes(k))
        findings.push(error("live-key-missing", `${secret}: key ${k} is in the ESO template but not in the cluster`, at));
    for (const k of data.sort())
      if (!t.keys.has(k))
        findings.push(warning("live-key-extra", `${secret}: key ${k} is in the cluster but not in the ESO template`, at));
  }
  return findings;
}

// dist/commands/verify.js
var DAY_MS = 24 * 60 * 60 * 1e3;
function objectLabel(o) {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name}`;
}
async function verify(env, options = {}) {
  const base = { environment: env, ...options.context !== void 0 ? { context: options.context } : {} };
  const built = await buildEnvironment(env, options);
  if ("result" in built) {
    const r = built.result;
    return withSecrets({ status: r.status, ...r.root ? { root: r.root } : {}, diagnostics: r.diagnostics, ...base, objects: [], summary: summarize([]) }, r.secrets);
  }
  const { p, docs, overlay } = built;
  const { secrets } = p;
  const environment = p.environments[0].env;
  const finish = (status, diagnostics2, objects2 = []) => withSecrets({ status, root: p.root, diagnostics: sortDiagnostics(diagnostics2.map((d) => ({ ...d, message: secrets.mask(d.message) }))), ...base, objects: objects2, summary: summarize(objects2) }, secrets);
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const at = { file: overlay, env };
  const diagnostics = [...built.diagnostics];
  if (options.context !== void 0 && !isSafeArgument(options.context))
    return finish(2, [...diagnostics, error("bad-context", 'the --context name is empty, starts with "-" or holds control characters')]);
  const wanted = [];
  for (const doc of docs) {
    const obj = doc.toJS();
    if (!obj || typeof obj !== "object" || obj.apiVersion !== "v1" || obj.kind !== "Secret" && obj.kind !== "ConfigMap")
      continue;
    const meta = obj.metadata ?? {};
    if (typeof meta.name !== "string" || !meta.name)
      continue;
    const namespace = typeof meta.namespace === "string" && meta.namespace ? meta.namespace : void 0;
    if (!isDns1123Subdomain(meta.name) || namespace !== void 0 && !isDns1123Label(namespace)) {
      return finish(1, [...diagnostics, error("invalid-name", `the built overlay holds a ${obj.kind} whose name or namespace is not a valid DNS-1123 name; kubectl was not run`, at)]);
    }
    const values = expectedValues(obj.kind, obj);
    for (const v of values.values())
      secrets.addValues([v.toString("utf8")]);
    wanted.push({ kind: obj.kind, name: meta.name, ...namespace ? { namespace } : {}, values });
  }
  wanted.sort((a, b) => compareText(a.kind, b.kind) || compareText(a.namespace ?? "", b.namespace ?? "") || compareText(a.name, b.name));
  const findings = [];
  const objects = [];
  for (const [i, w] of wanted.entries()) {
    if (wanted.length >= 10)
      options.progress?.(`verifying ${i + 1} of ${wanted.length} objects`);
    const label = objectLabel(w);
    const namespace = w.namespace ?? options.namespace;
    const args = ["get", w.kind.toLowerCase(), ...namespace ? ["--namespace", namespace] : [], "--output", "json"];
    const context = options.context !== void 0 ? ["--context", options.context] : [];
    const ran = kubectl([...args, ...context, ...options.kubectlArgs ?? [], "--", w.name], cwd, GET_TIMEOUT_MS, options.env);
    const command = `kubectl ${[...args.slice(0, 2), w.name, ...args.slice(2), ...context].join(" ")}${options.kubectlArgs?.length ? ` (and ${plural(options.kubectlArgs.length, "more argument")})` : ""}`;
    if (ran.startError === "ETIMEDOUT")
      return finish(2, [...diagnostics, error("kubectl-failed", `${command} gave no answer within ${GET_TIMEOUT_MS / 1e3} s`, at)]);
    if (ran.startError)
      return finish(2, [...diagnostics, error("kubectl-missing", `cannot run kubectl (${ran.startError}): ${INSTALL_KUBECTL}`, { env })]);
    if (ran.status !== 0) {
      if (ran.status === 1 && /^Error from server \(NotFound\):/m.test(ran.stderr)) {
        objects.push({ kind: w.kind, name: w.name, ...w.namespace ? { namespace: w.namespace } : {}, found: false, keys: [] });
        findings.push(error("live-object-missing", `${label} is not in the cluster${contextNote(options.context)}`, at));
        continue;
      }
      const last = secrets.mask(ran.stderr.trim()).split("\n").pop() ?? "";
      return finish(2, [...diagnostics, error("kubectl-failed", `${command} failed (exit ${ran.status ?? "killed"})${last ? `: ${last}` : ""}`, at)]);
    }
    const live = parseLive(ran.stdout);
    if (!live)
      return finish(2, [...diagnostics, error("kubectl-failed", `${command} did not print a JSON object`, at)]);
    const liveValues = actualValues(w.kind, live);
    for (const v of liveValues.values())
      secrets.addValues([v.toString("utf8")]);
    const keys = [];
    for (const key of [.../* @__PURE__ */ new Set([...w.values.keys(), ...liveValues.keys()])].sort(compareText)) {
      const expected = w.values.get(key);
      const actual = liveValues.get(key);
      const state = !actual ? "missing" : !expected ? "extra" : expected.equals(actual) ? "in-sync" : "different";
      const look = environment.production && actual ? placeholderLook(actual.toString("utf8")) : null;
      keys.push({ key, state, ...look ? { placeholder: true } : {} });
      if (state === "missing")
        findings.push(error("live-key-missing", `${label}: key ${key} is in the build but not in the cluster`, at));
      if (state === "different")
        findings.push(error("live-key-different", `${label}: key ${key} differs between the build and the cluster`, at));
      if (state === "extra")
        findings.push(warning("live-key-extra", `${label}: key ${key} is in the cluster but not in the build`, at));
      if (look)
        findings.push(error("live-placeholder", `${label}: the cluster's value of key ${key} ${look}: refused in a production environment`, at));
    }
    const written = newestWrite(live);
    const ageDays = written === void 0 ? void 0 : Math.max(0, Math.floor((Date.now() - written) / DAY_MS));
    const old = ageDays === void 0 ? void 0 : ageDays > p.project.rotateAfterDays;
    if (old)
      findings.push(warning("live-old", `${label} was last written ${plural(ageDays, "day")} ago, more than rotateAfterDays (${p.project.rotateAfterDays})`, at));
    objects.push({ kind: w.kind, name: w.name, ...w.namespace ? { namespace: w.namespace } : {}, found: true, ...ageDays !== void 0 ? { ageDays, old } : {}, keys });
  }
  if (environment.output === "external-secrets")
    findings.push(...verifyExternalSecrets({ objects: docs.map((d) => d.toJS()), cwd, env: options.env, context: options.context, kubectlArgs: options.kubectlArgs, at, redact: (t) => secrets.mask(t) }));
  return finish(findings.some((d) => d.severity === "error") ? 1 : 0, [...diagnostics, ...findings], objects);
}
function expectedValues(kind, obj) {
  const out = /* @__PURE__ */ new Map();
  const [encoded, plain] = kind === "Secret" ? ["data", "stringData"] : ["binaryData", "data"];
  for (const [k, v] of entries(obj[encoded]))
    out.set(k, Buffer.from(v, "base64"));
  for (const [k, v] of entries(obj[plain]))
    out.set(k, Buffer.from(v, "utf8"));
  return out;
}
function actualValues(kind, obj) {
  const out = /* @__PURE__ */ new Map();
  if (kind === "Secret")
    for (const [k, v] of entries(obj.data))
      out.set(k, Buffer.from(v, "base64"));
  else {
    for (const [k, v] of entries(obj.data))
      out.set(k, Buffer.from(v, "utf8"));
    for (const [k, v] of entries(obj.binaryData))
      out.set(k, Buffer.from(v, "base64"));
  }
  return out;
}
function entries(section) {
  if (!section || typeof section !== "object" || Array.isArray(section))
    return [];
  return Object.entries(section).map(([k, v]) => [k, v === null || v === void 0 ? "" : String(v)]);
}
function parseLive(stdout) {
  try {
    const v = JSON.parse(stdout);
    return v && typeof v === "object" && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}
function newestWrite(live) {
  const meta = live.metadata ?? {};
  const times = (Array.isArray(meta.managedFields) ? meta.managedFields : []).map((f) => f && typeof f === "object" && typeof f.time === "string" ? Date.parse(f.time) : NaN).filter((t) => Number.isFinite(t));
  if (times.length)
    return Math.max(...times);
  const created = typeof meta.creationTimestamp === "string" ? Date.parse(meta.creationTimestamp) : NaN;
  return Number.isFinite(created) ? created : void 0;
}
function summarize(objects) {
  const keys = objects.flatMap((o) => o.keys);
  return {
    objects: objects.length,
    missingObjects: objects.filter((o) => !o.found).length,
    missingKeys: keys.filter((k) => k.state === "missing").length,
    different: keys.filter((k) => k.state === "different").length,
    extra: keys.filter((k) => k.state === "extra").length,
    placeholders: keys.filter((k) => k.placeholder).length,
    old: objects.filter((o) => o.old).length
  };
}
var contextNote = (context) => context !== void 0 ? ` (context ${context})` : "";

export {
  objectLabel,
  verify
};
