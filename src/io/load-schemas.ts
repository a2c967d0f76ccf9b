import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { writeCacheFile } from './write-outputs.js';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { error } from '../diagnostics.js';
import { DEFAULTS } from '../options.js';
import type { Diagnostic, ProjectConfig } from '../types.js';
import { VERSION } from '../version.js';
import { GENERATE_KEYWORD, GENERATE_PATTERN, RULE_SYNTAX, parseGenerateRule } from '../pipeline/generate-values.js';
import { rel } from './load-config.js';

/** A user's variables schema, compiled once per run. */
export interface VariablesSchema {
  /** Path relative to the project root, for messages. */
  file: string;
  schema: Record<string, unknown>;
  validate: ((data: unknown) => boolean) & { errors?: unknown[] | null };
}

export interface LoadedSchemas {
  /** The schema for every environment (`schema`), when present. */
  base?: VariablesSchema;
  /** `<stem>.<env>.schema.json` beside it, per environment, when present. */
  byEnv: Map<string, VariablesSchema>;
}

/**
 * Read and compile the variables schemas. ajv is loaded only when a schema
 * exists. A schema that cannot be read or compiled means kustenv cannot run.
 */
export async function loadSchemas(project: ProjectConfig, envs: string[]): Promise<{ schemas: LoadedSchemas; errors: Diagnostic[] }> {
  const schemas: LoadedSchemas = { byEnv: new Map() };
  const errors: Diagnostic[] = [];
  const stemFile = project.schema ?? path.resolve(project.root, DEFAULTS.schema);
  const stem = stemFile.replace(/\.schema\.json$|\.json$/, '');
  const wanted: [string | undefined, string][] = [];
  if (project.schema) wanted.push([undefined, project.schema]);
  for (const env of envs) {
    const file = `${stem}.${env}.schema.json`;
    if (fs.existsSync(file)) wanted.push([env, file]);
  }
  if (!wanted.length) return { schemas, errors };

  // Compiled schemas are kept as ajv standalone code in the project's
  // node_modules/.cache: a later run imports them (2 ms) instead of loading
  // ajv and compiling (about 60 ms).
  const cacheDir = fs.existsSync(path.join(project.root, 'node_modules')) ? path.join(project.root, 'node_modules', '.cache', 'kustenv') : undefined;
  let compiler: Promise<Compiler> | undefined;
  for (const [env, file] of wanted) {
    const shown = rel(project.root, file);
    let schema: Record<string, unknown>;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
      schema = JSON.parse(text);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      errors.push(error('schema-unreadable', `cannot read the variables schema: ${code ?? (e as Error).message}`, { file: shown }));
      continue;
    }
    const badRule = badGenerateRule(schema);
    if (badRule) {
      errors.push(error('schema-invalid', `invalid variables schema: ${badRule.message}`, { file: shown, variable: badRule.variable }));
      continue;
    }
    try {
      const validate = await compileCached(text, schema, cacheDir, () => (compiler ??= createCompiler()));
      const loaded = { file: shown, schema, validate };
      if (env) schemas.byEnv.set(env, loaded);
      else schemas.base = loaded;
    } catch (e) {
      errors.push(error('schema-invalid', `invalid variables schema: ${(e as Error).message}`, { file: shown }));
    }
  }
  return { schemas, errors };
}

/**
 * Why the schema's generate rules cannot be used, or undefined. A rule must
 * sit directly in `properties.<NAME>` (where kustenv looks for it) and be well formed.
 */
function badGenerateRule(schema: Record<string, unknown>): { message: string; variable?: string } | undefined {
  const props = (schema?.properties ?? {}) as Record<string, unknown>;
  for (const [name, p] of Object.entries(props)) {
    if (p && typeof p === 'object' && GENERATE_KEYWORD in p && !parseGenerateRule((p as Record<string, unknown>)[GENERATE_KEYWORD])) {
      return { message: `"${GENERATE_KEYWORD}" of ${name} must be ${RULE_SYNTAX}`, variable: name };
    }
  }
  const misplaced = (node: unknown, pointer: string): string | undefined => {
    if (!node || typeof node !== 'object') return undefined;
    for (const [k, v] of Object.entries(node)) {
      const here = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (k === GENERATE_KEYWORD && !/^\/properties\/[^/]+$/.test(pointer)) return here;
      const found = misplaced(v, here);
      if (found) return found;
    }
    return undefined;
  };
  const at = misplaced(schema, '');
  return at ? { message: `"${GENERATE_KEYWORD}" at #${at} is not read: put it directly in properties.<NAME>` } : undefined;
}

type Validate = VariablesSchema['validate'];

interface Compiler {
  compile: (schema: object) => Validate;
  /** The validator as an ES module's source. */
  source: (validate: Validate) => string;
}

/** What a cached file depends on besides the schema: kustenv, where it is installed, and ajv. */
const CACHE_KEY = `kustenv-schema-cache 1 ${VERSION} ${import.meta.url} ajv ${createRequire(import.meta.url)('ajv/package.json').version}`;

async function compileCached(text: string, schema: object, cacheDir: string | undefined, compiler: () => Promise<Compiler>): Promise<Validate> {
  const file = cacheDir && path.join(cacheDir, `${createHash('sha256').update(CACHE_KEY).update('\0').update(text).digest('hex').slice(0, 40)}.mjs`);
  if (file && fs.existsSync(file)) {
    try {
      const cached = await import(pathToFileURL(file).href);
      if (typeof cached.default === 'function') return cached.default as Validate;
    } catch {
      // A broken cache file: compile again and replace it.
    }
  }
  const c = await compiler();
  const validate = c.compile(schema);
  if (file) {
    try {
      fs.mkdirSync(cacheDir!, { recursive: true });
      writeCacheFile(file, c.source(validate));
    } catch {
      // The cache is an optimisation only.
    }
  }
  return validate;
}

async function createCompiler(): Promise<Compiler> {
  const [ajvModule, core, standalone, formats] = await Promise.all([
    import('ajv/dist/2020.js'),
    import('ajv'),
    import('ajv/dist/standalone/index.js'),
    import('ajv-formats'),
  ]);
  // Named exports of CommonJS are not seen through a bundle's dynamic import; the default export holds them.
  const pick = <T>(mod: unknown, name: string): T => ((mod as Record<string, unknown>)[name] ?? ((mod as { default: Record<string, unknown> }).default ?? {})[name]) as T;
  const Ajv2020 = pick<typeof ajvModule.Ajv2020>(ajvModule, 'Ajv2020');
  const _ = pick<typeof core._>(core, '_');
  const sourceOf = (standalone.default as unknown as { default?: unknown }).default ?? standalone.default;
  // verbose stays off: with it, ajv copies the data (a value) into each error.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
    verbose: false,
    code: { source: true, esm: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  (formats.default as unknown as (a: unknown) => void)(ajv);
  // Known to ajv, so strict mode accepts it; its syntax is checked before compiling (badGenerateRule).
  ajv.addKeyword({ keyword: GENERATE_KEYWORD, schemaType: 'string', metaSchema: { type: 'string', pattern: GENERATE_PATTERN } });
  // The generated code require()s ajv's runtime and formats: from kustenv's own folder.
  const header = `import { createRequire } from 'node:module';\nconst require = createRequire(${JSON.stringify(import.meta.url)});\n`;
  return {
    compile: (schema) => ajv.compile(schema) as Validate,
    source: (validate) => header + (sourceOf as (a: unknown, v: unknown) => string)(ajv, validate),
  };
}
