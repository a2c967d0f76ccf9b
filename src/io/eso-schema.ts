/**
 * The External Secrets Operator's ExternalSecret schema (the CRD's
 * openAPIV3Schema, vendored under schemas/eso/ for each apiVersion, with
 * unknown fields refused as the API server refuses them), compiled once per
 * run on first use.
 */
import fs from 'node:fs';
import { error } from '../diagnostics.js';
import { ESO_API_VERSIONS, type Diagnostic, type EsoApiVersion } from '../types.js';

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] | null };

let compiled: Promise<Map<string, Validate>> | undefined;

/** The vendored schema file of one apiVersion (`external-secrets.io/v1` -> schemas/eso/externalsecret.v1.schema.json). */
function esoSchemaUrl(apiVersion: EsoApiVersion): URL {
  const file = `externalsecret.${apiVersion.split('/')[1]}.schema.json`;
  // From src/io/, dist/io/ (two levels below the package) or the bundle in dist/ (one level).
  const candidates = ['../../schemas/eso/', '../schemas/eso/'].map((d) => new URL(d + file, import.meta.url));
  return candidates.find((u) => fs.existsSync(u)) ?? candidates[0];
}

async function compile(): Promise<Map<string, Validate>> {
  const [ajvModule, formats] = await Promise.all([import('ajv'), import('ajv-formats')]);
  const pick = <T>(mod: unknown, name: string): T => ((mod as Record<string, unknown>)[name] ?? ((mod as { default: Record<string, unknown> }).default ?? {})[name]) as T;
  const Ajv = pick<typeof ajvModule.Ajv>(ajvModule, 'Ajv') ?? (ajvModule.default as unknown as typeof ajvModule.Ajv);
  // The CRD is OpenAPI v3 (draft-04 style keywords ajv's default draft reads); verbose stays off.
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: false });
  (formats.default as unknown as (a: unknown) => void)(ajv);
  const out = new Map<string, Validate>();
  for (const v of ESO_API_VERSIONS) out.set(v, ajv.compile(JSON.parse(fs.readFileSync(esoSchemaUrl(v), 'utf8'))) as Validate);
  return out;
}

/** Each ExternalSecret checked against the schema of its apiVersion; problems as diagnostics naming the object and the field. */
export async function validateExternalSecrets(objects: Record<string, unknown>[], at: { env: string; file?: string }): Promise<Diagnostic[]> {
  compiled ??= compile();
  const validators = await compiled;
  const out: Diagnostic[] = [];
  for (const o of objects) {
    const name = (o.metadata as { name?: string } | undefined)?.name ?? '?';
    const validate = validators.get(String(o.apiVersion));
    if (!validate) {
      out.push(error('eso-schema', `ExternalSecret ${name}: apiVersion ${String(o.apiVersion)} is not one of ${ESO_API_VERSIONS.join(', ')}`, at));
      continue;
    }
    if (validate(o)) continue;
    for (const e of validate.errors ?? []) {
      const field = e.params?.additionalProperty ? `${e.instancePath}/${String(e.params.additionalProperty)}` : e.instancePath;
      out.push(error('eso-schema', `ExternalSecret ${name} (${String(o.apiVersion)}): ${field || '/'} ${e.message ?? 'is invalid'}`, at));
    }
  }
  return out;
}
