import fs from 'node:fs';
import { parseEnv } from 'node:util';
import { error } from '../diagnostics.js';
import type { Diagnostic, EnvironmentConfig, ValueSource } from '../types.js';
import { rel } from './load-config.js';
import { generatedDates } from '../pipeline/generate-values.js';

/** Where one environment's variables come from, highest first (SPEC 4). */
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
    if (Object.prototype.hasOwnProperty.call(layers.processEnv, name) && layers.processEnv[name] !== undefined) return { value: layers.processEnv[name]!, source: { kind: 'env' } };
    return layers.envFileArgs.get(name) ?? layers.stores.get(name) ?? layers.files.get(name);
  };
  return { lookup: (name) => find(name)?.value, sourceOf: (name) => find(name)?.source };
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

/**
 * Read one environment's dotenv files: `files`, its `generatedFile` (when it
 * exists) then its `envFiles`; `envFileArgs`, the `--env-file` files. Later wins.
 */
export function readEnvFiles(
  env: EnvironmentConfig,
  extraFiles: string[],
  root: string,
): { files: ValuesFrom; envFileArgs: ValuesFrom; errors: Diagnostic[]; invalid: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const invalid: Diagnostic[] = [];
  const read = (files: ValuesFrom, file: string, kind: ValueSource['kind'], optional: boolean) => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (optional && code === 'ENOENT') return;
      errors.push(error('env-file-unreadable', `cannot read env file: ${code === 'ENOENT' ? 'no such file' : code ?? 'error'}`, { file: rel(root, file), env: env.name }));
      return;
    }
    const unclosed = unclosedQuoteLine(text);
    if (unclosed) {
      // util.parseEnv would keep the quote as part of the value; that is a typo, not a value.
      invalid.push(error('env-file-quote', 'a quoted value has no closing quote', { file: rel(root, file), line: unclosed, col: 1, env: env.name }));
      return;
    }
    const dates = kind === 'generated' ? generatedDates(text) : undefined;
    for (const [name, value] of Object.entries(parseEnv(text))) {
      const date = dates?.get(name);
      if (value !== undefined) files.set(name, { value, source: { kind, file: rel(root, file), ...(date ? { date } : {}) } });
    }
  };
  const files: ValuesFrom = new Map();
  const envFileArgs: ValuesFrom = new Map();
  read(files, env.generatedFile, 'generated', true);
  for (const f of env.envFiles) read(files, f, 'env-file', false);
  for (const f of extraFiles) read(envFileArgs, f, 'env-file', false);
  return { files, envFileArgs, errors, invalid };
}

/** The line of the first `NAME="...` (or ' or `) whose quote never closes, or 0. */
export function unclosedQuoteLine(text: string): number {
  const assignment = /^[ \t]*(?:export[ \t]+)?[\w.-]+[ \t]*=[ \t]*(["'`])/gm;
  let from = 0;
  for (let m = assignment.exec(text); m; m = assignment.exec(text)) {
    if (m.index < from) continue;
    const open = m.index + m[0].length;
    const close = text.indexOf(m[1], open);
    if (close < 0) return text.slice(0, m.index).split('\n').length;
    from = close + 1;
    assignment.lastIndex = from;
  }
  return 0;
}
