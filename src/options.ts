/** Every option of kustenv, with its default, and every limit, in one place. */

export const DEFAULTS = {
  /** Folder of templates. Default: `base`. */
  base: 'base',
  /** Globs under `base`. */
  include: ['**/*.yaml', '**/*.yml'],
  /** Globs under `base` that are never templates. */
  exclude: ['**/kustomization.yaml', '**/kustomization.yml', '**/Kustomization'],
  /** Folder with one subfolder per environment. Default: `overlays`. */
  overlays: 'overlays',
  /** File written into each overlay folder. Default: `kustenv.patch.yaml`. */
  output: 'kustenv.patch.yaml',
  /** Variables schema, used when the file exists. */
  schema: 'schemas/variables.schema.json',
  /** File name of generated secrets in an overlay folder. */
  generatedFile: 'kustenv.generated.env',
  /** Age in days after which generated and live secrets are reported. */
  rotateAfterDays: 90,
  /** Seconds a secret store's CLI may take per call. Default: 60. */
  storeTimeout: 60,
  /** Store CLI calls running at once. */
  storeConcurrency: 8,
} as const;

export const CONFIG_FILE = 'kustenv.yaml';

/** File names that make a folder of `overlays` an environment. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** `prod` and `production` get production rules unless the config says otherwise. */
export const isProductionName = (name: string): boolean => name === 'prod' || name === 'production';

// Limits. Each bounds what hostile or broken input can cost; none is an option.

/** YAML: aliases expanded per template document; more is `yaml-alias-limit`. */
export const MAX_ALIAS_EXPANSIONS = 100;
/** How deep a template document may nest (`yaml-too-deep` beyond); Kubernetes objects need a few dozen levels. */
export const MAX_DEPTH = 256;
/** How deep `${A:-${B:-...}}` may nest; deeper is an error (`placeholder-too-deep`), not a stack overflow. */
export const MAX_NESTING = 64;
/** Templates larger than this are refused, not read (`template-too-large`): 16 MiB; a Kubernetes object is at most 1 MiB. */
export const MAX_TEMPLATE_BYTES = 16 * 1024 * 1024;
/** Env files larger than this are refused: 16 MiB, counted on the bytes actually read. */
export const MAX_ENV_FILE_BYTES = 16 * 1024 * 1024;
/** A store's answer larger than this is refused, and its CLI stopped (`store-malformed`): values are text of a few KiB. */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
/** Largest `timeout` (seconds) of a `sources` entry: a day, far beyond any store's answer, and within what a timer can hold. */
export const MAX_TIMEOUT = 86400;
/** A `kubectl get` of `verify` that hangs (an unreachable API server) is stopped after this many milliseconds. */
export const GET_TIMEOUT_MS = 120_000;
/** Kubernetes' limit on a Secret or ConfigMap, measured on its JSON serialization (`object-too-large`). */
export const MAX_OBJECT_BYTES = 1024 * 1024;
/** Largest N of an `x-kustenv-generate` rule `KIND:N`, in bytes (or characters, for alnum): far above any key size, far below a dotenv line that hurts. */
export const MAX_GENERATE_SIZE = 4096;
/** Estimated bits under which a credential is weak (production rules). */
export const MIN_SECRET_BITS = 64;
/** Secret values shorter than this (trimmed) are masked only where they stand at a secret path, so ordinary words are not blanked. */
export const MIN_MASKED_LENGTH = 4;

/** Options every command takes (CLI flags map onto these). */
export interface RunOptions {
  /** Working directory. Default: `process.cwd()`. */
  cwd?: string;
  /** Explicit config file; otherwise kustenv.yaml is looked up from `cwd` upwards. */
  config?: string;
  /** Environments to work on. Default: all. */
  environments?: string[];
  /** Extra env files, `[ENV=]FILE`, above the config's `sources` and `envFiles` (later wins): `ENV=FILE` for that environment only, `FILE` for every environment of the run. */
  envFiles?: string[];
  /** `NAME=VALUE` pairs, above everything else. */
  set?: string[];
  /** The process environment. Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Write outputs that git does not ignore. Default: false. */
  allowUnignored?: boolean;
  /** Also compute each environment's masked diff against the file on disk. Default: false. */
  review?: boolean;
  /** An empty value in the process environment counts as unset (GitHub mode: a missing repository secret reaches the job as ""). Default: false. */
  emptyIsUnset?: boolean;
  /** `missing: generate` may create values (render, check). Default: true; `vars` only reports. */
  generate?: boolean;
  /** Long work says how far it is here (names and counts, never a value); the CLI shows it on a terminal only. */
  progress?: (message: string) => void;
}
