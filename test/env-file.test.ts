import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readEnvFileText } from '../src/io/load-values.js';
import { generatedDates, rotateGenerated } from '../src/pipeline/generate-values.js';
import { parseEnvFile } from '../src/pipeline/parse-env-file.js';
import { BIN, cli } from './helpers/cli.js';
import { project, tempdir } from './helpers/testdir.js';

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

// The generated file is rewritten as entries.
const MULTI = [
  '# keys',
  'K="-----BEGIN-----',
  'S=not-an-entry',
  '-----END-----"',
  'export  A=keep me # note',
  '# generated 2020-01-01',
  'S="old',
  'still old"',
  "Q='x'   # q",
  '',
].join('\n');

test('rotate replaces whole entries, with their date line; every other entry stays byte for byte', () => {
  const out = rotateGenerated(MULTI, [['S', 'new1']], '2026-05-06');
  assert.is(out, MULTI.replace('# generated 2020-01-01\nS="old\nstill old"', '# generated 2026-05-06\nS=new1'));
  const parsed = parseEnvFile(out, 'g.env');
  assert.equal(parsed.diagnostics, []);
  assert.equal(Object.fromEntries(parsed.values), { K: '-----BEGIN-----\nS=not-an-entry\n-----END-----', A: 'keep me', S: 'new1', Q: 'x' });
  assert.equal(Object.fromEntries(generatedDates(out)), { S: '2026-05-06' });
  // A name only inside another value is not in the file: it is appended.
  const k = rotateGenerated(MULTI, [['A', 'a2'], ['NEW', 'n']], '2026-05-06');
  assert.ok(k.startsWith('# keys\nK="-----BEGIN-----\nS=not-an-entry\n-----END-----"\n# generated 2026-05-06\nA=a2\n# generated 2020-01-01\nS="old'));
  assert.ok(k.endsWith("Q='x'   # q\n# generated 2026-05-06\nNEW=n\n"));
});

test('rotate keeps CRLF, a BOM and a file without a final line break', () => {
  assert.is(rotateGenerated('\ufeffS=1\r\nT="a\r\nb"\r\n', [['S', '2']], '2026-01-02'), '\ufeff# generated 2026-01-02\r\nS=2\r\nT="a\r\nb"\r\n');
  assert.is(rotateGenerated('\ufeff# generated 2020-01-01\nS=1', [['S', '2']], '2026-01-02'), '\ufeff# generated 2026-01-02\nS=2');
  assert.is(rotateGenerated('A=1\nS="x\ny"', [['S', '2']], '2026-01-02'), 'A=1\n# generated 2026-01-02\nS=2');
});

test('rotate (the command): refuses a generated file that does not parse, and rewrites one that does, entry by entry', async () => {
  const schema = JSON.stringify({ properties: { S: { 'x-kustenv-generate': 'hex:8' }, K: {} } });
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  S: ${S}\n  K: ${K}\n';
  const gen = 'overlays/dev/kustenv.generated.env';
  const dir = project({ envs: ['dev'], secret, extra: { 'schemas/variables.schema.json': schema, [gen]: 'K="unterminated\n' }, gitignore: 'kustenv.patch.yaml\nkustenv.generated.env\n*.kustenv-tmp\n' });
  const file = path.join(dir, gen);
  const bad = await cli(['rotate', 'dev', 'S'], { cwd: dir });
  assert.is(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /kustenv\.generated\.env:1:1: error: the double quote of K is never closed/);
  assert.is(fs.readFileSync(file, 'utf8'), 'K="unterminated\n');
  fs.writeFileSync(file, MULTI);
  const r = await cli(['rotate', 'dev', 'S'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const after = fs.readFileSync(file, 'utf8');
  const s = parseEnvFile(after, gen).values.get('S')!;
  assert.match(s, /^[0-9a-f]{16}$/);
  assert.is(after, MULTI.replace(/# generated 2020-01-01\nS="old\nstill old"/, `# generated ${new Date().toISOString().slice(0, 10)}\nS=${s}`));
  assert.not.ok(r.stdout.includes(s) || r.stderr.includes(s));
});

// Reading is bounded: regular files only, bytes read counted.
test('only regular files are read: a FIFO, a device and a folder are refused at once', () => {
  const dir = tempdir();
  const fifo = path.join(dir, 'fifo.env');
  assert.is(spawnSync('mkfifo', [fifo]).status, 0);
  const started = Date.now();
  for (const f of [fifo, '/dev/zero', '/dev/null', dir]) {
    const r = readEnvFileText(f);
    assert.ok('reason' in r && /not a regular file/.test(r.reason), f);
  }
  assert.ok(Date.now() - started < 2000);
  assert.equal(readEnvFileText(path.join(dir, 'none.env')), { missing: true });
});

test('the size limit counts the bytes read, not the size the file reports', () => {
  const dir = tempdir();
  const file = path.join(dir, 'big.env');
  fs.writeFileSync(file, `A=${'x'.repeat(200)}\n`);
  assert.ok('reason' in readEnvFileText(file, 100));
  assert.equal(readEnvFileText(file, 1000), { text: `A=${'x'.repeat(200)}\n` });
  // /proc files report size 0 yet hold bytes.
  assert.is(fs.statSync('/proc/self/status').size, 0);
  const proc = readEnvFileText('/proc/self/status', 16);
  assert.ok('reason' in proc && /larger than 16 bytes/.test(proc.reason));
});

test('an env file that is not UTF-8 text is refused; a BOM is kept for the parser', () => {
  const dir = tempdir();
  const file = path.join(dir, 'x.env');
  fs.writeFileSync(file, Buffer.from([0x41, 0x3d, 0xff, 0x0a]));
  assert.equal(readEnvFileText(file), { reason: 'not valid UTF-8' });
  fs.writeFileSync(file, Buffer.from('A=\0\n'));
  assert.ok('reason' in readEnvFileText(file));
  fs.writeFileSync(file, '\ufeffS=1\n');
  assert.equal(readEnvFileText(file), { text: '\ufeffS=1\n' });
});

// --env-file [ENV=]FILE
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  LEVEL: ${LEVEL:-info}\n  NOTE: ${NOTE:-none}\n';
const ENVS = 'environments:\n  dev: {}\n  staging: {}\n';

test('--env-file ENV=FILE feeds that environment only; FILE alone every named one; unscoped with none named is exit 2', async () => {
  const dir = project({ configmap: CM, config: ENVS, extra: { 'ci/staging.env': 'LEVEL=debug\n', 'all.env': 'NOTE=from-all\n', 'bad.env': 'NOTE="x\n' } });
  const env = { PATH: process.env.PATH, TOKEN: 'tok-value-1' };
  const r = await cli(['render', 'dev', 'staging', '--dry-run', '--env-file', 'staging=ci/staging.env', '--env-file', 'all.env'], { cwd: dir, env });
  assert.is(r.code, 0, r.stderr);
  const [dev, staging] = r.stdout.split(/^# (?:would write|unchanged): /m).slice(1);
  assert.match(dev, /LEVEL: info/);
  assert.match(staging, /LEVEL: debug/);
  assert.match(dev, /NOTE: from-all/);
  assert.match(staging, /NOTE: from-all/);
  const unscoped = await cli(['check', '--env-file', 'all.env'], { cwd: dir, env });
  assert.is(unscoped.code, 2);
  assert.match(unscoped.stderr, /\[env-file-unscoped\]/);
  // Scoped files need no named environment.
  assert.is((await cli(['check', '--env-file', 'staging=ci/staging.env'], { cwd: dir, env })).code, 0);
  // A file for an environment that does not run is not read.
  assert.is((await cli(['check', 'dev', '--env-file', 'staging=nope.env'], { cwd: dir, env })).code, 0);
  const missing = await cli(['check', 'staging', '--env-file', 'staging=nope.env'], { cwd: dir, env });
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /nope\.env: error: cannot read env file: no such file \(environment staging\) \[env-file-unreadable\]/);
  const syntax = await cli(['check', 'dev', '--env-file', 'bad.env'], { cwd: dir, env });
  assert.is(syntax.code, 2);
  assert.match(syntax.stderr, /bad\.env:1:1: error: the double quote of NOTE is never closed \(environment dev\) \[env-file-syntax\]/);
});

// The real program, as a shell runs it (the bin's first line): Node must not take --env-file.
function bin(args: string[], cwd: string, env: NodeJS.ProcessEnv = { PATH: process.env.PATH }) {
  const r = spawnSync(BIN, args, { cwd, env, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('the real process: a missing --env-file is kustenv\'s env-file-unreadable, exit 2 (not Node\'s exit 9)', () => {
  const dir = project({ configmap: CM, config: ENVS });
  const r = bin(['check', 'dev', '--env-file', 'nope.env'], dir, { PATH: process.env.PATH, TOKEN: 'tok-value-1' });
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stderr, /nope\.env: error: cannot read env file: no such file \(environment dev\) \[env-file-unreadable\]/);
  const eq = bin(['check', 'dev', '--env-file=nope.env'], dir, { PATH: process.env.PATH, TOKEN: 'tok-value-1' });
  assert.is(eq.code, 2, eq.stderr);
  assert.match(eq.stderr, /\[env-file-unreadable\]/);
});

test('the real process: --env-file values reach only the scoped environment and never the process environment', () => {
  const dir = project({ configmap: CM, config: ENVS });
  const hook = path.join(dir, 'hook.cjs');
  fs.writeFileSync(hook, 'process.stdout.write("NODE-TOOK-THE-ENV-FILE\\n");\n');
  fs.writeFileSync(path.join(dir, 'staging.env'), `LEVEL=debug-from-file\nNODE_OPTIONS="--require ${hook}"\n`);
  const r = bin(['render', 'dev', 'staging', '--dry-run', '--env-file', 'staging=staging.env'], dir, { PATH: process.env.PATH, TOKEN: 'tok-value-1' });
  assert.is(r.code, 0, r.stderr);
  assert.not.ok(r.stdout.includes('NODE-TOOK-THE-ENV-FILE'));
  const [dev, staging] = r.stdout.split(/^# (?:would write|unchanged): /m).slice(1);
  assert.match(staging, /LEVEL: debug-from-file/);
  assert.match(dev, /LEVEL: info/);
  assert.not.ok(dev.includes('debug-from-file'));
});

test.run();
