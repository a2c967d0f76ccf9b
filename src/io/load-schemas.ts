import fs from 'node:fs';
import path from 'node:path';
import { error } from '../diagnostics.js';
import { DEFAULTS } from '../options.js';
import type { Diagnostic, ProjectConfig } from '../types.js';
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

  const ajv = await createAjv();
  for (const [env, file] of wanted) {
    const shown = rel(project.root, file);
    let schema: Record<string, unknown>;
    try {
      schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      errors.push(error('schema-unreadable', `cannot read the variables schema: ${code ?? (e as Error).message}`, { file: shown }));
      continue;
    }
    try {
      const validate = ajv.compile(schema) as VariablesSchema['validate'];
      const loaded = { file: shown, schema, validate };
      if (env) schemas.byEnv.set(env, loaded);
      else schemas.base = loaded;
    } catch (e) {
      errors.push(error('schema-invalid', `invalid variables schema: ${(e as Error).message}`, { file: shown }));
    }
  }
  return { schemas, errors };
}

async function createAjv() {
  const [ajvModule, formats] = await Promise.all([import('ajv/dist/2020.js'), import('ajv-formats')]);
  // Named exports of CommonJS are not seen through a bundle's dynamic import; the default export holds them.
  const Ajv2020 = ajvModule.Ajv2020 ?? (ajvModule.default as unknown as typeof ajvModule).Ajv2020;
  // verbose stays off: with it, ajv copies the data (a value) into each error.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true, verbose: false });
  (formats.default as unknown as (a: unknown) => void)(ajv);
  ajv.addKeyword({ keyword: 'x-kustenv-generate', schemaType: 'string' });
  return ajv;
}
