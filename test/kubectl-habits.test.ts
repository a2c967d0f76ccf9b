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

test.run();
