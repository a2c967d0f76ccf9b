import path from 'node:path';
import { error } from '../diagnostics.js';
import type { Diagnostic, EnvironmentConfig, ValueSource } from '../types.js';
import { rel } from './load-config.js';
import { readRegularFile } from './read-file.js';
import { generatedDates } from '../pipeline/generate-values.js';
import { parseEnvFile } from '../pipeline/parse-env-file.js';
import { MAX_ENV_FILE_BYTES } from '../options.js';

/** Where one environment's variables come from, highest first (docs/values.md). */
export interface ValueLayers {
  /** `--set NAME=VALUE` */
  set: Map<string, string>;
  /** The process environment. */
  processEnv: NodeJS.ProcessEnv;
  /** `--env-file` files, merged, with the file each value came from. */
  envFileArgs: ValuesFrom;
  /** The environment's secret stores. */
  stores: ValuesFrom;
  /** Its `envFiles` and `generatedFile`, merged. */
  files: ValuesFrom;
  /**
   * An empty value in the process environment counts as unset, and the
   * layers below answer (a missing CI secret reaches the job as ""). `--set
   * NAME=`, env files and stores are written on purpose: their empty value stays a value.
   */
  emptyIsUnset?: boolean;
}

/** Values by name, each with where it came from. */
export type ValuesFrom = Map<string, { value: string; source: ValueSource }>;

export interface Lookup {
  (name: string): string | undefined;
}

/** A lookup over the layers, recording where each value came from. */
export function layeredLookup(layers: ValueLayers): { lookup: Lookup; sourceOf: (name: string) => ValueSource | undefined } {
  const find = (name: string): { value: string; source: ValueSource } | undefined => {
    if (layers.set.has(name)) return { value: layers.set.get(name)!, source: { kind: 'set' } };
    const fromEnv = Object.prototype.hasOwnProperty.call(layers.processEnv, name) ? layers.processEnv[name] : undefined;
    if (fromEnv !== undefined && !(fromEnv === '' && layers.emptyIsUnset)) return { value: layers.processEnv[name]!, source: { kind: 'env' } };
    return layers.envFileArgs.get(name) ?? layers.stores.get(name) ?? layers.files.get(name);
  };
  // Each name found once: a render asks for the same names in every template, and process.env is slow to ask.
  const found = new Map<string, { value: string; source: ValueSource } | undefined>();
  const cached = (name: string) => {
    if (!found.has(name)) found.set(name, find(name));
    return found.get(name);
  };
  return { lookup: (name) => cached(name)?.value, sourceOf: (name) => cached(name)?.source };
}

/** Parse `--set NAME=VALUE` arguments. A malformed one is a usage error. */
export function parseSetArgs(args: string[]): { set: Map<string, string>; errors: Diagnostic[] } {
  const set = new Map<string, string>();
  const errors: Diagnostic[] = [];
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (eq < 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name === '_') {
      // Only the name part is shown: what follows `=` may be a secret.
      // Show the name part only when it is one: a mistyped argument may be a value.
      const shown = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && eq >= 0 ? `"${name}=…"` : 'an argument that is not NAME=VALUE';
      errors.push(error('bad-set', `--set takes NAME=VALUE, with NAME a variable name; got ${shown}`));
      continue;
    }
    set.set(name, arg.slice(eq + 1));
  }
  return { set, errors };
}

export { MAX_ENV_FILE_BYTES };

/**
 * An env file's text (a BOM kept, for the parser), or why it cannot be read:
 * `missing` when it does not exist, else a short reason. Only a regular file
 * is read: the file is opened without blocking and checked with fstat on the
 * open descriptor, so a FIFO or device is refused at once.
 */
export function readEnvFileText(file: string, limit = MAX_ENV_FILE_BYTES): { text: string } | { missing: true } | { reason: string } {
  const read = readRegularFile(file, limit);
  if ('error' in read) {
    if (read.error === 'ENOENT') return { missing: true };
    const reasons: Record<string, string> = { EACCES: 'permission denied', EISDIR: 'not a regular file (FIFOs, devices and folders are not read)', 'not-regular': 'not a regular file (FIFOs, devices and folders are not read)', 'too-large': `larger than ${limit} bytes` };
    return { reason: reasons[read.error] ?? read.error };
  }
  if (read.bytes.includes(0)) return { reason: 'holds a NUL byte: not a text file' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(read.bytes) };
  } catch {
    return { reason: 'not valid UTF-8' };
  }
}

/** `--env-file [ENV=]FILE`: the environment it is for (none: every environment of the run) and the file. */
export function envFileArg(arg: string): { env?: string; file: string } {
  const m = /^([a-z0-9](?:[-a-z0-9_.]*[a-z0-9])?)=(.+)$/is.exec(arg);
  return m ? { env: m[1], file: m[2] } : { file: arg };
}

/** The `--env-file` arguments that apply to environment `env`, resolved from `cwd`, in order. */
export function envFileArgsFor(args: string[], env: string, cwd: string): string[] {
  return args.map(envFileArg).filter((a) => a.env === undefined || a.env === env).map((a) => path.resolve(cwd, a.file));
}

/**
 * Read one environment's env files: `files`, its `generatedFile` (when it
 * exists) then its `envFiles`; `envFileArgs`, the `--env-file` files that
 * apply to it. Later wins. `errors`: a file that cannot be read or breaks the
 * syntax (exit 2); `invalid`: warnings about the files.
 */
export function readEnvFiles(
  env: EnvironmentConfig,
  extraFiles: string[],
  root: string,
): { files: ValuesFrom; envFileArgs: ValuesFrom; errors: Diagnostic[]; invalid: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const invalid: Diagnostic[] = [];
  const read = (files: ValuesFrom, file: string, kind: ValueSource['kind'], optional: boolean) => {
    const shown = rel(root, file);
    const got = readEnvFileText(file);
    if ('missing' in got && optional) return;
    if (!('text' in got)) {
      errors.push(error('env-file-unreadable', `cannot read env file: ${'missing' in got ? 'no such file' : got.reason}`, { file: shown, env: env.name }));
      return;
    }
    const parsed = parseEnvFile(got.text, shown);
    for (const d of parsed.diagnostics) (d.severity === 'error' ? errors : invalid).push({ ...d, env: env.name });
    if (parsed.diagnostics.some((d) => d.severity === 'error')) return;
    const dates = kind === 'generated' ? generatedDates(got.text) : undefined;
    for (const [name, value] of parsed.values) {
      const date = dates?.get(name);
      files.set(name, { value, source: { kind, file: shown, ...(date ? { date } : {}) } });
    }
  };
  const files: ValuesFrom = new Map();
  const envFileArgs: ValuesFrom = new Map();
  read(files, env.generatedFile, 'generated', true);
  for (const f of env.envFiles) read(files, f, 'env-file', false);
  for (const f of extraFiles) read(envFileArgs, f, 'env-file', false);
  return { files, envFileArgs, errors, invalid };
}
