import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../src/cli/main.js';
import { cli } from './helpers/cli.js';
import { project, tempdir, testdir } from './helpers/testdir.js';

// Help for a new user's mistakes: what was meant, in words (never yargs' internals, never a value).

const COMMANDS = ['render', 'check', 'diff', 'vars', 'build', 'apply', 'generate', 'rotate', 'verify', 'init', 'completion', 'version'];

/** main() with both streams' terminal flags under the test's control. */
async function run(args: string[], cwd: string, io: { env?: NodeJS.ProcessEnv; isTTY?: boolean; stdoutIsTTY?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: io.env ?? {}, isTTY: io.isTTY ?? false, stdoutIsTTY: io.stdoutIsTTY ?? false, cwd });
  return { code, stdout, stderr };
}

test('a mistyped command names the nearest one; an unknown word lists every command', async () => {
  const dir = project();
  const r = await cli(['rendr', 'dev'], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /^kustenv: unknown command "rendr"; did you mean render\?/);
  assert.not.match(r.stderr, /Unknown arguments/);
  for (const [typo, meant] of [['chek', 'check'], ['difff', 'diff'], ['aply', 'apply'], ['genrate', 'generate']]) {
    assert.match((await cli([typo], { cwd: dir })).stderr, new RegExp(`did you mean ${meant}\\?`), typo);
  }
  const far = await cli(['frobnicate'], { cwd: dir });
  assert.not.match(far.stderr, /did you mean/);
  for (const c of COMMANDS) assert.ok(far.stderr.includes(c), c);
  const none = await cli([], { cwd: dir });
  assert.is(none.code, 2);
  for (const c of COMMANDS) assert.ok(none.stderr.includes(c), `no command: ${c}`);
});

test('a mistyped option names the nearest option of that command, in its dashed spelling', async () => {
  const dir = project();
  const r = await cli(['render', '--dryrun'], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /unknown option --dryrun; did you mean --dry-run\?/);
  assert.not.match(r.stderr, /dryRun|Unknown argument/);
  assert.match((await cli(['apply', 'dev', '--yess'], { cwd: dir })).stderr, /did you mean --yes\?/);
  assert.match((await cli(['check', '--env-fil', 'dev=x.env'], { cwd: dir })).stderr, /did you mean --env-file\?/);
  const caps = await cli(['render', '--Dry-Run', '--bogus-flag'], { cwd: dir });
  assert.is(caps.stderr.split('\n')[0], 'kustenv: unknown option --Dry-Run; did you mean --dry-run?; unknown option --bogus-flag', 'one entry per option typed');
  const extra = await cli(['build', 'dev', 'staging'], { cwd: dir });
  assert.match(extra.stderr, /unexpected argument "staging" for build/);
});

test('a usage message never echoes an argument that could hold a value', async () => {
  const dir = project();
  for (const args of [
    ['rendr', '--set', 'DB_PASSWORD=hunter2-CANARY'],
    ['render', '--pasword=hunter2-CANARY'],
    ['render', '--sett', 'DB_PASSWORD=hunter2-CANARY'],
    ['hunter2-CANARY=x'],
  ]) {
    const r = await cli(args, { cwd: dir });
    assert.is(r.code, 2, args.join(' '));
    assert.not.match(r.stderr, /CANARY/, args.join(' '));
  }
});

test('build, apply, generate, rotate, verify without an environment list the environments', async () => {
  const dir = project({ envs: ['dev', 'staging', 'prod'], config: 'environments:\n  dev: {}\n  staging: {}\n  prod: {}\n' });
  const r = await cli(['build'], { cwd: dir });
  assert.is(r.code, 2);
  assert.match(r.stderr, /kustenv build ENV, where ENV is one of: dev, staging, prod\n/);
  assert.not.match(r.stderr, /Missing required argument|non-option/);
  for (const c of ['apply', 'generate', 'verify']) assert.match((await cli([c], { cwd: dir })).stderr, new RegExp(`kustenv ${c} ENV, where ENV is one of: dev, staging, prod`), c);
  assert.match((await cli(['rotate'], { cwd: dir })).stderr, /kustenv rotate ENV VAR\.\.\., where ENV is one of/);
  assert.match((await cli(['apply', '--dry-run', 'server'], { cwd: dir })).stderr, /kustenv apply ENV, where ENV is one of/, "apply's --dry-run takes a value");
});

test('an empty folder: where kustenv looked, and kustenv init', async () => {
  const dir = tempdir();
  for (const args of [['render'], ['check', 'dev'], ['build', 'dev'], ['vars']]) {
    const r = await cli(args, { cwd: dir });
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.stderr, new RegExp(`no kustenv project in ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no kustenv.yaml there or in a parent folder, and no base/ folder; to start one here, run: kustenv init`), args.join(' '));
  }
  const b = await cli(['build'], { cwd: dir });
  assert.match(b.stderr, /kustenv build ENV\n/, 'no project: no list');
});

test("a command's help lists its own options before the global ones", async () => {
  const dir = tempdir();
  for (const [command, own] of [['render', '--dry-run'], ['diff', '--exit-code'], ['apply', '--yes'], ['generate', '--into']]) {
    const h = await cli([command, '--help'], { cwd: dir });
    assert.is(h.code, 0);
    const ownAt = h.stdout.indexOf(own);
    const globalAt = h.stdout.indexOf('Global options:');
    assert.ok(ownAt > 0 && globalAt > ownAt, `${command}: ${own} before the global options`);
    assert.ok(h.stdout.indexOf('--config') > globalAt, `${command}: --config among the global options`);
  }
});

test('completion: bash, zsh and fish scripts; --help; no shell is a usage error', async () => {
  const dir = project();
  const help = await cli(['completion', '--help'], { cwd: dir });
  assert.is(help.code, 0);
  assert.match(help.stdout, /bash/);
  assert.match(help.stdout, /Examples:/);
  const none = await cli(['completion'], { cwd: dir });
  assert.is(none.code, 2);
  assert.match(none.stderr, /kustenv completion bash\|zsh\|fish/);
  assert.match((await cli(['completion', 'zsh'], { cwd: dir })).stdout, /^#compdef kustenv\n[\s\S]*compdef _kustenv kustenv/);
  const fish = (await cli(['completion', 'fish'], { cwd: dir })).stdout;
  assert.match(fish, /complete -c kustenv -n '__kustenv_is render check diff vars build apply generate rotate verify' -a '\(kustenv completion --environments 2>\/dev\/null\)'/);
  assert.match(fish, /complete -c kustenv -n '__kustenv_is render' -l dry-run/);
  const envs = await cli(['completion', '--environments'], { cwd: dir });
  assert.is(envs.stdout, 'dev\nstaging\n');
});

test('the bash script completes commands, options, option values and environment names in real bash', async () => {
  const dir = project();
  const script = path.join(dir, 'kustenv.bash');
  fs.writeFileSync(script, (await cli(['completion', 'bash'], { cwd: dir })).stdout);
  // `kustenv` on PATH is the built CLI, as a user has it.
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'kustenv'), `#!/bin/sh\nexec "${process.execPath}" -- "${path.resolve('bin/kustenv.js')}" "$@"\n`, { mode: 0o755 });
  const cases: [string[], string][] = [
    [['kustenv', 're'], 'render'],
    [['kustenv', ''], COMMANDS.join(' ')],
    [['kustenv', 'render', '--dr'], '--dry-run'],
    [['kustenv', 'render', 's'], 'staging'],
    [['kustenv', '--set', 'X=1', 'build', ''], 'dev staging'],
    [['kustenv', 'render', 'dev', ''], 'dev staging'],
    [['kustenv', '--format', 'j'], 'json'],
    [['kustenv', 'completion', ''], 'bash zsh fish'],
    [['kustenv', 'apply', 'dev', '--y'], '--yes'],
  ];
  const lines = cases.map(([words]) => `t ${words.map((w) => `'${w}'`).join(' ')}`).join('\n');
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `source "${script}"\ncomplete -p kustenv\nt() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=(); _kustenv; echo "\${COMPREPLY[*]}"; }\n${lines}`], {
    cwd: dir,
    env: { PATH: `${bin}:${process.env.PATH}` },
    encoding: 'utf8',
  });
  assert.is(r.status, 0, r.stderr);
  const out = r.stdout.split('\n');
  assert.is(out[0], 'complete -o default -F _kustenv kustenv');
  cases.forEach(([words, want], i) => assert.is(out[i + 1], want, words.join(' ')));
});

test('diff is coloured on a terminal (red -, green +, masked values as they are); plain when piped, NO_COLOR or --no-color', async () => {
  const dir = project({ envs: ['dev'] });
  assert.is((await run(['render'], dir, { env: { TOKEN: 'old-token-value-1' } })).code, 0);
  const env = { TOKEN: 'new-token-value-2' };
  const tty = await run(['diff'], dir, { env, stdoutIsTTY: true });
  assert.is(tty.code, 0, tty.stderr);
  assert.match(tty.stdout, /\u001b\[31m-[^\n]*TOKEN[^\n]*\u001b\[39m/);
  assert.match(tty.stdout, /\u001b\[32m\+[^\n]*TOKEN[^\n]*\u001b\[39m/);
  assert.not.match(tty.stdout, /old-token-value-1|new-token-value-2/);
  const plain = (await run(['diff'], dir, { env })).stdout;
  assert.equal(tty.stdout.replace(/\u001b\[\d+m/g, ''), plain, 'the same text, masked the same way');
  for (const [args, e] of [
    [['diff'], { ...env, NO_COLOR: '1' }],
    [['diff', '--no-color'], env],
  ] as const) {
    assert.not.match((await run([...args], dir, { env: e, stdoutIsTTY: true })).stdout, /\u001b\[/);
  }
});

test('progress on a terminal only: not when stderr is not a terminal, not with CI=true', async () => {
  const files: Record<string, string> = { 'overlays/dev/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: kustenv.patch.yaml\n' };
  for (let i = 0; i < 200; i++) files[`base/cm${i}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\ndata:\n  level: \${LEVEL}\n`;
  const dir = testdir(files, { gitignore: 'kustenv.patch.yaml\n' });
  const tty = await run(['check'], dir, { env: { LEVEL: 'info' }, isTTY: true });
  assert.is(tty.code, 0, tty.stderr);
  assert.match(tty.stderr, /\r\u001b\[K[^\n]*rendering dev: 200 documents/);
  assert.match(tty.stderr, /documents\u001b\[22m\r\u001b\[K\u001b\[32mok\u001b\[39m overlays\/dev/, 'the line is cleared before the result');
  const piped = await run(['check'], dir, { env: { LEVEL: 'info' }, isTTY: false });
  assert.not.match(piped.stderr, /rendering|\r/);
  const ci = await run(['check'], dir, { env: { LEVEL: 'info', CI: 'true' }, isTTY: true });
  assert.not.match(ci.stderr, /rendering|\r/);
});

test.run();
