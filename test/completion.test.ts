import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, cliProcess } from './helpers/cli.js';
import { snapshot, testdir } from './helpers/testdir.js';

// What docs/commands.md says of `kustenv completion`: a script for bash (zsh
// when $SHELL says so) that completes command and option names; asking for
// completions never runs a command.

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

test('completion prints a bash script by default and a zsh one when $SHELL is zsh', async () => {
  const dir = project();
  const bash = await cli(['completion'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(bash.code, 0);
  assert.match(bash.stdout, /complete -o bashdefault -o default -F _kustenv_yargs_completions kustenv/);
  // yargs reads $SHELL from the process itself: run the built CLI.
  const zsh = cliProcess(['completion'], { cwd: dir, env: { PATH: process.env.PATH, SHELL: '/bin/zsh' } });
  assert.is(zsh.code, 0);
  assert.match(zsh.stdout, /^#compdef kustenv/);
});

test('completions list command names, and option names after a command', async () => {
  const dir = project();
  const commands = await cli(['--get-yargs-completions', 'kustenv', 're'], { cwd: dir });
  assert.is(commands.code, 0);
  for (const c of ['render', 'check', 'diff', 'build', 'apply', 'vars', 'generate', 'rotate', 'verify', 'init']) assert.ok(commands.stdout.split('\n').includes(c), c);
  const options = await cli(['--get-yargs-completions', 'kustenv', 'render', '--dr'], { cwd: dir });
  assert.ok(options.stdout.split('\n').includes('--dry-run'), options.stdout);
});

test('asking for completions after a command runs nothing: no patch written, nothing printed but completions', async () => {
  const dir = project();
  const before = snapshot(dir);
  for (const words of [['render', 'de'], ['render', 'dev', 'st'], ['apply', 'dev'], ['generate', 'dev']]) {
    const r = await cli(['--get-yargs-completions', 'kustenv', ...words], { cwd: dir, env: { PATH: process.env.PATH, LEVEL: 'info' }, interactive: true, ask: async () => 'y' });
    assert.is(r.code, 0, words.join(' '));
    assert.is(r.stderr, '', words.join(' '));
    assert.not.match(r.stdout, /wrote|kubectl|error|warning/, words.join(' '));
  }
  assert.equal(snapshot(dir), before);
});

test.run();
