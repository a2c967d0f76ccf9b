/** The store part of schemas/kustenv.schema.json, made from the drivers (scripts/store-schema.ts writes it; a test compares). */
import { STORES } from './registry.js';

type Json = Record<string, unknown>;

/** Keys of a `sources` entry beside its one store key. */
const ENTRY_KEYS = ['map', 'timeout', 'store'];

/** The config schema with `$defs.source` holding every driver's key and schema, and the one-store rule over them. */
export function withStores(schema: Json): Json {
  const defs = schema.$defs as Record<string, Json>;
  const source = defs.source;
  const props = source.properties as Record<string, unknown>;
  // Store keys first, then the keys any entry may have beside its store.
  const common = Object.fromEntries(Object.entries(props).filter(([k]) => ENTRY_KEYS.includes(k)));
  const properties = { ...Object.fromEntries(STORES.map((d) => [d.kind, d.schema])), ...common };
  const oneOf = STORES.map((d) => ({ required: [d.kind], properties: { [d.kind]: true } }));
  return { ...schema, $defs: { ...defs, source: { ...source, properties, oneOf } } };
}
