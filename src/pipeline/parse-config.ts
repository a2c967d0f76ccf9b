/**
 * kustenv.yaml: parsed as YAML, checked against schemas/kustenv.schema.json
 * (the one statement of its rules, compiled at build time; editors read the
 * same file), each schema error placed at its key's line:col; then made into
 * a RawConfig, with the few rules a schema cannot say.
 */
import { LineCounter, isMap, isScalar, parseDocument, type Document, type Node } from 'yaml';
import type { Code } from '../codes.js';
import { error } from '../diagnostics.js';
import { configSchema, validateConfig } from '../generated/builtin-validators.js';
import { driverFor, STORE_KINDS } from '../io/stores/registry.js';
import { keyNodeAt, keyPath, nodeAt, pointerSegments, positionOf } from '../location.js';
import { DEFAULTS, MAX_ALIAS_EXPANSIONS, MAX_TIMEOUT } from '../options.js';
import type { Diagnostic, EsoApiVersion, EsoStoreRef, ExternalSecretsConfig, MissingPolicy, SourceConfig } from '../types.js';

/** kustenv.yaml as written, checked for keys and types; paths not yet resolved. */
export interface RawConfig {
  base?: string;
  include?: string[];
  exclude?: string[];
  overlays?: string;
  output?: string;
  schema?: string;
  rotateAfterDays?: number;
  environments?: Record<string, RawEnvironment>;
}

export interface RawEnvironment {
  envFiles?: string[];
  production?: boolean;
  missing?: MissingPolicy;
  sources?: SourceConfig[];
  generatedFile?: string;
  output?: 'patch' | 'external-secrets';
  externalSecrets?: ExternalSecretsConfig;
}

type At = (node: Node | null | undefined) => { file: string; line: number; col: number };

/** One error of the compiled validator (ajv's ErrorObject, the fields used here). */
interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  propertyName?: string;
}

/** What a value must be, where the schema alone would say it poorly; keyed by the schema location. */
const EXPECTED: Record<string, string> = {
  '#/properties/output': 'a file name, without folders',
  '#/properties/rotateAfterDays': 'a whole number of days above 0',
  '#/properties/environments': 'a mapping of environment names to options',
  '#/$defs/environment': 'a mapping',
  '#/$defs/environment/properties/sources': 'a list',
  '#/$defs/source': `a mapping with one store key (${STORE_KINDS.join(', ')})`,
  '#/$defs/source/properties/timeout': `a whole number of seconds from 1 to ${MAX_TIMEOUT}`,
  '#/$defs/source/properties/map': 'a mapping of variable names to non-empty store names',
  '#/$defs/source/properties/command': 'a non-empty list of strings: the program and its arguments (no shell)',
  '#/$defs/source/properties/aws-secrets-manager/properties/secret': 'a secret name (letters, digits and /_+=.@-, not starting with -) or a Secrets Manager ARN',
  '#/$defs/source/properties/aws-secrets-manager/properties/region': 'an AWS region name such as eu-west-1',
  '#/$defs/source/properties/aws-secrets-manager/properties/as': 'a variable name',
  '#/$defs/environment/properties/externalSecrets': 'a mapping with store, refreshInterval, apiVersion',
  '#/$defs/environment/properties/externalSecrets/properties/refreshInterval': 'a duration such as 1h, 30m or 1h30m',
  '#/$defs/esoStore': '{name: STORE, kind: SecretStore or ClusterSecretStore}, the name a Kubernetes object name',
  '#/$defs/esoStore/properties/name': 'a Kubernetes object name (lower-case letters, digits, - and .)',
};

/**
 * Parse and check the text of a kustenv.yaml. Every problem is returned, each
 * naming the file, the key and its position.
 */
export function parseConfig(text: string, file: string): { config: RawConfig; errors: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (node: Node | null | undefined) => ({ file, ...positionOf(node, lineCounter) });
  const errors = doc.errors.map((e) => error('config-invalid', `invalid YAML: ${e.message.split('\n')[0]}`, { file, ...lineCounter.linePos(e.pos[0]) }));
  if (errors.length) return { config: {}, errors };
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return { config: {}, errors };
  if (!isMap(contents)) return { config: {}, errors: [error('config-invalid', 'kustenv.yaml must be a mapping of keys', at(contents as Node))] };

  const data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS }) as Record<string, unknown>;
  const validate = validateConfig as unknown as { (data: unknown): boolean; errors?: SchemaError[] | null };
  if (!validate(data)) return { config: {}, errors: schemaErrors(validate.errors ?? [], doc, data, at) };
  return normalize(data, doc, at);
}

/** A RawConfig from data the schema accepted, and the rules the schema cannot say. */
function normalize(data: Record<string, unknown>, doc: Document, at: At): { config: RawConfig; errors: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const { environments, ...top } = data as RawConfig & { environments?: Record<string, Record<string, unknown> | null> | null };
  const config: RawConfig = { ...top };
  if (environments !== undefined) {
    config.environments = {};
    for (const [name, given] of Object.entries(environments ?? {})) {
      const { sources, externalSecrets, ...rest } = (given ?? {}) as Record<string, unknown>;
      const env: RawEnvironment = { ...(rest as RawEnvironment) };
      if (externalSecrets !== undefined) {
        const es = externalSecrets as { store?: EsoStoreRef; refreshInterval?: string; apiVersion?: EsoApiVersion };
        env.externalSecrets = { refreshInterval: es.refreshInterval ?? '1h', apiVersion: es.apiVersion ?? 'external-secrets.io/v1', ...(es.store ? { store: storeRef(es.store) } : {}) };
      }
      if (sources !== undefined) {
        env.sources = [];
        (sources as Record<string, unknown>[]).forEach((entry, i) => {
          const pointer = `/environments/${escape(name)}/sources/${i}`;
          const { map, timeout, store: eso, ...stores } = entry;
          const [kind, value] = Object.entries(stores)[0];
          // A command is no secret store: nothing for ESO to read from.
          if (eso !== undefined && kind === 'command') {
            errors.push(error('config-invalid', `"${keyPath(pointer, doc)}" is a command: it has no ESO store (store: applies to secret stores)`, at(nodeAt(doc, pointer))));
            return;
          }
          env.sources!.push({
            store: driverFor(kind)!.spec(value) as SourceConfig['store'],
            map: (map ?? {}) as Record<string, string>,
            timeout: (timeout as number | undefined) ?? DEFAULTS.storeTimeout,
            at: at(nodeAt(doc, pointer)),
            ...(eso ? { esoStore: storeRef(eso as EsoStoreRef) } : {}),
          });
        });
      }
      config.environments[name] = env;
    }
  }
  return { config: errors.length ? {} : config, errors };
}

const storeRef = (ref: { name: string; kind?: EsoStoreRef['kind'] }): EsoStoreRef => ({ name: ref.name, kind: ref.kind ?? 'SecretStore' });
const escape = (seg: string) => seg.replace(/~/g, '~0').replace(/\//g, '~1');

/** The schema node a JSON Pointer (`#/$defs/source/properties/map`) names. */
function schemaAt(pointer: string): Record<string, unknown> | undefined {
  const node = schemaValue(pointer);
  return node && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

/** The schema value at a pointer, `true`/`false` schemas included; undefined where there is none. */
function schemaValue(pointer: string): unknown {
  let node: unknown = configSchema;
  for (const seg of pointerSegments(pointer.replace(/^#/, ''))) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
  return node;
}

/**
 * The absolute schema location (`#/$defs/environment/properties/production`)
 * of an error: compiled code reports a path relative to the `$ref` target it
 * runs in, so the instance path is walked through the schema to find it.
 */
function schemaLocation(e: SchemaError): string {
  const rel = e.schemaPath.slice(0, e.schemaPath.lastIndexOf('/'));
  if (rel.startsWith('#/$defs/')) return rel;
  const segs = pointerSegments(e.instancePath);
  // Each $ref target met on the way down (and the root), with the instance depth it applies at.
  const roots: { pointer: string; depth: number }[] = [{ pointer: '#', depth: 0 }];
  let pointer = '#';
  for (let i = 0; i <= segs.length; i++) {
    const ref = schemaAt(pointer)?.$ref;
    if (typeof ref === 'string') {
      pointer = ref;
      roots.push({ pointer, depth: i });
    }
    if (i === segs.length) break;
    const node = schemaAt(pointer) ?? {};
    const props = node.properties as Record<string, unknown> | undefined;
    if (props && Object.hasOwn(props, segs[i])) pointer = `${pointer}/properties/${escape(segs[i])}`;
    else if (node.items) pointer = `${pointer}/items`;
    else if (node.additionalProperties && typeof node.additionalProperties === 'object') pointer = `${pointer}/additionalProperties`;
    else break;
  }
  const steps = (p: string) => pointerSegments(p.replace(/^#/, '')).filter((s, i, all) => s === 'items' || s === 'additionalProperties' || (i > 0 && all[i - 1] === 'properties')).length;
  const fits = [...roots].reverse().find((r) => schemaValue(r.pointer + rel.slice(1)) !== undefined && steps(rel) === segs.length - r.depth);
  const found = fits ?? [...roots].reverse().find((r) => schemaValue(r.pointer + rel.slice(1)) !== undefined);
  return found ? found.pointer + rel.slice(1) : rel;
}

/** What the value at a schema location must be, in words. */
function expected(location: string): string {
  if (EXPECTED[location]) return EXPECTED[location];
  const s = schemaAt(location) ?? {};
  if (Array.isArray(s.enum)) return `one of ${s.enum.join(', ')}`;
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'boolean') return 'true or false';
  if (type === 'integer') return `a whole number${s.minimum !== undefined ? ` from ${s.minimum}` : ''}${s.maximum !== undefined ? ` to ${s.maximum}` : ''}`;
  if (type === 'array') return 'a list of non-empty strings';
  if (type === 'object') return 'a mapping';
  return 'a non-empty string';
}

/** Schema errors as diagnostics: one per key, at that key's position, in words a user can act on. */
function schemaErrors(raw: SchemaError[], doc: Document, data: unknown, at: At): Diagnostic[] {
  const out = new Map<string, Diagnostic>();
  const add = (where: string, code: Code, message: string, node: Node | null) => {
    if (!out.has(where)) out.set(where, error(code, message, at(node)));
  };
  const valueAt = (pointer: string) => pointerSegments(pointer).reduce<unknown>((v, s) => (v as Record<string, unknown> | undefined)?.[s], data);
  for (const e of raw) {
    const location = schemaLocation(e);
    const key = keyPath(e.instancePath, doc);
    if (e.keyword === 'if') continue;
    // Environment names (propertyNames of environments).
    if (e.propertyName !== undefined || e.keyword === 'propertyNames') {
      const name = e.propertyName ?? String(e.params.propertyName);
      if (location.startsWith('#/properties/environments')) add(`${e.instancePath}/${name}`, 'config-invalid', `environment name "${name}" must be letters, digits, -, _ or .`, keyNodeAt(doc, e.instancePath, name));
      else add(e.instancePath, 'config-invalid', `"${key}" must be ${expected(location.replace(/\/propertyNames$/, ''))}`, nodeAt(doc, e.instancePath));
      continue;
    }
    if (e.keyword === 'additionalProperties') {
      const name = String(e.params.additionalProperty);
      const known = Object.keys((schemaAt(location)?.properties as object | undefined) ?? {}).join(', ');
      const node = keyNodeAt(doc, e.instancePath, name);
      // Top-level and environment keys: a misspelt option. Deeper: part of one value that is wrong.
      if (location === '#' || location === '#/$defs/environment') add(`${e.instancePath}/${name}`, 'config-unknown-key', `unknown key "${key ? `${key}.` : ''}${name}" (known: ${known})`, node);
      else add(e.instancePath, 'config-invalid', `"${key}" has an unknown key "${name}" (known: ${known})`, node);
      continue;
    }
    if (location.endsWith('$defs/source') && e.keyword === 'oneOf') {
      const given = Object.keys((valueAt(e.instancePath) as object | null) ?? {}).filter((k) => STORE_KINDS.includes(k));
      if (given.length === 0) add(e.instancePath, 'config-invalid', `"${key}" names no store (one of ${STORE_KINDS.join(', ')})`, nodeAt(doc, e.instancePath));
      else add(e.instancePath, 'config-invalid', `"${key}" names more than one store (${given[0]} and ${given[1]}): use one list entry per store`, keyNodeAt(doc, e.instancePath, given[1]));
      continue;
    }
    if (location.includes('/oneOf/')) continue; // the branches of the one-store rule, said above
    if (location.startsWith('#/$defs/source/then/')) {
      const source = e.instancePath.replace(/\/map$/, '');
      add(source, 'config-invalid', `"${keyPath(source, doc)}" has both "as" and "map": with "as" the source gives only that variable`, nodeAt(doc, source));
      continue;
    }
    if (location.startsWith('#/$defs/environment/then')) {
      add(`${e.instancePath}/externalSecrets`, 'config-invalid', `"${key}.externalSecrets" is required with output: external-secrets (the ESO store reference)`, nodeAt(doc, e.instancePath));
      continue;
    }
    if (e.keyword === 'required') {
      add(e.instancePath, 'config-invalid', `"${key}" needs ${String(e.params.missingProperty)}`, nodeAt(doc, e.instancePath));
      continue;
    }
    // A wrong item or entry value: the whole list or mapping is named, as its rule says what it holds.
    let pointer = e.instancePath;
    let where = location;
    for (const part of ['/items', '/additionalProperties']) {
      if (where.endsWith(part) && !(part === '/additionalProperties' && where === '#/properties/environments/additionalProperties')) {
        where = where.slice(0, -part.length);
        pointer = pointer.slice(0, pointer.lastIndexOf('/'));
      }
    }
    add(pointer, 'config-invalid', `"${keyPath(pointer, doc)}" must be ${expected(where)}`, nodeAt(doc, pointer));
  }
  return [...out.values()];
}
