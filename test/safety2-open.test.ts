/**
 * Findings of the second security review whose fixes lie outside its own
 * files: the GitHub step summary of `diff --against` masked before escaping,
 * init refusing symbolic links, problems printed without terminal control
 * sequences.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from './helpers/cli.js';
import { git, tempdir, testdir } from './helpers/testdir.js';

const ESCAPED = 'Ab1<cd&Ef9>gh|ij`kl';

test('1. diff --against in GitHub mode: the step summary never shows a value, escaped or not', async () => {
  const dir = testdir(
    {
      'base/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  TOKEN: ${TOKEN}\n',
      'base/kustomization.yaml': 'resources: [secret.yaml]\n',
      'overlays/dev/kustomization.yaml': 'resources: [../../base]\n',
      'schemas/variables.schema.json': '{"type":"object","properties":{"TOKEN":{"type":"string"}}}\n',
    },
    { gitignore: '*.patch.yaml\n' },
  );
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  git(dir, 'branch', 'main-base');
  fs.writeFileSync(path.join(dir, 'schemas/variables.schema.json'), `{"type":"object","properties":{"TOKEN":{"type":"string","const":${JSON.stringify(ESCAPED)}}}}\n`);
  const summary = path.join(tempdir(), 'summary.md');
  const r = await cli(['diff', '--against', 'main-base'], { cwd: dir, env: { PATH: process.env.PATH, TOKEN: ESCAPED, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
  assert.is(r.code, 0, r.stderr);
  const text = fs.readFileSync(summary, 'utf8');
  assert.match(text, /const: none → "\*\*\*"/);
  for (const piece of ['Ab1', 'Ef9']) assert.not.ok(text.includes(piece), `no piece of the value in the summary: ${piece}`);
});

test('2. init never reads or writes through a symlinked kustomization.yaml or .gitignore', async () => {
  const outside = tempdir('kustenv-outside-');
  fs.writeFileSync(path.join(outside, 'kubeconfig'), 'apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user: {token: KUBE-TOKEN-SENTINEL}\n');
  fs.writeFileSync(path.join(outside, 'bashrc'), 'existing\n');
  const dir = testdir({
    'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n',
    'base/kustomization.yaml': 'resources: [cm.yaml]\n',
  });
  fs.mkdirSync(path.join(dir, 'overlays/dev'), { recursive: true });
  fs.symlinkSync(path.join(outside, 'kubeconfig'), path.join(dir, 'overlays/dev/kustomization.yaml'));
  fs.symlinkSync(path.join(outside, 'bashrc'), path.join(dir, '.gitignore'));
  const r = await cli(['init'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(fs.readFileSync(path.join(outside, 'bashrc'), 'utf8'), 'existing\n', 'nothing appended outside the project');
  const k = path.join(dir, 'overlays/dev/kustomization.yaml');
  assert.ok(fs.lstatSync(k).isSymbolicLink() || !fs.readFileSync(k, 'utf8').includes('KUBE-TOKEN-SENTINEL'), 'the linked file is not copied into the project');
  assert.is(r.code, 2, 'a symlink is refused, naming the file');
});

test('3. problems never print terminal control sequences from file names', async () => {
  const dir = testdir({
    'base/x\u001b[2Jy.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  TOKEN: ${TOKEN\n',
    'base/kustomization.yaml': 'resources: [secret.yaml]\n',
    'overlays/dev/kustomization.yaml': 'resources: [../../base]\n',
  });
  const r = await cli(['check', 'dev'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(r.code, 1);
  assert.match(r.stderr, /placeholder-unclosed/);
  assert.not.ok(r.stderr.includes('\u001b'), 'no ESC on the terminal');
});

test.run();
