import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { BIN, ROOT, haveKubectl } from './helpers/cli.js';
import { KUBECTL_APPLY, standins } from './helpers/standins.js';
import { git, tempdir } from './helpers/testdir.js';
import { getInput, getListInput, mergeOutputs, parseOutputs, plannedRuns } from '../src/action/inputs.js';

const validator = path.join(ROOT, 'node_modules', '.bin', 'action-validator');
const realKubectl = spawnSync('bash', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).stdout.trim();
const CI_SECRETS = {
  JWT_SECRET: 'Zq8vN2kT5mRx9wLp4sYb7cHd3fJg6hKa',
  DATABASE_URL: 'postgres://shop:Vb7nM2qX9zL4@db.internal:5432/shop',
  OPENAI_API_KEY: 'sk-Aq9wE3rT6yU8iO1pL5kJ',
  STRIPE_API_KEY: 'sk_live_9aB8cD7eF6gH5iJ4',
  TLS_CERT: '-----BEGIN CERTIFICATE-----\nMIIBciCDfakeButShapedLikeOne\n-----END CERTIFICATE-----\n',
  TLS_KEY: '-----BEGIN PRIVATE KEY-----\nMIIEvfakeButShapedLikeOne\n-----END PRIVATE KEY-----\n',
};

/** The shipped examples laid out as a user's repository: base/, overlays/, schemas/. */
function userRepo(): string {
  const dir = tempdir('kustenv-repo-');
  fs.cpSync(path.join(ROOT, 'base-example'), path.join(dir, 'base'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'overlays-example'), path.join(dir, 'overlays'), { recursive: true, filter: (f) => !f.endsWith('kustenv.patch.yaml') });
  fs.cpSync(path.join(ROOT, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, '.gitignore'), path.join(dir, '.gitignore'));
  const fix = (f: string) => fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replaceAll('base-example', 'base').replaceAll('overlays-example', 'overlays'));
  fs.writeFileSync(path.join(dir, 'kustenv.yaml'), fs.readFileSync(path.join(ROOT, 'kustenv.yaml'), 'utf8'));
  fix(path.join(dir, 'kustenv.yaml'));
  for (const env of ['dev', 'staging', 'prod']) fix(path.join(dir, 'overlays', env, 'kustomization.yaml'));
  git(dir, 'init', '-q');
  return dir;
}

test('action.yml and the workflows in docs/ are valid for GitHub (action-validator)', () => {
  for (const file of ['action.yml', 'docs/github-workflow.yml', 'docs/pr-workflow.yml', 'docs/verify-workflow.yml', 'docs/aws-ssm-workflow.yml']) {
    const r = spawnSync(validator, [path.join(ROOT, file)], { encoding: 'utf8' });
    assert.is(r.status, 0, `${file}: ${r.stdout}${r.stderr}`);
  }
});

test('action.yml is a node20 action whose main is the bundle the build makes (generated: git ignores it), with list inputs and outputs per command', () => {
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
  assert.equal(action.runs, { using: 'node20', main: 'action/dist/index.mjs' });
  assert.equal(Object.keys(action.inputs), ['command', 'environments', 'config', 'env-files', 'args']);
  for (const key of ['changed', 'files', 'missing-secrets', 'built', 'applied', 'in-sync', 'generated', 'exit-code']) assert.ok(action.outputs[key], key);
  assert.ok(fs.existsSync(path.join(ROOT, 'action/dist/index.mjs')), 'npm run build made the bundle');
  const ignored = spawnSync('git', ['check-ignore', '-q', 'action/dist/index.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(ignored.status, 0, 'git ignores the generated bundle');
  const tracked = spawnSync('git', ['ls-files', '--error-unmatch', 'action/dist/index.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.not.equal(tracked.status, 0, 'the generated bundle is not tracked');
});

test('inputs as the runner passes them: INPUT_<NAME>, lists one item per line, one run per environment where the command takes one', () => {
  const env = { 'INPUT_ENV-FILES': ' a b.env \n\n staging=c.env\n', INPUT_MY_INPUT: ' x ', INPUT_ARGS: '- --set=A=b c\n- --quiet\n', INPUT_ENVIRONMENTS: 'staging\nprod', INPUT_COMMAND: 'verify' };
  assert.is(getInput(env, 'my input'), 'x');
  assert.is(getInput(env, 'missing'), '');
  assert.equal(getListInput(env, 'env-files'), ['a b.env', 'staging=c.env']);
  assert.equal(getListInput(env, 'args'), ['--set=A=b c', '--quiet'], 'a YAML block list');
  assert.equal(plannedRuns(env).runs.map((r) => r.args), [
    ['verify', 'staging', '--env-file=a b.env', '--env-file=staging=c.env', '--github', '--set=A=b c', '--quiet'],
    ['verify', 'prod', '--env-file=a b.env', '--env-file=staging=c.env', '--github', '--set=A=b c', '--quiet'],
  ]);
  assert.equal(plannedRuns({ INPUT_ENVIRONMENTS: 'dev staging' }).runs.map((r) => r.args), [['render', 'dev', 'staging', '--github']]);
  assert.match(plannedRuns({ INPUT_COMMAND: 'apply' }).error!, /apply takes an environment/);
  assert.match(plannedRuns({ INPUT_COMMAND: '--help' }).error!, /command input/);
  const merged = mergeOutputs([parseOutputs('changed=false\nfiles=\nbuilt=true\nenvironment=a\n'), parseOutputs('changed=true\nfiles=x y\nbuilt=false\nenvironment=b\n')]);
  assert.equal(Object.fromEntries(merged), { changed: 'true', files: 'x y', built: 'false', environment: 'a b' });
});

/** Run the action as the runner does: `node action/dist/index.mjs`, inputs as INPUT_* variables, from a copy with no node_modules beside it. */
function runAction(dir: string, inputs: Record<string, string>, extra: Record<string, string> = {}) {
  const actionDir = tempdir('kustenv-action-');
  fs.mkdirSync(path.join(actionDir, 'action/dist'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'action/dist/index.mjs'), path.join(actionDir, 'action/dist/index.mjs'));
  fs.cpSync(path.join(ROOT, 'schemas'), path.join(actionDir, 'schemas'), { recursive: true });
  const runner = tempdir('kustenv-runner-');
  const files = { GITHUB_OUTPUT: path.join(runner, 'output'), GITHUB_STEP_SUMMARY: path.join(runner, 'summary') };
  const env: Record<string, string> = { PATH: process.env.PATH!, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir, RUNNER_TEMP: runner, ...files, ...extra };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const r = spawnSync(process.execPath, [path.join(actionDir, 'action/dist/index.mjs')], { cwd: dir, env, encoding: 'utf8' });
  const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
  return { ...r, output: read(files.GITHUB_OUTPUT), summary: read(files.GITHUB_STEP_SUMMARY) };
}

test('the action renders several environments with list inputs (no splitting on spaces), masks first, and sets its outputs', () => {
  const dir = userRepo();
  fs.writeFileSync(path.join(dir, 'ci values.env'), 'LOG_LEVEL=warn\n');
  // A free-text variable, to give a value with a space.
  const schemaFile = path.join(dir, 'schemas/variables.schema.json');
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
  schema.properties.RELEASE_NOTE = { type: 'string' };
  fs.writeFileSync(schemaFile, JSON.stringify(schema));
  fs.writeFileSync(path.join(dir, 'base/note.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: note}\ndata:\n  NOTE: ${RELEASE_NOTE}\n');
  const r = runAction(dir, { command: 'render', environments: 'staging\nprod', config: 'kustenv.yaml', 'env-files': 'ci values.env', args: '--set=RELEASE_NOTE=warm up now\n--quiet' }, CI_SECRETS);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /^::add-mask::/);
  assert.not.match(r.stdout, /::add-mask::/);
  for (const v of Object.values(CI_SECRETS)) for (const line of v.split('\n')) if (line) assert.ok(!(r.stdout + r.summary + r.output).includes(line), 'no value outside the mask lines');
  assert.is(r.output, 'changed=true\nfiles=overlays/staging/kustenv.patch.yaml overlays/prod/kustenv.patch.yaml\nenvironments=staging prod\nexit-code=0\n');
  const patch = fs.readFileSync(path.join(dir, 'overlays/staging/kustenv.patch.yaml'), 'utf8');
  assert.match(patch, /NOTE: warm up now/, 'one argument, spaces kept');
  assert.match(patch, /LOG_LEVEL: warn/, 'the env file whose path holds a space');
  assert.match(r.summary, /## kustenv render: passed/);
});

test('the action runs build once per environment; a failing environment fails the step with the highest exit code', () => {
  if (!haveKubectl()) return;
  const dir = userRepo();
  const ok = runAction(dir, { command: 'build', environments: 'staging prod', args: '--quiet' }, CI_SECRETS);
  assert.is(ok.status, 0, ok.stderr);
  assert.is(ok.output, 'changed=false\nfiles=\nenvironment=staging prod\nbuilt=true\nexit-code=0\n');
  assert.is((ok.stdout.match(/^kind: Secret$/gm) ?? []).length >= 2, true, 'both overlays built');
  const { JWT_SECRET: _, ...without } = CI_SECRETS;
  const bad = runAction(dir, { command: 'build', environments: 'staging prod' }, without);
  assert.is(bad.status, 1);
  assert.match(bad.output, /built=false\n/);
  const usage = runAction(dir, { command: 'build' });
  assert.is(usage.status, 2);
  assert.match(usage.stderr, /build takes an environment/);
});

// Without kubectl this case is reported as skipped, never as passed.
const withKubectl = haveKubectl() ? test : test.skip;

withKubectl("docs/github-workflow.yml: its run: lines work on the examples (the strictest matrix environment)", () => {
  const workflow = parse(fs.readFileSync(path.join(ROOT, 'docs/github-workflow.yml'), 'utf8'));
  const job = workflow.jobs.deploy;
  const dir = userRepo();
  const bin = standins({ kubectl: KUBECTL_APPLY });
  const argvFile = path.join(bin, 'argv.txt');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  const steps = job.steps.filter((s: { run?: string }) => s.run && s.run !== 'npm ci');
  assert.equal(steps.length, 4);
  const diffStep = steps.find((s: { run: string }) => s.run.includes('diff'));
  assert.match(diffStep.run, /\n\s*npx kustenv diff --against "\$KUSTENV_BASE" /, 'the change against the base branch');
  assert.match(diffStep.env.KUSTENV_BASE, /format\('origin\/\{0\}', github\.base_ref\)/);
  assert.is(job.steps[0]['with']['fetch-depth'], 0);
  const runs = steps.map((s: { run: string }) => s.run);
  // The matrix's last environment (prod: production rules apply) runs the lines; the others differ only by name.
  assert.ok(job.strategy.matrix.environment.length > 0);
  for (const environment of job.strategy.matrix.environment.slice(-1)) {
    for (const line of runs) {
      const command = line.replaceAll('${{ matrix.environment }}', environment).replace(/(^|\n)(\s*)npx kustenv /g, `$1$2node ${BIN} `);
      const env = { PATH: `${bin}:${process.env.PATH}`, GITHUB_ACTIONS: 'true', KUBECTL_ARGV_FILE: argvFile, REAL_KUBECTL: realKubectl, KUSTENV_BASE: 'HEAD', ...CI_SECRETS };
      const r = spawnSync('bash', ['-c', command], { cwd: dir, env, encoding: 'utf8' });
      assert.is(r.status, 0, `${command}\n${r.stdout}${r.stderr}`);
    }
    // A first push has no commit before it: the review step says so and goes on.
    const first = spawnSync('bash', ['-c', diffStep.run.replaceAll('${{ matrix.environment }}', environment).replace(/npx kustenv /g, `node ${BIN} `)], { cwd: dir, env: { PATH: process.env.PATH, KUSTENV_BASE: '0000000000000000000000000000000000000000' }, encoding: 'utf8' });
    assert.is(first.status, 0, first.stderr);
    assert.match(first.stdout, /no earlier commit to compare with/);
    // The last step ran the kubectl stand-in (no cluster here) with the overlay the render wrote.
    assert.equal(fs.readFileSync(argvFile, 'utf8').trim().split('\n'), ['apply', '-k', `overlays/${environment}`, '--server-side', '--field-manager=kustenv']);
    assert.ok(fs.existsSync(path.join(dir, 'overlays', environment, 'kustenv.patch.yaml')));
  }
});

/** Stand-in for gh (no GitHub API here): records each call's argv; `--jq` calls answer $GH_COMMENT_ID, as the real query would. */
const GH = `#!/usr/bin/env bash
# Stand-in for gh api (no GitHub here): records argv, answers the comment query with $GH_COMMENT_ID.
printf '%s ' "$@" >> "$GH_ARGV_FILE"; echo >> "$GH_ARGV_FILE"
for a in "$@"; do case "$a" in body=@*) cp "\${a#body=@}" "$GH_BODY_FILE";; esac; done
case " $* " in *" --jq "*) [ -n "\${GH_COMMENT_ID:-}" ] && echo "$GH_COMMENT_ID";; esac
exit 0
`;

test('docs/pr-workflow.yml: the reviewer view against the base branch, posted as one comment and then updated in place', () => {
  const workflow = parse(fs.readFileSync(path.join(ROOT, 'docs/pr-workflow.yml'), 'utf8'));
  assert.equal(Object.keys(workflow.on), ['pull_request']);
  assert.equal(workflow.permissions, { contents: 'read', 'pull-requests': 'write' });
  const steps = workflow.jobs.review.steps;
  assert.is(steps[0]['with']['fetch-depth'], 0);
  const review = steps.find((s: { id?: string }) => s.id === 'review');
  assert.match(review.run, /npx kustenv diff --against "origin\/\$BASE_REF" --format markdown/);
  assert.is(review.env.BASE_REF, '${{ github.base_ref }}');
  const post = steps[steps.indexOf(review) + 1];

  const dir = userRepo();
  git(dir, 'checkout', '-qb', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  git(dir, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  git(dir, 'checkout', '-qb', 'feature');
  const secretFile = fs.readdirSync(path.join(dir, 'base')).find((f) => /secret/i.test(f) && /\.ya?ml$/.test(f))!;
  fs.appendFileSync(path.join(dir, 'base', secretFile), '# a new credential\n');
  fs.writeFileSync(path.join(dir, 'base', 'feature.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata: {name: feature}\nstringData:\n  NEW_TOKEN: ${NEW_TOKEN}\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'feature');
  const bin = standins({ gh: GH });
  const runnerDir = tempdir('kustenv-runner-');
  const env = {
    PATH: `${bin}:${process.env.PATH}`,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: path.join(runnerDir, 'output'),
    GH_ARGV_FILE: path.join(runnerDir, 'argv'),
    GH_BODY_FILE: path.join(runnerDir, 'body'),
    BASE_REF: 'main',
    REPO: 'acme/shop',
    PR: '7',
    GH_TOKEN: 'not-a-token',
  };
  const sh = (script: string, extra: Record<string, string> = {}) => spawnSync('bash', ['-e', '-c', script.replaceAll('npx kustenv ', `node ${BIN} `)], { cwd: dir, env: { ...env, ...extra }, encoding: 'utf8' });
  const r = sh(review.run);
  assert.is(r.status, 0, r.stderr);
  assert.match(fs.readFileSync(env.GITHUB_OUTPUT, 'utf8'), /status=0\n/);
  const body = fs.readFileSync(path.join(dir, 'kustenv-review.md'), 'utf8');
  assert.ok(body.startsWith('<!-- kustenv-review -->\n'), 'the marker the post step looks for');
  assert.match(body, /<code>NEW_TOKEN<\/code>/);
  assert.ok(body.length < 65_536);
  // First push: no comment yet, so one is posted.
  assert.is(sh(post.run).status, 0);
  // Next push: the comment found by its marker is updated.
  assert.is(sh(post.run, { GH_COMMENT_ID: '42' }).status, 0);
  const calls = fs.readFileSync(env.GH_ARGV_FILE, 'utf8').trim().split('\n');
  assert.equal(calls.map((c) => c.replace(/ body=@\S+/, ' body=@FILE').trim()), [
    "api --paginate repos/acme/shop/issues/7/comments --jq .[] | select(.user.login == \"github-actions[bot]\" and (.body | startswith(\"<!-- kustenv-review -->\"))) | .id",
    'api --method POST repos/acme/shop/issues/7/comments -F body=@FILE',
    "api --paginate repos/acme/shop/issues/7/comments --jq .[] | select(.user.login == \"github-actions[bot]\" and (.body | startswith(\"<!-- kustenv-review -->\"))) | .id",
    'api --method PATCH repos/acme/shop/issues/comments/42 -F body=@FILE',
  ]);
  assert.is(fs.readFileSync(env.GH_BODY_FILE, 'utf8'), body);
});

// The docs link these workflow files rather than pasting them: test/docs.test.ts.

test.run();
