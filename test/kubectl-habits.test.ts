import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VERSION } from '../src/version.js';
import { cli } from './helpers/cli.js';
import { project } from './helpers/testdir.js';

const env = { TOKEN: 'Zq8vN2kT5mRx9wLp4sYb7cHd3fJg6hKa' };

test('-o is --format, as kubectl spells it', async () => {
  const dir = project({ envs: ['dev'] });
  const r = await cli(['check', '-o', 'json'], { cwd: dir, env });
  assert.is(r.code, 0, r.stderr);
  assert.is(JSON.parse(r.stdout).command, 'check');
});

test('kustenv version prints the version, as --version does', async () => {
  const dir = project({ envs: ['dev'] });
  const r = await cli(['version'], { cwd: dir, env });
  assert.is(r.code, 0);
  assert.is(r.stdout, `${VERSION}\n`);
});

test('--context and -n that could pass for options, or are not names, are refused before anything runs, never echoed', async () => {
  const dir = project({ envs: ['dev'] });
  for (const args of [['build', 'dev', '--context=--kubeconfig=x'], ['verify', 'dev', '-n', 'Bad_NS'], ['apply', 'dev', '--yes', '--namespace=-x']]) {
    const r = await cli(args, { cwd: dir, env });
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.stderr, /--(context|namespace) takes/);
    assert.not.ok(r.stderr.includes('kubeconfig=x') || r.stderr.includes('Bad_NS'), 'the value is not echoed');
  }
});

test('an unknown environment that looks like NAME=VALUE is never echoed', async () => {
  const dir = project({ envs: ['dev'] });
  const r = await cli(['render', 'DB_PASSWORD=Sup3r-S3cret-Value', '--github'], { cwd: dir, env });
  assert.is(r.code, 2);
  assert.not.ok(r.stdout.includes('Sup3r') || r.stderr.includes('Sup3r'));
  assert.match(r.stderr, /unknown environment an argument that is not an environment name \(not shown\)/);
});

test('an option that takes a value, given none, is refused (never run as if it were not there)', async () => {
  const dir = project({ envs: ['dev'] });
  for (const flag of ['--set', '--env-file', '--config', '--cwd']) {
    const r = await cli(['check', 'dev', flag], { cwd: dir, env });
    assert.is(r.code, 2, flag);
    assert.match(r.stderr, /Not enough arguments following/);
  }
});

test('diff --against with an empty ref (an unset CI variable) is refused, not a plain diff', async () => {
  const dir = project({ envs: ['dev'] });
  const r = await cli(['diff', 'dev', '--against', ''], { cwd: dir, env });
  assert.is(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /bad-ref/);
});

test('build masks a secret value under 4 characters only at its secret paths: an object named like it keeps its name', async () => {
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  user: ${DB_USER}\n  pass: ${DB_PASSWORD}\n';
  const configmap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  labels: {app: app}\ndata:\n  LEVEL: ${LEVEL:-info}\n';
  const dir = project({ envs: ['dev'], secret, configmap });
  const r = await cli(['build', 'dev'], { cwd: dir, env: { PATH: process.env.PATH, DB_USER: 'app', DB_PASSWORD: 'Zq8vN2kT5mRx9wLp' } });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /user: "\*\*\*"/);
  assert.not.match(r.stdout, /name: "\*\*\*"/, 'names that equal a short secret stay');
  assert.match(r.stdout, /app: app/);
});

test('an overlay folder whose name is no plain name is refused, never echoed', async () => {
  const dir = project({ envs: ['dev'], extra: { 'overlays/$(touch PWNED)/kustomization.yaml': 'resources: [../../base]\n' } });
  const r = await cli(['check'], { cwd: dir, env });
  assert.is(r.code, 2);
  assert.match(r.stderr, /\[bad-environment-name\]/);
  assert.not.ok(r.stderr.includes('touch'));
});

test.run();
