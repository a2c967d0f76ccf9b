import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { cli, cliProcess } from './helpers/cli.js';
import { project, snapshot, testdir } from './helpers/testdir.js';

test('exit 0 and a line per environment on success', async () => {
  const dir = project();
  const r = await cli(['render'], { cwd: dir, env: { TOKEN: 't' } });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /wrote overlays\/dev\/kustenv\.patch\.yaml \(2 documents, 2 variables, 1 secret\)/);
  assert.is(r.stdout, '');
  const again = await cli(['render'], { cwd: dir, env: { TOKEN: 't' } });
  assert.match(again.stderr, /unchanged overlays\/dev\/kustenv\.patch\.yaml/);
});

test('exit 1 with file:line:col, variable and environment for a missing variable', async () => {
  const dir = project();
  const r = await cli(['check', 'staging'], { cwd: dir, env: {} });
  assert.is(r.code, 1);
  assert.is(r.stderr.trim(), 'base/secret.yaml:6:10: error: TOKEN is not set (environment staging) [unset-variable]');
});

test('exit 2 for bad arguments, unknown environments, bad --set and config errors', async () => {
  const dir = project();
  const cases: [string[], RegExp][] = [
    [['render', '--bogus'], /unknown option --bogus/],
    [['nonsense'], /unknown command "nonsense"/],
    [['check', 'qa'], /unknown environment "qa" \(known: dev, staging\)/],
    [['check', '--set', 'no-equals'], /--set takes NAME=VALUE/],
    [['check', '--set', '1A=x'], /--set takes NAME=VALUE/],
    [['check', 'dev', '--env-file', 'missing.env'], /missing\.env: error: cannot read env file: no such file \(environment dev\) \[env-file-unreadable\]/],
    [['check', '--env-file', 'dev.env'], /applies to every environment of the run, and this command names none.*\[env-file-unscoped\]/],
    [['check', '--config', 'nope.yaml'], /cannot read config file/],
    [['check', '--format', 'xml'], /Invalid values|Choices/],
  ];
  for (const [args, message] of cases) {
    const r = await cli(args, { cwd: dir, env: { TOKEN: 't' } });
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
  }
});

test('config: unknown keys and bad types are exit 2 naming the file, key and position', async () => {
  const dir = project({ config: 'base: base\nouputs: x\nenvironments:\n  dev:\n    production: maybe\n    envFile: [a]\n' });
  const r = await cli(['check'], { cwd: dir, env: { TOKEN: 't' } });
  assert.is(r.code, 2);
  assert.match(r.stderr, /kustenv\.yaml:2:1: error: unknown key "ouputs"/);
  assert.match(r.stderr, /kustenv\.yaml:5:17: error: "environments\.dev\.production" must be true or false/);
  assert.match(r.stderr, /kustenv\.yaml:6:5: error: unknown key "environments\.dev\.envFile"/);
});

test('config is found in a parent folder and its paths are relative to it', async () => {
  const dir = project({ config: 'base: templates\n', extra: { 'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "${A}"}\n' } });
  fs.mkdirSync(path.join(dir, 'deep/er'), { recursive: true });
  const r = await cli(['render', '--set', 'A=1'], { cwd: path.join(dir, 'deep/er') });
  assert.is(r.code, 0, r.stderr);
  assert.match(fs.readFileSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml'), 'utf8'), /from templates\/cm\.yaml/);
});

test('environments default to overlay subfolders with a kustomization; production defaults by name', async () => {
  const dir = project({ envs: ['dev', 'production', 'staging'], extra: { 'overlays/notes/README.md': 'no kustomization here' } });
  const r = await cli(['check', '--format', 'json'], { cwd: dir, env: { TOKEN: 't' } });
  const json = JSON.parse(r.stdout);
  assert.equal(
    json.environments.map((e: { name: string; production: boolean }) => [e.name, e.production]),
    [
      ['dev', false],
      ['production', true],
      ['staging', false],
    ],
  );
});

test('precedence: --set over process env over --env-file over envFiles (later files win)', async () => {
  const config = 'environments:\n  dev:\n    envFiles: [a.env, b.env]\n';
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: ${A}\n  b: ${B}\n  c: ${C}\n  d: ${D}\n  e: ${E}\n';
  const dir = project({
    envs: ['dev'],
    config,
    configmap: cm,
    extra: { 'a.env': 'A=a\nB=a\nC=a\nD=a\nE=a-file\n', 'b.env': 'A=b\nB=b\nC=b\nD=b-file\n', 'cli.env': 'A=cli\nB=cli\nC=cli-file\n' },
    gitignore: 'kustenv.patch.yaml\n',
  });
  const r = await cli(['render', 'dev', '--env-file', 'cli.env', '--set', 'A=set'], { cwd: dir, env: { TOKEN: 't', A: 'env', B: 'env' } });
  assert.is(r.code, 0, r.stderr);
  const text = fs.readFileSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml'), 'utf8');
  assert.match(text, /a: set\n\s+b: env\n\s+c: cli-file\n\s+d: b-file\n\s+e: a-file\n/);
});

test('env file syntax: comments, quotes, export, multi-line', async () => {
  const dir = project({
    envs: ['dev'],
    config: 'environments:\n  dev:\n    envFiles: [dev.env]\n',
    configmap: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: ${A}\n  b: ${B}\n  c: ${C}\n',
    extra: { 'dev.env': '# comment\nexport A="x y"\nB=\'single\'\nC="l1\nl2"\n' },
  });
  const r = await cli(['render', '--set', 'TOKEN=t'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.match(fs.readFileSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml'), 'utf8'), /a: x y\n\s+b: single\n\s+c: \|-\n\s+l1\n\s+l2\n/);
});

test('render --dry-run prints the masked patch and writes nothing', async () => {
  const dir = project();
  const before = snapshot(dir);
  const r = await cli(['render', 'dev', '--dry-run'], { cwd: dir, env: { TOKEN: 'DRYRUN-CANARY', LEVEL: 'debug' } });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /# would write: overlays\/dev\/kustenv\.patch\.yaml/);
  assert.match(r.stdout, /TOKEN: "\*\*\*"/);
  assert.match(r.stdout, /LEVEL: debug/);
  assert.not.match(r.stdout + r.stderr, /DRYRUN-CANARY/);
  assert.equal(snapshot(dir), before);
});

test('--quiet prints errors only; warnings and progress are dropped', async () => {
  const dir = project({ config: 'environments:\n  dev:\n    missing: dummy\n' });
  const loud = await cli(['render'], { cwd: dir, env: {} });
  assert.match(loud.stderr, /warning: TOKEN is not set/);
  const quiet = await cli(['render', '--quiet'], { cwd: dir, env: {} });
  assert.is(quiet.code, 0);
  assert.is(quiet.stderr, '');
});

test('--verbose names where each variable came from, never its value', async () => {
  const dir = project({ envs: ['dev'] });
  const r = await cli(['check', '--verbose'], { cwd: dir, env: { TOKEN: 'VERBOSE-CANARY' } });
  assert.is(r.code, 0);
  assert.match(r.stderr, /  LEVEL: unset\n  TOKEN \(secret\): process environment\n/);
  assert.not.match(r.stderr, /VERBOSE-CANARY/);
});

test('colour only on a terminal, and never with NO_COLOR or --no-color', async () => {
  const dir = project();
  const esc = /\u001b\[/;
  assert.match((await cli(['check'], { cwd: dir, env: {}, isTTY: true })).stderr, esc);
  assert.not.match((await cli(['check'], { cwd: dir, env: {}, isTTY: false })).stderr, esc);
  assert.not.match((await cli(['check'], { cwd: dir, env: { NO_COLOR: '1' }, isTTY: true })).stderr, esc);
  assert.not.match((await cli(['check', '--no-color'], { cwd: dir, env: {}, isTTY: true })).stderr, esc);
});

test('--format json prints one document with version, environments and diagnostics', async () => {
  const dir = project();
  const r = await cli(['check', '--format', 'json'], { cwd: dir, env: {} });
  assert.is(r.code, 1);
  const json = JSON.parse(r.stdout);
  assert.is(json.version, 1);
  assert.is(json.command, 'check');
  assert.is(json.status, 1);
  assert.equal(Object.keys(json.environments[0]).sort(), ['changed', 'documents', 'name', 'output', 'production', 'variables', 'written']);
  assert.equal(json.diagnostics[0], {
    code: 'unset-variable',
    severity: 'error',
    message: 'TOKEN is not set',
    file: 'base/secret.yaml',
    line: 6,
    col: 10,
    variable: 'TOKEN',
    env: 'dev',
  });
  const again = await cli(['check', '--format', 'json'], { cwd: dir, env: {} });
  assert.is(again.stdout, r.stdout, 'stable across runs');
});

test('no templates is exit 1; a template that is a directory is exit 2', async () => {
  const empty = testdir({ 'base/README.md': 'x', 'overlays/dev/kustomization.yaml': 'resources: []\n' });
  assert.is((await cli(['check'], { cwd: empty })).code, 1);
  const dirTemplate = testdir({ 'base/x.yaml/inner.txt': 'x', 'overlays/dev/kustomization.yaml': 'resources: []\n' });
  const r = await cli(['check'], { cwd: dirTemplate });
  assert.is(r.code, 2);
  assert.match(r.stderr, /base\/x\.yaml: error: cannot read template: it is a directory/);
});

test('the built bin runs as a process: --version, --help and a render', () => {
  const dir = project();
  const v = cliProcess(['--version'], { cwd: dir });
  assert.is(v.code, 0);
  assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
  const h = cliProcess(['render', '--help'], { cwd: dir });
  assert.is(h.code, 0);
  assert.match(h.stdout, /--dry-run/);
  const r = cliProcess(['render'], { cwd: dir, env: { PATH: process.env.PATH, TOKEN: 't' } });
  assert.is(r.code, 0, r.stderr);
});

test('the same problem in several environments is printed once, naming them; JSON keeps each', async () => {
  const dir = project({ envs: ['dev', 'prod', 'staging'] });
  const r = await cli(['check'], { cwd: dir, env: {} });
  assert.is(r.code, 1);
  const unset = r.stderr.split('\n').filter((l) => l.includes('TOKEN is not set'));
  assert.equal(unset, ['base/secret.yaml:6:10: error: TOKEN is not set (environments dev, prod, staging) [unset-variable]']);
  const one = await cli(['check', 'staging'], { cwd: dir, env: {} });
  assert.match(one.stderr, /TOKEN is not set \(environment staging\) \[unset-variable\]/);
  const json = JSON.parse((await cli(['check', '--format', 'json'], { cwd: dir, env: {} })).stdout);
  assert.equal(json.diagnostics.filter((d: { code: string }) => d.code === 'unset-variable').map((d: { env: string }) => d.env), ['dev', 'prod', 'staging']);
});

test('a failed render ends with one line saying nothing was written', async () => {
  const dir = project();
  const before = snapshot(dir);
  const r = await cli(['render'], { cwd: dir, env: {} });
  assert.is(r.code, 1);
  assert.match(r.stderr, /\nrender failed: nothing was written\n$/);
  assert.equal(snapshot(dir), before);
  assert.not.match((await cli(['check'], { cwd: dir, env: {} })).stderr, /nothing was written/, 'check writes nothing anyway');
  assert.not.match((await cli(['render', '--format', 'json'], { cwd: dir, env: {} })).stderr, /nothing was written/);
});

test('--set of a name no template uses: a warning naming the nearest used one, never the value', async () => {
  const dir = project({ secret: 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  DB_PASSWORD: ${DB_PASSWORD}\n' });
  const r = await cli(['check', '--set', 'DB_PASSWORD=Xk9mP2vL8qR4wZ7n-1', '--set', 'DB_PASWORD=SET-CANARY-VALUE', '--set', 'UNRELATED=SET-CANARY-VALUE'], { cwd: dir, env: {} });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: --set DB_PASWORD: no template uses DB_PASWORD; did you mean DB_PASSWORD\? \[set-unused\]/);
  assert.match(r.stderr, /warning: --set UNRELATED: no template uses UNRELATED \[set-unused\]/);
  assert.not.match(r.stderr, /CANARY/);
  assert.is(r.stderr.match(/set-unused/g)!.length, 2, 'once, not per environment');
});

test('$NAME of a variable in use or set stays literal: a warning that only ${NAME} is a placeholder', async () => {
  const configmap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  a: ${GREETING}\n  b: "say $GREETING"\n  c: "$(GREETING) $UNKNOWN $$GREETING $${GREETING}"\n  d: $EXTRA\n';
  const dir = project({ configmap });
  const r = await cli(['check', '--set', 'GREETING=hi', '--set', 'EXTRA=x', '--set', 'TOKEN=t'], { cwd: dir, env: {} });
  assert.is(r.code, 0, r.stderr);
  const bare = r.stderr.split('\n').filter((l) => l.includes('[bare-dollar]'));
  assert.equal(bare, [
    'base/configmap.yaml:6:6: warning: $GREETING is literal text: only ${GREETING} is a placeholder [bare-dollar]',
    'base/configmap.yaml:8:6: warning: $EXTRA is literal text: only ${EXTRA} is a placeholder [bare-dollar]',
  ]);
});

test('generate with no generatable variable says there is none', async () => {
  const dir = project({ envs: ['dev'] });
  const r = await cli(['generate', 'dev'], { cwd: dir, env: {} });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /nothing to generate: no variable of dev has an x-kustenv-generate rule in the variables schema/);
  assert.not.match(r.stderr, /every generatable variable/);
});

test.run();
