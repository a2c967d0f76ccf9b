import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { render } from '../src/commands/render.js';
import { expandPlaceholders, parsePlaceholders } from '../src/pipeline/placeholders.js';
import { project, snapshot } from './helpers/testdir.js';

// Fuzzing, bounded in time: random templates (any text, placeholders of every
// form, escapes, broken syntax) and random values. A run either succeeds and
// the patch reads back with exactly the expected values, or fails with exit 1
// and positioned errors; never a crash, a hang or a partial write.

const NAMES = ['A', 'B', 'C', 'D_1'];
const piece = fc.oneof(
  fc.constantFrom('${A}', '${B:-dflt}', '${C-x}', '${D_1:+on}', '${A:=z}', '${B?must}', '$${A}', '$$', '$', '${', '}', '{', '${1}', '${A', ': ', ' #', '"', "'", '\n', '---', '*', '&', '!', 'é', '🎉', '$(POD)'),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
const templateValue = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
const values = fc.dictionary(fc.constantFrom(...NAMES), fc.string({ unit: 'grapheme', maxLength: 10 }), { maxKeys: 4 });
const data = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_.-]{0,8}$/), templateValue, { minKeys: 1, maxKeys: 4 });

/** What the data values should render to, by the engine on its own, or null when the run must fail. */
function expected(d: Record<string, string>, vars: Record<string, string>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d)) {
    const p = parsePlaceholders(v);
    if (p.errors.length) return null;
    const r = expandPlaceholders(p.segments, (n) => (Object.hasOwn(vars, n) ? vars[n] : undefined));
    if (r.errors.length) return null;
    if (p.hasPlaceholder || p.hasEscape) out[k] = r.value;
  }
  return out;
}

test('fuzz: random templates and values render exactly or fail cleanly (about 10 seconds)', async () => {
  const dir = project({ envs: ['dev'], secret: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  fixed: x\n' });
  const patch = path.join(dir, 'overlays/dev/kustenv.patch.yaml');
  let successes = 0;
  let failures = 0;
  await fc.assert(
    fc.asyncProperty(data, values, async (d, vars) => {
      fs.writeFileSync(path.join(dir, 'base/configmap.yaml'), stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: d }));
      fs.rmSync(patch, { force: true });
      const before = snapshot(dir);
      const want = expected(d, vars);
      const r = await render({ cwd: dir, env: vars });
      if (r.status === 0) {
        successes++;
        assert.ok(want, 'succeeded where the engine alone fails');
        const docs = parseAllDocuments(fs.readFileSync(patch, 'utf8'));
        for (const doc of docs) assert.equal(doc.errors, []);
        const cm = docs.map((doc) => doc.toJS()).find((o) => o.kind === 'ConfigMap');
        assert.equal(cm?.data ?? {}, want);
      } else {
        failures++;
        assert.is(r.status, 1, JSON.stringify(r.diagnostics.map((x) => x.code)));
        assert.ok(r.diagnostics.some((x) => x.severity === 'error' && x.file && x.line), 'a positioned error');
        assert.equal(snapshot(dir), before, 'nothing written');
      }
    }),
    { numRuns: 100000, interruptAfterTimeLimit: Number(process.env.FUZZ_MS ?? 2000), seed: Number(process.env.FUZZ_SEED ?? 424242) },
  );
  assert.ok(successes > 10 && failures > 10, `both paths ran: ${successes} ok, ${failures} failed`);
});

test.run();
