import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  CONFIG_FILE,
  DEFAULTS,
  KUSTOMIZATION_FILES,
  MAX_ALIAS_EXPANSIONS,
  MAX_TIMEOUT,
  configSchema,
  error,
  isProductionName,
  require_dist,
  validateConfig
} from "./kustenv-6KN4YI7Q.mjs";
import {
  __toESM
} from "./kustenv-QKI3VPXQ.mjs";

// dist/io/load-config.js
import fs from "node:fs";
import path from "node:path";

// dist/pipeline/parse-config.js
var import_yaml2 = __toESM(require_dist(), 1);

// dist/io/stores/driver.js
var MalformedAnswer = class extends Error {
};
function stringObject(value, what) {
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new MalformedAnswer(`${what} is not a JSON object`);
  const out = /* @__PURE__ */ new Map();
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "string")
      out.set(k, v);
    else if (typeof v === "number" || typeof v === "boolean")
      out.set(k, String(v));
    else
      throw new MalformedAnswer(`${what}: the value of "${k}" is not a string`);
  }
  return out;
}
function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedAnswer(`${what} is not valid JSON`);
  }
}

// dist/io/stores/aws-secrets-manager.js
var WHOLE_SECRET = "\0whole-secret";
var SECRET_ID = /^(?:arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:)?[A-Za-z0-9/_+=.@][A-Za-z0-9/_+=.@-]*$/;
var AWS_REGION = /^[a-z]{2}(?:-[a-z]+)+-[0-9]+$/;
var awsSecretsManager = {
  kind: "aws-secrets-manager",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["secret"],
    properties: {
      secret: { type: "string", minLength: 1, maxLength: 2048, pattern: SECRET_ID.source, description: "Secret name or ARN." },
      region: { type: "string", pattern: AWS_REGION.source },
      as: {
        type: "string",
        pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
        description: "Take the whole SecretString as this variable's value (else the SecretString is a JSON object of strings, one store name per key)."
      }
    },
    description: "AWS Secrets Manager: aws secretsmanager get-secret-value --secret-id SECRET --query SecretString --output json."
  },
  spec: (v) => ({ kind: "aws-secrets-manager", ...v }),
  label: (s) => s.secret,
  program: () => "aws",
  bulk: true,
  args: (s) => ["secretsmanager", "get-secret-value", "--secret-id", s.secret, "--query", "SecretString", "--output", "json", ...s.region ? ["--region", s.region] : []],
  parse(stdout, s) {
    const secretString = parseJson(stdout, "the answer");
    if (typeof secretString !== "string")
      throw new MalformedAnswer("the answer is not a JSON string (the secret has no SecretString?)");
    if (s.as !== void 0)
      return /* @__PURE__ */ new Map([[WHOLE_SECRET, secretString]]);
    const object = parseJsonOrUndefined(secretString);
    if (!object || typeof object !== "object" || Array.isArray(object))
      throw new MalformedAnswer('the SecretString is not a JSON object of strings (use "as: VAR" to take it whole)');
    const out = /* @__PURE__ */ new Map();
    for (const [k, v] of Object.entries(object)) {
      if (typeof v !== "string")
        throw new MalformedAnswer(`the SecretString's key "${k}" does not hold a string`);
      out.set(k, v);
    }
    return out;
  },
  // aws: "An error occurred (ResourceNotFoundException) when calling the GetSecretValue operation: Secrets Manager can't find the specified secret." (exit 254)
  notFound: (stderr) => /\(ResourceNotFoundException\) when calling the GetSecretValue operation/.test(stderr)
};
function parseJsonOrUndefined(text) {
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}

// dist/io/stores/aws-ssm.js
var awsSsm = {
  kind: "aws-ssm",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["path"],
    properties: { path: { type: "string", minLength: 1 }, region: { type: "string", minLength: 1 } },
    description: "AWS SSM Parameter Store: aws ssm get-parameters-by-path --path PATH --recursive --with-decryption."
  },
  spec: (v) => ({ kind: "aws-ssm", ...v }),
  label: (s) => s.path,
  program: () => "aws",
  bulk: true,
  args: (s) => ["ssm", "get-parameters-by-path", "--path", s.path, "--recursive", "--with-decryption", "--output", "json", ...s.region ? ["--region", s.region] : []],
  parse(stdout) {
    const answer = parseJson(stdout, "the answer");
    if (!answer || typeof answer !== "object" || !Array.isArray(answer.Parameters))
      throw new MalformedAnswer('the answer has no "Parameters" list');
    if (answer.NextToken)
      throw new MalformedAnswer("the answer is one page of several (it holds a NextToken), so parameters would be missing");
    const out = /* @__PURE__ */ new Map();
    for (const p of answer.Parameters) {
      if (typeof p?.Name !== "string" || typeof p.Value !== "string")
        throw new MalformedAnswer("a parameter has no string Name and Value");
      const name = p.Name.split("/").pop();
      if (out.has(name))
        throw new MalformedAnswer(`two parameters under the path end in "${name}"; narrow the path`);
      out.set(name, p.Value);
    }
    return out;
  },
  notFound: () => false
  // an empty path answers {"Parameters": []}
};

// dist/io/stores/azure-keyvault.js
var azureKeyVault = {
  kind: "azure-keyvault",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["vault"],
    properties: { vault: { type: "string", minLength: 1 } },
    description: "Azure Key Vault: az keyvault secret show --vault-name VAULT --name NAME, per variable."
  },
  spec: (v) => ({ kind: "azure-keyvault", ...v }),
  label: (s) => s.vault,
  program: () => "az",
  bulk: false,
  args: (s, name) => ["keyvault", "secret", "show", "--vault-name", s.vault, "--name", name, "--query", "value", "--output", "json"],
  parse(stdout) {
    const value = parseJson(stdout, "the answer");
    if (typeof value !== "string")
      throw new MalformedAnswer("the answer is not a JSON string");
    return value;
  },
  // az: "ERROR: (SecretNotFound) A secret with (name/id) … was not found in this key vault."
  notFound: (stderr) => /\bSecretNotFound\b/.test(stderr)
};

// dist/io/stores/command.js
import { parseEnv } from "node:util";
var command = {
  kind: "command",
  schema: {
    type: "array",
    minItems: 1,
    items: { type: "string", minLength: 1 },
    description: "A program and its arguments (no shell); stdout is a JSON object of strings or dotenv text, keyed by variable names."
  },
  spec: (v) => ({ kind: "command", argv: v }),
  label: (s) => s.argv[0],
  program: (s) => s.argv[0],
  bulk: true,
  ownNames: true,
  args: (s) => s.argv.slice(1),
  parse(stdout) {
    if (stdout.trimStart().startsWith("{"))
      return stringObject(parseJson(stdout, "the output"), "the output");
    const out = /* @__PURE__ */ new Map();
    for (const [k, v] of Object.entries(parseEnv(stdout)))
      if (v !== void 0)
        out.set(k, v);
    return out;
  },
  notFound: () => false
};

// dist/io/stores/gcp-secret-manager.js
var gcpSecretManager = {
  kind: "gcp-secret-manager",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["project"],
    properties: { project: { type: "string", minLength: 1 } },
    description: "Google Secret Manager: gcloud secrets versions access latest --secret NAME --project PROJECT, per variable."
  },
  spec: (v) => ({ kind: "gcp-secret-manager", ...v }),
  label: (s) => s.project,
  program: () => "gcloud",
  bulk: false,
  args: (s, name) => ["secrets", "versions", "access", "latest", "--secret", name, "--project", s.project],
  parse: (stdout) => stdout,
  // gcloud: "ERROR: (gcloud.secrets.versions.access) NOT_FOUND: Secret [...] not found or has no versions."
  notFound: (stderr) => /\bNOT_FOUND\b/.test(stderr)
};

// dist/io/stores/vault.js
var vault = {
  kind: "vault",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["path"],
    properties: { path: { type: "string", minLength: 1 } },
    description: "HashiCorp Vault KV (version 1 or 2): vault kv get -format=json PATH."
  },
  spec: (v) => ({ kind: "vault", ...v }),
  label: (s) => s.path,
  program: () => "vault",
  bulk: true,
  args: (s) => ["kv", "get", "-format=json", s.path],
  parse(stdout) {
    const answer = parseJson(stdout, "the answer");
    const data = answer?.data;
    if (!data || typeof data !== "object")
      throw new MalformedAnswer('the answer has no "data" object');
    const v2 = data.metadata !== void 0 && data.data !== null && typeof data.data === "object";
    return stringObject(v2 ? data.data : data, v2 ? "data.data" : "data");
  },
  // vault: "No value found at secret/data/app" (exit 2): nothing is set.
  notFound: (stderr) => /^No value found at /m.test(stderr)
};

// dist/io/stores/registry.js
var STORES = [awsSecretsManager, awsSsm, azureKeyVault, gcpSecretManager, vault, command];
function driverFor(kind) {
  return STORES.find((d) => d.kind === kind);
}
var STORE_KINDS = STORES.map((d) => d.kind);
function sourceLabel(store) {
  return `${store.kind} ${driverFor(store.kind).label(store)}`;
}

// dist/location.js
var import_yaml = __toESM(require_dist(), 1);
function pointerSegments(pointer) {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
function pairOf(map, key) {
  if (!(0, import_yaml.isMap)(map))
    return void 0;
  return map.items.find((p) => (0, import_yaml.isScalar)(p.key) && String(p.key.value) === key);
}
function nodeAt(doc, pointer) {
  let node = doc.contents;
  for (const seg of pointerSegments(pointer)) {
    if (!node)
      return null;
    let next;
    if ((0, import_yaml.isSeq)(node))
      next = node.items[Number(seg)];
    else
      next = pairOf(node, seg)?.value ?? void 0;
    if (next === void 0 || next === null)
      return node;
    node = next;
  }
  return node;
}
function keyNodeAt(doc, pointer, key) {
  const map = nodeAt(doc, pointer);
  return ((map && pairOf(map, key)?.key) ?? map) || null;
}
function positionOf(node, lineCounter) {
  return node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
}
function keyPath(pointer, doc) {
  let out = "";
  let node = doc.contents;
  for (const seg of pointerSegments(pointer)) {
    if (node && (0, import_yaml.isSeq)(node)) {
      out += `[${seg}]`;
      node = node.items[Number(seg)] ?? null;
    } else {
      out += out ? `.${seg}` : seg;
      node = node ? pairOf(node, seg)?.value ?? null : null;
    }
  }
  return out;
}

// dist/pipeline/parse-config.js
var EXPECTED = {
  "#/properties/output": "a file name, without folders",
  "#/properties/rotateAfterDays": "a whole number of days above 0",
  "#/properties/environments": "a mapping of environment names to options",
  "#/$defs/environment": "a mapping",
  "#/$defs/environment/properties/sources": "a list",
  "#/$defs/source": `a mapping with one store key (${STORE_KINDS.join(", ")})`,
  "#/$defs/source/properties/timeout": `a whole number of seconds from 1 to ${MAX_TIMEOUT}`,
  "#/$defs/source/properties/map": "a mapping of variable names to non-empty store names",
  "#/$defs/source/properties/command": "a non-empty list of strings: the program and its arguments (no shell)",
  "#/$defs/source/properties/aws-secrets-manager/properties/secret": "a secret name (letters, digits and /_+=.@-, not starting with -) or a Secrets Manager ARN",
  "#/$defs/source/properties/aws-secrets-manager/properties/region": "an AWS region name such as eu-west-1",
  "#/$defs/source/properties/aws-secrets-manager/properties/as": "a variable name",
  "#/$defs/environment/properties/externalSecrets": "a mapping with store, refreshInterval, apiVersion",
  "#/$defs/environment/properties/externalSecrets/properties/refreshInterval": "a duration such as 1h, 30m or 1h30m",
  "#/$defs/esoStore": "{name: STORE, kind: SecretStore or ClusterSecretStore}, the name a Kubernetes object name",
  "#/$defs/esoStore/properties/name": "a Kubernetes object name (lower-case letters, digits, - and .)"
};
function parseConfig(text, file) {
  const lineCounter = new import_yaml2.LineCounter();
  const doc = (0, import_yaml2.parseDocument)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (node) => ({ file, ...positionOf(node, lineCounter) });
  const errors = doc.errors.map((e) => error("config-invalid", `invalid YAML: ${e.message.split("\n")[0]}`, { file, ...lineCounter.linePos(e.pos[0]) }));
  if (errors.length)
    return { config: {}, errors };
  const contents = doc.contents;
  if (contents === null || (0, import_yaml2.isScalar)(contents) && contents.value === null)
    return { config: {}, errors };
  if (!(0, import_yaml2.isMap)(contents))
    return { config: {}, errors: [error("config-invalid", "kustenv.yaml must be a mapping of keys", at(contents))] };
  const data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  const validate = validateConfig;
  if (!validate(data))
    return { config: {}, errors: schemaErrors(validate.errors ?? [], doc, data, at) };
  return normalize(data, doc, at);
}
function normalize(data, doc, at) {
  const errors = [];
  const { environments, ...top } = data;
  const config = { ...top };
  if (environments !== void 0) {
    config.environments = {};
    for (const [name, given] of Object.entries(environments ?? {})) {
      const { sources, externalSecrets, ...rest } = given ?? {};
      const env = { ...rest };
      if (externalSecrets !== void 0) {
        const es = externalSecrets;
        env.externalSecrets = { refreshInterval: es.refreshInterval ?? "1h", apiVersion: es.apiVersion ?? "external-secrets.io/v1", ...es.store ? { store: storeRef(es.store) } : {} };
      }
      if (sources !== void 0) {
        env.sources = [];
        sources.forEach((entry, i) => {
          const pointer = `/environments/${escape(name)}/sources/${i}`;
          const { map, timeout, store: eso, ...stores } = entry;
          const [kind, value] = Object.entries(stores)[0];
          if (eso !== void 0 && kind === "command") {
            errors.push(error("config-invalid", `"${keyPath(pointer, doc)}" is a command: it has no ESO store (store: applies to secret stores)`, at(nodeAt(doc, pointer))));
            return;
          }
          env.sources.push({
            store: driverFor(kind).spec(value),
            map: map ?? {},
            timeout: timeout ?? DEFAULTS.storeTimeout,
            at: at(nodeAt(doc, pointer)),
            ...eso ? { esoStore: storeRef(eso) } : {}
          });
        });
      }
      config.environments[name] = env;
    }
  }
  return { config: errors.length ? {} : config, errors };
}
var storeRef = (ref) => ({ name: ref.name, kind: ref.kind ?? "SecretStore" });
var escape = (seg) => seg.replace(/~/g, "~0").replace(/\//g, "~1");
function schemaAt(pointer) {
  const node = schemaValue(pointer);
  return node && typeof node === "object" ? node : void 0;
}
function schemaValue(pointer) {
  let node = configSchema;
  for (const seg of pointerSegments(pointer.replace(/^#/, "")))
    node = node && typeof node === "object" ? node[seg] : void 0;
  return node;
}
function schemaLocation(e) {
  const rel2 = e.schemaPath.slice(0, e.schemaPath.lastIndexOf("/"));
  if (rel2.startsWith("#/$defs/"))
    return rel2;
  const segs = pointerSegments(e.instancePath);
  const roots = [{ pointer: "#", depth: 0 }];
  let pointer = "#";
  for (let i = 0; i <= segs.length; i++) {
    const ref = schemaAt(pointer)?.$ref;
    if (typeof ref === "string") {
      pointer = ref;
      roots.push({ pointer, depth: i });
    }
    if (i === segs.length)
      break;
    const node = schemaAt(pointer) ?? {};
    const props = node.properties;
    if (props && Object.hasOwn(props, segs[i]))
      pointer = `${pointer}/properties/${escape(segs[i])}`;
    else if (node.items)
      pointer = `${pointer}/items`;
    else if (node.additionalProperties && typeof node.additionalProperties === "object")
      pointer = `${pointer}/additionalProperties`;
    else
      break;
  }
  const steps = (p) => pointerSegments(p.replace(/^#/, "")).filter((s, i, all) => s === "items" || s === "additionalProperties" || i > 0 && all[i - 1] === "properties").length;
  const fits = [...roots].reverse().find((r) => schemaValue(r.pointer + rel2.slice(1)) !== void 0 && steps(rel2) === segs.length - r.depth);
  const found = fits ?? [...roots].reverse().find((r) => schemaValue(r.pointer + rel2.slice(1)) !== void 0);
  return found ? found.pointer + rel2.slice(1) : rel2;
}
function expected(location) {
  if (EXPECTED[location])
    return EXPECTED[location];
  const s = schemaAt(location) ?? {};
  if (Array.isArray(s.enum))
    return `one of ${s.enum.join(", ")}`;
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === "boolean")
    return "true or false";
  if (type === "integer")
    return `a whole number${s.minimum !== void 0 ? ` from ${s.minimum}` : ""}${s.maximum !== void 0 ? ` to ${s.maximum}` : ""}`;
  if (type === "array")
    return "a list of non-empty strings";
  if (type === "object")
    return "a mapping";
  return "a non-empty string";
}
function schemaErrors(raw, doc, data, at) {
  const out = /* @__PURE__ */ new Map();
  const add = (where, code, message, node) => {
    if (!out.has(where))
      out.set(where, error(code, message, at(node)));
  };
  const valueAt = (pointer) => pointerSegments(pointer).reduce((v, s) => v?.[s], data);
  for (const e of raw) {
    const location = schemaLocation(e);
    const key = keyPath(e.instancePath, doc);
    if (e.keyword === "if")
      continue;
    if (e.propertyName !== void 0 || e.keyword === "propertyNames") {
      const name = e.propertyName ?? String(e.params.propertyName);
      if (location.startsWith("#/properties/environments"))
        add(`${e.instancePath}/${name}`, "config-invalid", `environment name "${name}" must be letters, digits, -, _ or .`, keyNodeAt(doc, e.instancePath, name));
      else
        add(e.instancePath, "config-invalid", `"${key}" must be ${expected(location.replace(/\/propertyNames$/, ""))}`, nodeAt(doc, e.instancePath));
      continue;
    }
    if (e.keyword === "additionalProperties") {
      const name = String(e.params.additionalProperty);
      const known = Object.keys(schemaAt(location)?.properties ?? {}).join(", ");
      const node = keyNodeAt(doc, e.instancePath, name);
      if (location === "#" || location === "#/$defs/environment")
        add(`${e.instancePath}/${name}`, "config-unknown-key", `unknown key "${key ? `${key}.` : ""}${name}" (known: ${known})`, node);
      else
        add(e.instancePath, "config-invalid", `"${key}" has an unknown key "${name}" (known: ${known})`, node);
      continue;
    }
    if (location.endsWith("$defs/source") && e.keyword === "oneOf") {
      const given = Object.keys(valueAt(e.instancePath) ?? {}).filter((k) => STORE_KINDS.includes(k));
      if (given.length === 0)
        add(e.instancePath, "config-invalid", `"${key}" names no store (one of ${STORE_KINDS.join(", ")})`, nodeAt(doc, e.instancePath));
      else
        add(e.instancePath, "config-invalid", `"${key}" names more than one store (${given[0]} and ${given[1]}): use one list entry per store`, keyNodeAt(doc, e.instancePath, given[1]));
      continue;
    }
    if (location.includes("/oneOf/"))
      continue;
    if (location.startsWith("#/$defs/source/then/")) {
      const source = e.instancePath.replace(/\/map$/, "");
      add(source, "config-invalid", `"${keyPath(source, doc)}" has both "as" and "map": with "as" the source gives only that variable`, nodeAt(doc, source));
      continue;
    }
    if (location.startsWith("#/$defs/environment/then")) {
      add(`${e.instancePath}/externalSecrets`, "config-invalid", `"${key}.externalSecrets" is required with output: external-secrets (the ESO store reference)`, nodeAt(doc, e.instancePath));
      continue;
    }
    if (e.keyword === "required") {
      add(e.instancePath, "config-invalid", `"${key}" needs ${String(e.params.missingProperty)}`, nodeAt(doc, e.instancePath));
      continue;
    }
    let pointer = e.instancePath;
    let where = location;
    for (const part of ["/items", "/additionalProperties"]) {
      if (where.endsWith(part) && !(part === "/additionalProperties" && where === "#/properties/environments/additionalProperties")) {
        where = where.slice(0, -part.length);
        pointer = pointer.slice(0, pointer.lastIndexOf("/"));
      }
    }
    add(pointer, "config-invalid", `"${keyPath(pointer, doc)}" must be ${expected(where)}`, nodeAt(doc, pointer));
  }
  return [...out.values()];
}

// dist/pipeline/validate-names.js
var DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
var DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
var RBAC_NAME = /^[a-z0-9]([-a-z0-9:]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9:]*[a-z0-9])?)*$/;
var isDns1123Subdomain = (s) => s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
var isDns1123Label = (s) => s.length <= 63 && DNS1123_LABEL.test(s);
var isEnvironmentName = (s) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(s);
var isVariableName = (s) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && s !== "_";
var isSafeArgument = (s) => s.length > 0 && s.length <= 1024 && !s.startsWith("-") && !/[\u0000-\u001f\u007f]/.test(s);
function validateNames(documents) {
  const out = [];
  for (const doc of documents) {
    if (doc.disabled)
      continue;
    const { name, namespace, kind, apiVersion } = doc.identity;
    const at = { file: doc.file, line: doc.line, col: 1 };
    const rbac = apiVersion?.startsWith("rbac.authorization.k8s.io/") ?? false;
    if (name !== void 0 && !(rbac ? name.length <= 253 && RBAC_NAME.test(name) : isDns1123Subdomain(name))) {
      out.push(error("invalid-name", `${kind ?? "document"} metadata.name is not a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", at most 253 characters); names reach kubectl and must not be read as options`, at));
    }
    if (namespace !== void 0 && !isDns1123Label(namespace)) {
      out.push(error("invalid-namespace", `${kind ?? "document"} metadata.namespace is not a DNS-1123 label (lower-case letters, digits and "-", at most 63 characters)`, at));
    }
  }
  return out;
}

// dist/io/load-config.js
function findConfig(dir) {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const candidate = path.join(d, CONFIG_FILE);
    if (fs.existsSync(candidate))
      return candidate;
    if (path.dirname(d) === d)
      return void 0;
  }
}
function loadProject(cwd, configPath) {
  const file = configPath ? path.resolve(cwd, configPath) : findConfig(cwd);
  const root = file ? path.dirname(file) : path.resolve(cwd);
  let raw = {};
  if (file) {
    let text;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (e) {
      return { errors: [error("config-unreadable", `cannot read config file: ${e.code ?? "error"}`, { file: configPath ?? file })] };
    }
    const parsed = parseConfig(text, path.relative(cwd, file) || CONFIG_FILE);
    if (parsed.errors.length)
      return { errors: parsed.errors };
    raw = parsed.config;
  }
  const c = raw;
  const overlays = path.resolve(root, c.overlays ?? DEFAULTS.overlays);
  const schemaDefault = path.resolve(root, DEFAULTS.schema);
  const project = {
    root,
    configFile: file,
    base: path.resolve(root, c.base ?? DEFAULTS.base),
    include: c.include ?? [...DEFAULTS.include],
    exclude: c.exclude ?? [...DEFAULTS.exclude],
    overlays,
    output: c.output ?? DEFAULTS.output,
    schema: c.schema ? path.resolve(root, c.schema) : fs.existsSync(schemaDefault) ? schemaDefault : void 0,
    rotateAfterDays: c.rotateAfterDays ?? DEFAULTS.rotateAfterDays,
    environments: []
  };
  const errors = [];
  const names = c.environments ? Object.keys(c.environments) : discoverEnvironments(overlays);
  for (const name of names) {
    if (!isEnvironmentName(name)) {
      errors.push(error("bad-environment-name", `an environment (an overlay folder or a key of environments) has a name that is not a plain name (letters, digits, ".", "_" and "-", at most 63, starting with a letter or digit); rename it`, { file: file ? rel(root, file) : rel(root, overlays) }));
      continue;
    }
    const e = c.environments?.[name] ?? {};
    const overlayDir = path.join(overlays, name);
    const env = {
      name,
      overlayDir,
      envFiles: (e.envFiles ?? []).map((f) => path.resolve(root, f)),
      production: e.production ?? isProductionName(name),
      missing: e.missing ?? "error",
      sources: e.sources ?? [],
      generatedFile: e.generatedFile ? path.resolve(root, e.generatedFile) : path.join(overlayDir, DEFAULTS.generatedFile),
      ...e.output ? { output: e.output } : {},
      ...e.externalSecrets ? { externalSecrets: e.externalSecrets } : {}
    };
    if (!isDirectory(overlayDir)) {
      errors.push(error("overlay-missing", `overlay folder ${rel(root, overlayDir)} of environment "${name}" does not exist`, { file: rel(cwd, file ?? root) }));
    }
    project.environments.push(env);
  }
  if (!project.environments.length && !errors.length) {
    errors.push(error("no-environments", `no environments: add subfolders with a kustomization.yaml under ${rel(root, overlays) || "."}, or list them under "environments" in ${CONFIG_FILE}`));
  }
  return errors.length ? { errors } : { project, errors };
}
function discoverEnvironments(overlays) {
  let entries;
  try {
    entries = fs.readdirSync(overlays, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.filter((d) => d.isDirectory() && KUSTOMIZATION_FILES.some((k) => fs.existsSync(path.join(overlays, d.name, k)))).map((d) => d.name).sort();
}
function isDirectory(p) {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
function rel(from, p) {
  return path.relative(from, p).split(path.sep).join("/");
}

export {
  isDns1123Subdomain,
  isDns1123Label,
  isEnvironmentName,
  isVariableName,
  isSafeArgument,
  validateNames,
  MalformedAnswer,
  WHOLE_SECRET,
  driverFor,
  sourceLabel,
  findConfig,
  loadProject,
  discoverEnvironments,
  rel
};
