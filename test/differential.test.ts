import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { render } from '../src/commands/render.js';
import { expandPlaceholders, parsePlaceholders } from '../src/pipeline/placeholders.js';
import { ROOT } from './helpers/cli.js';
import { project, tempdir } from './helpers/testdir.js';

// Differential tests against the peers kustenv replaces: GNU envsubst and the
// envsub package. Where they should agree (set variables, defaults), they must;
// where kustenv differs on purpose, the table below says how.

const tmp = tempdir();
let n = 0;

function kustenv(text: string, vars: Record<string, string>): { value?: string; error?: string } {
  const p = parsePlaceholders(text);
  if (p.errors.length) return { error: p.errors[0].code };
  const r = expandPlaceholders(p.segments, (k) => (Object.hasOwn(vars, k) ? vars[k] : undefined));
  return r.errors.length ? { error: r.errors[0].code } : { value: r.value };
}

function envsubst(text: string, vars: Record<string, string>): string {
  const r = spawnSync('envsubst', { input: text, env: { PATH: process.env.PATH, ...vars }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`envsubst failed: ${r.stderr}`);
  return r.stdout;
}

function envsub(text: string, vars: Record<string, string>): string {
  const file = path.join(tmp, `t${n++}.txt`);
  fs.writeFileSync(file, text);
  const bin = path.join(ROOT, 'node_modules', 'envsub', 'bin', 'envsub.js');
  const r = spawnSync(process.execPath, [bin, file, 'stdout'], { env: { PATH: process.env.PATH, ...vars }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`envsub failed: ${r.stderr}`);
  return r.stdout.replace(/\n$/, '');
}

const haveEnvsubst = spawnSync('envsubst', ['--version']).status === 0;
if (!haveEnvsubst) {
  if (process.env.CI === 'true') throw new Error('GNU envsubst (gettext-base) is required in CI');
  console.warn('SKIPPED: GNU envsubst not found; the envsubst differential tests did not run');
}

const vars = { A: 'alpha', B: 'with space', C: 'x: y # z', D: '', URL: 'https://u:p@h:5432/db?x=1&y=2' };
const agreeWithEnvsubst = ['${A}', 'pre ${A} post', '${A}${B}', '${C}', '[${D}]', '${URL}', 'no placeholder', 'é ${A} 🎉', '${A}\n${B}\n'];
const agreeWithEnvsub = [...agreeWithEnvsubst.filter((t) => !t.endsWith('\n')), '${MISSING:-fallback}', '${A:-unused}', 'x ${MISSING:-a b c} y'];

if (haveEnvsubst) {
  for (const text of agreeWithEnvsubst) {
    test(`agrees with GNU envsubst: ${JSON.stringify(text)}`, () => {
      assert.equal(kustenv(text, vars), { value: envsubst(text, vars) });
    });
  }
}

for (const text of agreeWithEnvsub) {
  test(`agrees with envsub: ${JSON.stringify(text)}`, () => {
    assert.equal(kustenv(text, vars), { value: envsub(text, vars) });
  });
}

// The deliberate differences: [template, kustenv, envsubst, envsub].
const differences: [string, { value?: string; error?: string }, string, string][] = [
  ['${MISSING}', { error: 'unset' }, '', ''],
  ['$A', { value: '$A' }, 'alpha', '$A'],
  ['$(A)', { value: '$(A)' }, '$(A)', '$(A)'],
  ['$${A}', { value: '${A}' }, '$alpha', '$alpha'],
  ['${A:+set}', { value: 'set' }, '${A:+set}', '${A:+set}'],
  ['${MISSING-x}', { value: 'x' }, '${MISSING-x}', '${MISSING-x}'],
  // POSIX: `:-` also applies to an empty value; envsub treats it as set.
  ['${D:-x}', { value: 'x' }, '${D:-x}', ''],
];

for (const [text, ours, gnu, pkg] of differences) {
  test(`deliberate difference: ${JSON.stringify(text)}`, () => {
    assert.equal(kustenv(text, vars), ours);
    if (haveEnvsubst) assert.is(envsubst(text, vars), gnu);
    assert.is(envsub(text, vars), pkg);
  });
}

test('YAML level: with plain values kustenv and envsubst give the same objects; with a colon envsubst breaks the YAML', async () => {
  const template = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: ${A}\n  b: ${B}\n';
  const dir = project({ envs: ['dev'], configmap: template });
  for (const [values, envsubstParses] of [
    [{ A: 'alpha', B: 'beta' }, true],
    [{ A: 'alpha', B: 'x: y' }, false],
  ] as const) {
    const r = await render({ cwd: dir, env: { TOKEN: 't', ...values } });
    assert.is(r.status, 0);
    const expected = { a: values.A, b: values.B };
    const ours = parse(r.environments[0].content!.split('---\n')[0]);
    assert.equal(ours.data, expected);
    if (!haveEnvsubst) continue;
    let theirs: unknown;
    try {
      theirs = parse(envsubst(template, values)).data;
    } catch {
      theirs = 'invalid YAML';
    }
    if (envsubstParses) assert.equal(theirs, expected);
    else assert.is.not(JSON.stringify(theirs), JSON.stringify(expected));
  }
});

test.run();
