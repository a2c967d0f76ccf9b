import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { cli, haveKubectl } from './helpers/cli.js';
import { init } from '../src/index.js';
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
  for (const f of ['kustenv.yaml', 'base/secret.yaml', 'base/configmap.yaml', 'base/kustomization.yaml', 'overlays/dev/kustomization.yaml', 'overlays/staging/kustomization.yaml', 'overlays/prod/kustomization.yaml', 'schemas/variables.schema.json']) {
    assert.match(first.stderr, new RegExp(`created ${f.replace(/\./g, '\\.')}\\n`));
  }
  assert.match(first.stderr, /updated \.gitignore\n/, 'it was there: updated, not created');
  assert.match(first.stderr, /next: kustenv render dev/);
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

/** An app that has base/ and overlays/ already, without kustenv. */
function existingApp(): string {
  return testdir(
    {
      'base/kustomization.yaml': 'resources: [deployment.yaml, secret.yaml, configmap.yaml]\n',
      'base/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "nginx:${TAG}"}]\n',
      'base/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  DB_PASSWORD: ${DB_PASSWORD}\n',
      'base/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  GREETING: ${GREETING:-hello}\n  HOST: ${HOST}\n',
      // dev: patches listed, with a comment; staging: no patches at all; prod: kustenv's patch listed already.
      'overlays/dev/kustomization.yaml': '# dev overlay\nresources: [../../base]\npatches:\n  - path: replicas.yaml # one replica\n',
      'overlays/dev/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 1}\n',
      'overlays/staging/kustomization.yaml': 'resources:\n  - ../../base\nnamespace: staging # ours\n',
      'overlays/prod/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: kustenv.patch.yaml\n',
    },
    { gitignore: 'node_modules/\n' },
  );
}

test('init in an existing app: a schema of exactly its variables, kustenv.patch.yaml first in each overlay, .gitignore updated', async () => {
  const dir = existingApp();
  const deployment = fs.readFileSync(path.join(dir, 'base/deployment.yaml'), 'utf8');
  const r = await cli(['init'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  const schema = JSON.parse(fs.readFileSync(path.join(dir, 'schemas/variables.schema.json'), 'utf8'));
  assert.equal(Object.keys(schema.properties), ['DB_PASSWORD', 'GREETING', 'HOST', 'TAG']);
  assert.equal(schema.required, ['DB_PASSWORD', 'HOST', 'TAG'], 'a variable with a default is not required');
  assert.is(schema.properties.DB_PASSWORD.writeOnly, true, 'used in a Secret');
  assert.is(schema.properties.HOST.writeOnly, undefined);
  assert.is(schema.properties.HOST.description, '', 'the description is left for you');
  assert.is(fs.readFileSync(path.join(dir, 'overlays/dev/kustomization.yaml'), 'utf8'), '# dev overlay\nresources: [../../base]\npatches:\n  - path: kustenv.patch.yaml\n  - path: replicas.yaml # one replica\n');
  assert.is(fs.readFileSync(path.join(dir, 'overlays/staging/kustomization.yaml'), 'utf8'), 'resources:\n  - ../../base\nnamespace: staging # ours\npatches:\n  - path: kustenv.patch.yaml\n');
  assert.is(fs.readFileSync(path.join(dir, 'overlays/prod/kustomization.yaml'), 'utf8'), 'resources: [../../base]\npatches:\n  - path: kustenv.patch.yaml\n');
  assert.is(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'), 'node_modules/\n# kustenv: rendered patches and local values hold secrets\nkustenv.patch.yaml\nkustenv.generated.env\n*.kustenv-tmp\n');
  assert.is(fs.readFileSync(path.join(dir, 'base/deployment.yaml'), 'utf8'), deployment, 'templates are left alone');
  assert.not.ok(fs.existsSync(path.join(dir, 'base/secret.yaml.orig')));
  assert.not.ok(fs.existsSync(path.join(dir, 'overlays/dev/dev.env')), 'no scaffold values in an app');
  assert.match(r.stderr, /created kustenv\.yaml\ncreated schemas\/variables\.schema\.json\nupdated overlays\/dev\/kustomization\.yaml\nupdated overlays\/staging\/kustomization\.yaml\nupdated \.gitignore\nkept overlays\/prod\/kustomization\.yaml\nnext: kustenv render dev\n$/);
  assert.not.match(r.stderr, /created \.gitignore/);
  // What init wrote passes check in CI once the variables are set: no variable the templates never use is required.
  const set = ['--set', 'DB_PASSWORD=Xk9#mP2vL8qR4wZ7nT1yU6', '--set', 'HOST=example.org', '--set', 'TAG=1.2.3'];
  const c = await cli(['check', ...set], { cwd: dir, env: { PATH: process.env.PATH, CI: 'true' } });
  assert.is(c.code, 0, c.stderr);
  const unset = await cli(['check', 'dev'], { cwd: dir, env: { CI: 'true' } });
  assert.is(unset.code, 1);
  assert.match(unset.stderr, /DB_PASSWORD/);
  const before = snapshot(dir);
  const again = await cli(['init'], { cwd: dir });
  assert.match(again.stderr, /nothing to do/);
  assert.equal(snapshot(dir), before, 'twice changes nothing');
  if (haveKubectl()) {
    assert.is((await cli(['render', ...set], { cwd: dir, env: { PATH: process.env.PATH } })).code, 0);
    const k = spawnSync('kubectl', ['kustomize', path.join(dir, 'overlays/dev')], { encoding: 'utf8' });
    assert.is(k.status, 0, k.stderr);
    assert.match(k.stdout, /replicas: 1/);
    assert.match(k.stdout, /HOST: example\.org/);
  }
});

test('init({ cwd }) is the API; a new empty folder still gets the scaffold', async () => {
  const dir = tempdir();
  const r = await init({ cwd: dir });
  assert.is(r.status, 0);
  assert.ok(r.created.includes('base/secret.yaml'));
  assert.ok(r.created.includes('.gitignore'), 'no .gitignore before: created');
  assert.equal(r.updated, []);
  assert.is(r.next, 'kustenv render dev, then kubectl kustomize overlays/dev');
  const app = existingApp();
  const a = await init({ cwd: app });
  assert.equal(a.updated, ['overlays/dev/kustomization.yaml', 'overlays/staging/kustomization.yaml', '.gitignore']);
  assert.not.ok(a.created.includes('base/secret.yaml'));
});

test('init refuses a kustomization that is not YAML, naming it, before it writes anything', async () => {
  const dir = existingApp();
  fs.writeFileSync(path.join(dir, 'overlays/staging/kustomization.yaml'), 'resources: [../../base\n');
  const before = snapshot(dir);
  const r = await cli(['init'], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /overlays\/staging\/kustomization\.yaml is not valid YAML/);
  assert.equal(snapshot(dir), before);
});

test.run();
