import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cli } from './helpers/cli.js';
import { snapshot, testdir } from './helpers/testdir.js';

// `kustenv completion bash|zsh|fish` prints a hand-written script (the
// shell is named, not read from $SHELL); environment names come from
// `kustenv completion --environments`, which asks no store. Real-bash
// completion is tested in help.test.ts.

function project(): string {
  return testdir(
    {
      'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  level: ${LEVEL}\n',
      'overlays/dev/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: kustenv.patch.yaml\n',
      'overlays/staging/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: kustenv.patch.yaml\n',
    },
    { gitignore: 'kustenv.patch.yaml\n' },
  );
}

test('each shell gets its own script, whatever $SHELL says; the bash one is valid bash', async () => {
  const dir = project();
  const bash = await cli(['completion', 'bash'], { cwd: dir, env: { PATH: process.env.PATH, SHELL: '/bin/zsh' } });
  assert.is(bash.code, 0);
  assert.match(bash.stdout, /complete -o default -F _kustenv kustenv\n$/);
  const syntax = spawnSync('bash', ['-n'], { input: bash.stdout, encoding: 'utf8' });
  assert.is(syntax.status, 0, syntax.stderr);
  assert.match((await cli(['completion', 'zsh'], { cwd: dir })).stdout, /^#compdef kustenv/);
  assert.match((await cli(['completion', 'fish'], { cwd: dir })).stdout, /^# kustenv completion for fish/);
  assert.is((await cli(['completion', 'tcsh'], { cwd: dir })).code, 2);
});

test('every command and each command\'s own options are in the scripts', async () => {
  const dir = project();
  const bash = (await cli(['completion', 'bash'], { cwd: dir })).stdout;
  for (const c of ['render', 'check', 'diff', 'build', 'apply', 'vars', 'generate', 'rotate', 'verify', 'init']) assert.ok(bash.includes(` ${c}`), c);
  assert.match(bash, /render\) flags="[^"]*--dry-run[^"]*--allow-unignored/);
  assert.match(bash, /apply\) flags="[^"]*--yes/);
  assert.not.match(bash, /--dryRun|flags="[^"]*(--server-dry-run|--environments)/, 'no camelCase spellings, no hidden options');
  assert.not.match(bash, /render\) flags="[^"]*--against/, 'only options the command takes');
});

test('a script from an older kustenv asking the yargs way runs nothing and prints nothing', async () => {
  const dir = project();
  const before = snapshot(dir);
  for (const words of [['render', 'de'], ['render', 'dev', 'st'], ['apply', 'dev'], ['generate', 'dev']]) {
    const r = await cli(['--get-yargs-completions', 'kustenv', ...words], { cwd: dir, env: { PATH: process.env.PATH, LEVEL: 'info' }, interactive: true, ask: async () => 'y' });
    assert.is(r.code, 0, words.join(' '));
    assert.is(r.stderr, '', words.join(' '));
    assert.is(r.stdout, '', words.join(' '));
  }
  assert.equal(snapshot(dir), before);
});

test.run();
