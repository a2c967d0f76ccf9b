import { error, warning } from '../diagnostics.js';
import { configMapSchema, secretSchema, validateConfigMap, validateSecret } from '../generated/builtin-validators.js';
import type { Diagnostic, Loc } from '../types.js';
import { describeSchemaError, relevantErrors, type SchemaError } from './schema-errors.js';
import { MAX_OBJECT_BYTES } from '../options.js';

export const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export { MAX_OBJECT_BYTES };

interface Validator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

const BUILT_IN: Record<string, { validate: Validator; schema: unknown; file: string }> = {
  Secret: { validate: validateSecret as Validator, schema: secretSchema, file: 'schemas/secret.schema.json' },
  ConfigMap: { validate: validateConfigMap as Validator, schema: configMapSchema, file: 'schemas/configmap.schema.json' },
};

/** Keys of these Secret types must hold JSON (the API server parses them). */
const JSON_KEYS: Record<string, string> = { 'kubernetes.io/dockerconfigjson': '.dockerconfigjson', 'kubernetes.io/dockercfg': '.dockercfg' };

/** An object to check, and where to point at it. */
export interface CheckedObject {
  obj: Record<string, unknown>;
  at: Partial<Loc>;
}

/**
 * The built-in rules for every rendered (or built) Secret and ConfigMap
 * (docs/validation.md): the shipped schemas (compiled at build time), then what
 * a schema cannot say. Other kinds are skipped. Messages name keys and
 * rules, never values.
 */
export function validateObjects(objects: CheckedObject[], env: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const { obj, at: where } of objects) {
    const kind = String(obj.kind ?? '');
    const builtIn = BUILT_IN[kind];
    if (!builtIn) continue;
    const at = { ...where, env };
    const name = (obj.metadata as { name?: unknown } | undefined)?.name;
    const say = (message: string) => `${kind} "${String(name)}": ${message}`;
    if (!builtIn.validate(obj)) {
      for (const e of relevantErrors(builtIn.validate.errors ?? [])) {
        const where = e.instancePath ? `${e.instancePath.slice(1).replace(/~1/g, '/').replace(/~0/g, '~').split('/').join('.')} ` : '';
        diagnostics.push(error('object-schema', say(`${where}${describeSchemaError(e, builtIn.schema)} (${builtIn.file}${e.schemaPath})`), at));
      }
    }
    // Measured only when it could be too large: serialising every object costs.
    const size = jsonBytesBound(obj) > MAX_OBJECT_BYTES ? Buffer.byteLength(JSON.stringify(obj)) : 0;
    if (size > MAX_OBJECT_BYTES) diagnostics.push(error('object-too-large', say(`is ${size} bytes as JSON; Kubernetes allows at most ${MAX_OBJECT_BYTES}`), at));
    if (kind !== 'Secret') continue;
    const data = (obj.data ?? {}) as Record<string, unknown>;
    const stringData = (obj.stringData ?? {}) as Record<string, unknown>;
    const jsonKey = JSON_KEYS[String(obj.type)];
    if (jsonKey) {
      const raw = typeof stringData[jsonKey] === 'string' ? stringData[jsonKey] : typeof data[jsonKey] === 'string' && BASE64.test(data[jsonKey] as string) ? Buffer.from(data[jsonKey] as string, 'base64').toString('utf8') : undefined;
      if (raw !== undefined && !isJson(raw as string)) diagnostics.push(error('object-invalid-json', say(`${jsonKey} must hold valid JSON`), at));
    }
    for (const key of Object.keys(stringData)) {
      if (Object.hasOwn(data, key)) diagnostics.push(warning('object-duplicate-key', say(`key "${key}" is in both data and stringData; stringData wins`), at));
    }
  }
  return diagnostics;
}

/** An upper bound of the object's size as JSON in UTF-8: 6 bytes a character (`\\u0000` is the longest form), 8 per punctuation. */
function jsonBytesBound(v: unknown): number {
  if (typeof v === 'string') return 6 * v.length + 2;
  let n = 2;
  if (Array.isArray(v)) for (const item of v) n += jsonBytesBound(item) + 1;
  else if (v && typeof v === 'object') for (const k in v) n += 6 * k.length + 4 + jsonBytesBound((v as Record<string, unknown>)[k]);
  else return 32; // a number, boolean or null
  return n;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
