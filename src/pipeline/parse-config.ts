import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { error } from '../diagnostics.js';
import { DEFAULTS, MAX_TIMEOUT } from '../options.js';
import { AWS_REGION, SECRET_ID } from '../io/stores/aws-secrets-manager.js';
import { ESO_API_VERSIONS, type Diagnostic, type EsoApiVersion, type EsoStoreRef, type ExternalSecretsConfig, type MissingPolicy, type SourceConfig, type StoreSpec } from '../types.js';

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

type Kind = 'string' | 'strings' | 'boolean' | 'days' | 'missing' | 'sources' | 'environments' | 'envOutput' | 'externalSecrets';

const TOP_KEYS: Record<string, Kind> = {
  base: 'string',
  include: 'strings',
  exclude: 'strings',
  overlays: 'string',
  output: 'string',
  schema: 'string',
  rotateAfterDays: 'days',
  environments: 'environments',
};

const ENV_KEYS: Record<string, Kind> = {
  envFiles: 'strings',
  production: 'boolean',
  missing: 'missing',
  sources: 'sources',
  generatedFile: 'string',
  output: 'envOutput',
  externalSecrets: 'externalSecrets',
};

/** An object name, as Kubernetes allows it (DNS subdomain). */
const K8S_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
/** A Go duration, as ESO's refreshInterval takes it (`1h`, `30m`, `1h30m`, `0`). */
const GO_DURATION = /^(?:0|(?:[0-9]+(?:\.[0-9]+)?(?:ns|us|µs|ms|s|m|h))+)$/;

/** Each store key of a source entry, with its fields (`?`: optional); `command` is a list. */
const STORE_KEYS: Record<StoreSpec['kind'], string[]> = {
  'aws-secrets-manager': ['secret', 'region?', 'as?'],
  'aws-ssm': ['path', 'region?'],
  'azure-keyvault': ['vault'],
  'gcp-secret-manager': ['project'],
  vault: ['path'],
  command: [],
};

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const ENV_NAME = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/i;

/**
 * Parse and check the text of a kustenv.yaml. Every problem is returned, each
 * naming the file, the key and its position.
 */
export function parseConfig(text: string, file: string): { config: RawConfig; errors: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const errors: Diagnostic[] = [];
  const at = (node: Node | null | undefined) => {
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
    return { file, line: pos.line, col: pos.col };
  };
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    errors.push(error('config-invalid', `invalid YAML: ${firstLine(e.message)}`, { file, ...pos }));
  }
  if (errors.length) return { config: {}, errors };
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return { config: {}, errors };
  if (!isMap(contents)) {
    errors.push(error('config-invalid', 'kustenv.yaml must be a mapping of keys', at(contents as Node)));
    return { config: {}, errors };
  }

  const readMap = (pairs: Pair[], keys: Record<string, Kind>, where: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const pair of pairs) {
      const keyNode = pair.key as Node;
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      const kind = keys[key];
      if (!kind) {
        errors.push(error('config-unknown-key', `unknown key "${where}${key}" (known: ${Object.keys(keys).join(', ')})`, at(keyNode)));
        continue;
      }
      const value = readValue(pair.value as Node, kind, `${where}${key}`);
      if (value !== undefined) out[key] = value;
    }
    return out;
  };

  const readValue = (node: Node | null, kind: Kind, key: string): unknown => {
    const bad = (expected: string) => {
      errors.push(error('config-invalid', `"${key}" must be ${expected}`, at(node)));
      return undefined;
    };
    const v = isScalar(node) ? node.value : undefined;
    switch (kind) {
      case 'string':
        return typeof v === 'string' && v !== '' ? v : bad('a non-empty string');
      case 'boolean':
        return typeof v === 'boolean' ? v : bad('true or false');
      case 'days':
        return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : bad('a whole number of days above 0');
      case 'missing':
        return v === 'error' || v === 'dummy' || v === 'generate' ? v : bad('one of error, dummy, generate');
      case 'envOutput':
        return v === 'patch' || v === 'external-secrets' ? v : bad('one of patch, external-secrets');
      case 'externalSecrets':
        return readExternalSecrets(node, key);
      case 'strings':
        if (!isSeq(node) || !node.items.every((i) => isScalar(i) && typeof i.value === 'string' && i.value !== '')) {
          return bad('a list of non-empty strings');
        }
        return node.items.map((i) => String((i as { value: unknown }).value));
      case 'sources':
        return isSeq(node) ? node.items.map((item, i) => readSource(item as Node, `${key}[${i}]`)).filter((s): s is SourceConfig => !!s) : bad('a list');
      case 'environments': {
        if (isScalar(node) && node.value === null) return {};
        if (!isMap(node)) return bad('a mapping of environment names to options');
        const envs: Record<string, RawEnvironment> = {};
        for (const pair of node.items) {
          const name = isScalar(pair.key) ? String(pair.key.value) : '';
          if (!ENV_NAME.test(name)) {
            errors.push(error('config-invalid', `environment name "${name}" must be letters, digits, -, _ or .`, at(pair.key as Node)));
            continue;
          }
          const value = pair.value as Node | null;
          if (value === null || (isScalar(value) && value.value === null)) envs[name] = {};
          else if (!isMap(value)) errors.push(error('config-invalid', `"environments.${name}" must be a mapping`, at(value)));
          else {
            const env = readMap(value.items as Pair[], ENV_KEYS, `environments.${name}.`) as RawEnvironment;
            if (env.output === 'external-secrets' && !env.externalSecrets && !value.items.some((p) => isScalar(p.key) && p.key.value === 'externalSecrets')) {
              errors.push(error('config-invalid', `"environments.${name}.externalSecrets" is required with output: external-secrets (the ESO store reference)`, at(value)));
            }
            envs[name] = env;
          }
        }
        return envs;
      }
    }
  };

  /** One `sources` entry: one store key, plus optional `map` and `timeout` beside it (docs/stores.md). */
  const readSource = (node: Node, key: string): SourceConfig | undefined => {
    const bad = (n: Node | null | undefined, expected: string) => void errors.push(error('config-invalid', `"${key}" ${expected}`, at(n)));
    const stores = Object.keys(STORE_KEYS).join(', ');
    if (!isMap(node)) return void bad(node, `must be a mapping with one store key (${stores})`);
    const before = errors.length;
    let store: StoreSpec | undefined;
    let map: Record<string, string> = {};
    let timeout: number = DEFAULTS.storeTimeout;
    let esoStore: EsoStoreRef | undefined;
    for (const pair of node.items as Pair[]) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as Node | null;
      if (name === 'map') {
        const m = isMap(value) ? value.toJSON() : undefined;
        if (!m || !Object.entries(m).every(([k, v]) => VAR_NAME.test(k) && typeof v === 'string' && v !== '')) bad(value, 'map must map variable names to non-empty store names');
        else map = m as Record<string, string>;
      } else if (name === 'timeout') {
        const v = isScalar(value) ? value.value : undefined;
        if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0 || v > MAX_TIMEOUT) bad(value, `timeout must be a whole number of seconds from 1 to ${MAX_TIMEOUT}`);
        else timeout = v;
      } else if (name === 'store') {
        esoStore = readStoreRef(value, `${key}.store`);
      } else if (name in STORE_KEYS) {
        if (store) bad(pair.key as Node, `names more than one store (${store.kind} and ${name}): use one list entry per store`);
        else store = readStore(name as StoreSpec['kind'], value, `${key}.${name}`);
      } else bad(pair.key as Node, `has an unknown key "${name}" (known: ${stores}, map, timeout, store)`);
    }
    if (errors.length > before) return undefined;
    if (!store) return void bad(node, `names no store (one of ${stores})`);
    if (store.kind === 'aws-secrets-manager' && store.as !== undefined && Object.keys(map).length) return void bad(node, 'has both "as" and "map": with "as" the source gives only that variable');
    if (esoStore && store.kind === 'command') return void bad(node, 'is a command: it has no ESO store (store: applies to secret stores)');
    return { store, map, timeout, at: at(node), ...(esoStore ? { esoStore } : {}) };
  };

  /** `{name, kind?}`: a SecretStore (default) or ClusterSecretStore of the External Secrets Operator. */
  const readStoreRef = (node: Node | null, key: string): EsoStoreRef | undefined => {
    const given = isMap(node) ? (node.toJSON() as Record<string, unknown>) : undefined;
    const unknown = given ? Object.keys(given).filter((k) => k !== 'name' && k !== 'kind') : [];
    const kind = given?.kind ?? 'SecretStore';
    if (!given || unknown.length || typeof given.name !== 'string' || !K8S_NAME.test(given.name) || (kind !== 'SecretStore' && kind !== 'ClusterSecretStore')) {
      errors.push(error('config-invalid', `"${key}" must be {name: STORE, kind: SecretStore or ClusterSecretStore}, the name a Kubernetes object name`, at(node)));
      return undefined;
    }
    return { name: given.name, kind };
  };

  const readExternalSecrets = (node: Node | null, key: string): ExternalSecretsConfig | undefined => {
    const bad = (n: Node | null | undefined, expected: string) => void errors.push(error('config-invalid', `"${key}${expected}`, at(n)));
    if (!isMap(node)) return void bad(node, '" must be a mapping with store, refreshInterval, apiVersion');
    const before = errors.length;
    const out: ExternalSecretsConfig = { refreshInterval: '1h', apiVersion: 'external-secrets.io/v1' };
    for (const pair of node.items as Pair[]) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as Node | null;
      const v = isScalar(value) ? value.value : undefined;
      if (name === 'store') {
        const ref = readStoreRef(value, `${key}.store`);
        if (ref) out.store = ref;
      } else if (name === 'refreshInterval') {
        if (typeof v !== 'string' || !GO_DURATION.test(v)) bad(value, '.refreshInterval" must be a duration such as 1h, 30m or 1h30m');
        else out.refreshInterval = v;
      } else if (name === 'apiVersion') {
        if (!ESO_API_VERSIONS.includes(v as EsoApiVersion)) bad(value, `.apiVersion" must be one of ${ESO_API_VERSIONS.join(', ')}`);
        else out.apiVersion = v as EsoApiVersion;
      } else bad(pair.key as Node, `" has an unknown key "${name}" (known: store, refreshInterval, apiVersion)`);
    }
    return errors.length > before ? undefined : out;
  };

  const readStore = (kind: StoreSpec['kind'], node: Node | null, key: string): StoreSpec | undefined => {
    const bad = (expected: string) => {
      errors.push(error('config-invalid', `"${key}" ${expected}`, at(node)));
      return undefined;
    };
    if (kind === 'command') {
      if (!isSeq(node) || !node.items.length || !node.items.every((i) => isScalar(i) && typeof i.value === 'string' && i.value !== '')) {
        return bad('must be a non-empty list of strings: the program and its arguments (no shell)');
      }
      return { kind, argv: node.items.map((i) => String((i as { value: unknown }).value)) };
    }
    const fields = STORE_KEYS[kind];
    const given = isMap(node) ? (node.toJSON() as Record<string, unknown>) : undefined;
    const required = fields.filter((f) => !f.endsWith('?'));
    const known = fields.map((f) => f.replace('?', ''));
    if (!given) return bad(`must be a mapping with ${required.join(', ')}`);
    const unknown = Object.keys(given).filter((k) => !known.includes(k));
    if (unknown.length) return bad(`has an unknown key "${unknown[0]}" (known: ${known.join(', ')})`);
    for (const f of known) {
      if (given[f] === undefined && !required.includes(f)) continue;
      if (typeof given[f] !== 'string' || given[f] === '') return bad(`needs ${f}: a non-empty string`);
    }
    if (kind === 'aws-secrets-manager') {
      // The ID goes to the CLI as one argument: it must read as data, never as an option.
      if (!SECRET_ID.test(given.secret as string) || (given.secret as string).length > 2048) return bad('needs secret: a secret name (letters, digits and /_+=.@-, not starting with -) or a Secrets Manager ARN');
      if (given.as !== undefined && !VAR_NAME.test(given.as as string)) return bad('needs as: a variable name');
    }
    if (kind === 'aws-secrets-manager' && given.region !== undefined && !AWS_REGION.test(given.region as string)) return bad('needs region: an AWS region name such as eu-west-1');
    return { kind, ...given } as StoreSpec;
  };

  const config = readMap(contents.items as Pair[], TOP_KEYS, '') as RawConfig;
  const output = config.output;
  if (output !== undefined && (output.includes('/') || output.includes('\\') || output === '.' || output === '..')) {
    errors.push(error('config-invalid', '"output" must be a file name, without folders', { file, line: 1, col: 1 }));
  }
  return { config, errors };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
