import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { cli } from './helpers/cli.js';
import { git, project, tempdir } from './helpers/testdir.js';
import { MARKDOWN_LIMIT, cell, naturalSort, requirementChanges, reviewMarkdown, type ReviewResult } from '../src/commands/review.js';

const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  TOKEN: ${TOKEN}\n';
const configmap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  LEVEL: ${LEVEL:-info}\n';
const write = (dir: string, file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
};
const commit = (dir: string, message: string) => {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', message);
};

/** A project committed on main, then changed in the working tree: a template changed, one added. */
function repoWithHistory() {
  const dir = project({
    envs: ['dev', 'staging'],
    secret,
    configmap,
    config: 'environments:\n  dev:\n    envFiles: [dev.env]\n  staging: {}\n',
    extra: { 'dev.env': 'TOKEN=x\nAPI_KEY=k\n' },
  });
  git(dir, 'checkout', '-qb', 'main');
  commit(dir, 'first');
  write(dir, 'base/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  API_KEY: ${API_KEY}\n  REGION: ${REGION:-eu}\n');
  write(dir, 'base/extra.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata:\n  FEATURE: ${FEATURE_FLAG}\n');
  return dir;
}

test('per template the variables added and removed; per environment the secrets and the configuration it lacks, defaults not counted', async () => {
  const dir = repoWithHistory();
  const r = await cli(['diff', '--against', 'HEAD', '--format', 'json'], { cwd: dir, env: {} });
  assert.is(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(
    json.templates.map((t: any) => [t.file, t.status, t.variablesAdded, t.variablesRemoved]),
    [
      ['base/extra.yaml', 'added', ['FEATURE_FLAG'], []],
      ['base/secret.yaml', 'modified', ['API_KEY', 'REGION'], ['TOKEN']],
    ],
  );
  assert.equal(
    json.environments.map((e: any) => [e.name, e.missingSecrets, e.missingConfig]),
    [
      ['dev', [], ['FEATURE_FLAG']],
      ['staging', ['API_KEY'], ['FEATURE_FLAG']],
    ],
  );
  assert.match(json.templates[1].diff, /-  TOKEN: \$\{TOKEN\}\n\+  API_KEY: \$\{API_KEY\}/);
  assert.not.ok(r.stdout.includes('TOKEN=x') || /"k"/.test(r.stdout), 'no value from the env file');
});

test('the merge base: a change on REF since the branch point never shows as the branch\'s; A...B is accepted', async () => {
  const dir = project({ envs: ['dev'], secret, configmap });
  git(dir, 'checkout', '-qb', 'main');
  commit(dir, 'first');
  git(dir, 'checkout', '-qb', 'feature');
  write(dir, 'base/configmap.yaml', configmap + '  MODE: ${MODE}\n');
  commit(dir, 'feature');
  git(dir, 'checkout', '-q', 'main');
  write(dir, 'base/secret.yaml', secret + '  MAIN_ONLY: ${MAIN_ONLY}\n');
  write(dir, 'base/main-only.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata:\n  X: ${MAIN_X}\n');
  commit(dir, 'main moves on');
  git(dir, 'checkout', '-q', 'feature');
  for (const ref of ['main', 'main...HEAD', 'main...']) {
    const r = await cli(['diff', '--against', ref, '--format', 'json'], { cwd: dir, env: {} });
    assert.is(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.templates.map((t: any) => [t.file, t.variablesAdded, t.variablesRemoved]), [['base/configmap.yaml', ['MODE'], []]], ref);
    assert.equal(json.environments[0].missingConfig, ['MODE']);
    assert.not.match(r.stdout, /MAIN_ONLY|MAIN_X|main-only/);
  }
});

test('renames are followed: a moved template is a rename, its variables unchanged (staged or not)', async () => {
  const dir = project({ envs: ['dev'], secret, configmap });
  commit(dir, 'first');
  fs.mkdirSync(path.join(dir, 'base/app'));
  git(dir, 'mv', 'base/secret.yaml', 'base/app/secret.yaml');
  let r = await cli(['diff', '--against', 'HEAD', '--format', 'json'], { cwd: dir, env: {} });
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).templates.map((t: any) => [t.file, t.status, t.from, t.variablesAdded, t.variablesRemoved]), [['base/app/secret.yaml', 'renamed', 'base/secret.yaml', [], []]]);
  assert.equal(JSON.parse(r.stdout).environments[0].missingSecrets, [], 'TOKEN is not new');
  git(dir, 'reset', '-q');
  // Moved out of the templates' folder: no longer a template.
  fs.mkdirSync(path.join(dir, 'old'));
  fs.renameSync(path.join(dir, 'base/configmap.yaml'), path.join(dir, 'old/configmap.yaml'));
  git(dir, 'add', '-A');
  const out = await cli(['diff', '--against', 'HEAD', '--format', 'json'], { cwd: dir, env: {} });
  assert.equal(JSON.parse(out.stdout).templates.map((t: any) => [t.file, t.status, t.variablesRemoved]), [['base/app/secret.yaml', 'renamed', []], ['base/configmap.yaml', 'removed', ['LEVEL']]]);
  git(dir, 'mv', 'old/configmap.yaml', 'base/configmap.yaml');
  git(dir, 'reset', '-q');
  r = await cli(['diff', '--against', 'HEAD', '--format', 'json'], { cwd: dir, env: {} });
  assert.equal(JSON.parse(r.stdout).templates.map((t: any) => [t.file, t.status, t.from]), [['base/app/secret.yaml', 'renamed', 'base/secret.yaml']]);
});

test('a template that does not parse now, or did not at the merge base: reported with its place, exit 1', async () => {
  const dir = project({ envs: ['dev'], secret, configmap });
  commit(dir, 'first');
  write(dir, 'base/secret.yaml', 'apiVersion: v1\nkind: Secret\nstringData: [oops\n');
  let r = await cli(['diff', '--against', 'HEAD'], { cwd: dir, env: {} });
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /base\/secret\.yaml:\d+:\d+/);
  commit(dir, 'broken');
  write(dir, 'base/secret.yaml', secret);
  r = await cli(['diff', '--against', 'HEAD~1...HEAD', '--format', 'json'], { cwd: dir, env: {} });
  // HEAD~1...HEAD: the merge base is HEAD~1 (a good template); the working tree is fixed: nothing broken.
  assert.is(r.code, 0, r.stderr);
  r = await cli(['diff', '--against', 'HEAD', '--format', 'json'], { cwd: dir, env: {} });
  assert.is(r.code, 1, r.stdout);
  assert.equal(JSON.parse(r.stdout).diagnostics.map((d: any) => [d.code, d.file]), [['template-unparsed-at-base', 'base/secret.yaml']]);
});

test('variables schema changes: what each variable now requires; newly required variables without a value; undeclared ones', async () => {
  const schema = (props: object, required: string[]) => JSON.stringify({ type: 'object', properties: props, required }, null, 2) + '\n';
  const dir = project({ envs: ['dev'], secret, configmap, extra: { 'schemas/variables.schema.json': schema({ TOKEN: { type: 'string', minLength: 8 }, LEVEL: { type: 'string' } }, []) } });
  commit(dir, 'first');
  write(dir, 'schemas/variables.schema.json', schema({ TOKEN: { type: 'string', minLength: 12, pattern: '^[a-z]+$' }, LEVEL: { type: 'string' } }, ['TOKEN']));
  write(dir, 'base/extra.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: e}\ndata:\n  NEW: ${NEW_THING}\n');
  const r = await cli(['diff', '--against', 'HEAD', '--format', 'json'], { cwd: dir, env: {} });
  assert.is(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.schemas.map((s: any) => [s.file, s.status, s.requirements.map((x: any) => `${x.variable}: ${x.change}`)]), [
    ['schemas/variables.schema.json', 'modified', ['TOKEN: now required', 'TOKEN: pattern: none → "^[a-z]+$"', 'TOKEN: minLength: 8 → 12']],
  ]);
  assert.equal(json.environments[0].missingSecrets, ['TOKEN'], 'TOKEN: secret, newly required, no value');
  assert.equal(json.environments[0].undeclared, ['NEW_THING']);
  const md = await cli(['diff', '--against', 'HEAD', '--format', 'markdown'], { cwd: dir, env: {} });
  assert.match(md.stdout, /\| <code>schemas\/variables\.schema\.json<\/code> \| <code>TOKEN<\/code> \| minLength: 8 → 12 \|/);
});

test('requirementChanges: new, removed, required and keyword changes per variable', () => {
  const before = JSON.stringify({ properties: { A: { maxLength: 5 }, B: {} }, required: ['B'] });
  const after = JSON.stringify({ properties: { A: { maxLength: 9 }, C: { enum: ['x'] } }, required: ['C'] });
  assert.equal(requirementChanges(before, after), [
    { variable: 'A', change: 'maxLength: 5 → 9' },
    { variable: 'B', change: 'removed' },
    { variable: 'B', change: 'no longer required' },
    { variable: 'C', change: 'new' },
    { variable: 'C', change: 'now required' },
  ]);
  assert.equal(requirementChanges(undefined, 'not json'), []);
});

test('natural order, escaped cells, and a Markdown comment under GitHub\'s limit with a note where it was cut', () => {
  assert.equal(naturalSort(['VAR_10', 'VAR_2', 'VAR_1']), ['VAR_1', 'VAR_2', 'VAR_10']);
  assert.is(cell('a|b`c\nd'), 'a&#124;b&#96;c d');
  const big = Array.from({ length: 6000 }, (_, i) => `+  K${i}: \${V_${i}}`).join('\n');
  const result: ReviewResult = {
    status: 0,
    ref: 'origin/main',
    base: 'a'.repeat(40),
    diagnostics: [],
    templates: [
      { file: 'base/a|b.yaml', status: 'added', diff: big, variablesAdded: ['V_1'], variablesRemoved: [] },
      { file: 'base/c.yaml', status: 'added', diff: big, variablesAdded: [], variablesRemoved: [] },
    ],
    schemas: [],
    environments: [{ name: 'prod', missingSecrets: ['S_2', 'S_10'], missingConfig: [], missing: ['S_2', 'S_10'], undeclared: [] }],
  };
  const md = reviewMarkdown(result, '<!-- kustenv-review -->');
  assert.ok(md.length < MARKDOWN_LIMIT, String(md.length));
  assert.ok(md.startsWith('<!-- kustenv-review -->\n'));
  assert.match(md, /cut to stay under GitHub's 65536-character comment limit/);
  assert.match(md, /1 more diff left out/);
  assert.match(md, /\| <code>base\/a&#124;b\.yaml<\/code> \| added \|/);
  assert.is((md.match(/^```+diff$/gm) ?? []).length, (md.match(/^```+$/gm) ?? []).length, 'every fence closed');
  // Tables alone too long: cut at a line, with the note.
  const many = { ...result, templates: Array.from({ length: 3000 }, (_, i) => ({ file: `base/t${i}.yaml`, status: 'added' as const, diff: '', variablesAdded: [`V_${i}`], variablesRemoved: [] })) };
  const cut = reviewMarkdown(many);
  assert.ok(cut.length < MARKDOWN_LIMIT);
  assert.match(cut, /The tables were cut/);
});

test('refs: validated before git runs; unknown ref exit 2; a shallow clone says to fetch history', async () => {
  const dir = repoWithHistory();
  for (const bad of ['-x', '--output=/tmp/x', 'a...b...c', '...HEAD']) {
    const r = await cli(['diff', `--against=${bad}`], { cwd: dir, env: {} });
    assert.is(r.code, 2, bad);
    assert.match(r.stderr, /--against ref/, bad);
  }
  const unknown = await cli(['diff', '--against', 'no-such-ref'], { cwd: dir, env: {} });
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /"no-such-ref" is not a commit/);

  // origin: main moved on after feature branched; the clone has one commit of each.
  const origin = project({ envs: ['dev'], secret, configmap });
  git(origin, 'checkout', '-qb', 'main');
  commit(origin, 'one');
  git(origin, 'checkout', '-qb', 'feature');
  write(origin, 'base/extra.yaml', configmap.replace('cfg', 'x'));
  commit(origin, 'feature');
  git(origin, 'checkout', '-q', 'main');
  write(origin, 'base/secret.yaml', secret + '  B: ${B}\n');
  commit(origin, 'two');
  const parent = tempdir('kustenv-shallow-');
  git(parent, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin}`, 'clone');
  const clone = path.join(parent, 'clone');
  git(clone, 'fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main');
  const r = await cli(['diff', '--against', 'origin/main'], { cwd: clone, env: {} });
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stderr, /shallow clone: fetch the history \(actions\/checkout with fetch-depth: 0/);
  const missing = await cli(['diff', '--against', 'origin/nope'], { cwd: clone, env: {} });
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /fetch-depth: 0/);
});

test('GitHub mode: diff --against writes its outputs: changed files, missing secrets and configuration', async () => {
  const dir = repoWithHistory();
  const output = path.join(tempdir('kustenv-out-'), 'out');
  const r = await cli(['diff', '--against', 'HEAD', '--format', 'markdown'], { cwd: dir, env: { GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: output, GITHUB_WORKSPACE: dir, TOKEN: 'Kq8vN2kT5mRx9wLp' } });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^<!-- kustenv-review -->\n/);
  assert.match(r.stderr, /^::add-mask::/, 'the values in use are masked, though none is shown');
  assert.is(fs.readFileSync(output, 'utf8'), 'changed=true\nfiles=base/extra.yaml base/secret.yaml\nmissing-secrets=API_KEY\nmissing-config=FEATURE_FLAG\nundeclared=\n');
});

test.run();
