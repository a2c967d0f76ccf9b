/**
 * Second security review: the completion scripts, the GitHub Action's inputs,
 * the hints, the External Secrets output and the reporters, attacked through
 * names and values an attacker controls (a cloned repository's folder and file
 * names, a workflow's inputs). Each finding is reproduced here and fixed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { plannedRuns } from '../src/action/inputs.js';
import { hints } from '../src/pipeline/hints.js';
import { toDotenv } from '../src/cli/reporters/dotenv.js';
import { cli, ROOT } from './helpers/cli.js';
import { git, tempdir, testdir } from './helpers/testdir.js';

const S = 'Sentinel-S3cr3t!xQ9';

// 1. bash completion ran code from an environment (overlay folder) name. The
// script passed `kustenv completion --environments` to `compgen -W`, which
// expands every word: an overlay folder named `$(touch PWNED)` in a cloned
// repository ran `touch PWNED` at the first TAB after `kustenv render `, and
// a folder named `*` completed to the files of the current folder.
test('bash completion never runs or expands an environment name; names that are no environment name are not offered', async () => {
  const names = ['dev', '$(touch PWNED)', 'a`touch PWNED2`', '*', '--cwd=x', 'staging'];
  const files: Record<string, string> = { 'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  level: ${LEVEL}\n' };
  for (const n of names) files[`overlays/${n}/kustomization.yaml`] = 'resources: [../../base]\n';
  const dir = testdir(files, { gitignore: 'kustenv.patch.yaml\n' });
  const script = path.join(dir, 'kustenv.bash');
  fs.writeFileSync(script, (await cli(['completion', 'bash'], { cwd: dir })).stdout);
  const bin = path.join(tempdir(), 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'kustenv'), `#!/bin/sh\nexec "${process.execPath}" -- "${path.join(ROOT, 'bin/kustenv.js')}" "$@"\n`, { mode: 0o755 });
  const t = `t() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=(); _kustenv; printf '%s|' "\${COMPREPLY[@]}"; echo; }`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `source "${script}"\n${t}\nt kustenv render ''\nt kustenv build 's'\nt kustenv render '$'`], {
    cwd: dir,
    env: { PATH: `${bin}:${process.env.PATH}` },
    encoding: 'utf8',
  });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout, 'dev|staging|\nstaging|\n|\n');
  assert.not.ok(fs.existsSync(path.join(dir, 'PWNED')), 'no command ran from a folder name');
  assert.not.ok(fs.existsSync(path.join(dir, 'PWNED2')), 'no command ran from a folder name (backquotes)');
});

// 2. The action's `environments` input became arguments before the options:
// `environments: dev --set=TOKEN=attacker` (a workflow that passes a PR
// label or a dispatch input there) rendered the attacker's value into the
// Secret, and `--cwd=…`, `--format=json` etc. were taken as options. The
// `config` and `env-files` inputs went as `--config <value>`: a value starting
// with `-` became an option of its own.
test('the action never reads an environment, config or env-file input as an option', () => {
  for (const environments of ['dev --set=TOKEN=attacker', '--cwd=/etc', 'dev,-v']) {
    for (const command of ['render', 'build']) {
      const p = plannedRuns({ INPUT_COMMAND: command, INPUT_ENVIRONMENTS: environments });
      assert.equal(p.runs, [], `${command} ${environments}: no run`);
      assert.match(p.error!, /environments input takes environment names/);
    }
  }
  const p = plannedRuns({ INPUT_ENVIRONMENTS: 'dev', INPUT_CONFIG: '--set=TOKEN=attacker', 'INPUT_ENV-FILES': '--cwd=/etc\n-v' });
  assert.equal(p.runs.map((r) => r.args), [['render', 'dev', '--config=--set=TOKEN=attacker', '--env-file=--cwd=/etc', '--env-file=-v', '--github']]);
});

test('through the bundle: an option in the environments input fails the step and writes no patch', () => {
  const dir = testdir(
    {
      'base/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  TOKEN: ${TOKEN}\n',
      'base/kustomization.yaml': 'resources: [secret.yaml]\n',
      'overlays/dev/kustomization.yaml': 'resources: [../../base]\n',
    },
    { gitignore: '*.patch.yaml\n' },
  );
  const runner = tempdir('kustenv-runner-');
  const output = path.join(runner, 'output');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'action/dist/index.mjs')], {
    cwd: dir,
    env: { PATH: process.env.PATH, TOKEN: S, GITHUB_ACTIONS: 'true', RUNNER_TEMP: runner, GITHUB_OUTPUT: output, INPUT_COMMAND: 'render', INPUT_ENVIRONMENTS: 'dev --set=TOKEN=attacker' },
    encoding: 'utf8',
  });
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /::error title=kustenv action::the environments input takes environment names/);
  assert.not.ok(fs.existsSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml')), 'nothing rendered');
});

// 3. The External Secrets Component (a folder that may be committed) named
// the template files in its header comment as they are: a template named
// `s<LF>namePrefix: evil-<LF>#.yaml` ended the comment and added
// `namePrefix: evil-` to the Component's kustomization.yaml, which kustomize
// then applied (and the same line into external-secrets.yaml).
test('a template file name never adds YAML to the External Secrets Component', async () => {
  const name = 's\nnamePrefix: evil-\n#\u2028x\r.yaml';
  const dir = testdir(
    {
      [`base/${name}`]: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  TOKEN: ${TOKEN}\n',
      'base/kustomization.yaml': `resources: [${JSON.stringify(name)}]\n`,
      'overlays/prod/kustomization.yaml': 'resources: [../../base]\ncomponents: [kustenv-external-secrets]\n',
      'kustenv.yaml': 'environments:\n  prod:\n    output: external-secrets\n    externalSecrets: {store: {name: sm, kind: ClusterSecretStore}}\n    sources:\n      - aws-secrets-manager: {secret: app/prod}\n',
    },
    { gitignore: '*.patch.yaml\n' },
  );
  const r = await cli(['render', 'prod'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.is(r.code, 0, r.stderr);
  for (const f of ['kustomization.yaml', 'external-secrets.yaml']) {
    const text = fs.readFileSync(path.join(dir, 'overlays/prod/kustenv-external-secrets', f), 'utf8');
    assert.not.match(text, /^namePrefix/m, `${f}: no line of the file name outside the comment`);
    assert.ok(text.split('\n')[0].includes('"base/s\\u000anamePrefix: evil-\\u000a#\\u2028x\\u000d.yaml"'), `${f}: the name quoted, its breaks escaped`);
    assert.not.ok(/[\r\u2028]/.test(text), `${f}: no CR or LS line break`);
  }
});

// 4. The reviewer view in Markdown HTML-escaped a schema's `const` (or enum,
// default, pattern) before the output was masked: a value holding `<`, `&`,
// `|` or a backquote came out as `Ab1&lt;cd&amp;…`, which the mask no longer
// matched and a pull-request comment renders as the value itself.
const ESCAPED = 'Ab1<cd&Ef9>gh|ij`kl';
function schemaBranch(): string {
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
  fs.writeFileSync(path.join(dir, 'schemas/variables.schema.json'), `{"type":"object","properties":{"TOKEN":{"type":"string","const":${JSON.stringify(ESCAPED)},"enum":[${JSON.stringify(ESCAPED)}]}}}\n`);
  return dir;
}

test('diff --against --format markdown masks a value before escaping it', async () => {
  const dir = schemaBranch();
  const r = await cli(['diff', '--against', 'main-base', '--format', 'markdown'], { cwd: dir, env: { PATH: process.env.PATH, TOKEN: ESCAPED } });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /const: none → "\*\*\*"/);
  for (const piece of ['Ab1', 'Ef9', 'ij&#96;kl']) assert.not.ok(r.stdout.includes(piece), `no piece of the value: ${piece}`);
});

// 5. `--set "$TOKEN"` (the name forgotten) with a token ending in base64's
// `=` padding is a valid NAME=VALUE: the set-unused warning printed the token
// (all of it but the padding) as the name no template uses.
test('the --set unused warning never shows a name that looks like a value given without NAME=', async () => {
  const token = 'Zq8vN2kT5mRx9wLp4sYb7cHd3fJg6hKa';
  const dir = testdir(
    {
      'base/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  TOKEN: ${TOKEN}\n',
      'base/kustomization.yaml': 'resources: [secret.yaml]\n',
      'overlays/dev/kustomization.yaml': 'resources: [../../base]\n',
    },
    { gitignore: '*.patch.yaml\n' },
  );
  for (const arg of [`${token}==`, 'abcDEF123xyz=', 'a9f3c2e8b7d14f6a=x']) {
    const r = await cli(['check', 'dev', '--set', arg, '--github'], { cwd: dir, env: { PATH: process.env.PATH, TOKEN: 'tok-Aa1!tok-Aa1!x9' } });
    const all = r.stdout + r.stderr;
    assert.match(all, /no template uses the name of one argument, which looks like a value \(not shown\)/, arg);
    assert.not.ok(all.includes(arg.split('=')[0]), `${arg}: the name part is not shown`);
  }
  // Names are still named, with the nearest used one.
  const named = await cli(['check', 'dev', '--set', 'TOKNE=x', '--set', 'LOG_LEVEL=debug', '--set', 'logLevel=x'], { cwd: dir, env: { PATH: process.env.PATH, TOKEN: 'tok-Aa1!tok-Aa1!x9' } });
  assert.match(named.stderr, /--set TOKNE: no template uses TOKNE; did you mean TOKEN\?/);
  assert.match(named.stderr, /--set LOG_LEVEL: no template uses LOG_LEVEL \[set-unused\]/);
  assert.match(named.stderr, /--set logLevel: no template uses logLevel \[set-unused\]/);
  // With the values known, a name whose value is empty or only `=` is a value too.
  const d = hints({ documents: [], used: ['TOKEN'], set: new Map([['sentinelvalue', '='], ['mytoken', '']]) });
  assert.equal(d.map((x) => x.message.includes('looks like a value')), [true, false]);
});

// 6. The text reporter printed text from the repository's files as it is: a
// schema description with ESC sequences (`ESC]52;c;…BEL` writes the
// terminal's clipboard, `ESC[2J` clears the screen) reached the terminal in
// `kustenv vars`, and a template named `x<CR>::error …` started a new line
// for GitHub's runner (which also ends a line at a lone CR) in `vars` and in
// the reviewer view, past the `::` neutralising, which looks at LF only.
test('the text reporter shows control characters from files as \\xNN: no terminal sequence, no CR line', async () => {
  const name = 'x\r::error title=INJECTED::pwn.yaml';
  const dir = testdir(
    {
      [`base/${name}`]: 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  TOKEN: ${TOKEN}\n',
      'base/kustomization.yaml': `resources: [${JSON.stringify(name)}]\n`,
      'overlays/dev/kustomization.yaml': 'resources: [../../base]\n',
      'schemas/variables.schema.json': JSON.stringify({ type: 'object', properties: { TOKEN: { type: 'string', description: 'hi \u001b]52;c;cHduZWQ=\u0007 \u001b[2J \u009b31m' } } }),
    },
    { gitignore: '*.patch.yaml\n' },
  );
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  git(dir, 'branch', 'main-base');
  fs.appendFileSync(path.join(dir, 'base', name), '  MORE: ${MORE}\n');
  const env = { PATH: process.env.PATH, TOKEN: S, MORE: 'more-Aa1!more-Aa1!', GITHUB_ACTIONS: 'true' };
  const vars = await cli(['vars'], { cwd: dir, env });
  const review = await cli(['diff', '--against', 'main-base'], { cwd: dir, env });
  const markdown = await cli(['diff', '--against', 'main-base', '--format', 'markdown'], { cwd: dir, env });
  assert.is(vars.code, 0, vars.stderr);
  assert.match(vars.stdout, /hi \\x1b\]52;c;cHduZWQ=\\x07 \\x1b\[2J \\x9b31m/);
  assert.match(vars.stdout, /base\/x\\x0d::error title=INJECTED::pwn\.yaml:6/);
  assert.match(review.stdout, /^base\/x\\x0d::error title=INJECTED::pwn\.yaml \(modified\)/m);
  for (const [what, text] of [['vars', vars.stdout], ['diff --against', review.stdout], ['diff --against --format markdown', markdown.stdout]]) {
    assert.not.ok(/[\u001b\u0007\u009b]/.test(text), `${what}: no terminal control character`);
    assert.not.ok(/\r(?!\n)/.test(text), `${what}: no lone CR (a new line for the runner)`);
  }
});

// 7. `vars --format dotenv` writes a `.env.example` to commit; a schema
// description was split into comment lines at LF only, so a lone CR (which
// the `dotenv` package reads as a line break) ended the comment:
// `"x\rAPI_URL=https://evil.example"` set API_URL in every copy of the file.
test('vars --format dotenv: a description never ends its comment', () => {
  const text = toDotenv({
    status: 0,
    environments: [],
    diagnostics: [],
    variables: [{ name: 'API_URL', secret: false, declared: true, usedAt: ['base/c.yaml:1'], description: 'x\rAPI_URL=https://evil.example\u2028B=1\u0085C=2\r\nD\u001b[2J' }],
  } as unknown as Parameters<typeof toDotenv>[0]);
  const lines = text.split(/\r\n|[\n\r\u0085\u2028\u2029]/);
  assert.equal(lines.filter((l) => l && !l.startsWith('#')), ['API_URL='], 'the only assignment is the variable itself');
  assert.not.ok(text.includes('\u001b'), 'no terminal sequence');
});

// 8. ESO runs its template engine on `template.metadata` labels and
// annotations as well as on `template.data` (pkg/controllers/externalsecret:
// tplMapLabels, tplMapAnnotations). kustenv escaped literal data but copied
// labels and annotations as they are: a Secret template's annotation
// `'{{ .TOKEN | b64enc }}'` (plain text with kustomize) put the store's value
// into the Secret's annotations, which tools that hide Secret data still show.
test('ESO output: literal labels and annotations are Go template text that comes out as the literal', async () => {
  const { planExternalSecrets } = await import('../src/pipeline/external-secrets.js');
  const { parseTemplates } = await import('../src/pipeline/parse-templates.js');
  const { loadProject } = await import('../src/io/load-config.js');
  const dir = testdir({
    'base/s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\n  labels: {app: web}\n  annotations: {note: "{{ .TOKEN | b64enc }}", plain: "a{b}c", close: "x}}"}\nstringData:\n  TOKEN: ${TOKEN}\n',
    'overlays/prod/kustomization.yaml': 'resources: [../../base]\n',
    'kustenv.yaml': 'environments:\n  prod:\n    output: external-secrets\n    externalSecrets: {store: {name: sm, kind: ClusterSecretStore}}\n    sources:\n      - aws-secrets-manager: {secret: app/prod}\n',
  });
  const project = loadProject(dir).project!;
  const parsed = parseTemplates([{ file: 'base/s.yaml', text: fs.readFileSync(path.join(dir, 'base/s.yaml'), 'utf8') }]);
  const plan = planExternalSecrets({ env: project.environments[0], documents: parsed.documents });
  assert.equal(plan.diagnostics, []);
  const meta = (plan.externalSecrets[0] as { spec: { target: { template: { metadata: Record<string, Record<string, string>> } } } }).spec.target.template.metadata;
  assert.equal(meta.labels, { app: 'web' });
  assert.equal(meta.annotations, { note: '{{ "{{ .TOKEN | b64enc }}" }}', plain: 'a{b}c', close: '{{ "x}}" }}' });
});

// Fixed outside the review's own files: the step summary, init, problem lines.
test('diff --against in GitHub mode: the step summary never shows a value, escaped or not', async () => {
  const dir = schemaBranch();
  const summary = path.join(tempdir(), 'summary.md');
  const r = await cli(['diff', '--against', 'main-base'], { cwd: dir, env: { PATH: process.env.PATH, TOKEN: ESCAPED, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
  assert.is(r.code, 0, r.stderr);
  const text = fs.readFileSync(summary, 'utf8');
  assert.match(text, /const: none → "\*\*\*"/);
  for (const piece of ['Ab1', 'Ef9']) assert.not.ok(text.includes(piece), `no piece of the value in the summary: ${piece}`);
});

test('init never reads or writes through a symlinked kustomization.yaml or .gitignore', async () => {
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

test('problems never print terminal control sequences from file names', async () => {
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
