/**
 * Findings of the security review (interruption, echoed arguments, names in
 * every command, workflow-command injection through file names), each
 * reproduced as a test.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, cli } from './helpers/cli.js';
import { project } from './helpers/testdir.js';

const S = 'p@ss:w0rd-Sentinel';

// 1. Interruption (SPEC: SIGINT and SIGTERM end a run within 2 seconds, even in
// the middle of long work). bin/kustenv.js handles the signals with
// process.on(...), which runs only when the event loop is free; loading,
// parsing and rendering thousands of templates is one synchronous stretch
// (mostly YAML parsing and GC), so the handler waits until the render ends.
// Repro: 5000 small ConfigMap templates, `kustenv render dev`, kill -INT after
// 0.5 s: the process ends only when the render is done (3-6 s here), and it
// has written the patch. Fix (src/api.ts / pipeline driver, bin/kustenv.js):
// yield to the event loop between templates/documents (await setImmediate
// every N), or check a flag set by the handler; the write stage already
// keeps outputs whole.
test('SIGINT and SIGTERM during a long render end it within 2 s, no patch and no temporary file', async () => {
  const files: Record<string, string> = {};
  const names: string[] = [];
  for (let i = 0; i < 5000; i++) {
    files[`base/t${i}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\ndata:\n${Array.from({ length: 10 }, (_, k) => `  k${k}: "\${V}-${k}"`).join('\n')}\n`;
    names.push(`t${i}.yaml`);
  }
  files['base/kustomization.yaml'] = `resources: [secret.yaml, configmap.yaml, ${names.join(', ')}]\n`;
  const dir = project({ envs: ['dev'], extra: files });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const child = spawn(process.execPath, ['--', BIN, 'render', 'dev'], { cwd: dir, env: { PATH: process.env.PATH, V: 'v', TOKEN: 'tok-Aa1!tok-Aa1!' }, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 500));
    const sent = Date.now();
    child.kill(signal);
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    assert.ok(Date.now() - sent < 2000, `${signal}: ended within 2 s (took ${Date.now() - sent} ms)`);
    assert.ok(code !== 0, `${signal}: not a success (it was interrupted)`);
    const over = fs.readdirSync(path.join(dir, 'overlays/dev'));
    assert.not.ok(over.includes('kustenv.patch.yaml'), `${signal}: no patch written`);
    assert.equal(over.filter((f) => f.endsWith('.kustenv-tmp')), [], `${signal}: no temporary file`);
  }
});

// 2. Usage errors echo an option's value. `kustenv render --format='p@ss:w0rd'`
// prints yargs' `Argument: format, Given: "p@ss:w0rd", Choices: ...`.
// withoutArguments (src/cli/main.ts) removes whole risky arguments, but the
// argument is `--format=p@ss:w0rd` and the message holds only the part after
// `=`. Fix: also remove the value part of each `--opt=value` / `-o=value`
// argument (and the argument after an option taking a value), unless it is a
// valid environment or variable name.
test('a usage error never echoes an option value that is not a valid name', async () => {
  const dir = project({ envs: ['dev'] });
  for (const args of [['render', `--format=${S}`], ['render', '-o', S], ['check', `-o=${S}`]]) {
    const r = await cli(args, { cwd: dir, env: { PATH: process.env.PATH } });
    assert.is(r.code, 2, args.join(' '));
    assert.not.ok(`${r.stdout}${r.stderr}`.includes(S), `${args.join(' ')}: ${r.stderr}`);
  }
});

// 3. rotate echoes its positional arguments. `kustenv rotate dev DB_PASSWORD=newvalue`
// prints `error: DB_PASSWORD=newvalue has no "x-kustenv-generate" rule ...`,
// and --format json carries it as "variable". Fix (src/generate.ts, rotate):
// a name that is not a variable name is described with quoteArgument(name,
// 'variable') from src/pipeline/validate-names.ts, and the diagnostic gets no
// `variable` field for it (or the argv is refused as a usage error first).
test('rotate never echoes an argument that is not a variable name', async () => {
  const dir = project({ envs: ['dev'] });
  for (const format of ['text', 'json']) {
    const r = await cli(['rotate', 'dev', `DB_PASSWORD=${S}`, '--format', format], { cwd: dir, env: { PATH: process.env.PATH } });
    assert.ok(r.code !== 0);
    assert.not.ok(`${r.stdout}${r.stderr}`.includes(S), `${format}: ${r.stderr}${r.stdout}`);
  }
});

// 4. generate, rotate and diff --against do not check metadata.name /
// metadata.namespace (SPEC: "checked first ... in every command"). None of
// them passes a name to a program today, so this is a gap in the rule, not a
// bypass: `kustenv generate dev` with a ConfigMap named --kubeconfig=x.yaml
// exits 0 ("nothing to generate"), and `diff --against HEAD` exits 0. Fix:
// src/generate.ts prepare() and src/diff.ts diffAgainst() run
// validateNames(parsed.documents) from src/pipeline/validate-names.ts and
// stop with exit 1 on its diagnostics.
test('generate, rotate and diff --against refuse an invalid name (exit 1, invalid-name)', async () => {
  const dir = project({ envs: ['dev'], configmap: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "--kubeconfig=x.yaml"\ndata:\n  LEVEL: x\n' });
  const { git } = await import('./helpers/testdir.js');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'x');
  for (const args of [['generate', 'dev'], ['rotate', 'dev', 'TOKEN'], ['diff', '--against', 'HEAD']]) {
    const r = await cli(args, { cwd: dir, env: { PATH: process.env.PATH } });
    assert.is(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /\[invalid-name\]/, args.join(' '));
  }
});


// 5. Workflow-command injection through a file name with a newline (SPEC:
// "a newline in a name can never add YAML or a workflow command"). The
// diagnostics are escaped, but plain text lines are not: an env file named
// "e\n::warning::INJECTED.env" is printed raw by `render --verbose` ("T
// (secret): env-file e" then a line "::warning::INJECTED.env") and by `vars`
// (the source column), and a template named "x\n::warning::INJ.yaml" by `vars`
// (USED AT) and `diff --against` (its file line). On GitHub Actions the
// runner reads each such line as a workflow command (::add-mask::,
// ::stop-commands::, ::error::...). Fix (src/cli/report.ts, or once in
// src/cli/main.ts's out.stdout/out.stderr when GitHub mode is on): print file
// names through one escaper (JSON-quote a name holding a control character,
// as the patch comments already do), or neutralise any printed line that
// starts with "::" and was not written by the workflow-command writer.
test('a file name with a newline never starts a workflow-command line (--github)', async () => {
  const { git } = await import('./helpers/testdir.js');
  const evilEnv = 'e\n::warning::INJECTED-ENV.env';
  const evilTemplate = 'base/x\n::warning::INJECTED-TEMPLATE.yaml';
  const dir = project({ envs: ['dev'] });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'x');
  fs.writeFileSync(path.join(dir, evilEnv), 'TOKEN=tok-Aa1!tok-Aa1!\n');
  fs.writeFileSync(path.join(dir, evilTemplate), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: evil}\ndata:\n  x: ${LEVEL:-a}\n');
  for (const args of [
    ['render', 'dev', '--verbose', '--env-file', evilEnv],
    ['vars', 'dev', '--env-file', evilEnv],
    ['diff', '--against', 'HEAD'],
    ['check', 'dev', '--verbose', '--env-file', evilEnv],
  ]) {
    const r = await cli([...args, '--github'], { cwd: dir, env: { PATH: process.env.PATH } });
    for (const line of `${r.stdout}\n${r.stderr}`.split('\n')) assert.not.ok(line.startsWith('::warning::INJECTED'), `${args.join(' ')}: an injected workflow command`);
  }
});

test.run();
