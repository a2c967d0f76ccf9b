import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  readRegularFile
} from "./kustenv-UHYCXRPZ.mjs";
import {
  rel
} from "./kustenv-NDEGRTDM.mjs";
import {
  MAX_ENV_FILE_BYTES,
  MAX_GENERATE_SIZE,
  error,
  warning
} from "./kustenv-6KN4YI7Q.mjs";

// dist/io/load-values.js
import path from "node:path";

// dist/pipeline/generate-values.js
import { randomBytes as cryptoRandomBytes } from "node:crypto";

// dist/pipeline/parse-env-file.js
var NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
var DOUBLE_ESCAPES = /* @__PURE__ */ new Map([["n", "\n"], ["r", "\r"], ["t", "	"], ['"', '"'], ["\\", "\\"], ["$", "$"]]);
var isBlank = (c) => c === " " || c === "	";
var isVariableName = (name) => NAME.test(name) && name !== "_";
function parseEnvFile(text, file) {
  const entries = [];
  const diagnostics = [];
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1))
    lineStarts.push(i + 1);
  const lineEnd = (n2) => {
    if (n2 + 1 >= lineStarts.length)
      return text.length;
    const nl = lineStarts[n2 + 1] - 1;
    return nl > lineStarts[n2] && text[nl - 1] === "\r" ? nl - 1 : nl;
  };
  const lineOf = (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (lineStarts[mid] <= offset)
        lo = mid;
      else
        hi = mid - 1;
    }
    return lo;
  };
  let n = 0;
  const at = (variable) => ({ file, line: n + 1, col: 1, ...variable ? { variable } : {} });
  while (n < lineStarts.length) {
    const start = lineStarts[n];
    const end = lineEnd(n);
    let i = start;
    if (n === 0 && text.charCodeAt(0) === 65279)
      i++;
    while (i < end && isBlank(text[i]))
      i++;
    if (i === end || text[i] === "#") {
      n++;
      continue;
    }
    if (text.startsWith("export", i) && isBlank(text[i + 6])) {
      i += 6;
      while (i < end && isBlank(text[i]))
        i++;
    }
    let eq = i;
    while (eq < end && text[eq] !== "=")
      eq++;
    if (eq === end) {
      diagnostics.push(error("env-file-syntax", 'line is not NAME=value (no "=")', at()));
      n++;
      continue;
    }
    const name = text.slice(i, eq);
    if (!isVariableName(name)) {
      const trimmed = name.replace(/[ \t]+$/, "");
      const message = isVariableName(trimmed) ? `no blank is allowed between ${trimmed} and "="` : 'the text before "=" is not a variable name (letters, digits and _, not starting with a digit)';
      diagnostics.push(error("env-file-name", message, at(isVariableName(trimmed) ? trimmed : void 0)));
      n++;
      continue;
    }
    let v = eq + 1;
    while (v < end && isBlank(text[v]))
      v++;
    const quote = text[v];
    if (quote === "'" || quote === '"') {
      const read = quote === "'" ? readSingle(text, v + 1) : readDouble(text, v + 1);
      if (read.close < 0) {
        diagnostics.push(error("env-file-syntax", `the ${quote === "'" ? "single" : "double"} quote of ${name} is never closed`, at(name)));
        break;
      }
      const last = lineOf(read.close);
      const lastEnd = lineEnd(last);
      const after = text.slice(read.close + 1, lastEnd);
      if (!/^([ \t]*|[ \t]+#.*)$/.test(after)) {
        diagnostics.push(error("env-file-syntax", `text after the closing quote of ${name} (only blanks and " # comment" may follow)`, { ...at(name), line: last + 1 }));
      } else {
        entries.push({ name, value: read.value, line: n + 1, endLine: last + 1, start, end: lastEnd });
      }
      n = last + 1;
      continue;
    }
    let raw = text.slice(eq + 1, end);
    const comment = /[ \t]#/.exec(raw);
    if (comment)
      raw = raw.slice(0, comment.index);
    const value = raw.replace(/^[ \t]+|[ \t]+$/g, "");
    if (value.includes("#")) {
      diagnostics.push(warning("env-file-hash-in-value", `the value of ${name} holds a "#" not preceded by a blank: kustenv keeps it, other tools cut the value there; quote the value`, at(name)));
    }
    entries.push({ name, value, line: n + 1, endLine: n + 1, start, end });
    n++;
  }
  const values = /* @__PURE__ */ new Map();
  const firstLine = /* @__PURE__ */ new Map();
  for (const e of entries) {
    const earlier = firstLine.get(e.name);
    if (earlier !== void 0) {
      diagnostics.push(warning("env-file-duplicate", `${e.name} is set again (first on line ${earlier}): the later value wins`, { file, line: e.line, col: 1, variable: e.name }));
    } else
      firstLine.set(e.name, e.line);
    values.set(e.name, e.value);
  }
  return { entries, values, diagnostics };
}
function readSingle(text, from) {
  const close = text.indexOf("'", from);
  return { value: close < 0 ? "" : text.slice(from, close).replace(/\r\n/g, "\n"), close };
}
function readDouble(text, from) {
  let value = "";
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"')
      return { value, close: i };
    const escaped = c === "\\" ? DOUBLE_ESCAPES.get(text[i + 1]) : void 0;
    if (escaped !== void 0) {
      value += escaped;
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      value += "\n";
      i++;
    } else
      value += c;
  }
  return { value: "", close: -1 };
}

// dist/pipeline/generate-values.js
var GENERATE_KEYWORD = "x-kustenv-generate";
var GENERATE_KINDS = ["base64", "base64url", "hex", "alnum"];
var GENERATE_PATTERN = "^(base64|base64url|hex|alnum):([1-9][0-9]*)$";
function parseGenerateRule(text) {
  if (typeof text !== "string")
    return null;
  const m = new RegExp(GENERATE_PATTERN).exec(text);
  if (!m || Number(m[2]) > MAX_GENERATE_SIZE)
    return null;
  return { kind: m[1], size: Number(m[2]) };
}
var RULE_SYNTAX = `KIND:N, KIND one of ${GENERATE_KINDS.join(", ")}, N from 1 to ${MAX_GENERATE_SIZE}`;
var ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function generateValue(rule, randomBytes = cryptoRandomBytes) {
  if (rule.kind === "base64")
    return randomBytes(rule.size).toString("base64");
  if (rule.kind === "base64url")
    return randomBytes(rule.size).toString("base64url");
  if (rule.kind === "hex")
    return randomBytes(rule.size).toString("hex");
  let out = "";
  while (out.length < rule.size) {
    for (const b of randomBytes(rule.size - out.length + 16)) {
      if (b < 248 && out.length < rule.size)
        out += ALNUM[b % 62];
    }
  }
  return out;
}
var dateLine = (date) => `# generated ${date}`;
var DATE_LINE = /^# generated (\d{4}-\d{2}-\d{2})\s*$/;
function lineAbove(text, start) {
  if (start === 0)
    return void 0;
  const from = text.lastIndexOf("\n", start - 2) + 1;
  const line = text.slice(from, start - 1).replace(/\r$/, "");
  return { start: from, text: from === 0 ? line.replace(/^\ufeff/, "") : line };
}
function generatedDates(text) {
  const dates = /* @__PURE__ */ new Map();
  for (const e of parseEnvFile(text, "").entries) {
    const above = lineAbove(text, e.start);
    const date = above ? DATE_LINE.exec(above.text)?.[1] : void 0;
    if (date)
      dates.set(e.name, date);
    else
      dates.delete(e.name);
  }
  return dates;
}
function appendGenerated(text, entries, date) {
  if (!entries.length)
    return text;
  const eol = lineEnding(text);
  const lines = entries.flatMap(([name, value]) => [dateLine(date), `${name}=${value}`]);
  return `${text}${text && !text.endsWith("\n") ? eol : ""}${lines.join(eol)}${eol}`;
}
function rotateGenerated(text, entries, date) {
  const eol = lineEnding(text);
  const values = new Map(entries);
  const seen = /* @__PURE__ */ new Set();
  let out = "";
  let from = 0;
  for (const e of parseEnvFile(text, "").entries) {
    if (!values.has(e.name))
      continue;
    let start = e.start === 0 && text.charCodeAt(0) === 65279 ? 1 : e.start;
    const above = lineAbove(text, e.start);
    if (above && above.start >= from && DATE_LINE.test(above.text))
      start = above.start === 0 && text.charCodeAt(0) === 65279 ? 1 : above.start;
    out += `${text.slice(from, start)}${dateLine(date)}${eol}${e.name}=${values.get(e.name)}`;
    from = e.end;
    seen.add(e.name);
  }
  out += text.slice(from);
  return appendGenerated(out, entries.filter(([name]) => !seen.has(name)), date);
}
var lineEnding = (text) => text.includes("\r\n") ? "\r\n" : "\n";
function ageInDays(date, now) {
  return Math.floor((now.getTime() - Date.parse(`${date}T00:00:00Z`)) / 864e5);
}
var today = (now) => now.toISOString().slice(0, 10);
function generateRuleOf(schemas, name) {
  let rule = null;
  for (const s of schemas) {
    const p = s.schema.properties?.[name];
    if (p && typeof p === "object" && GENERATE_KEYWORD in p)
      rule = parseGenerateRule(p[GENERATE_KEYWORD]);
  }
  return rule;
}

// dist/io/load-values.js
function layeredLookup(layers) {
  const find = (name) => {
    if (layers.set.has(name))
      return { value: layers.set.get(name), source: { kind: "set" } };
    const fromEnv = Object.prototype.hasOwnProperty.call(layers.processEnv, name) ? layers.processEnv[name] : void 0;
    if (fromEnv !== void 0 && !(fromEnv === "" && layers.emptyIsUnset))
      return { value: layers.processEnv[name], source: { kind: "env" } };
    return layers.envFileArgs.get(name) ?? layers.stores.get(name) ?? layers.files.get(name);
  };
  const found = /* @__PURE__ */ new Map();
  const cached = (name) => {
    if (!found.has(name))
      found.set(name, find(name));
    return found.get(name);
  };
  return { lookup: (name) => cached(name)?.value, sourceOf: (name) => cached(name)?.source };
}
function parseSetArgs(args) {
  const set = /* @__PURE__ */ new Map();
  const errors = [];
  for (const arg of args) {
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (eq < 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name === "_") {
      const shown = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && eq >= 0 ? `"${name}=\u2026"` : "an argument that is not NAME=VALUE";
      errors.push(error("bad-set", `--set takes NAME=VALUE, with NAME a variable name; got ${shown}`));
      continue;
    }
    set.set(name, arg.slice(eq + 1));
  }
  return { set, errors };
}
function readEnvFileText(file, limit = MAX_ENV_FILE_BYTES) {
  const read = readRegularFile(file, limit);
  if ("error" in read) {
    if (read.error === "ENOENT")
      return { missing: true };
    const reasons = { EACCES: "permission denied", EISDIR: "not a regular file (FIFOs, devices and folders are not read)", "not-regular": "not a regular file (FIFOs, devices and folders are not read)", "too-large": `larger than ${limit} bytes` };
    return { reason: reasons[read.error] ?? read.error };
  }
  if (read.bytes.includes(0))
    return { reason: "holds a NUL byte: not a text file" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(read.bytes) };
  } catch {
    return { reason: "not valid UTF-8" };
  }
}
function envFileArg(arg) {
  const m = /^([a-z0-9](?:[-a-z0-9_.]*[a-z0-9])?)=(.+)$/is.exec(arg);
  return m ? { env: m[1], file: m[2] } : { file: arg };
}
function envFileArgsFor(args, env, cwd) {
  return args.map(envFileArg).filter((a) => a.env === void 0 || a.env === env).map((a) => path.resolve(cwd, a.file));
}
function readEnvFiles(env, extraFiles, root) {
  const errors = [];
  const invalid = [];
  const read = (files2, file, kind, optional) => {
    const shown = rel(root, file);
    const got = readEnvFileText(file);
    if ("missing" in got && optional)
      return;
    if (!("text" in got)) {
      errors.push(error("env-file-unreadable", `cannot read env file: ${"missing" in got ? "no such file" : got.reason}`, { file: shown, env: env.name }));
      return;
    }
    const parsed = parseEnvFile(got.text, shown);
    for (const d of parsed.diagnostics)
      (d.severity === "error" ? errors : invalid).push({ ...d, env: env.name });
    if (parsed.diagnostics.some((d) => d.severity === "error"))
      return;
    const dates = kind === "generated" ? generatedDates(got.text) : void 0;
    for (const [name, value] of parsed.values) {
      const date = dates?.get(name);
      files2.set(name, { value, source: { kind, file: shown, ...date ? { date } : {} } });
    }
  };
  const files = /* @__PURE__ */ new Map();
  const envFileArgs = /* @__PURE__ */ new Map();
  read(files, env.generatedFile, "generated", true);
  for (const f of env.envFiles)
    read(files, f, "env-file", false);
  for (const f of extraFiles)
    read(envFileArgs, f, "env-file", false);
  return { files, envFileArgs, errors, invalid };
}

export {
  parseEnvFile,
  GENERATE_KEYWORD,
  GENERATE_PATTERN,
  parseGenerateRule,
  RULE_SYNTAX,
  generateValue,
  appendGenerated,
  rotateGenerated,
  ageInDays,
  today,
  generateRuleOf,
  layeredLookup,
  parseSetArgs,
  readEnvFileText,
  envFileArg,
  envFileArgsFor,
  readEnvFiles
};
