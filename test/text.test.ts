import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareText, plural, sortText, table } from '../src/text.js';

test('sortText: code-unit order, the same in every locale (capitals before lower case, é after z)', () => {
  assert.equal(sortText(['b', 'é', 'a', 'B', 'z', '_', 'a1']), ['B', '_', 'a', 'a1', 'b', 'z', 'é']);
  assert.is(compareText('a', 'a'), 0);
  assert.is(compareText('a', 'b'), -1);
  assert.is(compareText('b', 'a'), 1);
});

test('plural: one, many, zero, and an irregular plural', () => {
  assert.is(plural(1, 'key'), '1 key');
  assert.is(plural(2, 'key'), '2 keys');
  assert.is(plural(0, 'key'), '0 keys');
  assert.is(plural(3, 'entry', 'entries'), '3 entries');
});

test('table: padded columns, last column unpadded, no trailing blanks', () => {
  assert.is(table(['NAME', 'STATE', 'NOTE'], [['a', 'set', ''], ['longer-name', 'unset', 'x']]), 'NAME         STATE  NOTE\na            set\nlonger-name  unset  x\n');
  assert.is(table(['A'], []), 'A\n');
});

test.run();
