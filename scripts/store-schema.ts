// Writes the store part of schemas/kustenv.schema.json from the store
// drivers (src/io/stores/*.ts): each driver's `schema` under
// $defs.source.properties, and the one-store-per-entry `oneOf`.
// Run after adding or changing a store: npm run schema:stores
// (test/config-schema.test.ts fails while the file and the drivers differ).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withStores } from '../src/io/stores/schema.js';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'schemas', 'kustenv.schema.json');
const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
fs.writeFileSync(file, `${JSON.stringify(withStores(schema), null, 2)}\n`);
