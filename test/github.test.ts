import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from './helpers/cli.js';
import { project, tempdir } from './helpers/testdir.js';

const CANARY = 'GH-CANARY';
const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  TOKEN: ${TOKEN}\n  PASS: ${PASS}\n';

function runner() {
  const dir = tempdir('kustenv-gh-');
  const summary = path.join(dir, 'summary.md');
  const output = path.join(dir, 'output.txt');
  return { summary, output, env: (extra: Record<string, string>) => ({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, ...extra }) };
}

/** Every line holding a canary must be an ::add-mask:: line. */
function onlyMasksHold(text: string) {
  for (const line of text.split('\n')) if (line.includes(CANARY)) assert.ok(line.startsWith('::add-mask::'), `leak: ${line}`);
}

test('GitHub mode: ::add-mask:: for every line of every secret value, before any other output', async () => {
  const dir = project({ envs: ['dev'], secret });
  const gh = runner();
  const r = await cli(['render'], { cwd: dir, env: gh.env({ TOKEN: `${CANARY}-token`, PASS: `${CANARY}-l1\n${CANARY}-l2` }) });
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stdout, /::/, 'stdout stays data: no workflow command');
  const lines = r.stderr.split('\n');
  const masks = lines.filter((l) => l.startsWith('::add-mask::'));
  assert.equal(
    masks.filter((m) => !/^::add-mask::[A-Za-z0-9+/=]+$/.test(m) || m.includes(CANARY)).sort(),
    [`::add-mask::${CANARY}-l1`, `::add-mask::${CANARY}-l2`, `::add-mask::${CANARY}-token`],
  );
  assert.ok(masks.includes(`::add-mask::${Buffer.from(`${CANARY}-token`).toString('base64')}`), 'the base64 form too');
  assert.is(lines.findIndex((l) => !l.startsWith('::add-mask::')), masks.length, 'masks come first');
  onlyMasksHold(r.stdout + r.stderr);
});

test('GitHub mode: masks also when the run fails, and each error is a workflow command with its position', async () => {
  const dir = project({ envs: ['dev'], secret });
  const gh = runner();
  const r = await cli(['check'], { cwd: dir, env: gh.env({ TOKEN: `${CANARY}-token` }) });
  assert.is(r.code, 1);
  assert.match(r.stderr, new RegExp(`^::add-mask::${CANARY}-token\\n`));
  assert.match(r.stderr, /::error file=base\/secret\.yaml,line=6,col=9,title=kustenv unset-variable \(dev\)::PASS is not set\n/);
  assert.is(r.stderr.split('PASS is not set').length, 2, 'each error once, as the workflow command');
  assert.is(r.stdout, '');
  onlyMasksHold(r.stdout + r.stderr);
});

test('GitHub mode: step summary with environments, variables (set, missing, secret) and the masked diff; outputs', async () => {
  const dir = project({ envs: ['dev', 'staging'], secret });
  const gh = runner();
  const r = await cli(['render'], { cwd: dir, env: gh.env({ TOKEN: `${CANARY}-token`, PASS: `${CANARY}-pass` }) });
  assert.is(r.code, 0, r.stderr);
  const summary = fs.readFileSync(gh.summary, 'utf8');
  assert.match(summary, /## kustenv render: passed/);
  assert.match(summary, /\| dev \| no \| `overlays\/dev\/kustenv\.patch\.yaml` \| written \|/);
  assert.match(summary, /\| `PASS` \| yes \| set \| set \|/);
  assert.match(summary, /\| `LEVEL` \| no \| default \| default \|/);
  assert.match(summary, /<details><summary>Masked diff: dev<\/summary>/);
  assert.match(summary, /\+  TOKEN: "\*\*\*"/);
  assert.not.ok(summary.includes(CANARY));
  assert.is(fs.readFileSync(gh.output, 'utf8'), 'changed=true\nfiles=overlays/dev/kustenv.patch.yaml overlays/staging/kustenv.patch.yaml\nenvironments=dev staging\n');
  const again = await cli(['render'], { cwd: dir, env: gh.env({ TOKEN: `${CANARY}-token`, PASS: `${CANARY}-pass` }) });
  assert.is(again.code, 0);
  assert.match(fs.readFileSync(gh.output, 'utf8'), /changed=false\nfiles=\nenvironments=dev staging\n$/);
});

test('--github turns the mode on without GITHUB_ACTIONS; it is off otherwise', async () => {
  const dir = project({ envs: ['dev'], secret });
  const on = await cli(['check', '--github'], { cwd: dir, env: { TOKEN: `${CANARY}-1`, PASS: `${CANARY}-2` } });
  assert.match(on.stderr, /^::add-mask::/);
  const off = await cli(['check'], { cwd: dir, env: { TOKEN: `${CANARY}-1`, PASS: `${CANARY}-2` } });
  assert.not.match(off.stdout + off.stderr, /add-mask/);
});

test('GitHub mode for diff: masks, summary with the masked diff, changed output', async () => {
  const dir = project({ envs: ['dev'], secret });
  const gh = runner();
  const r = await cli(['diff'], { cwd: dir, env: gh.env({ TOKEN: `${CANARY}-1`, PASS: `${CANARY}-2` }) });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /^::add-mask::/);
  assert.not.match(r.stdout, /::add-mask::/);
  assert.match(fs.readFileSync(gh.summary, 'utf8'), /## kustenv diff: passed/);
  assert.match(fs.readFileSync(gh.output, 'utf8'), /^changed=true\n/);
  onlyMasksHold(r.stdout + r.stderr + fs.readFileSync(gh.summary, 'utf8'));
});

test('workflow command data is escaped: % and newlines cannot end the command early', async () => {
  const dir = project({ envs: ['dev'], secret });
  const r = await cli(['check', '--github'], { cwd: dir, env: { TOKEN: '100%\r', PASS: 'a' } });
  assert.match(r.stderr, /::add-mask::100%25%0D\n/);
});

test('GitHub mode keeps stdout clean data: check --format json parses, build-like output carries no mask line', async () => {
  const dir = project({ envs: ['dev'], secret });
  const r = await cli(['check', '--format', 'json'], { cwd: dir, env: { GITHUB_ACTIONS: 'true', TOKEN: `${CANARY}-1`, PASS: `${CANARY}-2` } });
  assert.is(r.code, 0, r.stderr);
  assert.is(JSON.parse(r.stdout).status, 0);
  assert.match(r.stderr, /^::add-mask::/);
  const dry = await cli(['render', '--dry-run'], { cwd: dir, env: { GITHUB_ACTIONS: 'true', TOKEN: `${CANARY}-1`, PASS: `${CANARY}-2` } });
  assert.not.match(dry.stdout, /::add-mask::/);
  assert.not.ok(dry.stdout.includes(CANARY));
});

test('GitHub mode: an empty variable counts as unset (a missing repository secret); --empty-is-value turns that off', async () => {
  const dir = project({ envs: ['dev'], secret, extra: { 'overlays/dev/ci.env': 'PASS=from-file-x9Q\n' } });
  const r = await cli(['check', '--github'], { cwd: dir, env: { TOKEN: '', PASS: `${CANARY}-2` } });
  assert.is(r.code, 1);
  assert.match(r.stderr, /::error [^\n]*::TOKEN is not set\n/);
  // --set NAME= and env files are written on purpose: their empty value stays a value; the env layer falls through to them.
  const file = await cli(['check', '--github', '--env-file', 'dev=overlays/dev/ci.env', '--set', 'TOKEN='], { cwd: dir, env: { PASS: '' } });
  assert.not.match(file.stderr, /(TOKEN|PASS) is not set/);
  const off = await cli(['check', '--github', '--empty-is-value'], { cwd: dir, env: { TOKEN: '', PASS: `${CANARY}-2` } });
  assert.not.match(off.stderr, /TOKEN is not set/);
  const local = await cli(['check'], { cwd: dir, env: { TOKEN: '', PASS: `${CANARY}-2` } });
  assert.not.match(local.stderr, /TOKEN is not set/, 'outside GitHub mode an empty value is a value');
});

test('GitHub mode, failed render: no masked diff in the summary, changed=false and no files; the summary ends with a blank line', async () => {
  const dir = project({ envs: ['dev'], secret });
  const gh = runner();
  const ok = await cli(['render'], { cwd: dir, env: gh.env({ TOKEN: `${CANARY}-1`, PASS: `${CANARY}-2` }) });
  assert.is(ok.code, 0, ok.stderr);
  fs.writeFileSync(gh.summary, '');
  fs.writeFileSync(gh.output, '');
  const r = await cli(['render'], { cwd: dir, env: gh.env({ TOKEN: `${CANARY}-1` }) });
  assert.is(r.code, 1);
  const summary = fs.readFileSync(gh.summary, 'utf8');
  assert.match(summary, /## kustenv render: failed/);
  assert.not.match(summary, /Masked diff|```diff/);
  assert.ok(summary.endsWith('\n\n'), 'a blank line ends it');
  assert.match(fs.readFileSync(gh.output, 'utf8'), /^changed=false\nfiles=\n/);
});

test('GitHub mode: a runner file that cannot be written is an error naming the variable, exit 2', async () => {
  const dir = project({ envs: ['dev'], secret });
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY']) {
    const r = await cli(['check'], { cwd: dir, env: { GITHUB_ACTIONS: 'true', TOKEN: `${CANARY}-1`, PASS: `${CANARY}-2`, [name]: '/nonexistent/dir/out' } });
    assert.is(r.code, 2, name);
    assert.match(r.stderr, new RegExp(`kustenv: cannot write the file ${name} names \\(/nonexistent/dir/out\\): ENOENT`));
    assert.not.match(r.stderr, /internal error/);
  }
});

test('GitHub mode with --cwd: outputs, annotations and summary paths are relative to GITHUB_WORKSPACE', async () => {
  const workspace = tempdir('kustenv-ws-');
  const dir = project({ envs: ['dev'], secret });
  fs.renameSync(dir, path.join(workspace, 'deploy'));
  const gh = runner();
  const env = gh.env({ GITHUB_WORKSPACE: workspace, TOKEN: `${CANARY}-1`, PASS: `${CANARY}-2` });
  const r = await cli(['render', '--cwd', 'deploy'], { cwd: workspace, env });
  assert.is(r.code, 0, r.stderr);
  assert.match(fs.readFileSync(gh.output, 'utf8'), /^changed=true\nfiles=deploy\/overlays\/dev\/kustenv\.patch\.yaml\n/);
  assert.match(fs.readFileSync(gh.summary, 'utf8'), /`deploy\/overlays\/dev\/kustenv\.patch\.yaml`/);
  const bad = await cli(['check', '--cwd', 'deploy'], { cwd: workspace, env: gh.env({ GITHUB_WORKSPACE: workspace, TOKEN: `${CANARY}-1` }) });
  assert.match(bad.stderr, /::error file=deploy\/base\/secret\.yaml,line=6/);
  assert.match(fs.readFileSync(gh.summary, 'utf8'), /`deploy\/base\/secret\.yaml:6:9`/);
});

test('GitHub mode: each command writes what it produced (generate: the file and the names, never a value)', async () => {
  const dir = project({ envs: ['dev'], secret: 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  TOKEN: ${TOKEN}\n', gitignore: 'kustenv.patch.yaml\nkustenv.generated.env\n' });
  fs.mkdirSync(path.join(dir, 'schemas'));
  fs.writeFileSync(path.join(dir, 'schemas/variables.schema.json'), JSON.stringify({ type: 'object', properties: { TOKEN: { type: 'string', 'x-kustenv-generate': 'base64:32' }, LEVEL: { type: 'string' } } }));
  const gh = runner();
  const r = await cli(['generate', 'dev'], { cwd: dir, env: gh.env({ GITHUB_WORKSPACE: dir }) });
  assert.is(r.code, 0, r.stderr);
  assert.is(fs.readFileSync(gh.output, 'utf8'), 'changed=true\nfiles=overlays/dev/kustenv.generated.env\nenvironment=dev\ngenerated=TOKEN\n');
});

test.run();
