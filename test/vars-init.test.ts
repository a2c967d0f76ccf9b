import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { cli, haveKubectl } from './helpers/cli.js';
import { project, snapshot, tempdir, testdir } from './helpers/testdir.js';

const CANARY = 'VARS-CANARY';
const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  TOKEN: ${TOKEN}\n  PASS: ${PASS:-${CANARY_DEFAULT:-x}}\n';
const configmap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  LEVEL: ${LEVEL:-info}\n  URL: ${URL}\n  TAG: "v-${TAG:+set}"\n';
const schema = { properties: { TOKEN: { description: 'API token.' }, PASS: {}, LEVEL: { description: 'Log level.' }, URL: {}, TAG: {} } };

function varsProject() {
  return project({ envs: ['dev', 'staging'], secret, configmap, extra: { 'schemas/variables.schema.json': JSON.stringify(schema), 'overlays/dev/dev.env': `TOKEN=${CANARY}\nURL=https://dev\n` }, config: 'environments:\n  dev:\n    envFiles: [overlays/dev/dev.env]\n  staging: {}\n' });
}

test('vars: per variable where used, secret, declared, description, and set/missing/default per environment', async () => {
  const dir = varsProject();
  const r = await cli(['vars', '--format', 'json'], { cwd: dir, env: {} });
  assert.is(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const byName = Object.fromEntries(json.variables.map((v: any) => [v.name, v]));
  assert.equal(byName.TOKEN, { name: 'TOKEN', secret: true, declared: true, description: 'API token.', usedAt: ['base/secret.yaml:5:10'] });
  assert.equal(byName.LEVEL, { name: 'LEVEL', secret: false, declared: true, description: 'Log level.', usedAt: ['base/configmap.yaml:5:10'], default: 'info' });
  assert.is(byName.CANARY_DEFAULT.declared, false);
  const states = (env: string) => Object.fromEntries(json.environments.find((e: any) => e.name === env).variables.map((v: any) => [v.name, v.state]));
  assert.equal(states('dev'), { CANARY_DEFAULT: 'default', LEVEL: 'default', PASS: 'default', TAG: 'default', TOKEN: 'set', URL: 'set' });
  assert.equal(states('staging'), { CANARY_DEFAULT: 'default', LEVEL: 'default', PASS: 'default', TAG: 'default', TOKEN: 'missing', URL: 'missing' });
  assert.not.ok(r.stdout.includes(CANARY + '\n') || r.stdout.includes(`"${CANARY}"`));
});

test('vars: the text table, one line per variable, no value', async () => {
  const dir = varsProject();
  const r = await cli(['vars'], { cwd: dir, env: {} });
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^VARIABLE\s+SECRET\s+DECLARED\s+dev\s+staging\s+USED AT\s+DESCRIPTION$/);
  assert.match(r.stdout, /\nTOKEN\s+yes\s+yes\s+overlays\/dev\/dev\.env\s+missing\s+base\/secret\.yaml:5\s+API token\.\n/);
  assert.match(r.stdout, /\nCANARY_DEFAULT\s+yes\s+NO\s+default\s+default\s+base\/secret\.yaml:6/);
  assert.is(lines.length, 7);
  assert.not.ok(r.stdout.includes(CANARY + ' ') || r.stdout.includes(`${CANARY}\n`));
});

test('vars --format dotenv: a .env.example with descriptions and non-secret defaults only', async () => {
  const dir = varsProject();
  const r = await cli(['vars', '--format', 'dotenv'], { cwd: dir, env: {} });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /# Log level\.\nLEVEL=info\n/);
  assert.match(r.stdout, /# API token\.\n# secret\nTOKEN=\n/);
  assert.equal(parseEnv(r.stdout), { CANARY_DEFAULT: '', LEVEL: 'info', PASS: '', TAG: '', TOKEN: '', URL: '' });
  assert.is((await cli(['check', '--format', 'dotenv'], { cwd: dir })).code, 2, 'dotenv is for vars only');
});

test('vars: a template that does not parse is exit 1 with its error, not a silent short table', async () => {
  const dir = varsProject();
  fs.writeFileSync(path.join(dir, 'base/bad.yaml'), 'a: 1\na: 2\n');
  const r = await cli(['vars'], { cwd: dir, env: {} });
  assert.is(r.code, 1);
  assert.match(r.stderr, /base\/bad\.yaml:2:1: error: invalid YAML/);
});

test('init: scaffolds a project that renders and builds; never overwrites; twice changes nothing', async () => {
  const dir = testdir({ '.gitignore': 'node_modules/' }, {});
  const first = await cli(['init'], { cwd: dir });
  assert.is(first.code, 0, first.stderr);
  for (const f of ['kustenv.yaml', 'base/secret.yaml', 'base/configmap.yaml', 'base/kustomization.yaml', 'overlays/dev/kustomization.yaml', 'overlays/staging/kustomization.yaml', 'overlays/prod/kustomization.yaml', 'schemas/variables.schema.json', '.gitignore']) {
    assert.match(first.stderr, new RegExp(`created ${f.replace(/\./g, '\\.')}\\n`));
  }
  assert.match(fs.readFileSync(path.join(dir, 'kustenv.yaml'), 'utf8'), /^# yaml-language-server: \$schema=/);
  assert.match(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'), /^node_modules\/\n# kustenv: .*\nkustenv\.patch\.yaml\nkustenv\.generated\.env\n/);
  const before = snapshot(dir);
  const second = await cli(['init'], { cwd: dir });
  assert.is(second.code, 0);
  assert.match(second.stderr, /nothing to do/);
  assert.equal(snapshot(dir), before);
  // One command from an empty project to a rendered dev overlay: its session secret is generated and kept.
  const r = await cli(['render', 'dev'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(r.code, 0, r.stderr);
  const generated = parseEnv(fs.readFileSync(path.join(dir, 'overlays/dev/kustenv.generated.env'), 'utf8'));
  assert.match(generated.SESSION_SECRET ?? '', /^[A-Za-z0-9_-]{43}$/);
  assert.not.ok(r.stderr.includes(generated.SESSION_SECRET!));
  assert.ok(fs.readFileSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml'), 'utf8').includes(generated.SESSION_SECRET!));
  const c = await cli(['check', 'staging'], { cwd: dir, env: {} });
  assert.is(c.code, 1, 'staging has no values yet');
  assert.match(c.stderr, /API_KEY is required: set API_KEY in your CI secret store/);
  if (haveKubectl()) {
    const k = spawnSync('kubectl', ['kustomize', path.join(dir, 'overlays/dev')], { encoding: 'utf8' });
    assert.is(k.status, 0, k.stderr);
    assert.match(k.stdout, /DATABASE_URL: postgres:\/\/app:app@localhost:5432\/app/);
  }
});

test('init keeps what exists', async () => {
  const dir = tempdir();
  fs.mkdirSync(path.join(dir, 'base'));
  fs.writeFileSync(path.join(dir, 'base/secret.yaml'), 'mine\n');
  const r = await cli(['init', '--format', 'json'], { cwd: dir });
  const json = JSON.parse(r.stdout);
  assert.ok(json.kept.includes('base/secret.yaml'));
  assert.not.ok(json.created.includes('base/secret.yaml'));
  assert.is(fs.readFileSync(path.join(dir, 'base/secret.yaml'), 'utf8'), 'mine\n');
});

test('completion prints a shell completion script; every command has --help with examples', async () => {
  const dir = tempdir();
  const r = await cli(['completion', 'bash'], { cwd: dir });
  assert.is(r.code, 0);
  assert.match(r.stdout, /complete -o default -F _kustenv kustenv/);
  for (const command of ['render', 'check', 'diff', 'build', 'apply', 'vars', 'init', 'generate', 'rotate', 'verify']) {
    const h = await cli([command, '--help'], { cwd: dir });
    assert.is(h.code, 0, command);
    assert.match(h.stdout, /Examples:/, command);
  }
});

test.run();
