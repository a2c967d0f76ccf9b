import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);
import {
  appendText,
  createFile,
  readTemplates,
  replaceFile,
  variableUses
} from "./kustenv-WBTMBI44.mjs";
import "./kustenv-SHHDKO2O.mjs";
import {
  parseTemplates
} from "./kustenv-FN22K4O5.mjs";
import "./kustenv-CZTMCNWL.mjs";
import "./kustenv-UHYCXRPZ.mjs";
import {
  loadProject,
  rel
} from "./kustenv-NDEGRTDM.mjs";
import {
  CONFIG_FILE,
  DEFAULTS,
  KUSTOMIZATION_FILES,
  require_dist
} from "./kustenv-6KN4YI7Q.mjs";
import {
  __toESM
} from "./kustenv-QKI3VPXQ.mjs";

// dist/commands/init.js
var import_yaml = __toESM(require_dist(), 1);
import fs from "node:fs";
import path from "node:path";
var ENVIRONMENTS = ["dev", "staging", "prod"];
var FILES = {
  "kustenv.yaml": `# yaml-language-server: $schema=./node_modules/kustenv/schemas/kustenv.schema.json
# kustenv renders base/ into overlays/<env>/kustenv.patch.yaml. Every key is optional.
base: base
overlays: overlays
environments:
  dev:
    envFiles: [overlays/dev/dev.env]   # your local values; git ignores *.env
    missing: generate                  # unset secrets with an x-kustenv-generate rule are created, kept in overlays/dev/kustenv.generated.env
  staging: {}
  prod: {}                             # production rules apply to prod and production
`,
  "base/secret.yaml": `apiVersion: v1
kind: Secret
metadata:
  name: app-secrets
type: Opaque
stringData:
  DATABASE_URL: \${DATABASE_URL}
  API_KEY: \${API_KEY:?set API_KEY in your CI secret store}
  SESSION_SECRET: \${SESSION_SECRET}
`,
  "base/configmap.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LOG_LEVEL: \${LOG_LEVEL:-info}
  PUBLIC_URL: \${PUBLIC_URL}
`,
  "base/kustomization.yaml": `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - secret.yaml
  - configmap.yaml
`,
  "schemas/variables.schema.json": `${JSON.stringify({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    required: ["DATABASE_URL", "API_KEY", "PUBLIC_URL"],
    properties: {
      DATABASE_URL: { type: "string", format: "uri", description: "Database connection URL, with credentials." },
      API_KEY: { type: "string", minLength: 16, description: "Key for the upstream API." },
      SESSION_SECRET: { type: "string", "x-kustenv-generate": "base64url:32", writeOnly: true, description: "Signs session cookies; kustenv generate creates it." },
      LOG_LEVEL: { enum: ["debug", "info", "warn", "error"], description: "Application log level." },
      PUBLIC_URL: { type: "string", format: "uri", description: "Public base URL." }
    }
  }, null, 2)}
`
};
FILES["overlays/dev/dev.env"] = `# Local values for dev, read through kustenv.yaml's envFiles. git ignores *.env: keep real secrets out of it anyway.
DATABASE_URL=postgres://app:app@localhost:5432/app
API_KEY=local-development-key-0000
PUBLIC_URL=http://localhost:8080
`;
for (const env of ENVIRONMENTS) {
  FILES[`overlays/${env}/kustomization.yaml`] = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: app-${env}
resources:
  - ../../base
patches:
  - path: kustenv.patch.yaml   # written by \`kustenv render ${env}\`; git ignores it
`;
}
var GITIGNORE_LINES = ["kustenv.patch.yaml", "kustenv.generated.env", "*.kustenv-tmp", "*.env", "!example.env", "!.env.example"];
var APP_GITIGNORE_LINES = ["kustenv.patch.yaml", "kustenv.generated.env", "*.kustenv-tmp"];
var PATCH = "kustenv.patch.yaml";
var SCHEMA = "schemas/variables.schema.json";
async function init(options = {}) {
  const dir = path.resolve(options.cwd ?? process.cwd());
  const created = [];
  const updated = [];
  const kept = [];
  const result = (status, extra = {}) => ({ status, created, updated, kept, ...extra });
  const create = (name, text) => {
    throwIfLinked(dir, path.join(dir, name));
    if (fs.existsSync(path.join(dir, name)))
      return void kept.push(name);
    createFile(path.join(dir, name), text);
    created.push(name);
  };
  try {
    const project = projectAt(dir);
    if (!project)
      return result(2, { error: `cannot read ${CONFIG_FILE}: fix it, or move it away and run init again` });
    for (const file of [path.join(dir, ".gitignore"), ...project.environments.flatMap((e) => KUSTOMIZATION_FILES.map((f) => path.join(e.overlayDir, f)))])
      throwIfLinked(dir, file);
    const existing = await existingTemplates(project);
    if (!existing) {
      for (const [name, text] of Object.entries(FILES))
        create(name, text);
      gitignore(dir, GITIGNORE_LINES, created, updated, kept);
      return result(0, { next: "kustenv render dev, then kubectl kustomize overlays/dev" });
    }
    const baseRel = rel(dir, project.base) || ".";
    const overlaysRel = rel(dir, project.overlays) || ".";
    const edits = [];
    for (const env of project.environments) {
      const k = KUSTOMIZATION_FILES.map((f) => path.join(env.overlayDir, f)).find((f) => fs.existsSync(f));
      if (!k)
        continue;
      const edited = withPatchFirst(fs.readFileSync(k, "utf8"));
      if (edited instanceof Error)
        return result(2, { error: `${rel(dir, k)} is not valid YAML: fix it, then run init again` });
      edits.push({ file: k, name: rel(dir, k), text: edited });
    }
    if (!project.configFile)
      create(CONFIG_FILE, appConfig(baseRel, overlaysRel));
    if (!project.schema)
      create(SCHEMA, appSchema(existing));
    else
      kept.push(rel(dir, project.schema));
    let envs = project.environments.map((e) => e.name);
    if (!envs.length) {
      envs = ["dev", "staging", "prod"];
      for (const env of envs)
        create(`${overlaysRel}/${env}/kustomization.yaml`, FILES[`overlays/${env}/kustomization.yaml`].replace("../../base", rel(path.join(project.overlays, env), project.base)));
    }
    for (const e of edits) {
      if (e.text === void 0)
        kept.push(e.name);
      else {
        replaceFile(e.file, e.text);
        updated.push(e.name);
      }
    }
    gitignore(dir, APP_GITIGNORE_LINES, created, updated, kept);
    return result(0, { next: `kustenv render ${envs[0]}` });
  } catch (e) {
    if (e instanceof LinkedPath)
      return result(2, { error: e.message });
    return result(2, { error: `${e.code ?? "error"} ${e.path ? rel(dir, e.path) : ""}`.trim() });
  }
}
var LinkedPath = class extends Error {
};
function throwIfLinked(dir, file) {
  let at = dir;
  for (const part of path.relative(dir, file).split(path.sep)) {
    at = path.join(at, part);
    let linked;
    try {
      linked = fs.lstatSync(at).isSymbolicLink();
    } catch {
      return;
    }
    if (linked)
      throw new LinkedPath(`${rel(dir, at)} is a symbolic link: init reads and writes no file through a link (replace it with the file itself, then run init again); nothing was written`);
  }
}
function projectAt(dir) {
  const hasConfig = fs.existsSync(path.join(dir, CONFIG_FILE));
  if (hasConfig) {
    const loaded = loadProject(dir, CONFIG_FILE);
    if (loaded.project)
      return loaded.project;
    if (loaded.errors.some((d) => d.code !== "no-environments" && d.code !== "overlay-missing"))
      return void 0;
  }
  const overlays = path.join(dir, DEFAULTS.overlays);
  const envs = fs.existsSync(overlays) ? fs.readdirSync(overlays, { withFileTypes: true }).filter((d) => d.isDirectory() && KUSTOMIZATION_FILES.some((k) => fs.existsSync(path.join(overlays, d.name, k)))).map((d) => d.name).sort() : [];
  return {
    root: dir,
    ...hasConfig ? { configFile: path.join(dir, CONFIG_FILE) } : {},
    base: path.join(dir, DEFAULTS.base),
    include: [...DEFAULTS.include],
    exclude: [...DEFAULTS.exclude],
    overlays,
    output: DEFAULTS.output,
    schema: fs.existsSync(path.join(dir, SCHEMA)) ? path.join(dir, SCHEMA) : void 0,
    rotateAfterDays: DEFAULTS.rotateAfterDays,
    environments: envs.map((name) => ({ name, overlayDir: path.join(overlays, name), envFiles: [], production: false, missing: "error", sources: [], generatedFile: path.join(overlays, name, DEFAULTS.generatedFile) }))
  };
}
async function existingTemplates(project) {
  if (!fs.existsSync(project.base))
    return void 0;
  const templates = await readTemplates(project);
  if (!templates.files.length)
    return void 0;
  const { documents } = parseTemplates(templates.files);
  if (!documents.length)
    return void 0;
  const uses = variableUses(documents);
  const secret = new Set(documents.filter((d) => d.identity.kind === "Secret").flatMap((d) => d.slots.flatMap((s) => s.parsed.names)));
  return [...uses.keys()].sort().map((name) => ({ name, secret: secret.has(name), required: uses.get(name).some((u) => u.required) }));
}
function appSchema(vars) {
  const schema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    required: vars.filter((v) => v.required).map((v) => v.name),
    properties: Object.fromEntries(vars.map((v) => [v.name, { type: "string", ...v.secret ? { writeOnly: true } : {}, description: "" }]))
  };
  return `${JSON.stringify(schema, null, 2)}
`;
}
function appConfig(base, overlays) {
  return `# yaml-language-server: $schema=./node_modules/kustenv/schemas/kustenv.schema.json
# kustenv renders ${base}/ into ${overlays}/<env>/kustenv.patch.yaml. Every key is optional;
# the environments are the folders under ${overlays}/ that hold a kustomization.
base: ${base}
overlays: ${overlays}
`;
}
function withPatchFirst(text) {
  const doc = import_yaml.default.parseDocument(text);
  if (doc.errors.length || doc.contents !== null && !import_yaml.default.isMap(doc.contents))
    return new Error("invalid");
  const lists = ["patches", "patchesStrategicMerge"].map((k) => doc.get(k)).filter((l) => import_yaml.default.isSeq(l));
  const listed = lists.some((l) => l.items.some((i) => (import_yaml.default.isMap(i) ? i.get("path") : import_yaml.default.isScalar(i) ? i.value : i) === PATCH));
  if (listed)
    return void 0;
  const entry = doc.createNode({ path: PATCH });
  entry.flow = false;
  const patches = doc.get("patches");
  if (import_yaml.default.isSeq(patches))
    patches.items.unshift(entry);
  else if (patches === void 0 || patches === null) {
    if (doc.contents === null)
      doc.contents = doc.createNode({});
    doc.set("patches", doc.createNode([entry]));
  } else
    return new Error("invalid");
  return doc.toString({ flowCollectionPadding: false });
}
function gitignore(dir, lines, created, updated, kept) {
  const file = path.join(dir, ".gitignore");
  const existed = fs.existsSync(file);
  const have = existed ? fs.readFileSync(file, "utf8") : "";
  const present = new Set(have.split(/\r?\n/).map((l) => l.trim()));
  const missing = lines.filter((l) => !present.has(l));
  if (!missing.length)
    return void kept.push(".gitignore");
  const prefix = have && !have.endsWith("\n") ? "\n" : "";
  appendText(file, `${prefix}# kustenv: rendered patches and local values hold secrets
${missing.join("\n")}
`);
  (existed ? updated : created).push(".gitignore");
}
export {
  init
};
