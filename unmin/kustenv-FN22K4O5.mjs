import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  MAX_ALIAS_EXPANSIONS,
  MAX_DEPTH,
  MAX_NESTING,
  MAX_OBJECT_BYTES,
  configMapSchema,
  error,
  require_dist,
  secretSchema,
  validateConfigMap,
  validateSecret,
  warning
} from "./kustenv-6KN4YI7Q.mjs";
import {
  __toESM
} from "./kustenv-QKI3VPXQ.mjs";

// dist/pipeline/placeholders.js
var NAME_START = /[A-Za-z_]/;
var NAME_CHAR = /[A-Za-z0-9_]/;
var OPERATORS = "-=?+";
var AFTER_NAME = "}:-=?+^,#%/";
function parsePlaceholders(text) {
  const root = [];
  const stack = [{ segments: root, node: null }];
  const errors = [];
  const names = /* @__PURE__ */ new Set();
  const uses = [];
  let hasPlaceholder = false;
  let hasEscape = false;
  let buffer = "";
  let i = 0;
  const n = text.length;
  const operatorCache = /* @__PURE__ */ new Map();
  const flush = () => {
    if (buffer)
      stack[stack.length - 1].segments.push({ type: "text", text: buffer });
    buffer = "";
  };
  while (i < n) {
    let j = i;
    const inWord = stack.length > 1;
    while (j < n) {
      const c2 = text.charCodeAt(j);
      if (c2 === 36 || inWord && c2 === 125)
        break;
      j++;
    }
    if (j > i) {
      buffer += text.slice(i, j);
      i = j;
      if (i >= n)
        break;
    }
    const c = text[i];
    if (c === "}") {
      flush();
      const frame = stack.pop();
      frame.node.word = frame.segments;
      stack[stack.length - 1].segments.push(frame.node);
      i++;
      continue;
    }
    if (text[i + 1] === "$" && text[i + 2] === "{") {
      buffer += "${";
      hasEscape = true;
      i += 3;
      continue;
    }
    if (text[i + 1] !== "{") {
      buffer += "$";
      i++;
      continue;
    }
    hasPlaceholder = true;
    const start = i;
    const isLength = text[i + 2] === "#";
    const nameAt = isLength ? i + 3 : i + 2;
    let k = nameAt;
    if (k < n && NAME_START.test(text[k])) {
      k++;
      while (k < n && NAME_CHAR.test(text[k]))
        k++;
    }
    const name = text.slice(nameAt, k);
    const next = text[k];
    if (name === "" || name === "_" || next !== void 0 && (isLength ? next !== "}" : !AFTER_NAME.includes(next))) {
      errors.push({ code: "bad-name", offset: start, message: isLength && name !== "" && name !== "_" ? `\${#${name} must be followed by }` : badNameMessage(text, nameAt) });
      const close = text.indexOf("}", k);
      if (close < 0)
        break;
      i = close + 1;
      continue;
    }
    if (next === void 0) {
      errors.push({ code: "unclosed", offset: start, message: `\${${name} has no closing }` });
      break;
    }
    names.add(name);
    flush();
    const top = stack.length === 1;
    if (next === "}") {
      uses.push({ name, offset: start, required: top });
      stack[stack.length - 1].segments.push({ type: "var", name, op: isLength ? "len" : "", colon: false, word: [], offset: start });
      i = k + 1;
      continue;
    }
    const defaultOp = next === ":" ? text[k + 1] : next;
    if (!OPERATORS.includes(defaultOp ?? "}")) {
      const close = text.indexOf("}", k);
      if (close < 0) {
        errors.push({ code: "unclosed", offset: start, message: `\${${name} has no closing }` });
        break;
      }
      const opText = text.slice(k, close);
      const key2 = `${name}\0${opText}`;
      let parsedOp = operatorCache.get(key2);
      if (!parsedOp)
        operatorCache.set(key2, parsedOp = parseValueOperator(name, opText));
      uses.push({ name, offset: start, required: top });
      if ("error" in parsedOp)
        errors.push({ code: "bad-operator", offset: start, message: parsedOp.error });
      else
        stack[stack.length - 1].segments.push({ type: "var", name, op: parsedOp.op, colon: false, word: [], offset: start, args: parsedOp.args });
      i = close + 1;
      continue;
    }
    uses.push({ name, offset: start, required: top && defaultOp === "?" });
    const colon = next === ":";
    const opAt = colon ? k + 1 : k;
    if (stack.length > MAX_NESTING) {
      errors.push({ code: "too-deep", offset: start, message: `placeholders nest more than ${MAX_NESTING} deep` });
      break;
    }
    const node = { type: "var", name, op: text[opAt], colon, word: [], offset: start };
    stack.push({ segments: [], node });
    i = opAt + 1;
  }
  if (stack.length > 1 && !errors.some((e) => e.code === "unclosed" || e.code === "too-deep")) {
    const open = stack[1].node;
    errors.push({ code: "unclosed", offset: open.offset, message: `\${${open.name} has no closing }` });
  }
  flush();
  const useAt = new Map(uses.map((u) => [u.offset, u]));
  for (const seg of root) {
    if (seg.type !== "var" || seg.op !== "-" && seg.op !== "=" || !seg.word.every((w) => w.type === "text"))
      continue;
    const use = useAt.get(seg.offset);
    if (use)
      use.default = seg.word.map((w) => w.text).join("");
  }
  return { segments: exact(root), errors: errors.slice(), hasPlaceholder, hasEscape, names: [...names], uses: uses.slice() };
}
function exact(segments) {
  for (const s of segments)
    if (s.type === "var" && s.word.length)
      s.word = exact(s.word);
  return segments.slice();
}
function badNameMessage(text, at) {
  let end = at;
  while (end < text.length && end - at < 40 && /[^\s}'"]/.test(text[end]))
    end++;
  const shown = text.slice(at, end);
  if (shown === "")
    return "${ must be followed by a variable name ([A-Za-z_][A-Za-z0-9_]*)";
  if (shown === "_")
    return "${_} is not a variable name (a lone _ is the shell's last command)";
  return `\${ must be followed by a variable name ([A-Za-z_][A-Za-z0-9_]*), found "${shown.replace(/[^\w.:\-=?+]/g, "?")}"`;
}
function expandPlaceholders(segments, lookup, options = {}) {
  const errors = [];
  const used = /* @__PURE__ */ new Set();
  const dummied = /* @__PURE__ */ new Set();
  const run = (segs) => {
    let out = "";
    for (const seg of segs) {
      if (seg.type === "text") {
        out += seg.text;
        continue;
      }
      used.add(seg.name);
      const value2 = lookup(seg.name);
      const unset = value2 === void 0 || seg.colon && value2 === "";
      switch (seg.op) {
        case "":
        case "len":
        case ":":
        case "^":
        case "^^":
        case ",":
        case ",,":
        case "#":
        case "##":
        case "%":
        case "%%":
        case "/":
        case "//":
        case "/#":
        case "/%": {
          let v = value2;
          if (v === void 0 && options.dummy) {
            dummied.add(seg.name);
            v = `dummy-${seg.name.toLowerCase()}`;
          }
          if (v === void 0)
            errors.push({ code: "unset", name: seg.name, offset: seg.offset });
          else
            out += seg.op === "" ? v : applyOperator(seg, v);
          break;
        }
        case "-":
        case "=":
          out += unset ? run(seg.word) : value2;
          break;
        case "?":
          if (unset) {
            const literal = seg.word.every((w) => w.type === "text");
            const message = literal ? seg.word.map((w) => w.text).join("") : "";
            errors.push({ code: "required", name: seg.name, offset: seg.offset, ...message ? { message } : {} });
          } else
            out += value2;
          break;
        case "+":
          if (!unset)
            out += run(seg.word);
          break;
      }
    }
    return out;
  };
  const value = run(segments);
  return { value, errors, used: [...used], dummied: [...dummied] };
}
function parseValueOperator(name, text) {
  if (text.includes("${"))
    return { error: `\${${name}...}: a placeholder or $\${ is not allowed inside the pattern, offset or replacement of an operator` };
  const c = text[0];
  if (c === "^" || c === ",") {
    const op2 = text === c || text === c + c ? text : null;
    if (!op2)
      return { error: `\${${name}${c}...}: ${c} and ${c}${c} take no pattern (Flux changes the case of every character)` };
    return { op: op2 };
  }
  if (c === ":") {
    const m = /^:([0-9]+)(?::([-+]?[0-9]+))?$/.exec(text);
    if (!m) {
      return {
        error: `\${${name}:...}: a substring is \${${name}:offset} or \${${name}:offset:length} with whole numbers (a negative offset such as \${${name}: -1} means the last characters in bash but the whole value in Flux, so it is refused)`
      };
    }
    return { op: ":", args: { start: toCount(m[1]), ...m[2] !== void 0 ? { length: toCount(m[2]) } : {} } };
  }
  if (c === "#" || c === "%") {
    const op2 = text[1] === c ? c + c : c;
    const glob = compileGlob(text.slice(op2.length));
    if (typeof glob === "string")
      return { error: `\${${name}${op2}...}: ${glob}` };
    return { op: op2, args: { glob } };
  }
  const op = text[1] === "/" || text[1] === "#" || text[1] === "%" ? "/" + text[1] : "/";
  let find = "";
  let i = op.length;
  for (; i < text.length && text[i] !== "/"; i++) {
    const ch = text[i];
    if (ch === "\\") {
      const e = text[i + 1];
      if (e !== "/" && e !== "\\")
        return { error: `\${${name}${op}...}: in a replacement pattern \\ may only escape / or \\ (Flux keeps any other \\ as text, bash drops it)` };
      find += e;
      i++;
    } else if (ch === "*" || ch === "?" || ch === "[") {
      return { error: `\${${name}${op}...}: ${ch} in a replacement pattern is literal text in Flux but a glob in bash; write the pattern without it` };
    } else
      find += ch;
  }
  if (find === "" && (op === "/" || op === "//")) {
    return { error: `\${${name}${op}...}: an empty pattern replaces nothing in bash but inserts text in Flux; use /# to prepend or /% to append` };
  }
  let replace = "";
  for (let j = i + 1; j < text.length; j++) {
    const ch = text[j];
    if (ch === "\\" && (text[j + 1] === "/" || text[j + 1] === "\\")) {
      replace += text[j + 1];
      j++;
    } else
      replace += ch;
  }
  return { op, args: { find, replace } };
}
function toCount(digits) {
  const v = Number(digits);
  return Number.isSafeInteger(v) ? v : v < 0 ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
}
function compileGlob(pattern) {
  const tokens = [];
  const cps = Array.from(pattern, (ch) => ch.codePointAt(0));
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    if (c === 42) {
      if (!tokens.length || !tokens[tokens.length - 1].star)
        tokens.push({ star: true });
    } else if (c === 63) {
      tokens.push({ star: false, test: () => true });
    } else if (c === 92) {
      if (i + 1 >= cps.length)
        return "the pattern ends with a lone \\";
      const lit = cps[++i];
      tokens.push({ star: false, test: (x) => x === lit });
    } else if (c === 91) {
      let j = i + 1;
      let negate = false;
      if (cps[j] === 33)
        return "[!...] negates in bash but not in Flux; write [^...]";
      if (cps[j] === 94) {
        negate = true;
        j++;
      }
      const ranges = [];
      let closed = false;
      while (j < cps.length) {
        let lo = cps[j];
        if (lo === 93) {
          if (!ranges.length)
            return "a [...] set must not start with ]";
          closed = true;
          break;
        }
        if (lo === 45 && (!ranges.length || cps[j + 1] === 93))
          return "a - at either end of a [...] set is refused (Flux rejects the pattern, bash reads a -); escape it as \\-";
        if (lo === 91 && cps[j + 1] === 58)
          return "[[:class:]] sets are not supported (Flux reads them as plain characters)";
        if (lo === 92) {
          if (j + 1 >= cps.length)
            break;
          lo = cps[++j];
        }
        let hi = lo;
        if (cps[j + 1] === 45 && j + 2 < cps.length && cps[j + 2] !== 93) {
          j += 2;
          hi = cps[j];
          if (hi === 92) {
            if (j + 1 >= cps.length)
              break;
            hi = cps[++j];
          }
        }
        ranges.push([lo, hi]);
        j++;
      }
      if (!closed)
        return "a [ has no closing ]";
      tokens.push({ star: false, test: (x) => ranges.some(([lo, hi]) => lo <= x && x <= hi) !== negate });
      i = j;
    } else {
      tokens.push({ star: false, test: (x) => x === c });
    }
  }
  return { tokens };
}
function matchEnd(glob, s, fromEnd, longest) {
  const tokens = fromEnd ? [...glob.tokens].reverse() : glob.tokens;
  const m = tokens.length;
  let active = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  const close = (set) => {
    for (let t = 0; t < m; t++)
      if (set[t] && tokens[t].star)
        set[t + 1] = 1;
  };
  active[0] = 1;
  close(active);
  let best = -1;
  let pos = fromEnd ? s.length : 0;
  let consumed = 0;
  while (fromEnd ? pos > 0 : pos < s.length) {
    let cp;
    let width;
    if (fromEnd) {
      const lo = s.charCodeAt(pos - 1);
      if (lo >= 56320 && lo <= 57343 && pos >= 2 && s.charCodeAt(pos - 2) >= 55296 && s.charCodeAt(pos - 2) <= 56319)
        width = 2;
      else
        width = 1;
      cp = s.codePointAt(pos - width);
      pos -= width;
    } else {
      cp = s.codePointAt(pos);
      width = cp > 65535 ? 2 : 1;
      pos += width;
    }
    consumed += width;
    next.fill(0);
    let alive = false;
    for (let t = 0; t < m; t++) {
      if (!active[t])
        continue;
      const tok = tokens[t];
      if (tok.star) {
        next[t] = 1;
        alive = true;
      } else if (tok.test(cp)) {
        next[t + 1] = 1;
        alive = true;
      }
    }
    if (!alive)
      break;
    close(next);
    [active, next] = [next, active];
    if (active[m]) {
      best = consumed;
      if (!longest)
        break;
      if (m > 0 && tokens[m - 1].star && active[m - 1]) {
        best = s.length;
        break;
      }
    }
  }
  return best;
}
function applyOperator(seg, value) {
  const a = seg.args ?? {};
  switch (seg.op) {
    case "len":
      return String(countChars(value));
    case "^":
      return value ? mapCase(firstChar(value), true) + value.slice(firstChar(value).length) : value;
    case "^^":
      return mapCase(value, true);
    case ",":
      return value ? mapCase(firstChar(value), false) + value.slice(firstChar(value).length) : value;
    case ",,":
      return mapCase(value, false);
    case ":":
      return substring(value, a.start, a.length);
    case "#":
    case "##": {
      const end = matchEnd(a.glob, value, false, seg.op === "##");
      return end > 0 ? value.slice(end) : value;
    }
    case "%":
    case "%%": {
      const end = matchEnd(a.glob, value, true, seg.op === "%%");
      return end > 0 ? value.slice(0, value.length - end) : value;
    }
    case "/": {
      const at = value.indexOf(a.find);
      return at < 0 ? value : value.slice(0, at) + a.replace + value.slice(at + a.find.length);
    }
    case "//":
      return value.split(a.find).join(a.replace);
    case "/#":
      return value.startsWith(a.find) ? a.replace + value.slice(a.find.length) : value;
    case "/%":
      return value.endsWith(a.find) ? value.slice(0, value.length - a.find.length) + a.replace : value;
  }
  return value;
}
var HAS_SURROGATE = /[\ud800-\udfff]/;
function countChars(s) {
  if (!HAS_SURROGATE.test(s))
    return s.length;
  let count = 0;
  for (const _ of s)
    count++;
  return count;
}
function firstChar(s) {
  return String.fromCodePoint(s.codePointAt(0));
}
function mapCase(s, upper) {
  if (/^[\u0000-\u007f]*$/.test(s))
    return upper ? s.toUpperCase() : s.toLowerCase();
  let out = "";
  for (const ch of s) {
    const mapped = upper ? ch.toUpperCase() : ch.toLowerCase();
    out += countChars(mapped) === 1 ? mapped : ch;
  }
  return out;
}
function substring(value, start, length) {
  const chars = HAS_SURROGATE.test(value) ? Array.from(value) : null;
  const len = chars ? chars.length : value.length;
  const cut = (from, to) => chars ? chars.slice(from, to).join("") : value.slice(from, to);
  if (start >= len)
    return "";
  if (length === void 0)
    return cut(start, len);
  if (length < 0) {
    const end = len + length;
    return end < start ? "" : cut(start, end);
  }
  return cut(start, Math.min(len, start + length));
}

// dist/pipeline/schema-errors.js
function relevantErrors(errors) {
  const branches = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf").map((e) => `${e.schemaPath}/`);
  return errors.filter((e) => e.keyword !== "if" && e.propertyName === void 0 && !branches.some((b) => e.schemaPath.startsWith(b)));
}
function describeSchemaError(e, schema) {
  const p = e.params;
  switch (e.keyword) {
    case "required":
      return `needs "${String(p.missingProperty)}"`;
    case "minLength":
      return `must be at least ${String(p.limit)} characters long`;
    case "maxLength":
      return `must be at most ${String(p.limit)} characters long`;
    case "pattern":
      return `does not match the pattern ${String(p.pattern)}`;
    case "format":
      return `is not a valid ${String(p.format)}`;
    case "type":
      return `must be of type ${String(p.type)}`;
    case "const":
    case "enum":
      return "is not one of the allowed values";
    case "not":
      return "is a value the schema forbids (not)";
    case "propertyNames":
      return `key "${String(p.propertyName)}" is not a valid key`;
    case "additionalProperties":
      return `"${String(p.additionalProperty)}" is not allowed`;
    case "anyOf":
    case "oneOf":
      return titleAt(schema, e.schemaPath) ?? `matches none of the allowed forms (${e.keyword})`;
    default:
      return `breaks the ${e.keyword} rule`;
  }
}
function titleAt(schema, schemaPath) {
  const parts = schemaPath.replace(/^#\//, "").split("/").slice(0, -1);
  let node = schema;
  for (const raw of parts) {
    const key2 = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null)
      return void 0;
    node = node[key2];
  }
  const title = node?.title;
  return typeof title === "string" ? title : void 0;
}

// dist/pipeline/validate-objects.js
var BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
var BUILT_IN = {
  Secret: { validate: validateSecret, schema: secretSchema, file: "schemas/secret.schema.json" },
  ConfigMap: { validate: validateConfigMap, schema: configMapSchema, file: "schemas/configmap.schema.json" }
};
var JSON_KEYS = { "kubernetes.io/dockerconfigjson": ".dockerconfigjson", "kubernetes.io/dockercfg": ".dockercfg" };
function validateObjects(objects, env) {
  const diagnostics = [];
  for (const { obj, at: where } of objects) {
    const kind = String(obj.kind ?? "");
    const builtIn = BUILT_IN[kind];
    if (!builtIn)
      continue;
    const at = { ...where, env };
    const name = obj.metadata?.name;
    const say = (message) => `${kind} "${String(name)}": ${message}`;
    if (!builtIn.validate(obj)) {
      for (const e of relevantErrors(builtIn.validate.errors ?? [])) {
        const where2 = e.instancePath ? `${e.instancePath.slice(1).replace(/~1/g, "/").replace(/~0/g, "~").split("/").join(".")} ` : "";
        diagnostics.push(error("object-schema", say(`${where2}${describeSchemaError(e, builtIn.schema)} (${builtIn.file}${e.schemaPath})`), at));
      }
    }
    const size = jsonBytesBound(obj) > MAX_OBJECT_BYTES ? Buffer.byteLength(JSON.stringify(obj)) : 0;
    if (size > MAX_OBJECT_BYTES)
      diagnostics.push(error("object-too-large", say(`is ${size} bytes as JSON; Kubernetes allows at most ${MAX_OBJECT_BYTES}`), at));
    if (kind !== "Secret")
      continue;
    const data = obj.data ?? {};
    const stringData = obj.stringData ?? {};
    const jsonKey = JSON_KEYS[String(obj.type)];
    if (jsonKey) {
      const raw = typeof stringData[jsonKey] === "string" ? stringData[jsonKey] : typeof data[jsonKey] === "string" && BASE64.test(data[jsonKey]) ? Buffer.from(data[jsonKey], "base64").toString("utf8") : void 0;
      if (raw !== void 0 && !isJson(raw))
        diagnostics.push(error("object-invalid-json", say(`${jsonKey} must hold valid JSON`), at));
    }
    for (const key2 of Object.keys(stringData)) {
      if (Object.hasOwn(data, key2))
        diagnostics.push(warning("object-duplicate-key", say(`key "${key2}" is in both data and stringData; stringData wins`), at));
    }
  }
  return diagnostics;
}
function jsonBytesBound(v) {
  if (typeof v === "string")
    return 6 * v.length + 2;
  let n = 2;
  if (Array.isArray(v))
    for (const item of v)
      n += jsonBytesBound(item) + 1;
  else if (v && typeof v === "object")
    for (const k in v)
      n += 6 * k.length + 4 + jsonBytesBound(v[k]);
  else
    return 32;
  return n;
}
function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// dist/pipeline/parse-templates.js
var import_yaml = __toESM(require_dist(), 1);

// dist/pipeline/merge-keys.js
var POD_SPEC_LISTS = {
  containers: ["name"],
  initContainers: ["name"],
  ephemeralContainers: ["name"],
  volumes: ["name"],
  imagePullSecrets: ["name"],
  hostAliases: ["ip"],
  topologySpreadConstraints: ["topologyKey", "whenUnsatisfiable"]
};
var CONTAINER_LISTS = {
  ports: ["containerPort", "protocol"],
  env: ["name"],
  volumeMounts: ["mountPath"],
  volumeDevices: ["devicePath"]
};
var CONTAINER_KINDS = /* @__PURE__ */ new Set(["containers", "initContainers", "ephemeralContainers"]);
function isPodSpec(kind, path) {
  if (kind === "Pod")
    return path.length === 1 && path[0] === "spec";
  const n = path.length;
  return n >= 2 && path[n - 1] === "spec" && path[n - 2] === "template";
}
function mergeKeyAt(kind, path) {
  const name = path[path.length - 1];
  if (typeof name !== "string")
    return null;
  const parent = path.slice(0, -1);
  const keys = parent.filter((k) => typeof k === "string");
  if (name === "ownerReferences" && parent[parent.length - 1] === "metadata")
    return ["uid"];
  if (kind === "Service" && path.length === 2 && path[0] === "spec" && name === "ports")
    return ["port", "protocol"];
  if (kind === "ServiceAccount" && path.length === 1 && name === "secrets")
    return ["name"];
  if (Object.hasOwn(POD_SPEC_LISTS, name) && parent.every((k) => typeof k === "string") && isPodSpec(kind, keys))
    return POD_SPEC_LISTS[name];
  if (Object.hasOwn(CONTAINER_LISTS, name)) {
    const n = parent.length;
    if (n >= 2 && typeof parent[n - 1] === "number" && CONTAINER_KINDS.has(String(parent[n - 2]))) {
      const spec = parent.slice(0, n - 2);
      if (spec.every((k) => typeof k === "string") && isPodSpec(kind, spec))
        return CONTAINER_LISTS[name];
    }
  }
  return null;
}
function isBuiltInKind(apiVersion) {
  if (!apiVersion)
    return false;
  const slash = apiVersion.indexOf("/");
  if (slash < 0)
    return true;
  const group = apiVersion.slice(0, slash);
  return !group.includes(".") || group.endsWith(".k8s.io");
}

// dist/pipeline/parse-templates.js
var Slot = class {
  text;
  parsed;
  loc;
  plain;
  source;
  start;
  at;
  /** The offsets of every `${` in the value and in the source, found on first use. */
  offsets = void 0;
  constructor(text, parsed, loc, plain, source, start, at) {
    this.text = text;
    this.parsed = parsed;
    this.loc = loc;
    this.plain = plain;
    this.source = source;
    this.start = start;
    this.at = at;
  }
  /**
   * A placeholder's file position from its offset in the value: the k-th
   * `${` of the value is the k-th `${` of its source (quoting and block
   * indentation change other characters, not these). Falls back to the
   * scalar's start. With several `${`, their offsets are found once and each
   * look-up is a binary search, so a scalar with many placeholders costs
   * time linear in its size.
   */
  locate(offset) {
    if (this.offsets === void 0) {
      const first = this.text.indexOf("${");
      if (first === this.text.lastIndexOf("${"))
        return this.at(this.start + (offset <= first ? Math.max(this.source.indexOf("${"), 0) : 0));
      this.offsets = { value: placeholderOffsets(this.text), source: placeholderOffsets(this.source) };
    }
    const { value, source } = this.offsets;
    let lo = 0;
    let hi = value.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (value[mid] < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
    return this.at(this.start + (lo < source.length ? source[lo] : 0));
  }
};
var TreeMap = class {
  entries;
  constructor(entries) {
    this.entries = entries;
  }
  get(key2) {
    for (const [k, v] of this.entries)
      if (k === key2)
        return v;
    return void 0;
  }
};
var EMPTY = new TreeMap([]);
var BARE = /(?<!\$)\$([A-Za-z_][A-Za-z0-9_]*)/g;
var DISABLE_ANNOTATIONS = ["kustenv.io/substitute", "kustomize.toolkit.fluxcd.io/substitute"];
var IDENTITY_PATHS = [["apiVersion"], ["kind"], ["metadata", "name"], ["metadata", "namespace"]];
function parseTemplates(files, parsedTexts = /* @__PURE__ */ new Map()) {
  const documents = [];
  const diagnostics = [];
  for (const f of files) {
    const parsed = parseTemplate(f, parsedTexts);
    documents.push(...parsed.documents);
    diagnostics.push(...parsed.diagnostics);
  }
  return { documents, diagnostics };
}
function parseTemplate({ file, text }, parsedTexts) {
  const lineCounter = new import_yaml.LineCounter();
  const diagnostics = [];
  const at = (offset) => ({ file, ...lineCounter.linePos(offset) });
  const docs = (0, import_yaml.parseAllDocuments)(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: "1.2", schema: "core" });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    for (const e of doc.errors) {
      diagnostics.push(error(yamlCode(e.code), `invalid YAML: ${e.message.split("\n")[0]}`, at(e.pos[0])));
    }
    for (const w of doc.warnings) {
      if (w.code === "TAG_RESOLVE_FAILED") {
        diagnostics.push(error("yaml-custom-tag", `${w.message.split("\n")[0]}: custom tags are not allowed in templates`, at(w.pos[0])));
      }
    }
  }
  if (diagnostics.length)
    return { documents: [], diagnostics };
  for (const doc of text.includes("<<") ? list : []) {
    (0, import_yaml.visit)(doc, {
      Pair(_k, pair) {
        if ((0, import_yaml.isPair)(pair) && (0, import_yaml.isScalar)(pair.key) && pair.key.type === "PLAIN" && pair.key.value === "<<") {
          diagnostics.push(error("yaml-merge-key", "YAML merge keys (<<) are not allowed: kustomize does not apply them, so the built object would differ", at(pair.key.range?.[0] ?? 0)));
        }
      }
    });
  }
  const mayHoldBare = /\$[A-Za-z_]/.test(text);
  const bareDollars = (root) => {
    const out = [];
    (0, import_yaml.visit)(root, {
      Scalar(key2, node) {
        if (key2 === "key" || typeof node.value !== "string")
          return;
        for (const m of node.value.matchAll(BARE))
          out.push({ name: m[1], ...lineCounter.linePos(node.range?.[0] ?? 0) });
      }
    });
    return out;
  };
  const documents = [];
  list.forEach((doc, index) => {
    const contents = doc.contents;
    if (contents === null || (0, import_yaml.isScalar)(contents) && contents.value === null && !contents.source)
      return;
    if (!(0, import_yaml.isMap)(contents)) {
      diagnostics.push(error("not-a-mapping", `document ${index + 1} is a ${(0, import_yaml.isSeq)(contents) ? "list" : "scalar"}, not a mapping`, at(contents.range?.[0] ?? 0)));
      return;
    }
    let aliases = 0;
    let aliasError = false;
    const resolve = (node) => {
      if (!(0, import_yaml.isAlias)(node))
        return node;
      if (++aliases > MAX_ALIAS_EXPANSIONS) {
        if (!aliasError) {
          aliasError = true;
          diagnostics.push(error("yaml-alias-limit", `more than ${MAX_ALIAS_EXPANSIONS} alias expansions in document ${index + 1}`, at(node.range?.[0] ?? 0)));
        }
        return null;
      }
      return node.resolve(doc) ?? null;
    };
    const slotOf = /* @__PURE__ */ new Map();
    const slotFor = (node) => {
      if (typeof node.value !== "string" || !node.value.includes("${"))
        return null;
      let slot = slotOf.get(node);
      if (!slot) {
        let parsed = parsedTexts.get(node.value);
        if (!parsed)
          parsedTexts.set(node.value, parsed = parsePlaceholders(node.value));
        if (!parsed.hasPlaceholder && !parsed.hasEscape)
          return null;
        const start = node.range?.[0] ?? 0;
        slot = new Slot(node.value, parsed, at(start), node.type === "PLAIN", text.slice(start, node.range?.[1] ?? start), start, at);
        slotOf.set(node, slot);
        for (const e of parsed.errors)
          diagnostics.push(error(`placeholder-${e.code}`, e.message, slot.locate(e.offset)));
      }
      return slot;
    };
    const addObject = (root, item, listDisabled) => {
      const what = item === void 0 ? `document ${index + 1}` : `item ${item + 1} of document ${index + 1}`;
      const identity = readIdentity(root, resolve);
      const strategic = isBuiltInKind(identity.apiVersion);
      const slots = [];
      const escapePaths = [];
      let tooDeep = false;
      const compile = (node, path) => {
        const n = node && resolve(node);
        if (!n)
          return [null, null];
        if (path.length > MAX_DEPTH) {
          if (!tooDeep)
            diagnostics.push(error("yaml-too-deep", `${what} nests more than ${MAX_DEPTH} levels`, at(n.range?.[0] ?? 0)));
          tooDeep = true;
          return [null, null];
        }
        if ((0, import_yaml.isScalar)(n)) {
          const slot = slotFor(n);
          if (!slot)
            return [n.value, null];
          slots.push(slot);
          if (slot.parsed.hasEscape)
            escapePaths.push(formatPath(path));
          return [slot, { type: "slot", slot }];
        }
        if ((0, import_yaml.isMap)(n)) {
          const tree2 = [];
          const entries = [];
          for (const pair of n.items) {
            const keyNode = pair.key;
            const key2 = keyNode && resolve(keyNode);
            if (!(0, import_yaml.isScalar)(key2)) {
              diagnostics.push(error("complex-key", "mapping keys must be scalars", at(keyNode?.range?.[0] ?? 0)));
              continue;
            }
            if (typeof key2.value === "string" && key2.value.includes("${")) {
              diagnostics.push(error("placeholder-in-key", "placeholders are not allowed in mapping keys", at(key2.range?.[0] ?? 0)));
              continue;
            }
            const k = String(key2.value);
            const [value, sub] = compile(pair.value, [...path, k]);
            tree2.push([k, value]);
            if (sub)
              entries.push([k, sub]);
          }
          return [new TreeMap(tree2), entries.length ? { type: "map", entries } : null];
        }
        if ((0, import_yaml.isSeq)(n)) {
          const compiled = n.items.map((item2, i) => compile(item2, [...path, i]));
          const items2 = compiled.map(([value]) => value);
          const subs = compiled.map(([, sub]) => sub);
          if (!subs.some(Boolean))
            return [items2, null];
          const key2 = strategic ? mergeKeyAt(identity.kind, path) : null;
          const keyed = key2 ? keyedItems(items2, key2, subs) : null;
          return [items2, keyed ? { type: "keyed", items: keyed } : { type: "whole", node: items2 }];
        }
        return [null, null];
      };
      const disabled = listDisabled || isDisabled(root, resolve);
      const [tree, docPlan] = disabled ? [EMPTY, null] : compile(root, []);
      const line = at(root.range?.[0] ?? 0).line;
      if (identity.kind === "Secret")
        checkSecretData(root, resolve, slotFor, (d2) => diagnostics.push(d2), at);
      if (docPlan) {
        for (const p of IDENTITY_PATHS) {
          const node = getIn(root, p, resolve);
          if ((0, import_yaml.isScalar)(node) && typeof node.value === "string" && slotOf.has(node)) {
            diagnostics.push(error("placeholder-in-identity", `placeholders are not allowed in ${p.join(".")}: kustomize matches the patch by it`, at(node.range?.[0] ?? 0)));
          }
        }
        if (!identity.apiVersion || !identity.kind || !identity.name) {
          diagnostics.push(error("no-identity", `${what} holds placeholders but has no apiVersion, kind and metadata.name to patch by`, at(root.range?.[0] ?? 0)));
        }
      }
      const d = { file, index, line, identity, disabled, plan: docPlan, slots, escapePaths, tree: tree instanceof TreeMap ? tree : EMPTY, bare: mayHoldBare ? bareDollars(root) : [] };
      if (item !== void 0)
        d.item = item;
      documents.push(d);
    };
    const kind = getIn(contents, ["kind"], resolve);
    const items = getIn(contents, ["items"], resolve);
    if ((0, import_yaml.isScalar)(kind) && typeof kind.value === "string" && kind.value.endsWith("List") && (0, import_yaml.isSeq)(items)) {
      const listDisabled = isDisabled(contents, resolve);
      items.items.forEach((raw, i) => {
        const item = raw ? resolve(raw) : null;
        if ((0, import_yaml.isMap)(item))
          addObject(item, i, listDisabled);
        else if (item && !((0, import_yaml.isScalar)(item) && item.value === null))
          diagnostics.push(error("not-a-mapping", `item ${i + 1} of document ${index + 1} is not a mapping`, at(item.range?.[0] ?? 0)));
      });
      return;
    }
    addObject(contents, void 0, false);
  });
  return { documents, diagnostics };
}
function keyedItems(items, fields, subs) {
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  const held = /* @__PURE__ */ new Set();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!(item instanceof TreeMap))
      return null;
    const key2 = [];
    let keySlot = false;
    for (const [f, field] of fields.entries()) {
      const value = item.get(field);
      if (value === void 0 && f > 0)
        continue;
      if (value === void 0 || value === null || value instanceof TreeMap || Array.isArray(value))
        return null;
      key2.push([field, value instanceof Slot ? value.text : value]);
      held.add(field);
      if (value instanceof Slot)
        keySlot = true;
    }
    const id = JSON.stringify(key2.map(([field, v]) => [field, typeof v, String(v)]));
    if (seen.has(id))
      return null;
    seen.add(id);
    const sub = subs[i];
    if (sub)
      out.push({ node: item, key: key2, keySlot, plan: sub });
  }
  if (out.some((item) => item.keySlot && item.key.length < held.size))
    return null;
  return out;
}
function checkSecretData(map, resolve, slotFor, report, at) {
  const data = getIn(map, ["data"], resolve);
  if (!(0, import_yaml.isMap)(data))
    return;
  for (const pair of data.items) {
    const value = pair.value ? resolve(pair.value) : null;
    if (!(0, import_yaml.isScalar)(value) || value.value === null || slotFor(value))
      continue;
    const text = String(value.value).replace(/\s+/g, "");
    if (!BASE64.test(text)) {
      const key2 = (0, import_yaml.isScalar)(pair.key) ? String(pair.key.value) : "?";
      report(error("secret-data-not-base64", `Secret data "${key2}" has no placeholder and is not valid base64 (use stringData for plain text)`, at(value.range?.[0] ?? 0)));
    }
  }
}
function formatPath(path) {
  return path.reduce((out, k) => typeof k === "number" ? `${out}[${k}]` : out ? `${out}.${k}` : k, "");
}
function yamlCode(code) {
  if (code === "DUPLICATE_KEY")
    return "yaml-duplicate-key";
  if (code === "TAB_AS_INDENT")
    return "yaml-tab-indent";
  if (code === "RESOURCE_EXHAUSTION")
    return "yaml-too-deep";
  return "yaml-invalid";
}
function getIn(map, path, resolve) {
  let node = map;
  for (const key2 of path) {
    if (!node || !(0, import_yaml.isMap)(node))
      return null;
    const pair = node.items.find((p) => (0, import_yaml.isScalar)(p.key) && p.key.value === key2);
    node = pair?.value ? resolve(pair.value) : null;
  }
  return node;
}
function readIdentity(map, resolve) {
  const str = (path) => {
    const n = getIn(map, path, resolve);
    return (0, import_yaml.isScalar)(n) && typeof n.value === "string" ? n.value : void 0;
  };
  const id = {};
  for (const [key2, path] of [["apiVersion", ["apiVersion"]], ["kind", ["kind"]], ["name", ["metadata", "name"]], ["namespace", ["metadata", "namespace"]]]) {
    const v = str([...path]);
    if (v !== void 0)
      id[key2] = v;
  }
  return id;
}
function isDisabled(map, resolve) {
  return DISABLE_ANNOTATIONS.some((a) => {
    const n = getIn(map, ["metadata", "annotations", a], resolve);
    return (0, import_yaml.isScalar)(n) && n.value === "disabled";
  });
}
function placeholderOffsets(text) {
  const out = [];
  for (let i = text.indexOf("${"); i >= 0; i = text.indexOf("${", i + 1))
    out.push(i);
  return out.slice();
}

// dist/pipeline/emit-yaml.js
var PLAIN = /^[A-Za-z/_][A-Za-z0-9 _./@+=:,()-]*$/;
var RESERVED = /^(?:y|yes|n|no|true|false|on|off|null|~|=)$/i;
var UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
var UNSAFE_ALL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;
function isPlain(s) {
  return PLAIN.test(s) && !s.endsWith(" ") && !s.endsWith(":") && !s.includes(": ") && !s.includes(" #") && !RESERVED.test(s);
}
function fitsBlock(s) {
  if (!s.includes("\n") || UNSAFE.test(s) || s.startsWith(" ") || s.startsWith("\n"))
    return false;
  const lines = s.replace(/\n+$/, "").split("\n");
  return lines.every((l) => !/^[ \t]+$/.test(l) && !l.startsWith("	"));
}
function escapeUnsafe(text) {
  return text.replace(UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function quote(s) {
  return escapeUnsafe(JSON.stringify(s));
}
function scalar(value, indent) {
  if (value === null || value === void 0)
    return "null";
  if (typeof value === "boolean")
    return String(value);
  if (typeof value === "bigint")
    return String(value);
  if (typeof value === "number") {
    if (Number.isNaN(value))
      return ".nan";
    if (!Number.isFinite(value))
      return value > 0 ? ".inf" : "-.inf";
    return String(value);
  }
  const s = String(value);
  if (isPlain(s))
    return s;
  if (fitsBlock(s)) {
    const trailing = s.length - s.replace(/\n+$/, "").length;
    const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
    const body = s.slice(0, s.length - trailing).split("\n");
    const lines = [...body, ...Array(Math.max(0, trailing - 1)).fill("")];
    return `|${chomp}
${lines.map((l) => l ? `${indent}${l}` : "").join("\n")}`;
  }
  return quote(s);
}
var isMap2 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var keyCache = /* @__PURE__ */ new Map();
function key(k) {
  let text = keyCache.get(k);
  if (text === void 0) {
    text = isPlain(k) ? k : quote(k);
    if (keyCache.size >= 1e4)
      keyCache.clear();
    keyCache.set(k, text);
  }
  return text;
}
function hasKeys(v) {
  for (const k in v)
    if (Object.hasOwn(v, k))
      return true;
  return false;
}
function block(value, indent) {
  if (isMap2(value)) {
    const keys = Object.keys(value);
    if (!keys.length)
      return `${indent}{}
`;
    let out = "";
    for (const k of keys)
      out += `${indent}${key(k)}:${inline(value[k], indent)}`;
    return out;
  }
  if (Array.isArray(value)) {
    if (!value.length)
      return `${indent}[]
`;
    let out = "";
    for (const item of value) {
      if (isMap2(item) && hasKeys(item)) {
        const inner = block(item, `${indent}  `);
        out += `${indent}- ${inner.slice(indent.length + 2)}`;
      } else if (Array.isArray(item) && item.length)
        out += `${indent}-
${block(item, `${indent}  `)}`;
      else
        out += `${indent}- ${scalarOrEmpty(item, `${indent}  `)}
`;
    }
    return out;
  }
  return `${indent}${scalar(value, indent)}
`;
}
function scalarOrEmpty(value, indent) {
  if (isMap2(value))
    return "{}";
  if (Array.isArray(value))
    return "[]";
  return scalar(value, indent);
}
function inline(value, indent) {
  if (isMap2(value) && hasKeys(value) || Array.isArray(value) && value.length)
    return `
${block(value, `${indent}  `)}`;
  return ` ${scalarOrEmpty(value, `${indent}  `)}
`;
}
function emitDocument(value, comments = []) {
  const head = comments.map((c) => `#${c.replace(/[\r\n]+/g, " ").replace(UNSAFE_ALL, "?")}
`).join("");
  return head + block(value, "");
}

export {
  UNSAFE,
  escapeUnsafe,
  emitDocument,
  mergeKeyAt,
  isBuiltInKind,
  parsePlaceholders,
  expandPlaceholders,
  relevantErrors,
  describeSchemaError,
  validateObjects,
  Slot,
  TreeMap,
  DISABLE_ANNOTATIONS,
  parseTemplates,
  formatPath
};
