import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expandPlaceholders, parsePlaceholders } from '../src/pipeline/placeholders.js';
import { check, render } from '../src/commands/render.js';
import { parse as parseYaml } from 'yaml';
import { project } from './helpers/testdir.js';

/**
 * Flux's value operators (bash parameter expansions). Each case says what
 * kustenv gives; `bash: true` cases are also run through bash as an oracle,
 * and `bashResult` records what bash gives where it differs (or "error").
 */
interface Case {
  title: string;
  text: string;
  vars: Record<string, string>;
  value?: string;
  errors?: { code: string; name?: string; offset: number }[];
  bash?: boolean;
  bashResult?: string;
}

const cases: Case[] = JSON.parse(fs.readFileSync(new URL('./cases/flux-operators.json', import.meta.url), 'utf8'));

function run(text: string, vars: Record<string, string>, dummy = false) {
  const parsed = parsePlaceholders(text);
  if (parsed.errors.length) return { errors: parsed.errors.map((e) => ({ code: e.code, offset: e.offset })) };
  const r = expandPlaceholders(parsed.segments, (n) => (Object.hasOwn(vars, n) ? vars[n] : undefined), { dummy });
  if (r.errors.length) return { errors: r.errors.map((e) => ({ code: e.code, name: e.name, offset: e.offset })) };
  return { value: r.value };
}

for (const c of cases) {
  test(`flux operator: ${c.title}`, () => {
    const got = run(c.text, c.vars);
    if (c.errors) assert.equal(got, { errors: c.errors });
    else assert.equal(got, { value: c.value });
  });
}

/**
 * bash as the oracle, in one process: each case runs in a subshell that
 * copies its variables from the environment (values never appear in the
 * script) and prints the expansion, NUL-terminated; a bash error prints ERR.
 */
const haveBash = spawnSync('bash', ['-c', 'true']).status === 0;
test('flux operator: bash agrees where the table says so, and differs where it says how', () => {
  if (!haveBash) return;
  const checked = cases.filter((c) => c.bash || c.bashResult !== undefined);
  assert.ok(checked.length > 60);
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8' };
  const script: string[] = [];
  checked.forEach((c, i) => {
    assert.not.match(c.text.replace(/\$\{[^}]*\}/g, ''), /[\s'"`;]/, `${c.title}: oracle texts hold no shell quoting`);
    assert.not.match(c.text, /['"`;]/, `${c.title}: oracle texts hold no shell quoting`);
    const assign = Object.keys(c.vars).map((name) => {
      env[`KUSTENV_CASE_${i}_${name}`] = c.vars[name];
      return `${name}="$KUSTENV_CASE_${i}_${name}"; `;
    });
    script.push(`( ${assign.join('')}r=${c.text}; printf '%s\\0' "$r" ) 2>/dev/null || printf 'ERR\\0'`);
  });
  const r = spawnSync('bash', ['-c', script.join('\n')], { env, encoding: 'utf8' });
  assert.is(r.status, 0);
  const outputs = r.stdout.split('\0');
  checked.forEach((c, i) => {
    const bash = outputs[i] === 'ERR' ? 'error' : outputs[i];
    if (c.bash) assert.is(bash, c.value, `bash disagrees on: ${c.title}`);
    else assert.is(bash, c.bashResult, `bash's result changed for: ${c.title}`);
  });
});

test('flux operator: missing dummy goes through the operator', () => {
  assert.equal(run('${DB_HOST^^}|${#DB_HOST}|${DB_HOST#dummy-}', {}, true), { value: 'DUMMY-DB_HOST|13|db_host' });
});

test('flux operator: value operators make a variable required; defaults do not', () => {
  const p = parsePlaceholders('${A^^} ${#B} ${C:1} ${D#x} ${E//a/b} ${F:-x} ${G:-${H,,}} ${I:?m}');
  assert.equal(
    p.uses.map((u) => [u.name, u.required]),
    [['A', true], ['B', true], ['C', true], ['D', true], ['E', true], ['F', false], ['G', false], ['H', false], ['I', true]],
  );
  assert.equal(p.names, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
});

test('flux operator: messages never quote the template text of a bad operator or a value', () => {
  for (const text of ['${A/*SECRETISH*/x}', '${A: -1SECRETISH}', '${A#[!SECRETISH]}', '${A^SECRETISH}']) {
    const p = parsePlaceholders(text);
    assert.is(p.errors.length, 1, text);
    assert.not.ok(p.errors[0].message.includes('SECRETISH'), p.errors[0].message);
  }
  const r = expandPlaceholders(parsePlaceholders('${A^^}${B:1}').segments, (n) => (n === 'A' ? 'CANARY-VALUE' : undefined));
  assert.not.ok(JSON.stringify(r.errors).includes('CANARY'));
});

// 1 MiB values through every pattern operator: the glob automaton is linear
// in the value (times the pattern), so each finishes far inside the bound.
test('flux operator: pattern operators on a 1 MiB value complete and are right', () => {
  const MiB = 1 << 20;
  const unit = 'ab/cd.ef-';
  const big = unit.repeat(Math.ceil(MiB / unit.length)).slice(0, MiB);
  const noDot = 'x'.repeat(MiB);
  const expect: [string, string, string][] = [
    ['${V#*.}', big, big.slice(big.indexOf('.') + 1)],
    ['${V##*.}', big, big.slice(big.lastIndexOf('.') + 1)],
    ['${V%.*}', big, big.slice(0, big.lastIndexOf('.'))],
    ['${V%%.*}', big, big.slice(0, big.indexOf('.'))],
    ['${V##*/}', big, big.slice(big.lastIndexOf('/') + 1)],
    ['${V#*.*.*z}', big, big],
    ['${V##*[0-9]}', big, big],
    ['${V%%*?}', big, ''],
    ['${V#*.}', noDot, noDot],
    ['${V##x*y}', noDot, noDot],
    ['${V%%*y*x}', noDot, noDot],
    ['${V##?}', noDot, noDot.slice(1)],
    ['${V%%[^y]*}', noDot, ''],
    ['${V/cd/X}', big, big.replace('cd', 'X')],
    ['${V//cd/X}', big, big.split('cd').join('X')],
    ['${V/#ab/X}', big, 'X' + big.slice(2)],
    ['${V/%zz/X}', big, big],
    ['${#V}', big, String(MiB)],
    ['${V:1000:5}', big, big.slice(1000, 1005)],
    ['${V^^}', big, big.toUpperCase()],
  ];
  const t = Date.now();
  for (const [text, value, want] of expect) {
    const got = run(text, { V: value });
    assert.ok(got.value === want, `${text} is wrong`);
  }
  assert.ok(Date.now() - t < 10_000, `took ${Date.now() - t} ms`);
});

/** One Secret whose value is one 1 MiB scalar of 50,000 placeholders with `$$` escapes mixed in. */
function bigProject(): { dir: string; expected: string } {
  const parts: string[] = [];
  const want: string[] = [];
  // `$$` is followed by text: `$$${C}` would be `$` and the escape `$${C}`.
  const units = ['${C}', '$${C}', '${C:-d}', '${C^^}', '$$', 'x'];
  const outs = ['c', '${C}', 'c', 'C', '$$', 'x'];
  let placeholders = 0;
  let size = 0;
  for (let i = 0; placeholders < 50_000; i++) {
    const k = i % units.length;
    parts.push(units[k]);
    want.push(outs[k]);
    size += units[k].length;
    if (units[k].startsWith('${')) placeholders++;
  }
  const filler = 'y'.repeat(Math.max(0, (1 << 20) - size));
  const value = parts.join('') + filler;
  const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: big\nstringData:\n  BIG: '${value}'\n`;
  const dir = project({ envs: ['dev'], secret, configmap: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  LEVEL: info\n' });
  return { dir, expected: want.join('') + filler };
}

test('linear: a 1 MiB scalar of 50,000 placeholders checks and renders (dry run) in well under 3 s', async () => {
  const { dir, expected } = bigProject();
  const t0 = Date.now();
  const c = await check({ cwd: dir, env: { C: 'c' } });
  const checkMs = Date.now() - t0;
  assert.is(c.status, 0, JSON.stringify(c.diagnostics.slice(0, 3)));
  const t1 = Date.now();
  const r = await render({ cwd: dir, env: { C: 'c' }, dryRun: true });
  const renderMs = Date.now() - t1;
  assert.is(r.status, 0);
  assert.ok(checkMs < 3000 && renderMs < 3000, `check ${checkMs} ms, render ${renderMs} ms`);
  assert.not.ok(fs.existsSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml')), 'a dry run writes nothing');
  const patch = parseYaml(r.environments[0].content!) as { stringData: { BIG: string } };
  assert.ok(patch.stringData.BIG === expected, 'the rendered value is exact');
});

test('linear: an unset variable used 50,000 times reports every place quickly, with positions', async () => {
  const { dir } = bigProject();
  const t = Date.now();
  const c = await check({ cwd: dir, env: {} });
  assert.ok(Date.now() - t < 3000, `took ${Date.now() - t} ms`);
  const unset = c.diagnostics.filter((d) => d.code === 'unset-variable');
  assert.ok(unset.length > 1000);
  assert.ok(unset.every((d) => d.file === 'base/secret.yaml' && d.line === 6 && typeof d.col === 'number'));
  assert.is(new Set(unset.map((d) => d.col)).size, unset.length, 'each use has its own column');
});

test.run();
