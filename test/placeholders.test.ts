import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import { MAX_NESTING, expandPlaceholders, parsePlaceholders } from '../src/pipeline/placeholders.js';

interface Case {
  title: string;
  text: string;
  vars: Record<string, string>;
  value?: string;
  errors?: { code: string; name?: string; offset: number; message?: string }[];
}

const cases: Case[] = JSON.parse(fs.readFileSync(new URL('./cases/placeholders.json', import.meta.url), 'utf8'));

function run(text: string, vars: Record<string, string>) {
  const parsed = parsePlaceholders(text);
  if (parsed.errors.length) return { errors: parsed.errors.map((e) => ({ code: e.code, offset: e.offset })) };
  const r = expandPlaceholders(parsed.segments, (n) => (Object.hasOwn(vars, n) ? vars[n] : undefined));
  if (r.errors.length) return { errors: r.errors.map((e) => ({ code: e.code, name: e.name, offset: e.offset, ...(e.message ? { message: e.message } : {}) })) };
  return { value: r.value };
}

for (const c of cases) {
  test(`placeholder: ${c.title}`, () => {
    const got = run(c.text, c.vars);
    if (c.errors) assert.equal(got, { errors: c.errors });
    else assert.equal(got, { value: c.value });
  });
}

test('placeholder: errors never carry a value', () => {
  const r = run('${A:?${B}}', { B: 'CANARY-123' });
  assert.not.ok(JSON.stringify(r).includes('CANARY-123'));
});

test('placeholder: names lists every variable, defaults included, once', () => {
  assert.equal(parsePlaceholders('${A:-${B}} ${A} $${C} ${D:+${E}}').names, ['A', 'B', 'D', 'E']);
});

test('placeholder: hasPlaceholder and hasEscape tell the two apart', () => {
  const a = parsePlaceholders('$${X}');
  assert.equal([a.hasPlaceholder, a.hasEscape], [false, true]);
  const b = parsePlaceholders('${X} $Y');
  assert.equal([b.hasPlaceholder, b.hasEscape], [true, false]);
  const c = parsePlaceholders('$Y $(Z) $$');
  assert.equal([c.hasPlaceholder, c.hasEscape], [false, false]);
});

test('placeholder: nesting deeper than the limit is an error, not a crash', () => {
  const deep = '${A:-'.repeat(MAX_NESTING + 5) + 'x' + '}'.repeat(MAX_NESTING + 5);
  const p = parsePlaceholders(deep);
  assert.equal(p.errors[0].code, 'too-deep');
  const ok = '${A:-'.repeat(MAX_NESTING - 1) + 'x' + '}'.repeat(MAX_NESTING - 1);
  const q = parsePlaceholders(ok);
  assert.equal(q.errors, []);
  assert.equal(expandPlaceholders(q.segments, () => undefined).value, 'x');
});

test('placeholder: missing dummy replaces only ${NAME}, not :? or ?', () => {
  const p = parsePlaceholders('${DB_PASS} ${REQ:?needed}');
  const r = expandPlaceholders(p.segments, () => undefined, { dummy: true });
  assert.equal(r.dummied, ['DB_PASS']);
  assert.equal(r.errors.map((e) => e.name), ['REQ']);
});

test('placeholder: time stays linear on long inputs of escapes and placeholders', () => {
  // 100k of each pattern: a quadratic scanner would take minutes here.
  for (const unit of ['$$', '$${', '${A}', '$', '${A:-${B:-', '}']) {
    const text = unit.repeat(100_000);
    const t = Date.now();
    const p = parsePlaceholders(text);
    if (!p.errors.length) expandPlaceholders(p.segments, () => 'v');
    assert.ok(Date.now() - t < 2000, `${unit} took ${Date.now() - t} ms`);
  }
});

test('placeholder: value operators stay linear on long inputs too', () => {
  // 100k of each; the bound is generous because the machine running tests may be busy.
  const t = Date.now();
  for (const unit of ['${#A}', '${A:1:2}', '${A##*v}', '${A//v/w}', '${A^^}', '${A:-${B%v}}', '${A%[a-z]}$$x']) {
    const text = unit.repeat(100_000);
    const p = parsePlaceholders(text);
    assert.equal(p.errors, [], unit);
    assert.is(p.uses.length, unit.startsWith('${A:-') ? 200_000 : 100_000);
    expandPlaceholders(p.segments, () => 'v');
  }
  assert.ok(Date.now() - t < 10_000, `took ${Date.now() - t} ms`);
});

test.run();
