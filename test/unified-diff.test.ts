import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyPatch, createTwoFilesPatch } from 'diff';
import { unifiedDiff } from '../src/pipeline/unified-diff.js';

/** A seeded generator: the same documents every run. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const doc = (i: number, lines: string[]) => [`# source: base/t${i}.yaml:1`, 'apiVersion: v1', 'kind: ConfigMap', `metadata:\n  name: c${i}`, 'data:', ...lines].join('\n') + '\n';
const file = (docs: string[]) => docs.join('---\n');

/** Two versions of a patch file: documents changed, added and removed at random. */
function versions(seed: number, valuesOnly: boolean): [string, string] {
  const random = rng(seed);
  const n = 5 + Math.floor(random() * 40);
  const before: string[] = [];
  const after: string[] = [];
  for (let i = 0; i < n; i++) {
    const lines = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, k) => `  k${k}: v${i}-${k}`);
    before.push(doc(i, lines));
    const r = random();
    if (!valuesOnly && r < 0.1) continue; // removed
    if (!valuesOnly && r < 0.2) after.push(doc(1000 + i, ['  new: x'])); // added
    const changed = lines.map((l) => (random() < 0.3 ? `${l}-changed` : l));
    after.push(doc(i, changed));
  }
  // Now and then two documents change places.
  if (!valuesOnly && random() < 0.3 && after.length > 2) {
    const k = Math.floor(random() * (after.length - 1));
    [after[k], after[k + 1]] = [after[k + 1], after[k]];
  }
  return [file(before), file(after)];
}

test('unified diff document by document: applying it gives the new file (documents changed, added, removed, moved)', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const [before, after] = versions(seed, false);
    const patch = unifiedDiff('p.yaml', 'p.yaml', before, after, ['on disk', 'rendered'], 0);
    assert.is(applyPatch(before, patch), after, `seed ${seed}`);
  }
});

// Every line is unique, so the shortest edit is one: both ways must find it.
test('unified diff document by document: the same text as jsdiff when only values change', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const [before, after] = versions(seed, true);
    const whole = createTwoFilesPatch('p.yaml', 'p.yaml', before, after, 'on disk', 'rendered', { context: 3 });
    assert.is(unifiedDiff('p.yaml', 'p.yaml', before, after, ['on disk', 'rendered'], 0), whole, `seed ${seed}`);
  }
});

test('unified diff: small files go to jsdiff whole; a missing last line break is marked as jsdiff marks it', () => {
  const before = 'a: 1\nb: 2\n---\nc: 3';
  const after = 'a: 1\nb: 9\n---\nc: 4';
  const whole = createTwoFilesPatch('/dev/null', 'p.yaml', before, after, 'on disk', 'rendered', { context: 3 });
  assert.is(unifiedDiff('/dev/null', 'p.yaml', before, after, ['on disk', 'rendered']), whole);
  assert.is(unifiedDiff('/dev/null', 'p.yaml', before, after, ['on disk', 'rendered'], 0), whole);
  assert.match(whole, /\\ No newline at end of file/);
});

test.run();
