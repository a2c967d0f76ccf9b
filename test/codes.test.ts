import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { CODES, codesTable, exitClass, isCode, type Code } from '../src/codes.js';
import { error } from '../src/diagnostics.js';

const root = path.resolve(import.meta.dirname, '..');
const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? (d.name === 'generated' ? [] : sources(path.join(dir, d.name))) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
const src = sources(path.join(root, 'src'))
  .filter((f) => !f.endsWith('codes.ts'))
  .map((f) => fs.readFileSync(f, 'utf8'))
  .join('\n');

test('docs/exit-codes.md holds the table made from src/codes.ts', () => {
  const doc = fs.readFileSync(path.join(root, 'docs', 'exit-codes.md'), 'utf8');
  const m = doc.match(/<!-- codes:start -->\n([\s\S]*?)\n<!-- codes:end -->/);
  assert.ok(m, 'docs/exit-codes.md has the codes:start/codes:end markers');
  assert.is(m![1], codesTable());
});

test('every registered code is reported somewhere in src/', () => {
  const unused = (Object.keys(CODES) as Code[]).filter((c) => {
    if (src.includes(`'${c}'`)) return false;
    // Codes built from a prefix: placeholder-${e.code} and yaml codes.
    const tail = c.replace(/^placeholder-/, '');
    return !(c.startsWith('placeholder-') && src.includes(`code: '${tail}'`));
  });
  assert.equal(unused, []);
});

test('exit classes: values and inputs exit 1, could-not-run exits 2', () => {
  assert.is(exitClass('unset-variable'), 1);
  assert.is(exitClass('yaml-invalid'), 1);
  assert.is(exitClass('config-invalid'), 2);
  assert.is(exitClass('store-timeout'), 2);
  assert.ok(isCode('weak-secret'));
  assert.not.ok(isCode('weak-secrets'));
  assert.not.ok(isCode('toString'));
});

test('error() keeps the code it is given', () => {
  assert.is(error('bad-set', 'm').code, 'bad-set');
  // @ts-expect-error a code that is not registered fails the type check
  error('no-such-code', 'm');
});

test.run();
