import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { appendGenerated, generatedDates, generateValue, parseGenerateRule, rotateGenerated } from '../src/pipeline/generate-values.js';
import { cli } from './helpers/cli.js';
import { project } from './helpers/testdir.js';

// Generated values: shape, alphabet and fairness of each kind.
const SHAPES: [string, (v: string, n: number) => boolean][] = [
  ['base64', (v, n) => /^[A-Za-z0-9+/]*={0,2}$/.test(v) && Buffer.from(v, 'base64').length === n],
  ['base64url', (v, n) => /^[A-Za-z0-9_-]*$/.test(v) && Buffer.from(v, 'base64url').length === n],
  ['hex', (v, n) => /^[0-9a-f]*$/.test(v) && v.length === 2 * n],
  ['alnum', (v, n) => /^[A-Za-z0-9]*$/.test(v) && v.length === n],
];

for (const [kind, ok] of SHAPES) {
  test(`${kind}: length and alphabet hold over many draws`, () => {
    for (const n of [1, 2, 3, 16, 31, 32, 64]) {
      for (let i = 0; i < 200; i++) {
        const v = generateValue(parseGenerateRule(`${kind}:${n}`)!);
        assert.ok(ok(v, n), `${kind}:${n} gave a value of the wrong shape`);
      }
    }
  });
}

test('values are distinct across draws', () => {
  for (const kind of ['hex', 'alnum', 'base64url']) {
    const seen = new Set(Array.from({ length: 2000 }, () => generateValue(parseGenerateRule(`${kind}:16`)!)));
    assert.is(seen.size, 2000, kind);
  }
});

test('alnum has no modulo bias: every byte value once gives every character the same count', () => {
  // Each byte 0..255 exactly once per round: a plain `byte % 62` would give
  // the first 8 characters 5 hits per round and the rest 4; rejecting bytes >= 248 gives 4 each.
  let next = 0;
  const cycling = (n: number) => Buffer.from(Array.from({ length: n }, () => next++ % 256));
  const value = generateValue({ kind: 'alnum', size: 62 * 4 * 50 }, cycling);
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  assert.is(counts.size, 62);
  assert.equal(new Set(counts.values()), new Set([200]));
});

test('alnum draws pass a chi-square test of uniformity (62 buckets)', () => {
  const sample = Array.from({ length: 200 }, () => generateValue({ kind: 'alnum', size: 620 })).join('');
  const counts = new Map<string, number>();
  for (const c of sample) counts.set(c, (counts.get(c) ?? 0) + 1);
  const expected = sample.length / 62;
  const chi2 = [...counts.values()].reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
  // 61 degrees of freedom: p = 0.0001 at about 110. A biased generator lands far above (about 500 here).
  assert.is(counts.size, 62);
  assert.ok(chi2 < 110, `chi-square ${chi2.toFixed(1)}`);
});

test('generate rules: the accepted syntax and what is refused', () => {
  assert.equal(parseGenerateRule('hex:32'), { kind: 'hex', size: 32 });
  assert.equal(parseGenerateRule('alnum:4096'), { kind: 'alnum', size: 4096 });
  for (const bad of ['hex', 'hex:', 'hex:0', 'hex:-1', 'hex:01', 'hex:4097', 'HEX:8', 'uuid:8', 'hex:8 ', 32, null]) assert.is(parseGenerateRule(bad), null, String(bad));
});

test('the generated file: appended under date lines, rotated in place, dates read back', () => {
  const start = '# mine\nKEEP=1\n';
  const appended = appendGenerated(start, [['A', 'x1'], ['B', 'y1']], '2026-01-02');
  assert.is(appended, '# mine\nKEEP=1\n# generated 2026-01-02\nA=x1\n# generated 2026-01-02\nB=y1\n');
  assert.equal(Object.fromEntries(generatedDates(appended)), { A: '2026-01-02', B: '2026-01-02' });
  const rotated = rotateGenerated(appended, [['B', 'y2'], ['C', 'z1']], '2026-03-04');
  assert.is(rotated, '# mine\nKEEP=1\n# generated 2026-01-02\nA=x1\n# generated 2026-03-04\nB=y2\n# generated 2026-03-04\nC=z1\n');
  assert.is(appendGenerated('X=1', [['A', 'a']], '2026-01-02'), 'X=1\n# generated 2026-01-02\nA=a\n');
});

test('the generated file keeps CRLF line endings when it has them', () => {
  const crlf = '# mine\r\n# generated 2020-01-01\r\nA=x1\r\n';
  assert.is(appendGenerated(crlf, [['B', 'y']], '2026-01-02'), `${crlf}# generated 2026-01-02\r\nB=y\r\n`);
  assert.is(rotateGenerated(crlf, [['A', 'x2']], '2026-01-02'), '# mine\r\n# generated 2026-01-02\r\nA=x2\r\n');
  assert.equal(Object.fromEntries(generatedDates(crlf)), { A: '2020-01-01' });
});

// The commands, on a small project.
const SCHEMA = JSON.stringify({
  properties: {
    TOKEN: { 'x-kustenv-generate': 'alnum:40', writeOnly: true },
    JWT: { 'x-kustenv-generate': 'base64:32' },
    KEY: { 'x-kustenv-generate': 'hex:16' },
    LEVEL: {},
  },
});
const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  TOKEN: ${TOKEN}\n  JWT: ${JWT}\n  KEY: ${KEY}\n';
const IGNORE = 'kustenv.patch.yaml\nkustenv.generated.env\n*.kustenv-tmp\n';

function genProject(extra: Record<string, string> = {}, gitignore = IGNORE, config?: string) {
  return project({ envs: ['dev'], secret: SECRET, extra: { 'schemas/variables.schema.json': SCHEMA, ...extra }, gitignore, config });
}
const GEN = 'overlays/dev/kustenv.generated.env';
const read = (dir: string, f = GEN) => fs.readFileSync(path.join(dir, f), 'utf8');
const values = (dir: string) => parseEnv(read(dir));

test('generate: creates every missing generatable value, 0600, dated, names and the gh hint on stdout, no value', async () => {
  const dir = genProject();
  const r = await cli(['generate', 'dev'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(r.code, 0, r.stderr);
  const v = values(dir);
  assert.equal(Object.keys(v).sort(), ['JWT', 'KEY', 'TOKEN']);
  assert.match(v.TOKEN!, /^[A-Za-z0-9]{40}$/);
  assert.is(Buffer.from(v.JWT!, 'base64').length, 32);
  assert.match(v.KEY!, /^[0-9a-f]{32}$/);
  assert.is(fs.statSync(path.join(dir, GEN)).mode & 0o777, 0o600);
  assert.match(read(dir), new RegExp(`^# generated ${new Date().toISOString().slice(0, 10)}\\nJWT=`));
  assert.match(r.stdout, /generated JWT, KEY, TOKEN in overlays\/dev\/kustenv\.generated\.env/);
  assert.ok(r.stdout.includes('gh secret set --env dev -f overlays/dev/kustenv.generated.env'));
  for (const value of Object.values(v)) assert.not.ok(r.stdout.includes(value!) || r.stderr.includes(value!));
  // The patch renders from them.
  const rendered = await cli(['render', 'dev'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(rendered.code, 0, rendered.stderr);
  assert.ok(read(dir, 'overlays/dev/kustenv.patch.yaml').includes(v.TOKEN!));
});

test('generate: a second run changes nothing; existing lines and values set elsewhere are kept', async () => {
  const dir = genProject({ [GEN]: '# my notes\nKEY=mine-kept-as-is\n' });
  fs.chmodSync(path.join(dir, GEN), 0o600);
  const first = await cli(['generate', 'dev', '--set', 'JWT=from-set'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(first.code, 0, first.stderr);
  const text = read(dir);
  assert.ok(text.startsWith('# my notes\nKEY=mine-kept-as-is\n# generated '));
  assert.equal(Object.keys(values(dir)).sort(), ['KEY', 'TOKEN']);
  const again = await cli(['generate', 'dev', '--set', 'JWT=from-set'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(again.code, 0, again.stderr);
  assert.is(read(dir), text);
  assert.match(again.stderr, /nothing to generate/);
});

test('generate --into FILE and --format json: names only', async () => {
  const dir = genProject({}, `${IGNORE}local.env\n`);
  const r = await cli(['generate', 'dev', '--into', 'local.env', '--format', 'json'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.generated, ['JWT', 'KEY', 'TOKEN']);
  assert.is(doc.file, 'local.env');
  assert.is(doc.hint, 'gh secret set --env dev -f local.env');
  for (const value of Object.values(parseEnv(read(dir, 'local.env')))) assert.not.ok(r.stdout.includes(value!));
  assert.not.ok(fs.existsSync(path.join(dir, GEN)));
});

test('generate: refused where git does not ignore the file; nothing written', async () => {
  const dir = genProject({}, 'kustenv.patch.yaml\n');
  const r = await cli(['generate', 'dev'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(r.code, 1);
  assert.match(r.stderr, /output-not-ignored/);
  assert.not.ok(fs.existsSync(path.join(dir, GEN)));
  assert.equal(fs.readdirSync(path.join(dir, 'overlays/dev')), ['kustomization.yaml']);
});

test('rotate: replaces exactly the named values and their dates', async () => {
  const old = '# notes\n# generated 2020-01-01\nTOKEN=aaaaaaaaaa\n# generated 2020-01-01\nJWT=bbbbbbbbbb\n# generated 2020-01-01\nKEY=cccccccccc\n';
  const dir = genProject({ [GEN]: old });
  const r = await cli(['rotate', 'dev', 'JWT', 'KEY'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(r.code, 0, r.stderr);
  const text = read(dir);
  const lines = text.split('\n');
  assert.equal(lines.slice(0, 3), ['# notes', '# generated 2020-01-01', 'TOKEN=aaaaaaaaaa']);
  const today = new Date().toISOString().slice(0, 10);
  assert.is(lines[3], `# generated ${today}`);
  assert.match(lines[4], /^JWT=/);
  assert.is.not(values(dir).JWT, 'bbbbbbbbbb');
  assert.is.not(values(dir).KEY, 'cccccccccc');
  assert.is(lines[5], `# generated ${today}`);
  assert.match(r.stdout, /rotated JWT, KEY/);
  assert.not.ok(r.stdout.includes(values(dir).JWT!) || r.stderr.includes(values(dir).JWT!));
});

test('rotate: a variable without a generate rule is an error and nothing is rotated', async () => {
  const old = '# generated 2020-01-01\nTOKEN=aaaaaaaaaa\n';
  const dir = genProject({ [GEN]: old });
  const r = await cli(['rotate', 'dev', 'TOKEN', 'LEVEL'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(r.code, 1);
  assert.match(r.stderr, /LEVEL has no "x-kustenv-generate" rule.*\[no-generate-rule\]/);
  assert.is(read(dir), old);
});

test('a malformed x-kustenv-generate is a schema error naming the variable (exit 2)', async () => {
  const dir = genProject({ 'schemas/variables.schema.json': JSON.stringify({ properties: { TOKEN: { 'x-kustenv-generate': 'hex:lots' } } }) });
  for (const command of ['generate', 'check']) {
    const r = await cli([command, 'dev'], { cwd: dir, env: { PATH: process.env.PATH } });
    assert.is(r.code, 2, command);
    assert.match(r.stderr, /"x-kustenv-generate" of TOKEN must be KIND:N/);
  }
});

test('missing: generate: render creates and keeps the values, then renders from them', async () => {
  const dir = genProject({}, IGNORE, 'environments:\n  dev:\n    missing: generate\n');
  const r = await cli(['render', 'dev'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(r.code, 0, r.stderr);
  const v = values(dir);
  assert.equal(Object.keys(v).sort(), ['JWT', 'KEY', 'TOKEN']);
  assert.match(r.stderr, /warning: generated JWT, KEY, TOKEN into overlays\/dev\/kustenv\.generated\.env \(missing: generate\)/);
  for (const value of Object.values(v)) assert.not.ok(r.stderr.includes(value!) || r.stdout.includes(value!));
  const patch = read(dir, 'overlays/dev/kustenv.patch.yaml');
  assert.ok(patch.includes(v.TOKEN!) && patch.includes(v.KEY!));
  const again = await cli(['check', 'dev'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(again.code, 0, again.stderr);
  assert.equal(values(dir), v);
});

test('missing: generate is refused under CI=true and GITHUB_ACTIONS=true (exit 1), nothing written', async () => {
  for (const env of [{ CI: 'true' }, { GITHUB_ACTIONS: 'true' }]) {
    const dir = genProject({}, IGNORE, 'environments:\n  dev:\n    missing: generate\n');
    const r = await cli(['render', 'dev'], { cwd: dir, env: { PATH: process.env.PATH, ...env } });
    assert.is(r.code, 1, JSON.stringify(env));
    assert.match(r.stderr + r.stdout, /generate-in-ci/);
    assert.match(r.stderr + r.stdout, /kustenv generate dev/);
    assert.equal(fs.readdirSync(path.join(dir, 'overlays/dev')), ['kustomization.yaml']);
  }
});

test('missing: generate under CI=true is not refused when nothing would be generated (every generatable variable set)', async () => {
  const dir = genProject({}, IGNORE, 'environments:\n  dev:\n    missing: generate\n');
  const probe = await cli(['vars', 'dev', '--format', 'json'], { cwd: dir, env: { PATH: process.env.PATH } });
  const names: string[] = JSON.parse(probe.stdout).variables.map((v: { name: string }) => v.name);
  const values = Object.fromEntries(names.map((n) => [n, `Zq8vN2kT5mRx9wLp-${n}`]));
  const r = await cli(['check', 'dev'], { cwd: dir, env: { PATH: process.env.PATH, CI: 'true', ...values } });
  assert.not.match(r.stderr + r.stdout, /generate-in-ci/);
  assert.is(r.code, 0, r.stderr);
  assert.equal(fs.readdirSync(path.join(dir, 'overlays/dev')), ['kustomization.yaml'], 'nothing generated, nothing written');
});

test('check warns, with name and age only, when a generated value is older than rotateAfterDays', async () => {
  const dir = genProject({ [GEN]: '# generated 2020-01-01\nTOKEN=Old-Generated-Value-1234\n# generated 2099-01-01\nJWT=fresh\n' }, IGNORE, 'rotateAfterDays: 30\n');
  const r = await cli(['check', 'dev', '--set', 'KEY=k'], { cwd: dir, env: { PATH: process.env.PATH } });
  const age = Math.floor((Date.now() - Date.parse('2020-01-01T00:00:00Z')) / 86_400_000);
  assert.match(r.stderr, new RegExp(`warning: TOKEN was generated ${age} days ago \\(rotateAfterDays: 30\\); run: kustenv rotate dev TOKEN`));
  assert.not.match(r.stderr, /JWT was generated/);
  assert.not.ok(r.stderr.includes('Old-Generated-Value-1234') || r.stdout.includes('Old-Generated-Value-1234'));
});

test('a generated variable is secret even in a ConfigMap: masked in render --dry-run', async () => {
  const dir = project({
    envs: ['dev'],
    secret: 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  A: x\n',
    configmap: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  B: ${B}\n',
    extra: { 'schemas/variables.schema.json': JSON.stringify({ properties: { B: { 'x-kustenv-generate': 'alnum:20' } } }), [GEN]: '# generated 2026-01-01\nB=GeneratedCfgValue1234\n' },
    gitignore: IGNORE,
  });
  const r = await cli(['render', 'dev', '--dry-run'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /B: "\*\*\*"|B: \*\*\*/);
  assert.not.ok(r.stdout.includes('GeneratedCfgValue1234'));
});

test('a generate rule anywhere but directly in properties.<NAME> is a schema error (exit 2)', async () => {
  const dir = genProject({ 'schemas/variables.schema.json': JSON.stringify({ properties: { TOKEN: { $ref: '#/$defs/key' } }, $defs: { key: { type: 'string', 'x-kustenv-generate': 'hex:16' } } }) });
  const r = await cli(['check', 'dev'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(r.code, 2);
  assert.match(r.stderr, /"x-kustenv-generate" at #\/\$defs\/key\/x-kustenv-generate is not read: put it directly in properties/);
});

test('generate and rotate --into a folder: exit 2 with a message, no internal error', async () => {
  const dir = genProject({ 'd.env/keep': '' });
  for (const args of [['generate', 'dev'], ['rotate', 'dev', 'TOKEN']]) {
    const r = await cli([...args, '--into', 'd.env'], { cwd: dir, env: { PATH: process.env.PATH } });
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.stderr, /cannot read d\.env: not a regular file/);
    assert.not.match(r.stderr, /internal error/);
  }
});

test('vars only reports: with missing: generate it writes nothing, and runs under CI=true', async () => {
  const dir = genProject({}, IGNORE, 'environments:\n  dev:\n    missing: generate\n');
  const r = await cli(['vars', '--format', 'json'], { cwd: dir, env: { PATH: process.env.PATH, CI: 'true' } });
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).environments[0].variables.find((v: { name: string }) => v.name === 'TOKEN').state, 'missing');
  assert.not.ok(fs.existsSync(path.join(dir, GEN)));
});

test('rotate does not ask the secret stores', async () => {
  const dir = genProject({ 'no-store.sh': '#!/bin/sh\necho asked >&2\nexit 1\n' }, IGNORE, 'environments:\n  dev:\n    sources: [{command: [./no-store.sh]}]\n');
  fs.chmodSync(path.join(dir, 'no-store.sh'), 0o755);
  const r = await cli(['rotate', 'dev', 'TOKEN'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(r.code, 0, r.stderr);
  assert.match(values(dir).TOKEN!, /^[A-Za-z0-9]{40}$/);
});

test('missing: generate writes nothing when the run fails: the generated file comes with a valid render only', async () => {
  const secret = `${SECRET}  OTHER: \${OTHER}\n`;
  const dir = project({ envs: ['dev'], secret, extra: { 'schemas/variables.schema.json': SCHEMA.replace('"LEVEL":{}', '"LEVEL":{},"OTHER":{}') }, gitignore: IGNORE, config: 'environments:\n  dev:\n    missing: generate\n' });
  const failed = await cli(['render', 'dev'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(failed.code, 1);
  assert.match(failed.stderr, /OTHER is not set/);
  assert.not.match(failed.stderr, /generated-values/);
  assert.equal(fs.readdirSync(path.join(dir, 'overlays/dev')), ['kustomization.yaml']);
  const ok = await cli(['check', 'dev', '--set', 'OTHER=x'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(ok.code, 0, ok.stderr);
  assert.equal(Object.keys(values(dir)).sort(), ['JWT', 'KEY', 'TOKEN']);
  assert.not.ok(fs.existsSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml')), 'check writes no patch');
});

test('missing: generate is refused, and nothing generated, where git does not ignore the generated file', async () => {
  const dir = genProject({}, 'kustenv.patch.yaml\n', 'environments:\n  dev:\n    missing: generate\n');
  const r = await cli(['render', 'dev'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(r.code, 1);
  assert.match(r.stderr, /refusing to write overlays\/dev\/kustenv\.generated\.env: git does not ignore it.*\[output-not-ignored\]/);
  assert.equal(fs.readdirSync(path.join(dir, 'overlays/dev')), ['kustomization.yaml']);
});

test.run();
