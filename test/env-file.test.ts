import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseEnvFile } from '../src/pipeline/parse-env-file.js';
import { tempdir } from './helpers/testdir.js';

interface Case {
  name: string;
  text: string;
  values: Record<string, string>;
  diagnostics: { code: string; line: number; variable?: string }[];
  /** POSIX sh reads the file to the same values. */
  sh?: boolean;
  /** [name, first line, last line] of each entry. */
  entries?: [string, number, number][];
}

const CASES: Case[] = JSON.parse(fs.readFileSync(new URL('./cases/env-files.json', import.meta.url), 'utf8'));

// The grammar, case by case.
for (const c of CASES) {
  test(`env file: ${c.name}`, () => {
    const parsed = parseEnvFile(c.text, 'x.env');
    assert.equal(Object.fromEntries(parsed.values), c.values);
    assert.equal(
      parsed.diagnostics.map((d) => ({ code: d.code, line: d.line, ...(d.variable ? { variable: d.variable } : {}) })),
      c.diagnostics,
    );
    for (const d of parsed.diagnostics) {
      assert.is(d.file, 'x.env');
      assert.is(d.severity, d.code === 'env-file-hash-in-value' || d.code === 'env-file-duplicate' ? 'warning' : 'error', d.code);
    }
    if (c.entries) assert.equal(parsed.entries.map((e) => [e.name, e.line, e.endLine]), c.entries);
    // Each entry's range is its own text: from its line's start up to its last line's break.
    for (const e of parsed.entries) {
      const own = c.text.slice(e.start, e.end);
      assert.ok(own.replace(/^\ufeff?[ \t]*(export[ \t]+)?/, '').startsWith(`${e.name}=`), c.name);
      assert.not.ok(own.endsWith('\r') || own.endsWith('\n'), c.name);
      assert.is(own.split('\n').length, e.endLine - e.line + 1, c.name);
    }
  });
}

test('env file cases: every rule has its case (at least 40) and each diagnostic code is covered', () => {
  assert.ok(CASES.length >= 40, `${CASES.length} cases`);
  const codes = new Set(CASES.flatMap((c) => c.diagnostics.map((d) => d.code)));
  assert.equal([...codes].sort(), ['env-file-duplicate', 'env-file-hash-in-value', 'env-file-name', 'env-file-syntax']);
});

test('env file diagnostics never hold the value', () => {
  const SENTINEL = 'S3CR3T-SENTINEL';
  const texts = [
    `A="${SENTINEL}\n`,
    `A='${SENTINEL}\n`,
    `A="${SENTINEL}"x\n`,
    `A='${SENTINEL}' ${SENTINEL}\n`,
    `${SENTINEL}\n`,
    `${SENTINEL}=x\n`,
    `BAD-${SENTINEL}=x\n`,
    `A=${SENTINEL}#x\n`,
    `A=${SENTINEL}\nA=${SENTINEL}2\n`,
  ];
  for (const text of texts) {
    const parsed = parseEnvFile(text, 'x.env');
    assert.ok(parsed.diagnostics.length > 0, text);
    assert.not.ok(JSON.stringify(parsed.diagnostics).includes(SENTINEL), text);
  }
});

test('env file: values the old reader cut short come back whole', () => {
  const text = 'DB_PASSWORD=longpassword12#tail\nAPI_KEY="a \\"b\\" c"\n\ufeffX=1\n';
  const parsed = parseEnvFile(`\ufeffS=1\n${text}`, 'x.env');
  assert.is(parsed.values.get('S'), '1');
  assert.is(parsed.values.get('DB_PASSWORD'), 'longpassword12#tail');
  assert.is(parsed.values.get('API_KEY'), 'a "b" c');
  // A BOM is accepted at the start of the file only.
  assert.ok(parsed.diagnostics.some((d) => d.code === 'env-file-name' && d.line === 4));
});

// Where POSIX sh and the grammar agree, they read the same values.
const bash = spawnSync('bash', ['-c', 'true']).status === 0;
test('env file: the same values as `set -a; . FILE` in bash where the syntaxes agree', () => {
  assert.ok(bash, 'bash is needed for this check');
  const dir = tempdir();
  const shCases = CASES.filter((c) => c.sh);
  assert.ok(shCases.length >= 15, `${shCases.length} sh cases`);
  shCases.forEach((c, i) => {
    const file = path.join(dir, `${i}.env`);
    fs.writeFileSync(file, c.text);
    const names = Object.keys(c.values);
    const script = `set -a; . "$1"; shift; for n in "$@"; do printf '%s\\0' "\${!n}"; done`;
    const r = spawnSync('bash', ['-c', script, 'sh', file, ...names], { encoding: 'utf8', env: {} });
    assert.is(r.status, 0, `${c.name}: ${r.stderr}`);
    const fromSh = Object.fromEntries(r.stdout.split('\0').slice(0, -1).map((v, k) => [names[k], v]));
    assert.equal(fromSh, c.values, c.name);
    assert.equal(Object.fromEntries(parseEnvFile(c.text, 'x.env').values), fromSh, c.name);
  });
});

test.run();
