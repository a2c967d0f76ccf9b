/** Every option of kustenv, with its default, in one place. */
import type { StoreSession } from './io/stores/index.js';

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

/** YAML parsing limits: aliases expanded per document. */
export const MAX_ALIAS_EXPANSIONS = 100;

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
  /** Store answers to reuse, so that one command (apply: diff, then render) asks each store once. */
  storeSession?: StoreSession;
  /** Long work says how far it is here (names and counts, never a value); the CLI shows it on a terminal only. */
  progress?: (message: string) => void;
}
