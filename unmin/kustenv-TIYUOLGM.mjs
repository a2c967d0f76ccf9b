import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  reviewMarkdown,
  reviewText
} from "./kustenv-GSOBVRAA.mjs";
import {
  objectLabel
} from "./kustenv-BVKPWOZZ.mjs";
import {
  appendText,
  plural,
  table
} from "./kustenv-WBTMBI44.mjs";

// dist/cli/github.js
import path from "node:path";
var escapeData = (s) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
var escapeProperty = (s) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
function maskCommands(values) {
  const lines = /* @__PURE__ */ new Set();
  for (const v of values)
    for (const line of v.split(/\r?\n/))
      if (line.trim())
        lines.add(line);
  return [...lines].map((l) => `::add-mask::${escapeData(l)}
`).join("");
}
function annotations(diagnostics, root, workspace) {
  return diagnostics.map((d) => {
    const props = [];
    if (d.file)
      props.push(`file=${escapeProperty(workspacePath(root, workspace, d.file))}`);
    if (d.line)
      props.push(`line=${d.line}`, `col=${d.col ?? 1}`);
    props.push(`title=${escapeProperty(`kustenv ${d.code}${d.env ? ` (${d.env})` : ""}`)}`);
    return `::${d.severity === "error" ? "error" : "warning"} ${props.join(",")}::${escapeData(d.message)}
`;
  }).join("");
}
function workspacePath(root, workspace, file) {
  return path.relative(workspace, path.resolve(root, file)).split(path.sep).join("/");
}
function stepSummary(command, result, diffs, workspace = result.root) {
  const out = [`## kustenv ${command}: ${result.status === 0 ? "passed" : "failed"}`, ""];
  const shown = (file) => workspacePath(result.root, workspace, file);
  const envs = result.environments;
  if (envs.length) {
    out.push("| environment | production | patch | result |", "|---|---|---|---|");
    for (const e of envs) {
      const what = command === "render" ? e.written ? "written" : result.status === 0 ? "unchanged" : "not written" : result.status !== 0 ? "not rendered" : e.changed ? "differs from disk" : "same as disk";
      out.push(`| ${e.name} | ${e.production ? "yes" : "no"} | \`${shown(e.output)}\` | ${what} |`);
    }
    const names = [...new Set(envs.flatMap((e) => e.variables.map((v) => v.name)))].sort();
    out.push("", `| variable | secret | ${envs.map((e) => e.name).join(" | ")} |`, `|---|---|${envs.map(() => "---|").join("")}`);
    for (const n of names) {
      const secret = envs.some((e) => e.variables.find((v) => v.name === n)?.secret);
      out.push(`| \`${n}\` | ${secret ? "yes" : "no"} | ${envs.map((e) => e.variables.find((v) => v.name === n)?.state ?? "").join(" | ")} |`);
    }
  }
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) {
    out.push("", "### Problems", "");
    for (const d of errors)
      out.push(`- ${d.file ? `\`${shown(d.file)}${d.line ? `:${d.line}:${d.col ?? 1}` : ""}\` ` : ""}${d.message}${d.env ? ` (${d.env})` : ""}`);
  }
  if (result.status === 0) {
    for (const d of diffs) {
      if (!d.unified)
        continue;
      out.push("", `<details><summary>Masked diff: ${d.name}</summary>`, "", "```diff", d.unified.trimEnd(), "```", "", "</details>");
    }
  }
  return `${out.join("\n")}

`;
}
function stepOutputs(outputs) {
  return Object.entries(outputs).map(([k, v]) => `${k}=${(Array.isArray(v) ? v.join(" ") : String(v)).replace(/[\r\n]+/g, " ")}
`).join("");
}
function writeRunnerFiles(env, summary, outputs) {
  const ended = summary ? summary.replace(/\n*$/, "\n\n") : "";
  for (const [name, text] of [["GITHUB_STEP_SUMMARY", ended], ["GITHUB_OUTPUT", outputs]]) {
    const file = env[name];
    if (!file || !text)
      continue;
    try {
      appendText(file, text);
    } catch (e) {
      const code = e.code ?? e.name;
      return `cannot write the file ${name} names (${file}): ${code}`;
    }
  }
  return void 0;
}
var REVIEW_MARKER = "<!-- kustenv-review -->";
function reviewOutputs(result, workspace) {
  const files = [...result.templates, ...result.schemas].map((t) => workspacePath(result.root ?? workspace, workspace, t.file));
  const union = (pick) => [...new Set(result.environments.flatMap(pick))].sort();
  return {
    changed: files.length > 0,
    files,
    "missing-secrets": union((e) => e.missingSecrets),
    "missing-config": union((e) => e.missingConfig),
    undeclared: union((e) => e.undeclared)
  };
}

// dist/cli/reporters/text.js
function visible(text) {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
function visibleLines(text) {
  return text.split("\n").map((line) => line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|\r(?!$)/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)).join("\n");
}
function run(out, command, result, dryRun) {
  if (out.verbose && result.stores?.length)
    reportStores(out, result.stores);
  if (result.status !== 0 && command === "render" && !dryRun && !result.environments.some((e) => e.written)) {
    out.stderr(`${out.paint("render failed", "red")}: nothing was written
`);
  }
  if (result.status !== 0)
    return;
  for (const env of result.environments) {
    if (dryRun) {
      out.stdout(`# ${env.changed ? "would write" : "unchanged"}: ${visible(env.output)}
${env.masked}`);
      continue;
    }
    if (out.quiet)
      continue;
    const what = command === "check" ? "ok" : env.written ? "wrote" : "unchanged";
    const secrets = env.variables.filter((v) => v.secret).length;
    out.stderr(`${out.paint(what, "green")} ${visible(env.output)} (${plural(env.documents, "document")}, ${env.variables.length} variables, ${secrets} secret)
`);
    if (!out.verbose)
      continue;
    for (const v of env.variables) {
      const from = !v.source ? "unset" : v.source.kind === "env" ? "process environment" : v.source.kind === "set" ? "--set" : `${v.source.kind} ${sourceName(v.source)}`;
      out.stderr(`  ${v.name}${v.secret ? " (secret)" : ""}: ${visible(from)}
`);
    }
  }
}
function reportStores(out, stores) {
  for (const s of stores)
    out.stderr(`store ${visible(s.source)}: ${plural(s.calls, `${visible(s.program)} call`)}, ${s.ms} ms; found: ${s.variables.join(", ") || "none"}
`);
  out.stderr(`stores: ${plural(stores.reduce((n, s) => n + s.calls, 0), "call")}, ${stores.reduce((n, s) => n + s.ms, 0)} ms in all
`);
}
function sourceName(source) {
  return source.kind === "set" ? "--set" : source.kind === "env" ? "env" : source.file ?? source.store ?? source.kind;
}
function diffSummary(d) {
  if (!d.changed)
    return `${visible(d.output)}: no changes`;
  return `${visible(d.output)}: ${d.added.length} added, ${d.removed.length} removed, ${d.modified.length} changed`;
}
function diff(out, result) {
  for (const d of result.diffs) {
    if (d.unified)
      out.stdout(colorDiff(d.unified.endsWith("\n") ? d.unified : `${d.unified}
`, out.paintStdout));
    if (!out.quiet)
      out.stdout(`${diffSummary(d)}
`);
  }
}
function colorDiff(unified, paint) {
  if (!paint)
    return unified;
  return unified.split("\n").map((line) => line.startsWith("---") || line.startsWith("+++") ? line : line.startsWith("-") ? paint(line, "red") : line.startsWith("+") ? paint(line, "green") : line).join("\n");
}
function showDiffs(out, diffs) {
  for (const d of diffs) {
    if (d.unified)
      out.stderr(d.unified.endsWith("\n") ? d.unified : `${d.unified}
`);
    out.stderr(`${diffSummary(d)}
`);
  }
}
function review(out, result) {
  if (result.status !== 2)
    out.stdout(visibleLines(reviewText(result)));
}
function build(out, _env, result) {
  if (result.output)
    out.stdout(result.output);
}
function apply(out, _env, result) {
  if (result.stdout)
    out.stdout(result.stdout);
  if (result.stderr)
    out.stderr(result.stderr);
}
function vars(out, result) {
  if (result.status !== 0)
    return;
  const envs = result.environments;
  const rows = result.variables.map((v) => [
    v.name,
    v.secret ? "yes" : "no",
    v.declared === null ? "-" : v.declared ? "yes" : "NO",
    ...envs.map((e) => {
      const x = e.variables.find((y) => y.name === v.name);
      return x?.source ? sourceName(x.source) : x?.state ?? "";
    }),
    `${v.usedAt[0].replace(/:\d+$/, "")}${v.usedAt.length > 1 ? ` (+${v.usedAt.length - 1})` : ""}`,
    v.description ?? ""
  ]);
  const head = ["VARIABLE", "SECRET", "DECLARED", ...envs.map((e) => e.name), "USED AT", "DESCRIPTION"];
  out.stdout(table(head.map(visible), rows.map((r) => r.map(visible))));
}
function generate(out, command, result) {
  if (result.status !== 0)
    return;
  if (!result.generated.length) {
    if (out.quiet)
      return;
    if (result.generatable && !result.generatable.length)
      out.stderr(`nothing to generate: no variable of ${result.environment} has an x-kustenv-generate rule in the variables schema
`);
    else
      out.stderr(`nothing to generate: every generatable variable of ${result.environment} has a value
`);
    return;
  }
  out.stdout(`${command === "generate" ? "generated" : "rotated"} ${result.generated.join(", ")} in ${visible(result.file ?? "")}
`);
  out.stdout(`for CI, store them as ${result.environment}'s secrets: ${result.hint}
`);
}
function init(out, result) {
  if (result.error)
    out.stderr(`kustenv: init failed: ${result.error}
`);
  for (const f of result.created)
    out.stderr(`${out.paint("created", "green")} ${visible(f)}
`);
  for (const f of result.updated)
    out.stderr(`${out.paint("updated", "green")} ${visible(f)}
`);
  const changed = result.created.length + result.updated.length > 0;
  if (!changed && result.status === 0)
    out.stderr("nothing to do: every file is already there\n");
  if (out.quiet || result.status !== 0)
    return;
  if (changed && result.kept.length)
    out.stderr(`kept ${visible(result.kept.join(", "))}
`);
  if (changed && result.next)
    out.stderr(`next: ${result.next}
`);
}
function verify(out, result) {
  if (!result.objects.length && result.status !== 0)
    return;
  const head = ["OBJECT", "KEY", "STATE", "AGE"];
  const rows = tableRows(result.objects).map((r) => [r.object, r.key, r.state, r.age].map(visible));
  out.stdout(table(head, rows));
  if (!out.quiet)
    out.stdout(`${summaryLine(result)}
`);
}
var STATE_TEXT = { "in-sync": "in sync", different: "DIFFERENT", missing: "MISSING", extra: "extra" };
function tableRows(objects) {
  const rows = [];
  for (const o of objects) {
    const object = objectLabel(o);
    const age = o.ageDays === void 0 ? "" : `${o.ageDays}${o.old ? " OLD" : ""}`;
    if (!o.found)
      rows.push({ object, key: "-", state: "MISSING", age: "" });
    else if (!o.keys.length)
      rows.push({ object, key: "-", state: "in sync", age });
    else
      o.keys.forEach((k, i) => rows.push({ object, key: k.key, state: `${STATE_TEXT[k.state]}${k.placeholder ? " PLACEHOLDER" : ""}`, age: i === 0 ? age : "" }));
  }
  return rows;
}
function verdict(result) {
  if (result.status === 0)
    return "in sync";
  return result.diagnostics.some((d) => d.severity === "error" && d.code.startsWith("live-")) ? "drift found" : "not verified";
}
function summaryLine(result) {
  const s = result.summary;
  const parts = [
    plural(s.objects, "object"),
    `${s.missingObjects} missing`,
    `${plural(s.missingKeys, "key")} missing`,
    `${s.different} different`,
    `${s.extra} extra`,
    plural(s.placeholders, "placeholder"),
    `${s.old} old`
  ];
  return `verify ${result.environment}${result.context !== void 0 ? ` (context ${result.context})` : ""}: ${parts.join(", ")}: ${verdict(result)}`;
}
var textReporter = { run, diff, review, build, apply, vars, generate, init, verify };

// dist/cli/reporters/markdown.js
var markdownReporter = {
  review(out, result) {
    if (result.status !== 2)
      out.stdout(maskedReviewMarkdown(result, REVIEW_MARKER));
  }
};
function maskedReviewMarkdown(result, marker = "") {
  const secrets = result.secrets;
  return visibleLines(reviewMarkdown(secrets ? maskedDeep(result, (t) => secrets.mask(t)) : result, marker));
}
function maskedDeep(value, mask) {
  if (typeof value === "string")
    return mask(value);
  if (Array.isArray(value))
    return value.map((v) => maskedDeep(v, mask));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskedDeep(v, mask)]));
  return value;
}
function verifySummary(result) {
  const lines = [`## kustenv verify ${result.environment}: ${verdict(result)}`, ""];
  if (result.context !== void 0)
    lines.push(`Context: \`${cell(result.context)}\``, "");
  if (result.objects.length) {
    lines.push("| object | key | state | age (days) |", "|---|---|---|---|");
    for (const r of tableRows(result.objects))
      lines.push(`| \`${cell(r.object)}\` | ${r.key === "-" ? "-" : `\`${cell(r.key)}\``} | ${r.state} | ${r.age} |`);
    lines.push("", summaryLine(result));
  }
  const problems = result.diagnostics.filter((d) => d.severity === "error" || d.code.startsWith("live-"));
  if (problems.length) {
    lines.push("", "### Problems", "");
    for (const d of problems)
      lines.push(`- ${d.severity === "error" ? "error" : "warning"}: ${d.message}${d.file ? ` (\`${d.file}\`)` : ""}`);
  }
  return `${lines.join("\n")}
`;
}
var cell = (s) => s.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");

export {
  maskCommands,
  annotations,
  workspacePath,
  stepSummary,
  stepOutputs,
  writeRunnerFiles,
  reviewOutputs,
  visible,
  visibleLines,
  showDiffs,
  textReporter,
  markdownReporter,
  maskedReviewMarkdown,
  verifySummary
};
