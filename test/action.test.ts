import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { BIN, ROOT, haveKubectl } from './helpers/cli.js';
import { KUBECTL_APPLY, standins } from './helpers/standins.js';
import { git, tempdir } from './helpers/testdir.js';

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

test('action.yml and docs/github-workflow.yml are valid for GitHub (action-validator)', () => {
  for (const file of ['action.yml', 'docs/github-workflow.yml', 'docs/verify-workflow.yml', 'docs/aws-ssm-workflow.yml']) {
    const r = spawnSync(validator, [path.join(ROOT, file)], { encoding: 'utf8' });
    assert.is(r.status, 0, `${file}: ${r.stdout}${r.stderr}`);
  }
});

test('action.yml has the documented inputs and outputs, and its step runs kustenv in GitHub mode', () => {
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
  assert.equal(Object.keys(action.inputs), ['command', 'environments', 'config', 'env-files', 'args']);
  assert.equal(Object.keys(action.outputs), ['changed', 'files']);
  assert.is(action.runs.using, 'composite');
  assert.match(action.runs.steps[0].run, /node -- "\$GITHUB_ACTION_PATH\/bin\/kustenv\.js" "\$KUSTENV_COMMAND"/);
  // --github goes before the args, which may end with `-- kubectl args`.
  assert.match(action.runs.steps[0].run, /cmd\+=\(--github "\$\{extra\[@\]\}"\)/);
});

test("the action's step renders the examples with its inputs, masks first, and sets the outputs", () => {
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
  const dir = userRepo();
  const out = path.join(dir, 'github-output.txt');
  fs.writeFileSync(path.join(dir, 'ci.env'), 'LOG_LEVEL=warn\n');
  const env = {
    PATH: process.env.PATH,
    GITHUB_ACTION_PATH: ROOT,
    GITHUB_OUTPUT: out,
    KUSTENV_COMMAND: 'render',
    KUSTENV_ENVIRONMENTS: 'staging prod',
    KUSTENV_CONFIG: 'kustenv.yaml',
    KUSTENV_ENV_FILES: 'ci.env',
    KUSTENV_ARGS: '--quiet',
    ...CI_SECRETS,
  };
  const r = spawnSync('bash', ['-c', action.runs.steps[0].run], { cwd: dir, env, encoding: 'utf8' });
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /^::add-mask::/m);
  assert.not.match(r.stdout, /::add-mask::/);
  for (const v of Object.values(CI_SECRETS)) for (const line of v.split('\n')) if (line) assert.ok(!r.stdout.split('\n').some((l) => l.includes(line) && !l.startsWith('::add-mask::')));
  assert.is(fs.readFileSync(out, 'utf8'), 'changed=true\nfiles=overlays/staging/kustenv.patch.yaml overlays/prod/kustenv.patch.yaml\n');
  assert.match(fs.readFileSync(path.join(dir, 'overlays/staging/kustenv.patch.yaml'), 'utf8'), /LOG_LEVEL: warn/);
});

// Without kubectl this case is reported as skipped, never as passed.
const withKubectl = haveKubectl() ? test : test.skip;

withKubectl("docs/github-workflow.yml: its run: lines work on the examples, for each matrix environment", () => {
  const workflow = parse(fs.readFileSync(path.join(ROOT, 'docs/github-workflow.yml'), 'utf8'));
  const job = workflow.jobs.deploy;
  const dir = userRepo();
  const bin = standins({ kubectl: KUBECTL_APPLY });
  const argvFile = path.join(bin, 'argv.txt');
  const runs = job.steps.filter((s: { run?: string }) => s.run && s.run !== 'npm ci').map((s: { run: string }) => s.run);
  assert.equal(runs.length, 4);
  for (const environment of job.strategy.matrix.environment) {
    for (const line of runs) {
      const command = line.replaceAll('${{ matrix.environment }}', environment).replace(/^npx kustenv /, `node ${BIN} `);
      const env = { PATH: `${bin}:${process.env.PATH}`, GITHUB_ACTIONS: 'true', KUBECTL_ARGV_FILE: argvFile, REAL_KUBECTL: realKubectl, ...CI_SECRETS };
      const r = spawnSync('bash', ['-c', command], { cwd: dir, env, encoding: 'utf8' });
      assert.is(r.status, 0, `${command}\n${r.stdout}${r.stderr}`);
    }
    // The last step ran the kubectl stand-in (no cluster here) with the overlay the render wrote.
    assert.equal(fs.readFileSync(argvFile, 'utf8').trim().split('\n'), ['apply', '-k', `overlays/${environment}`, '--server-side', '--field-manager=kustenv']);
    assert.ok(fs.existsSync(path.join(dir, 'overlays', environment, 'kustenv.patch.yaml')));
  }
});

// The docs link these workflow files rather than pasting them: test/docs.test.ts.

test.run();
