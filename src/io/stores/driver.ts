/** A store's answer did not have the shape its CLI documents. */
export class MalformedAnswer extends Error {}

/**
 * One kind of store: its key in a `sources` entry of kustenv.yaml, the JSON
 * Schema of that key's value (schemas/kustenv.schema.json is checked against
 * it by test/config-schema.test.ts), and how kustenv talks to it through its
 * CLI (docs/stores.md). A new store is one such file, listed in registry.ts.
 */
export interface StoreDriver<S extends { kind: string } = { kind: string }> {
  /** The store's key in a `sources` entry. */
  readonly kind: S['kind'];
  /** JSON Schema (2020-12) of the key's value in kustenv.yaml. */
  readonly schema: Readonly<Record<string, unknown>>;
  /** The spec from the key's value, once the schema has accepted it. */
  spec(value: unknown): S;
  /** What names the source in messages and `vars`, after the kind: the path, vault, project or program. */
  label(spec: S): string;
  /** The program to run. */
  program(spec: S): string;
  /** One call answers for every name (true), or one call per name (false). */
  bulk: boolean;
  /** Store names are the variables' own names (command), not lower kebab case. */
  ownNames?: boolean;
  /** The arguments, after the program; `name` is the store name for per-name stores. */
  args(spec: S, name?: string): string[];
  /** A successful answer: every name's value (bulk), or the one value. Throws MalformedAnswer. */
  parse(stdout: string, spec: S): Map<string, string> | string;
  /** A failed call that means "no such secret": the variable is unset, not an error. */
  notFound(stderr: string): boolean;
}

/** The values of a JSON object whose values are all strings; MalformedAnswer otherwise. */
export function stringObject(value: unknown, what: string): Map<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new MalformedAnswer(`${what} is not a JSON object`);
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') out.set(k, v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.set(k, String(v));
    else throw new MalformedAnswer(`${what}: the value of "${k}" is not a string`);
  }
  return out;
}

/** JSON.parse that reports the shape, never the text (it holds values). */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedAnswer(`${what} is not valid JSON`);
  }
}
