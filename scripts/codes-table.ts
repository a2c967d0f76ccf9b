// Writes docs/exit-codes.md's code table (between its codes:start/codes:end markers) from src/codes.ts.
import fs from 'node:fs';
import path from 'node:path';
import { codesTable } from '../src/codes.js';

const file = path.resolve(import.meta.dirname, '..', 'docs', 'exit-codes.md');
const doc = fs.readFileSync(file, 'utf8');
fs.writeFileSync(file, doc.replace(/<!-- codes:start -->\n[\s\S]*?\n<!-- codes:end -->/, `<!-- codes:start -->\n${codesTable()}\n<!-- codes:end -->`));
