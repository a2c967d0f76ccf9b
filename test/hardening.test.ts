import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { check, render } from '../src/commands/render.js';
import { BIN, cli, cliProcess } from './helpers/cli.js';
import { git, project, snapshot, tempdir } from './helpers/testdir.js';

/** A credential strong enough for the strength rule (a weak one draws a warning outside production). */
const STRONG = 'Zq8vN2kT5mRx9wLp';

const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);
const write = (dir: string, file: string, content: string | Buffer) => fs.writeFileSync(path.join(dir, file), content);

// Malformed and hostile input: a clear error with a position, exit 1, nothing written.
const hostile: [string, string | Buffer, string, number | undefined][] = [
  ['invalid YAML', 'a: [1, 2\n', 'yaml-invalid', undefined],
  ['tabs for indentation', 'a:\n\tb: 1\n', 'yaml-tab-indent', 2],
  ['duplicate keys', 'a: 1\nb: 2\na: 3\n', 'yaml-duplicate-key', 3],
  ['a custom tag', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: !Ref thing\n', 'yaml-custom-tag', 5],
  ['deep nesting, flow (10,000 levels)', `a: ${'['.repeat(10000)}${']'.repeat(10000)}\n`, 'yaml-too-deep', 1],
  ['deep nesting, flow mappings (10,000 levels)', `a: ${'{a: '.repeat(10000)}1${'}'.repeat(10000)}\n`, 'yaml-too-deep', 1],
  ['deep nesting, block (3,000 levels: 4.5 MB of indentation)', `${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} v\n`, 'yaml-too-deep', undefined],
  ['a NUL byte', Buffer.from('a: 1\nb: x\u0000y\n'), 'template-binary', 2],
  ['binary bytes', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), 'template-binary', 3],
  ['bytes that are not UTF-8', Buffer.concat([Buffer.from('a: 1\nb: caf'), Buffer.from([0xe9]), Buffer.from('\n')]), 'template-not-utf8', 2],
  ['a scalar document', 'just text\n', 'not-a-mapping', 1],
  ['a list document', '- a\n- b\n', 'not-a-mapping', 1],
];

for (const [title, content, code, line] of hostile) {
  test(`hostile input: ${title} is exit 1 with ${code}, nothing written`, async () => {
    const dir = project({ envs: ['dev'] });
    write(dir, 'base/bad.yaml', content);
    const before = snapshot(dir);
    const r = await cli(['render'], { cwd: dir, env: { TOKEN: STRONG } });
    assert.is(r.code, 1, r.stderr);
    const d = (await check({ cwd: dir, env: { TOKEN: STRONG } })).diagnostics.find((x) => x.code === code);
    assert.ok(d, `${code} in ${r.stderr}`);
    assert.is(d!.file, 'base/bad.yaml');
    if (line !== undefined) assert.is(d!.line, line);
    assert.ok(d!.line && d!.line > 0, 'has a position');
    assert.equal(snapshot(dir), before);
  });
}

test('the alias bomb (billion laughs) is capped: exit 1, at once', async () => {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', 'data:', '  a: &a ["${A}", lol]'];
  for (let i = 0; i < 9; i++) lines.push(`  l${i}: &l${i} [${Array(9).fill(i ? `*l${i - 1}` : '*a').join(', ')}]`);
  const dir = project({ envs: ['dev'], extra: { 'base/bomb.yaml': `${lines.join('\n')}\n` } });
  const t = Date.now();
  const r = await check({ cwd: dir, env: { TOKEN: STRONG, A: 'x' } });
  assert.ok(Date.now() - t < 5000);
  assert.ok(codes(r).includes('yaml-alias-limit'));
});

test('a template over 16 MiB is refused after reading 16 MiB and one byte; a 50 MiB one too', async () => {
  const dir = project({ envs: ['dev'] });
  const fd = fs.openSync(path.join(dir, 'base/huge.yaml'), 'w');
  fs.ftruncateSync(fd, 50 * 1024 * 1024);
  fs.closeSync(fd);
  const r = await check({ cwd: dir, env: { TOKEN: STRONG } });
  assert.equal(codes(r), ['template-too-large']);
  assert.match(r.diagnostics[0].message, /template is larger than 16777216 bytes, the most that is read/);
});

test('a UTF-8 BOM and CRLF line endings are accepted; the output has LF only', async () => {
  const dir = project({ envs: ['dev'] });
  write(dir, 'base/configmap.yaml', '\ufeffapiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: cfg\r\ndata:\r\n  LEVEL: ${LEVEL:-info}\r\n  conf: |\r\n    a=${LEVEL:-info}\r\n    b=2\r\n');
  const r = await render({ cwd: dir, env: { TOKEN: STRONG } });
  assert.is(r.status, 0, JSON.stringify(r.diagnostics));
  const out = fs.readFileSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml'), 'utf8');
  assert.not.ok(out.includes('\r'));
  assert.match(out, /conf: \|\n {4}a=info\n {4}b=2\n/);
});

test('an empty template is fine; a template that is a directory or a broken link is exit 2', async () => {
  const dir = project({ envs: ['dev'] });
  write(dir, 'base/empty.yaml', '');
  assert.is((await cli(['check'], { cwd: dir, env: { TOKEN: STRONG } })).code, 0);
  fs.symlinkSync(path.join(dir, 'nowhere.yaml'), path.join(dir, 'base/link.yaml'));
  const r = await cli(['check'], { cwd: dir, env: { TOKEN: STRONG } });
  assert.is(r.code, 2);
  assert.match(r.stderr, /base\/link\.yaml: error: cannot read template: no such file \(a broken link\?\)/);
});

test('an env file with a broken quote is exit 2 at its line; a closed multi-line quote is fine', async () => {
  const dir = project({ envs: ['dev'], config: 'environments:\n  dev:\n    envFiles: [dev.env]\n', extra: { 'dev.env': 'A=1\nB="multi\nline"\nTOKEN="never closed\nC=3\n' } });
  const r = await cli(['check'], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /dev\.env:4:1: error: the double quote of TOKEN is never closed \(environment dev\) \[env-file-syntax\]/);
  assert.not.ok(r.stderr.includes('never closed\nC'));
  write(dir, 'dev.env', 'A=1\nB="multi\nline"\nTOKEN=\'ok\'\n');
  assert.is((await cli(['check'], { cwd: dir })).code, 0);
});

// Interruption and faults.
/** `count` Secrets of 20 keys each: 300 make a render long enough to interrupt; 100 still make patches above ulimit -f 64. */
function bigProject(envs: string[], count = 300) {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`base/s${i}.yaml`] = `apiVersion: v1\nkind: Secret\nmetadata: {name: s${i}}\nstringData:\n${Array.from({ length: 20 }, (_, k) => `  k${k}: "\${V}-${k}"`).join('\n')}\n`;
  const dir = project({ envs, secret: files['base/s0.yaml'], extra: files });
  return dir;
}
const patches = (dir: string, envs: string[]) => envs.map((e) => path.join(dir, 'overlays', e, 'kustenv.patch.yaml'));
const temps = (dir: string, envs: string[]) => envs.flatMap((e) => fs.readdirSync(path.join(dir, 'overlays', e)).filter((f) => f.endsWith('.kustenv-tmp')));

test('SIGTERM or SIGINT while rendering leaves each output wholly old or wholly new, and no temporary file', async () => {
  const envs = ['a', 'b'];
  const dir = bigProject(envs);
  assert.is(cliProcess(['render'], { cwd: dir, env: { PATH: process.env.PATH, V: 'old' } }).code, 0);
  const old = patches(dir, envs).map((f) => fs.readFileSync(f, 'utf8'));
  // The new contents, from a copy.
  const copy = tempdir();
  fs.cpSync(dir, copy, { recursive: true });
  assert.is(cliProcess(['render'], { cwd: copy, env: { PATH: process.env.PATH, V: 'new' } }).code, 0);
  const fresh = patches(copy, envs).map((f) => fs.readFileSync(f, 'utf8'));
  let interrupted = 0;
  for (let i = 0; i < 6; i++) {
    const signal = i % 2 ? 'SIGINT' : 'SIGTERM';
    const child = spawn(process.execPath, [BIN, 'render'], { cwd: dir, env: { PATH: process.env.PATH, V: i % 3 ? 'new' : 'old' }, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 60 + ((i * 37) % 400)));
    child.kill(signal);
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    if (code !== 0) interrupted++;
    assert.equal(temps(dir, envs), [], 'no temporary file left');
    patches(dir, envs).forEach((f, k) => {
      const now = fs.readFileSync(f, 'utf8');
      assert.ok(now === old[k] || now === fresh[k], `${f} is whole`);
    });
  }
  assert.ok(interrupted > 0, 'some runs were interrupted');
});

test('a full disk (ulimit -f) is exit 2 and leaves existing outputs and no temporary file', () => {
  const envs = ['a', 'b'];
  const dir = bigProject(envs, 100);
  assert.is(cliProcess(['render'], { cwd: dir, env: { PATH: process.env.PATH, V: 'old' } }).code, 0);
  const before = patches(dir, envs).map((f) => fs.readFileSync(f, 'utf8'));
  const r = spawnSync('bash', ['-c', `ulimit -f 64; exec "${process.execPath}" "${BIN}" render`], { cwd: dir, env: { PATH: process.env.PATH, V: 'a-much-longer-value-that-makes-the-file-grow' }, encoding: 'utf8' });
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /cannot write outputs: EFBIG; nothing was changed/);
  assert.equal(patches(dir, envs).map((f) => fs.readFileSync(f, 'utf8')), before);
  assert.equal(temps(dir, envs), []);
});

test('4 renders at once on one repository: every file ends whole, no temporary file', async () => {
  const envs = ['a', 'b'];
  const dir = bigProject(envs, 100);
  const runs = Array.from({ length: 4 }, (_, i) =>
    new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'render', '--quiet'], { cwd: dir, env: { PATH: process.env.PATH, V: `value-${i}` }, stdio: 'ignore' });
      child.on('exit', (c) => resolve(c));
    }),
  );
  const exits = await Promise.all(runs);
  assert.equal(exits, Array(4).fill(0));
  assert.equal(temps(dir, envs), []);
  for (const f of patches(dir, envs)) {
    const text = fs.readFileSync(f, 'utf8');
    const values = new Set([...text.matchAll(/"?(value-\d+)-\d+"?/g)].map((m) => m[1]));
    assert.is(values.size, 1, 'one run wrote the whole file');
    assert.match(text, /k19: value-\d+-19\n$/);
  }
});

// Git safety.
test('check fails when git tracks a rendered patch, naming it and the command to untrack it', async () => {
  const dir = project({ envs: ['dev'] });
  assert.is((await render({ cwd: dir, env: { TOKEN: STRONG } })).status, 0);
  fs.copyFileSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml'), path.join(dir, 'leaked.yaml'));
  git(dir, 'add', 'leaked.yaml');
  const r = await cli(['check'], { cwd: dir, env: { TOKEN: STRONG } });
  assert.is(r.code, 1);
  assert.match(r.stderr, /leaked\.yaml: error: leaked\.yaml is a rendered patch and git tracks it: .*run: git rm --cached leaked\.yaml/);
  fs.writeFileSync(path.join(dir, 'notes.md'), `see:\n# Generated by kustenv for environment "x"\n`);
  git(dir, 'add', 'notes.md');
  git(dir, 'rm', '-q', '--cached', 'leaked.yaml');
  assert.is((await cli(['check'], { cwd: dir, env: { TOKEN: STRONG } })).code, 0, 'only files that start with the header count');
});

test('an output inside a submodule that does not ignore it is refused', async () => {
  const sub = project({ envs: ['dev'], gitignore: '' });
  git(sub, 'add', '-A');
  git(sub, 'commit', '-qm', 'sub');
  const top = tempdir();
  git(top, 'init', '-q');
  fs.writeFileSync(path.join(top, '.gitignore'), 'kustenv.patch.yaml\n');
  git(top, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'deploy');
  const r = await render({ cwd: path.join(top, 'deploy'), env: { TOKEN: STRONG } });
  assert.is(r.status, 1);
  assert.equal(codes(r), ['output-not-ignored']);
  assert.not.ok(fs.existsSync(path.join(top, 'deploy/overlays/dev/kustenv.patch.yaml')));
});

test.run();
