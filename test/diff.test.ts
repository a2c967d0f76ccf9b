import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from './helpers/cli.js';
import { project } from './helpers/testdir.js';

const CANARY = 'DIFF-CANARY';
const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  TOKEN: ${TOKEN}\n';
const configmap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  LEVEL: ${LEVEL:-info}\n';

async function rendered(env: Record<string, string>, extra: Record<string, string> = {}) {
  const dir = project({ envs: ['dev'], secret, configmap, extra });
  const r = await cli(['render'], { cwd: dir, env });
  assert.is(r.code, 0, r.stderr);
  return dir;
}

test('diff: unchanged gives no diff, "no changes", and exit 0 even with --exit-code', async () => {
  const dir = await rendered({ TOKEN: `${CANARY}-1` });
  const r = await cli(['diff', '--exit-code'], { cwd: dir, env: { TOKEN: `${CANARY}-1` } });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'overlays/dev/kustenv.patch.yaml: no changes\n');
});

test('diff: a patch that is a link is a change, even to what render would write (render refuses to write through it)', async () => {
  const dir = await rendered({ TOKEN: `${CANARY}-1` });
  const patch = path.join(dir, 'overlays/dev/kustenv.patch.yaml');
  const elsewhere = path.join(dir, 'elsewhere.yaml');
  fs.renameSync(patch, elsewhere);
  fs.symlinkSync(elsewhere, patch);
  const r = await cli(['diff', '--exit-code'], { cwd: dir, env: { TOKEN: `${CANARY}-1` } });
  assert.is(r.code, 1, r.stdout);
  assert.match(r.stdout, /symbolic link/);
  assert.not.ok(r.stdout.includes(CANARY) || r.stderr.includes(CANARY));
});

test('diff: a missing file diffs as new, everything added, secrets masked; --exit-code gives 1', async () => {
  const dir = project({ envs: ['dev'], secret, configmap });
  const r = await cli(['diff', '--exit-code'], { cwd: dir, env: { TOKEN: `${CANARY}-1` } });
  assert.is(r.code, 1);
  assert.match(r.stdout, /--- \/dev\/null/);
  assert.match(r.stdout, /\+  TOKEN: "\*\*\*"/);
  assert.match(r.stdout, /\+  LEVEL: info/);
  assert.match(r.stdout, /overlays\/dev\/kustenv\.patch\.yaml: 2 added, 0 removed, 0 changed/);
  assert.not.ok(r.stdout.includes(CANARY) || r.stderr.includes(CANARY));
});

test('diff: a changed secret shows *** (before) and *** (after), never the values', async () => {
  const dir = await rendered({ TOKEN: `${CANARY}-old` });
  const r = await cli(['diff'], { cwd: dir, env: { TOKEN: `${CANARY}-new` } });
  assert.is(r.code, 0);
  assert.match(r.stdout, /-  TOKEN: "\*\*\* \(before\)"\n\+  TOKEN: "\*\*\* \(after\)"/);
  assert.match(r.stdout, /0 added, 0 removed, 1 changed/);
  assert.not.ok(r.stdout.includes(CANARY));
});

test('diff: a changed ConfigMap value shows in clear; --show-values unmasks secrets', async () => {
  const dir = await rendered({ TOKEN: `${CANARY}-old`, LEVEL: 'info' });
  const r = await cli(['diff'], { cwd: dir, env: { TOKEN: `${CANARY}-old`, LEVEL: 'debug' } });
  assert.match(r.stdout, /-  LEVEL: info\n\+  LEVEL: debug/);
  const shown = await cli(['diff', '--show-values'], { cwd: dir, env: { TOKEN: `${CANARY}-new` } });
  assert.match(shown.stdout, new RegExp(`-  TOKEN: ${CANARY}-old\\n\\+  TOKEN: ${CANARY}-new`));
});

test('diff: added and removed keys are counted; removed values are masked', async () => {
  const dir = await rendered({ TOKEN: `${CANARY}-1`, LEVEL: 'info' });
  fs.writeFileSync(path.join(dir, 'base/configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  MODE: ${MODE:-fast}\n');
  const r = await cli(['diff', '--format', 'json'], { cwd: dir, env: { TOKEN: `${CANARY}-1` } });
  const json = JSON.parse(r.stdout);
  assert.equal(json.environments[0], {
    name: 'dev',
    output: 'overlays/dev/kustenv.patch.yaml',
    changed: true,
    added: ['ConfigMap/cfg data.MODE'],
    removed: ['ConfigMap/cfg data.LEVEL'],
    modified: [],
  });
  const text = await cli(['diff'], { cwd: dir, env: { TOKEN: `${CANARY}-1` } });
  assert.match(text.stdout, /-  LEVEL: "\*\*\*"\n\+  MODE: fast/);
  assert.not.ok(r.stdout.includes(CANARY) || text.stdout.includes(CANARY));
});

test('diff: errors stop it like check (exit 1, nothing diffed)', async () => {
  const dir = project({ envs: ['dev'], secret, configmap });
  const r = await cli(['diff'], { cwd: dir, env: {} });
  assert.is(r.code, 1);
  assert.match(r.stderr, /TOKEN is not set/);
  assert.is(r.stdout, '');
});

// diff --against REF: test/review.test.ts

test('diff --format markdown without --against is a usage error', async () => {
  const dir = project({ envs: ['dev'], secret, configmap });
  assert.is((await cli(['diff', '--format', 'markdown'], { cwd: dir })).code, 2);
});

test.run();
