import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  check,
  withSecrets
} from "./kustenv-JO6DUE3B.mjs";
import {
  SecretSet,
  changesSince,
  commitId,
  gitRepo,
  isCommit,
  isShallow,
  mergeBase,
  readTemplates,
  selectEnvironments,
  showAt
} from "./kustenv-WBTMBI44.mjs";
import {
  parsePlaceholders,
  parseTemplates
} from "./kustenv-FN22K4O5.mjs";
import {
  parseSetArgs
} from "./kustenv-CZTMCNWL.mjs";
import {
  isSafeArgument,
  loadProject,
  rel,
  validateNames
} from "./kustenv-NDEGRTDM.mjs";
import {
  DEFAULTS,
  error,
  sortDiagnostics
} from "./kustenv-6KN4YI7Q.mjs";

// dist/commands/review.js
import fs from "node:fs";
import path from "node:path";

// dist/pipeline/template-variables.js
function templateVariables(file, text) {
  const { documents, diagnostics } = parseTemplates([{ file, text }]);
  const names = /* @__PURE__ */ new Set();
  if (diagnostics.some((d) => d.code.startsWith("yaml-")))
    parsePlaceholders(text).names.forEach((n) => names.add(n));
  else
    for (const doc of documents)
      for (const slot of doc.slots)
        slot.parsed.names.forEach((n) => names.add(n));
  return [...names].sort();
}

// dist/commands/review.js
var collator = new Intl.Collator("en", { numeric: true });
var naturalSort = (names) => [...names].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
var REQUIREMENT_KEYWORDS = ["type", "enum", "const", "format", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "default", "writeOnly", "x-kustenv-secret", "x-kustenv-generate"];
async function review(ref, options = {}) {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const fail = (status, diagnostics2, root) => ({ status, ref, ...root ? { root } : {}, diagnostics: sortDiagnostics(diagnostics2), templates: [], schemas: [], environments: [] });
  const sides = ref.includes("...") ? ref.split("...") : [ref, "HEAD"];
  if (sides.length !== 2)
    return fail(2, [error("bad-ref", "the --against ref takes REF or A...B")]);
  if (sides[1] === "")
    sides[1] = "HEAD";
  if (!sides.every(isSafeArgument))
    return fail(2, [error("bad-ref", 'the --against ref is empty, starts with "-" or holds control characters')]);
  const loaded = loadProject(cwd, options.config);
  if (!loaded.project)
    return fail(2, loaded.errors);
  const project = loaded.project;
  const selected = selectEnvironments(project, options.environments);
  if ("error" in selected)
    return fail(2, [selected.error]);
  const set = parseSetArgs(options.set ?? []);
  if (set.errors.length)
    return fail(2, set.errors);
  const repo = gitRepo(project.root, options.env);
  if (!repo)
    return fail(2, [error("not-in-git", "diff --against needs a git repository")]);
  const fetchHistory = "this is a shallow clone: fetch the history (actions/checkout with fetch-depth: 0, or git fetch --unshallow) so the merge base can be found";
  const shallow = isShallow(repo, options.env);
  for (const side of sides) {
    if (!isCommit(repo, side, options.env))
      return fail(2, [error(shallow ? "shallow-clone" : "bad-ref", shallow ? `"${side}" is not a commit here, and ${fetchHistory}` : `"${side}" is not a commit in this repository`)]);
  }
  const base = mergeBase(repo, commitId(repo, sides[0], options.env), commitId(repo, sides[1], options.env), options.env);
  if (!base)
    return fail(2, [error(shallow ? "shallow-clone" : "no-merge-base", shallow ? `no merge base with ${sides[0]} in the history fetched: ${fetchHistory}` : `${sides[0]} and ${sides[1]} have no common ancestor`)]);
  const { files, errors, invalid } = await readTemplates(project);
  if (errors.length)
    return fail(2, errors, project.root);
  const diagnostics = [...invalid];
  const current = new Map(files.map((f) => [path.relative(repo, path.join(project.root, f.file)), f]));
  const schemaFiles = schemaPaths(project).map((f) => path.relative(repo, f));
  const changes = pairRenames(changesSince(repo, base, [project.base, ...schemaPaths(project).map(path.dirname)], options.env), repo, base, options.env);
  const { createTwoFilesPatch } = await import("./kustenv-4R53DJCU.mjs");
  const shown = (file) => rel(project.root, path.join(repo, file));
  const readNow = (file) => fs.existsSync(path.join(repo, file)) ? fs.readFileSync(path.join(repo, file), "utf8") : void 0;
  const unified = (from, to, oldText, newText) => createTwoFilesPatch(from === void 0 ? "/dev/null" : shown(from), to === void 0 ? "/dev/null" : shown(to), oldText, newText, `merge base ${base.slice(0, 12)}`, "working tree", { context: 3 });
  const templates = [];
  const schemas = [];
  const atBase = /* @__PURE__ */ new Set();
  const changedNow = /* @__PURE__ */ new Set();
  for (let c of changes) {
    if (schemaFiles.includes(c.file) || c.from && schemaFiles.includes(c.from))
      continue;
    const now = c.status === "removed" ? void 0 : current.get(c.file);
    const wasTemplate = isTemplateName(c.from ?? c.file);
    if (!now && !(c.status !== "added" && wasTemplate))
      continue;
    if (!now && c.status === "renamed")
      c = { file: c.from, status: "removed" };
    const oldText = c.status === "added" ? void 0 : showAt(repo, base, c.from ?? c.file, options.env);
    const newText = now?.text;
    if (oldText === newText && c.status !== "renamed")
      continue;
    const file = shown(c.file);
    if (oldText !== void 0) {
      const broken = parseErrors(shown(c.from ?? c.file), oldText);
      if (broken)
        diagnostics.push(error("template-unparsed-at-base", `this template does not parse at the merge base (${broken}); its variables there are read from its text`, { file: shown(c.from ?? c.file) }));
    }
    const oldVars = templateVariables(file, oldText ?? "");
    oldVars.forEach((v) => atBase.add(v));
    const newVars = templateVariables(file, newText ?? "");
    if (now)
      changedNow.add(now.file);
    templates.push({
      file,
      status: oldText === void 0 ? "added" : newText === void 0 ? "removed" : c.status === "renamed" ? "renamed" : "modified",
      ...c.status === "renamed" && c.from ? { from: shown(c.from) } : {},
      diff: unified(oldText === void 0 ? void 0 : c.from ?? c.file, newText === void 0 ? void 0 : c.file, oldText ?? "", newText ?? ""),
      variablesAdded: naturalSort(newVars.filter((v) => !oldVars.includes(v))),
      variablesRemoved: naturalSort(oldVars.filter((v) => !newVars.includes(v)))
    });
  }
  const parsedNow = parseTemplates(files);
  diagnostics.push(...parsedNow.diagnostics.filter((d) => d.severity === "error" && d.code.startsWith("yaml-")), ...validateNames(parsedNow.documents));
  const usedNow = /* @__PURE__ */ new Set();
  for (const f of files) {
    const vars = templateVariables(f.file, f.text);
    vars.forEach((v) => usedNow.add(v));
    if (!changedNow.has(f.file))
      vars.forEach((v) => atBase.add(v));
  }
  const affected = new Set([...usedNow].filter((v) => !atBase.has(v)));
  for (const file of schemaFiles) {
    const oldText = showAt(repo, base, file, options.env);
    const newText = readNow(file);
    if (oldText === newText)
      continue;
    const requirements = requirementChanges(oldText, newText);
    requirements.forEach((r) => affected.add(r.variable));
    schemas.push({ file: shown(file), status: oldText === void 0 ? "added" : newText === void 0 ? "removed" : "modified", diff: unified(oldText === void 0 ? void 0 : file, newText === void 0 ? void 0 : file, oldText ?? "", newText ?? ""), requirements });
  }
  const checked = await check({ ...options, cwd, environments: selected.envs.map((e) => e.name), generate: false, review: false });
  if (checked.status === 2)
    return withSecrets(fail(2, [...diagnostics, ...checked.diagnostics], project.root), checked.secrets ?? new SecretSet());
  const secretNames = new Set(checked.variables.filter((v) => v.secret).map((v) => v.name));
  const environments = checked.environments.map((env) => {
    const missing = env.variables.filter((v) => v.state === "missing" && affected.has(v.name)).map((v) => v.name);
    const undeclared = checked.diagnostics.filter((d) => d.code === "undeclared-variable" && d.env === env.name && d.variable).map((d) => d.variable);
    return {
      name: env.name,
      missingSecrets: naturalSort(missing.filter((n) => secretNames.has(n))),
      missingConfig: naturalSort(missing.filter((n) => !secretNames.has(n))),
      missing: naturalSort(missing),
      undeclared: naturalSort(new Set(undeclared))
    };
  });
  const sorted = sortDiagnostics(diagnostics);
  return withSecrets({ status: sorted.some((d) => d.severity === "error") ? 1 : 0, root: project.root, ref, base, diagnostics: sorted, templates, schemas, environments }, checked.secrets ?? new SecretSet());
  function isTemplateName(file) {
    return /\.ya?ml$/.test(file) && !/(^|\/)kustomization\.ya?ml$/i.test(file) && path.join(repo, file).startsWith(project.base + path.sep);
  }
}
function schemaPaths(project) {
  const stemFile = project.schema ?? path.resolve(project.root, DEFAULTS.schema);
  const stem = stemFile.replace(/\.schema\.json$|\.json$/, "");
  return [stemFile, ...project.environments.map((e) => `${stem}.${e.name}.schema.json`)];
}
function pairRenames(changes, repo, base, env) {
  const removed = changes.filter((c) => c.status === "removed");
  const out = [];
  const used = /* @__PURE__ */ new Set();
  for (const c of changes) {
    if (c.status !== "added") {
      out.push(c);
      continue;
    }
    let text;
    try {
      text = fs.readFileSync(path.join(repo, c.file), "utf8");
    } catch {
      out.push(c);
      continue;
    }
    const match = removed.find((r) => !used.has(r.file) && showAt(repo, base, r.file, env) === text);
    if (match) {
      used.add(match.file);
      out.push({ file: c.file, status: "renamed", from: match.file });
    } else
      out.push(c);
  }
  return out.filter((c) => !(c.status === "removed" && used.has(c.file)));
}
function parseErrors(file, text) {
  const d = parseTemplates([{ file, text }]).diagnostics.find((x) => x.severity === "error" && x.code.startsWith("yaml-"));
  return d ? `${d.line ? `line ${d.line}: ` : ""}${d.code}` : void 0;
}
function parseSchema(text) {
  if (text === void 0)
    return void 0;
  try {
    const s = JSON.parse(text);
    return s && typeof s === "object" ? s : void 0;
  } catch {
    return void 0;
  }
}
function requirementChanges(oldText, newText) {
  const before = parseSchema(oldText) ?? {};
  const after = parseSchema(newText) ?? {};
  const props = (s) => s.properties && typeof s.properties === "object" ? s.properties : {};
  const req = (s) => new Set(Array.isArray(s.required) ? s.required.map(String) : []);
  const [pb, pa, rb, ra] = [props(before), props(after), req(before), req(after)];
  const out = [];
  const show = (v) => v === void 0 ? "none" : JSON.stringify(v);
  for (const name of naturalSort(/* @__PURE__ */ new Set([...Object.keys(pb), ...Object.keys(pa), ...rb, ...ra]))) {
    const was = pb[name];
    const is = pa[name];
    if (!was && is)
      out.push({ variable: name, change: "new" });
    if (was && !is)
      out.push({ variable: name, change: "removed" });
    if (!rb.has(name) && ra.has(name))
      out.push({ variable: name, change: "now required" });
    if (rb.has(name) && !ra.has(name))
      out.push({ variable: name, change: "no longer required" });
    if (was && is && typeof was === "object" && typeof is === "object") {
      for (const k of REQUIREMENT_KEYWORDS) {
        if (JSON.stringify(was[k]) !== JSON.stringify(is[k]))
          out.push({ variable: name, change: `${k}: ${show(was[k])} \u2192 ${show(is[k])}` });
      }
    }
  }
  return out;
}
var MARKDOWN_LIMIT = 65536;
function cell(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "&#124;").replace(/`/g, "&#96;").replace(/\r?\n|\r/g, " ");
}
var code = (text) => `<code>${cell(text)}</code>`;
var codes = (names) => names.length ? names.map(code).join(", ") : "\u2014";
function fenced(lang, text) {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}
${text}
${fence}`;
}
function reviewMarkdown(result, marker = "") {
  const head = [];
  if (marker)
    head.push(marker);
  head.push(`### kustenv: changes since the merge base with ${code(result.ref)}${result.base ? ` (${code(result.base.slice(0, 12))})` : ""}`, "");
  if (result.diagnostics.length) {
    head.push("**Problems**", "");
    for (const d of result.diagnostics)
      head.push(`- ${d.file ? `${code(`${d.file}${d.line ? `:${d.line}:${d.col ?? 1}` : ""}`)} ` : ""}${cell(d.message)}`);
    head.push("");
  }
  if (!result.templates.length)
    head.push("No template changed.");
  else {
    head.push("| template | change | variables added | variables removed |", "|---|---|---|---|");
    for (const t of result.templates)
      head.push(`| ${code(t.file)} | ${t.from ? `renamed from ${code(t.from)}` : t.status} | ${codes(t.variablesAdded)} | ${codes(t.variablesRemoved)} |`);
  }
  if (result.schemas.length) {
    head.push("", "| variables schema | variable | now |", "|---|---|---|");
    for (const s of result.schemas) {
      if (!s.requirements.length)
        head.push(`| ${code(s.file)} | \u2014 | ${s.status} |`);
      for (const r of s.requirements)
        head.push(`| ${code(s.file)} | ${code(r.variable)} | ${cell(r.change)} |`);
    }
  }
  head.push("", "| environment | new CI secrets to add | configuration without a value | undeclared |", "|---|---|---|---|");
  for (const e of result.environments)
    head.push(`| ${cell(e.name)} | ${codes(e.missingSecrets)} | ${codes(e.missingConfig)} | ${codes(e.undeclared)} |`);
  const foot = ["", "_Templates and schemas hold no values; no value is shown here. Variables with a default are not listed as missing._", ""];
  const cutNote = (what) => `_${what} cut to stay under GitHub's ${MARKDOWN_LIMIT}-character comment limit: run \`kustenv diff --against ${cell(result.ref)}\` for all of it._`;
  const budget = MARKDOWN_LIMIT - 1e3;
  let text = head.join("\n");
  if (text.length > budget) {
    text = `${text.slice(0, text.lastIndexOf("\n", budget))}

${cutNote("The tables were")}`;
    return `${text}
${foot.join("\n")}`;
  }
  const blocks = [...result.templates.map((t) => ({ name: t.file, diff: t.diff })), ...result.schemas.map((s) => ({ name: s.file, diff: s.diff }))];
  for (const [i, b] of blocks.entries()) {
    const open = `

<details><summary>${code(b.name)}</summary>

`;
    const close = "\n\n</details>";
    const whole = open + fenced("diff", b.diff.trimEnd()) + close;
    if (text.length + whole.length <= budget) {
      text += whole;
      continue;
    }
    const room = budget - text.length - open.length - close.length - 400;
    if (room > 200) {
      const kept = b.diff.slice(0, b.diff.lastIndexOf("\n", room));
      text += `${open}${fenced("diff", kept)}

${cutNote("This diff was")}${close}`;
    }
    const rest = blocks.length - i - (room > 200 ? 1 : 0);
    if (rest > 0)
      text += `

${cutNote(`${rest} more diff${rest === 1 ? "" : "s"} left out:`).replace(": run", ", run")}`;
    break;
  }
  return `${text}
${foot.join("\n")}`;
}
function reviewText(result) {
  const lines = [`Changes since the merge base with ${result.ref}${result.base ? ` (${result.base.slice(0, 12)})` : ""}:`];
  if (!result.templates.length)
    lines.push("No template changed.");
  for (const t of result.templates) {
    lines.push(`${t.file} (${t.from ? `renamed from ${t.from}` : t.status}): variables added: ${t.variablesAdded.join(", ") || "none"}; removed: ${t.variablesRemoved.join(", ") || "none"}`);
    lines.push(t.diff.trimEnd());
  }
  for (const s of result.schemas) {
    lines.push(`${s.file} (${s.status}):${s.requirements.length ? "" : " no variable requirement changed"}`);
    for (const r of s.requirements)
      lines.push(`  ${r.variable}: ${r.change}`);
    lines.push(s.diff.trimEnd());
  }
  for (const e of result.environments) {
    const parts = [];
    if (e.missingSecrets.length)
      parts.push(`new CI secrets to add: ${e.missingSecrets.join(", ")}`);
    if (e.missingConfig.length)
      parts.push(`configuration without a value: ${e.missingConfig.join(", ")}`);
    if (e.undeclared.length)
      parts.push(`undeclared: ${e.undeclared.join(", ")}`);
    lines.push(`${e.name}: ${parts.length ? parts.join("; ") : "has every new variable"}`);
  }
  return `${lines.join("\n")}
`;
}

export {
  naturalSort,
  review,
  requirementChanges,
  MARKDOWN_LIMIT,
  cell,
  reviewMarkdown,
  reviewText
};
