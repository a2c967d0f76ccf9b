import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers/cli.js';
import { git, tempdir } from './helpers/testdir.js';

// What `npm pack` ships, and that a project installing the packed tarball
// gets a working kustenv without running any script of kustenv. The tests
// run after `npm test`'s build, so packing skips the prepack build
// (--ignore-scripts); the tarball then holds the dist/ that build made.

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const TARBALL = `kustenv-${pkg.version}.tgz`;

/** The environment of a child npm: ours, without what `npm test` sets for its own project (npm_config_local_prefix, ...). */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

function npm(args: string[], cwd: string) {
  return spawnSync('npm', args, { cwd, env: npmEnv(), encoding: 'utf8', timeout: 180_000 });
}

test('npm pack ships bin, dist, the product schemas, README and LICENSE, and no tests, sources, benchmark or examples', () => {
  const r = npm(['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT);
  assert.is(r.status, 0, r.stderr);
  const files: string[] = JSON.parse(r.stdout)[0].files.map((f: { path: string }) => f.path);
  for (const f of ['bin/kustenv.js', 'dist/kustenv.mjs', 'dist/index.js', 'dist/index.d.ts', 'schemas/kustenv.schema.json', 'schemas/secret.schema.json', 'schemas/configmap.schema.json', 'README.md', 'LICENSE', 'package.json']) {
    assert.ok(files.includes(f), `${f} is shipped`);
  }
  const schemas = files.filter((f) => f.startsWith('schemas/') && !f.startsWith('schemas/eso/'));
  assert.ok(files.includes('schemas/eso/externalsecret.v1.schema.json'), 'the ESO CRD schemas are shipped');
  assert.equal(schemas.sort(), ['schemas/configmap.schema.json', 'schemas/kustenv.schema.json', 'schemas/secret.schema.json'], 'only the product schemas, not the examples');
  const unwanted = files.filter((f) => /^(test|src|bench|scripts|overlays-example|base-example|docs|node_modules|\.ci)\//.test(f) || /(^|\/)kustenv\.(patch\.yaml|generated\.env)$|\.env$/.test(f) || f === 'kustenv.yaml');
  assert.equal(unwanted, []);
});

test('package.json has no script that runs when a project installs kustenv', () => {
  // preinstall, install and postinstall run for every dependency; prepare for
  // one installed from a tarball, folder or git URL (npm warns about it).
  for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) assert.not.ok(pkg.scripts[s], `scripts.${s}`);
  assert.match(pkg.scripts.prepack, /npm run build/, 'npm pack builds dist/ first');
});

test('the packed tarball installs into a new project: npx kustenv --version and check work, the API imports, and no kustenv script runs', () => {
  const dir = tempdir('kustenv-consumer-');
  const packed = npm(['pack', '--ignore-scripts', '--pack-destination', dir], ROOT);
  assert.is(packed.status, 0, packed.stderr);
  assert.ok(fs.existsSync(path.join(dir, TARBALL)), TARBALL);

  // A small app: one template, one overlay that patches with kustenv's output.
  const app = path.join(dir, 'app');
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2),
    'base/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  LOG_LEVEL: ${LOG_LEVEL:-info}\n  PUBLIC_URL: ${PUBLIC_URL}\n',
    'base/kustomization.yaml': 'resources:\n  - configmap.yaml\n',
    'overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: kustenv.patch.yaml\n',
    '.gitignore': 'node_modules/\nkustenv.patch.yaml\n',
  };
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(app, name)), { recursive: true });
    fs.writeFileSync(path.join(app, name), content);
  }
  git(app, 'init', '-q');

  // kustenv's dependencies at the versions of our lockfile, so npm needs only
  // the tarballs that `npm ci` put in its cache (no registry metadata).
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  const self = lock.packages[''];
  const spec = `file:../${TARBALL}`;
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', version: '1.0.0', devDependencies: { kustenv: spec } },
    'node_modules/kustenv': { version: pkg.version, resolved: spec, dev: true, license: pkg.license, dependencies: self.dependencies, bin: self.bin, engines: self.engines },
  };
  for (const [where, entry] of Object.entries(lock.packages as Record<string, { dev?: boolean }>)) if (where && !entry.dev) packages[where] = { ...entry, dev: true };
  fs.writeFileSync(path.join(app, 'package-lock.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));

  // Dependencies from the npm cache; the registry only when the cache lacks them.
  const args = ['install', '--save-dev', '--no-audit', '--no-fund', '--foreground-scripts', `../${TARBALL}`];
  let install = npm(['--offline', ...args], app);
  if (install.status !== 0 && /ENOTCACHED|only-if-cached/.test(install.stderr)) install = npm(args, app);
  assert.is(install.status, 0, install.stderr);
  const log = install.stdout + install.stderr;
  // --foreground-scripts prints a "> kustenv@VERSION EVENT" line for any script of kustenv that runs.
  assert.not.match(log, /> kustenv@/, 'no script of kustenv ran');
  assert.not.match(log, /install-scripts[^\n]*kustenv@/, 'npm lists no install script of kustenv');
  const installed = JSON.parse(fs.readFileSync(path.join(app, 'node_modules/kustenv/package.json'), 'utf8'));
  assert.is(installed.version, pkg.version);
  assert.ok(fs.existsSync(path.join(app, 'node_modules/kustenv/dist/kustenv.mjs')), 'the tarball holds the built CLI');
  assert.not.ok(fs.existsSync(path.join(app, 'node_modules/kustenv/src')), 'no sources');

  const npx = (cmd: string[], env: NodeJS.ProcessEnv = {}) => spawnSync('npx', ['--offline', ...cmd], { cwd: app, env: { ...npmEnv(), ...env }, encoding: 'utf8', timeout: 60_000 });
  const version = npx(['kustenv', '--version']);
  assert.is(version.status, 0, version.stderr);
  assert.is(version.stdout.trim(), pkg.version);

  // npx found it above; the installed bin runs the rest (npx adds a second of its own per call).
  const check = spawnSync(path.join(app, 'node_modules/.bin/kustenv'), ['check'], { cwd: app, env: { PATH: process.env.PATH, PUBLIC_URL: 'https://app.example.com' }, encoding: 'utf8' });
  assert.is(check.status, 0, check.stderr);
  assert.match(check.stdout + check.stderr, /ok overlays\/dev\/kustenv\.patch\.yaml/);
  const missing = spawnSync(path.join(app, 'node_modules/.bin/kustenv'), ['check'], { cwd: app, env: { PATH: process.env.PATH }, encoding: 'utf8' });
  assert.is(missing.status, 1, 'an unset variable is an error');
  assert.match(missing.stderr, /base\/configmap\.yaml:7:\d+: error: PUBLIC_URL is not set \(environment dev\) \[unset-variable\]/);

  const api = spawnSync(process.execPath, ['--input-type=module', '-e', "const k = await import('kustenv'); const r = await k.check({ cwd: process.cwd(), env: { PUBLIC_URL: 'https://x.example' } }); process.stdout.write([typeof k.render, r.status, k.VERSION].join(' '));"], { cwd: app, encoding: 'utf8' });
  assert.is(api.status, 0, api.stderr);
  assert.is(api.stdout.trim(), `function 0 ${pkg.version}`);
});

test('a local clone installs as a link (npm install --save-dev ../kustenv): its bin runs the clone\'s build', () => {
  const app = tempdir('kustenv-linked-');
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'linked', version: '1.0.0', private: true }, null, 2));
  const install = npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--save-dev', ROOT], app);
  assert.is(install.status, 0, install.stderr);
  assert.ok(fs.lstatSync(path.join(app, 'node_modules/kustenv')).isSymbolicLink(), 'a link to the clone');
  const version = spawnSync(path.join(app, 'node_modules/.bin/kustenv'), ['--version'], { cwd: app, env: { PATH: process.env.PATH }, encoding: 'utf8' });
  assert.is(version.status, 0, version.stderr);
  assert.is(version.stdout.trim(), pkg.version);
});

test.run();
