/** Plain data shared by the pipeline stages. */

export type Severity = 'error' | 'warning';

/**
 * One finding. `message` never holds a variable's value: it names the
 * variable, the environment and the rule instead.
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** Path relative to the project root, with `/` separators. */
  file?: string;
  line?: number;
  col?: number;
  variable?: string;
  env?: string;
  /** The schema rule that failed, as `file#/json/pointer`, for schema errors. */
  rule?: string;
}

/** A position in a source file, 1-based. */
export interface Loc {
  file: string;
  line: number;
  col: number;
}

export type MissingPolicy = 'error' | 'dummy' | 'generate';

export interface EnvironmentConfig {
  name: string;
  /** Absolute path of the overlay folder. */
  overlayDir: string;
  /** Absolute paths, later ones win. */
  envFiles: string[];
  production: boolean;
  missing: MissingPolicy;
  /** Secret stores, read after `envFiles` (later wins). */
  sources: SourceConfig[];
  /** Absolute path. */
  generatedFile: string;
  /** `patch` (default), or `external-secrets`: Secrets become ExternalSecret manifests. */
  output?: 'patch' | 'external-secrets';
  /** The ESO options, with `output: external-secrets`. */
  externalSecrets?: ExternalSecretsConfig;
}

export const ESO_API_VERSIONS = ['external-secrets.io/v1', 'external-secrets.io/v1beta1'] as const;
export type EsoApiVersion = (typeof ESO_API_VERSIONS)[number];

/** A SecretStore or ClusterSecretStore that the External Secrets Operator reads from. */
export interface EsoStoreRef {
  name: string;
  kind: 'SecretStore' | 'ClusterSecretStore';
}

export interface ExternalSecretsConfig {
  /** The store of every source without its own `store:`. */
  store?: EsoStoreRef;
  /** Default `1h`. */
  refreshInterval: string;
  /** Default `external-secrets.io/v1`. */
  apiVersion: EsoApiVersion;
}

export interface ProjectConfig {
  /** Folder that relative paths are taken from: the config file's, else the working directory. */
  root: string;
  /** Absolute path of kustenv.yaml, when one was found. */
  configFile?: string;
  base: string;
  include: string[];
  exclude: string[];
  overlays: string;
  output: string;
  schema?: string;
  environments: EnvironmentConfig[];
  rotateAfterDays: number;
}

/** Where a variable's value came from, for `vars` and reports; never the value. */
export interface ValueSource {
  kind: 'set' | 'env' | 'env-file' | 'generated' | 'store';
  /** File path for file sources. */
  file?: string;
  /** The store's label (`aws-ssm /app/`) for store sources. */
  store?: string;
  /** For generated values: the day it was generated (YYYY-MM-DD), from its `# generated` line. */
  date?: string;
}

/** One secret store (docs/stores.md), as kustenv.yaml gives it: each driver in src/io/stores/ declares its own. */
export type { StoreSpec } from './io/stores/registry.js';
import type { StoreSpec } from './io/stores/registry.js';

export interface SourceConfig {
  store: StoreSpec;
  /** Variable name -> the store's name for it, overriding lower kebab case. */
  map: Record<string, string>;
  /** Seconds to wait for each CLI call. */
  timeout: number;
  /** Where the entry is in kustenv.yaml, for messages. */
  at?: Loc;
  /** This source's own ESO store (`store:` beside `map`), for `output: external-secrets`. */
  esoStore?: EsoStoreRef;
}
