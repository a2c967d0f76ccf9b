/**
 * `kustenv init`: in a new folder, scaffold a project; in a folder with an
 * app already (base/ templates, overlays/), declare the templates' variables
 * in a schema, list kustenv.patch.yaml first in each overlay's patches and
 * add the .gitignore lines. It never overwrites; run twice, it changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { CONFIG_FILE, DEFAULTS, KUSTOMIZATION_FILES } from '../options.js';
import { loadProject, rel } from '../io/load-config.js';
import { readTemplates } from '../io/read-templates.js';
import { appendText, createFile, replaceFile } from '../io/write-outputs.js';
import { parseTemplates } from '../pipeline/parse-templates.js';
import { variableUses } from '../prepare.js';
import type { ProjectConfig } from '../types.js';

const ENVIRONMENTS = ['dev', 'staging', 'prod'];

const FILES: Record<string, string> = {
  'kustenv.yaml': `# yaml-language-server: $schema=./node_modules/kustenv/schemas/kustenv.schema.json
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
  'base/secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: app-secrets
type: Opaque
stringData:
  DATABASE_URL: \${DATABASE_URL}
  API_KEY: \${API_KEY:?set API_KEY in your CI secret store}
  SESSION_SECRET: \${SESSION_SECRET}
`,
  'base/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LOG_LEVEL: \${LOG_LEVEL:-info}
  PUBLIC_URL: \${PUBLIC_URL}
`,
  'base/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - secret.yaml
  - configmap.yaml
`,
  'schemas/variables.schema.json': `${JSON.stringify(
    {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['DATABASE_URL', 'API_KEY', 'PUBLIC_URL'],
      properties: {
        DATABASE_URL: { type: 'string', format: 'uri', description: 'Database connection URL, with credentials.' },
        API_KEY: { type: 'string', minLength: 16, description: 'Key for the upstream API.' },
        SESSION_SECRET: { type: 'string', 'x-kustenv-generate': 'base64url:32', writeOnly: true, description: 'Signs session cookies; kustenv generate creates it.' },
        LOG_LEVEL: { enum: ['debug', 'info', 'warn', 'error'], description: 'Application log level.' },
        PUBLIC_URL: { type: 'string', format: 'uri', description: 'Public base URL.' },
      },
    },
    null,
    2,
  )}\n`,
};
FILES['overlays/dev/dev.env'] = `# Local values for dev, read through kustenv.yaml's envFiles. git ignores *.env: keep real secrets out of it anyway.
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

const GITIGNORE_LINES = ['kustenv.patch.yaml', 'kustenv.generated.env', '*.kustenv-tmp', '*.env', '!example.env', '!.env.example'];
/** An app of its own: only what kustenv writes is ignored (its *.env files are its business). */
const APP_GITIGNORE_LINES = ['kustenv.patch.yaml', 'kustenv.generated.env', '*.kustenv-tmp'];
const PATCH = 'kustenv.patch.yaml';
const SCHEMA = 'schemas/variables.schema.json';

export interface InitResult {
  status: 0 | 2;
  /** Paths created, relative to the folder. */
  created: string[];
  /** Paths that existed and were changed (a kustomization's patches, .gitignore lines). */
  updated: string[];
  /** Paths that existed and were left alone. */
  kept: string[];
  /** The command to run next. */
  next?: string;
  error?: string;
}

export interface InitOptions {
  /** The folder to set up (default: the working directory). */
  cwd?: string;
}

/** Set up kustenv in a folder: the scaffold where there is nothing, or kustenv around the app that is there. */
export async function init(options: InitOptions = {}): Promise<InitResult> {
  const dir = path.resolve(options.cwd ?? process.cwd());
  const created: string[] = [];
  const updated: string[] = [];
  const kept: string[] = [];
  const result = (status: 0 | 2, extra: Partial<InitResult> = {}): InitResult => ({ status, created, updated, kept, ...extra });
  const create = (name: string, text: string) => {
    throwIfLinked(dir, path.join(dir, name));
    if (fs.existsSync(path.join(dir, name))) return void kept.push(name);
    createFile(path.join(dir, name), text);
    created.push(name);
  };
  try {
    const project = projectAt(dir);
    if (!project) return result(2, { error: `cannot read ${CONFIG_FILE}: fix it, or move it away and run init again` });
    // Nothing is read or written through a symbolic link: a linked kustomization or .gitignore could be any file of the machine.
    for (const file of [path.join(dir, '.gitignore'), ...project.environments.flatMap((e) => KUSTOMIZATION_FILES.map((f) => path.join(e.overlayDir, f)))]) throwIfLinked(dir, file);
    const existing = await existingTemplates(project);
    if (!existing) {
      for (const [name, text] of Object.entries(FILES)) create(name, text);
      gitignore(dir, GITIGNORE_LINES, created, updated, kept);
      return result(0, { next: 'kustenv render dev, then kubectl kustomize overlays/dev' });
    }
    // An app is here: kustenv goes around it.
    const baseRel = rel(dir, project.base) || '.';
    const overlaysRel = rel(dir, project.overlays) || '.';
    // Every kustomization is read and edited in memory first: one that is not YAML stops init before it writes anything.
    const edits: { file: string; name: string; text: string | undefined }[] = [];
    for (const env of project.environments) {
      const k = KUSTOMIZATION_FILES.map((f) => path.join(env.overlayDir, f)).find((f) => fs.existsSync(f));
      if (!k) continue;
      const edited = withPatchFirst(fs.readFileSync(k, 'utf8'));
      if (edited instanceof Error) return result(2, { error: `${rel(dir, k)} is not valid YAML: fix it, then run init again` });
      edits.push({ file: k, name: rel(dir, k), text: edited });
    }
    if (!project.configFile) create(CONFIG_FILE, appConfig(baseRel, overlaysRel));
    if (!project.schema) create(SCHEMA, appSchema(existing));
    else kept.push(rel(dir, project.schema));
    let envs = project.environments.map((e) => e.name);
    if (!envs.length) {
      envs = ['dev', 'staging', 'prod'];
      for (const env of envs) create(`${overlaysRel}/${env}/kustomization.yaml`, FILES[`overlays/${env}/kustomization.yaml`].replace('../../base', rel(path.join(project.overlays, env), project.base)));
    }
    for (const e of edits) {
      if (e.text === undefined) kept.push(e.name);
      else {
        replaceFile(e.file, e.text);
        updated.push(e.name);
      }
    }
    gitignore(dir, APP_GITIGNORE_LINES, created, updated, kept);
    return result(0, { next: `kustenv render ${envs[0]}` });
  } catch (e) {
    if (e instanceof LinkedPath) return result(2, { error: e.message });
    return result(2, { error: `${(e as NodeJS.ErrnoException).code ?? 'error'} ${(e as NodeJS.ErrnoException).path ? rel(dir, (e as NodeJS.ErrnoException).path!) : ''}`.trim() });
  }
}

/** A path init would read or write that goes through a symbolic link. */
class LinkedPath extends Error {}

/** Refuse a path that is, or lies under, a symbolic link below `dir`: init never reads or writes through one. */
function throwIfLinked(dir: string, file: string): void {
  let at = dir;
  for (const part of path.relative(dir, file).split(path.sep)) {
    at = path.join(at, part);
    let linked: boolean;
    try {
      linked = fs.lstatSync(at).isSymbolicLink();
    } catch {
      return; // does not exist (yet): nothing below it does either
    }
    if (linked) throw new LinkedPath(`${rel(dir, at)} is a symbolic link: init reads and writes no file through a link (replace it with the file itself, then run init again); nothing was written`);
  }
}

/** The project in `dir` itself (its kustenv.yaml, or the defaults); never a parent's. Undefined when its config is broken. */
function projectAt(dir: string): ProjectConfig | undefined {
  const hasConfig = fs.existsSync(path.join(dir, CONFIG_FILE));
  if (hasConfig) {
    const loaded = loadProject(dir, CONFIG_FILE);
    if (loaded.project) return loaded.project;
    // No environments yet: the defaults. A config that does not parse is the user's to fix.
    if (loaded.errors.some((d) => d.code !== 'no-environments' && d.code !== 'overlay-missing')) return undefined;
  }
  const overlays = path.join(dir, DEFAULTS.overlays);
  const envs = fs.existsSync(overlays)
    ? fs
        .readdirSync(overlays, { withFileTypes: true })
        .filter((d) => d.isDirectory() && KUSTOMIZATION_FILES.some((k) => fs.existsSync(path.join(overlays, d.name, k))))
        .map((d) => d.name)
        .sort()
    : [];
  return {
    root: dir,
    ...(hasConfig ? { configFile: path.join(dir, CONFIG_FILE) } : {}),
    base: path.join(dir, DEFAULTS.base),
    include: [...DEFAULTS.include],
    exclude: [...DEFAULTS.exclude],
    overlays,
    output: DEFAULTS.output,
    schema: fs.existsSync(path.join(dir, SCHEMA)) ? path.join(dir, SCHEMA) : undefined,
    rotateAfterDays: DEFAULTS.rotateAfterDays,
    environments: envs.map((name) => ({ name, overlayDir: path.join(overlays, name), envFiles: [], production: false, missing: 'error', sources: [], generatedFile: path.join(overlays, name, DEFAULTS.generatedFile) })),
  } as ProjectConfig;
}

interface AppVariable {
  name: string;
  secret: boolean;
  required: boolean;
}

/** The variables of the templates already under base/, or undefined when there are none (a new project). */
async function existingTemplates(project: ProjectConfig): Promise<AppVariable[] | undefined> {
  if (!fs.existsSync(project.base)) return undefined;
  const templates = await readTemplates(project);
  if (!templates.files.length) return undefined;
  const { documents } = parseTemplates(templates.files);
  if (!documents.length) return undefined;
  const uses = variableUses(documents);
  const secret = new Set(documents.filter((d) => d.identity.kind === 'Secret').flatMap((d) => d.slots.flatMap((s) => s.parsed.names)));
  return [...uses.keys()].sort().map((name) => ({ name, secret: secret.has(name), required: uses.get(name)!.some((u) => u.required) }));
}

/** A schema declaring exactly the templates' variables: secret ones writeOnly; descriptions left for you to write. */
function appSchema(vars: AppVariable[]): string {
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: vars.filter((v) => v.required).map((v) => v.name),
    properties: Object.fromEntries(vars.map((v) => [v.name, { type: 'string', ...(v.secret ? { writeOnly: true } : {}), description: '' }])),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function appConfig(base: string, overlays: string): string {
  return `# yaml-language-server: $schema=./node_modules/kustenv/schemas/kustenv.schema.json
# kustenv renders ${base}/ into ${overlays}/<env>/kustenv.patch.yaml. Every key is optional;
# the environments are the folders under ${overlays}/ that hold a kustomization.
base: ${base}
overlays: ${overlays}
`;
}

/**
 * The kustomization with `- path: kustenv.patch.yaml` as the first patch
 * (comments and order kept; `patches:` added when absent), undefined when it
 * is listed already, an Error when the file is not YAML.
 */
function withPatchFirst(text: string): string | undefined | Error {
  const doc = YAML.parseDocument(text);
  if (doc.errors.length || (doc.contents !== null && !YAML.isMap(doc.contents))) return new Error('invalid');
  const lists = ['patches', 'patchesStrategicMerge'].map((k) => doc.get(k)).filter((l): l is YAML.YAMLSeq => YAML.isSeq(l));
  const listed = lists.some((l) => l.items.some((i) => (YAML.isMap(i) ? i.get('path') : YAML.isScalar(i) ? i.value : i) === PATCH));
  if (listed) return undefined;
  const entry = doc.createNode({ path: PATCH });
  entry.flow = false;
  const patches = doc.get('patches');
  if (YAML.isSeq(patches)) patches.items.unshift(entry);
  else if (patches === undefined || patches === null) {
    if (doc.contents === null) doc.contents = doc.createNode({}) as never;
    doc.set('patches', doc.createNode([entry]));
  } else return new Error('invalid');
  return doc.toString({ flowCollectionPadding: false });
}

/** Add the missing lines to .gitignore: "created" when there was none, "updated" when it was there. */
function gitignore(dir: string, lines: string[], created: string[], updated: string[], kept: string[]): void {
  const file = path.join(dir, '.gitignore');
  const existed = fs.existsSync(file);
  const have = existed ? fs.readFileSync(file, 'utf8') : '';
  const present = new Set(have.split(/\r?\n/).map((l) => l.trim()));
  const missing = lines.filter((l) => !present.has(l));
  if (!missing.length) return void kept.push('.gitignore');
  const prefix = have && !have.endsWith('\n') ? '\n' : '';
  appendText(file, `${prefix}# kustenv: rendered patches and local values hold secrets\n${missing.join('\n')}\n`);
  (existed ? updated : created).push('.gitignore');
}
