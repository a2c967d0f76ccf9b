import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Diagnostic } from '../src/types.js';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { cli, cliProcess, type CliRun } from './helpers/cli.js';
import { standins } from './helpers/standins.js';
import { STORE_CLIS } from './helpers/store-standins.js';
import { project, tempdir } from './helpers/testdir.js';

// Secret stores as value sources (environments.<env>.sources). The store
// CLIs are stand-ins (test/helpers/store-standins.ts) put first on PATH: they
// check their exact argv, log each call to $STANDIN_LOG and serve
// $STANDIN_DATA. Every store value holds SENTINEL; it may appear only in the
// patch files render writes (and in ::add-mask:: lines on GitHub Actions).
const SENTINEL = 'S3CR3T-SENTINEL';

const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  STATIC: "yes"\n';

/** A Secret template using each name once, `NAME: ${NAME}` on line 5, 6, ... */
function secretUsing(...names: string[]): string {
  return `apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n${names.map((n) => `  ${n}: \${${n}}\n`).join('')}`;
}

/** One `sources:` list in YAML; each item may span lines (`vault: {...}\ntimeout: 1`). */
function sourcesYaml(items: string[], indent = 6): string {
  const pad = ' '.repeat(indent);
  return items.map((item) => item.split('\n').map((line, i) => (i === 0 ? `${pad}- ` : `${pad}  `) + line).join('\n')).join('\n') + '\n';
}

type EnvSpec = string[] | { sources: string[]; more?: string };

/** kustenv.yaml with the given environments, each with its sources (and more keys). */
function configYaml(envs: Record<string, EnvSpec>): string {
  let out = 'environments:\n';
  for (const [name, spec] of Object.entries(envs)) {
    const { sources, more } = Array.isArray(spec) ? { sources: spec, more: undefined } : spec;
    out += `  ${name}:\n`;
    if (more) out += more.split('\n').map((l) => `    ${l}\n`).join('');
    out += `    sources:\n${sourcesYaml(sources)}`;
  }
  return out;
}

interface Setup {
  /** The sources of each environment (default: dev only). */
  envs: Record<string, EnvSpec>;
  /** What the stand-ins serve: store name -> value, and/or scope -> { store name -> value }. */
  data?: Record<string, unknown>;
  secret?: string;
  configmap?: string;
  extra?: Record<string, string>;
}

function setup(s: Setup) {
  const dir = project({ envs: Object.keys(s.envs), secret: s.secret ?? secretUsing('DB_PASSWORD'), configmap: s.configmap ?? CONFIGMAP, config: configYaml(s.envs), extra: s.extra });
  for (const name of Object.keys(s.extra ?? {})) if (name.endsWith('.sh')) fs.chmodSync(path.join(dir, name), 0o755);
  const bin = standins(STORE_CLIS);
  const work = tempdir('kustenv-stores-');
  const data = path.join(work, 'data.json');
  fs.writeFileSync(data, JSON.stringify(s.data ?? {}));
  const log = path.join(work, 'calls.log');
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    PATH: `${bin}:${process.env.PATH}`,
    STANDIN_DATA: data,
    STANDIN_LOG: log,
    STANDIN_NODE: process.execPath,
    ...extra,
  });
  return {
    dir,
    bin,
    work,
    env,
    /** Every call a stand-in (or a test's command script) logged, one line each. */
    calls: (): string[] => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
    run: (args: string[], extra: Record<string, string> = {}, cwd?: string) => cli(args, { cwd: cwd ?? dir, env: env(extra) }),
  };
}

/** The stringData (or data, for a ConfigMap) of the written patch. */
function patchValues(dir: string, env = 'dev', kind = 'Secret'): Record<string, string> {
  const text = fs.readFileSync(path.join(dir, 'overlays', env, 'kustenv.patch.yaml'), 'utf8');
  const doc = parseAllDocuments(text).map((d) => d.toJS()).find((o) => o?.kind === kind);
  return (kind === 'Secret' ? doc?.stringData : doc?.data) ?? {};
}

type Diag = Diagnostic;

/** The diagnostics of a run: from the JSON document on stdout, else from the text lines on stderr. */
function diags(r: CliRun): Diag[] {
  try {
    const json = JSON.parse(r.stdout);
    if (Array.isArray(json.diagnostics)) return json.diagnostics;
  } catch {
    // not JSON: read the text form
  }
  const out: Diag[] = [];
  for (const line of r.stderr.split('\n')) {
    const m = /(error|warning): (.*) \[([\w-]+)\]$/.exec(line);
    if (m) out.push({ code: m[3], severity: m[1] as Diagnostic['severity'], message: m[2] });
    // GitHub mode prints each problem once, as a workflow command.
    const w = /^::(error|warning) .*title=kustenv ([\w-]+)[^:]*::(.*)$/.exec(line);
    if (w) out.push({ code: w[2], severity: w[1] as Diagnostic['severity'], message: w[3] });
  }
  return out;
}

/** Exit 2 with a diagnostic of this code whose message holds every part. */
function expectStoreError(r: CliRun, code: string, parts: string[]) {
  assert.is(r.code, 2, `exit code; stderr: ${r.stderr}`);
  const found = diags(r).filter((d) => d.code === code);
  assert.ok(found.length > 0, `no [${code}] diagnostic; got: ${diags(r).map((d) => d.code).join(', ') || r.stderr}`);
  const d = found[0];
  for (const part of parts) assert.ok(d.message.includes(part), `the ${code} message should include ${JSON.stringify(part)}: ${d.message}`);
}

function noSentinel(r: CliRun, what: string) {
  assert.not.ok(r.stdout.includes(SENTINEL), `a store value on stdout of ${what}`);
  assert.not.ok(r.stderr.includes(SENTINEL), `a store value on stderr of ${what}`);
}

/** The full path of a program on this PATH, or undefined. */
function which(program: string): string | undefined {
  for (const d of (process.env.PATH ?? '').split(':')) {
    const p = path.join(d, program);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // next
    }
  }
  return undefined;
}

/** A PATH holding only node and git (links), so no store CLI can be found on it. */
function bareBin(): string {
  const dir = tempdir('kustenv-bare-bin-');
  fs.symlinkSync(process.execPath, path.join(dir, 'node'));
  const git = which('git');
  if (git) fs.symlinkSync(git, path.join(dir, 'git'));
  return dir;
}

/** Whether a process still runs (a zombie counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (alive(pid)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

const AWS_CALL = (p: string, region?: string) => `aws ssm get-parameters-by-path --path ${p} --recursive --with-decryption --output json${region ? ` --region ${region}` : ''}`;
const SM_CALL = (id: string, region?: string) => `aws secretsmanager get-secret-value --secret-id ${id} --query SecretString --output json${region ? ` --region ${region}` : ''}`;
const AZ_CALL = (vault: string, name: string) => `az keyvault secret show --vault-name ${vault} --name ${name} --query value --output json`;
const GCLOUD_CALL = (project: string, name: string) => `gcloud secrets versions access latest --secret ${name} --project ${project}`;
const VAULT_CALL = (p: string) => `vault kv get -format=json ${p}`;

/** A project's own secrets command: logs its argv and working folder, prints the file named by $1. */
const PRINT_FILE_SH = `#!/usr/bin/env bash
# A project's secrets command, as a user would write one: prints the file named by its first argument.
printf '%s\\n' "command $* cwd=$(pwd -P)" >> "$STANDIN_LOG"
cat "$1"
`;

// ---------------------------------------------------------------------------
// Each store kind renders a value

test('aws-ssm: a parameter under the path renders, from one call with the exact argv (--region last)', async () => {
  const value = `${SENTINEL}-aws: "quoted" # not a comment`;
  const t = setup({ envs: { dev: ['aws-ssm: {path: /app/, region: eu-west-1}'] }, data: { 'db-password': value, 'other-param': 'unused' } });
  const r = await t.run(['render', 'dev']);
  assert.is(r.code, 0, r.stderr);
  assert.is(patchValues(t.dir).DB_PASSWORD, value);
  assert.equal(t.calls(), [AWS_CALL('/app/', 'eu-west-1')]);
});

test('aws-ssm: without region there is no --region argument', async () => {
  const t = setup({ envs: { dev: ['aws-ssm: {path: /app/}'] }, data: { 'db-password': `${SENTINEL}-aws` } });
  const r = await t.run(['render', 'dev']);
  assert.is(r.code, 0, r.stderr);
  assert.is(patchValues(t.dir).DB_PASSWORD, `${SENTINEL}-aws`);
  assert.equal(t.calls(), [AWS_CALL('/app/')]);
});

test('aws-secrets-manager: each key of the SecretString object is a store name; one call, exact argv, exact bytes', async () => {
  const value = `${SENTINEL}-sm: "quoted" # é\n  two\\lines\t`;
  const t = setup({
    envs: { dev: ['aws-secrets-manager: {secret: app/production/api-keys, region: eu-west-1}\nmap: {API_KEY: anthropic}'] },
    secret: secretUsing('DB_PASSWORD', 'API_KEY'),
    data: { 'app/production/api-keys': { 'db-password': value, anthropic: `${SENTINEL}-ant`, unused: 'x' } },
  });
  const r = await t.run(['render', 'dev']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(patchValues(t.dir), { DB_PASSWORD: value, API_KEY: `${SENTINEL}-ant` });
  assert.equal(t.calls(), [SM_CALL('app/production/api-keys', 'eu-west-1')]);
  noSentinel(r, 'render');
});

test('aws-secrets-manager: as: VAR takes the whole SecretString (even JSON text) as VAR; the source gives no other variable', async () => {
  const whole = `{"user": "${SENTINEL}", "note": "kept as text"}`;
  const t = setup({
    envs: { dev: ['aws-secrets-manager: {secret: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-AbCdEf", as: DB_JSON}'] },
    secret: secretUsing('DB_JSON', 'DB_PASSWORD'),
    data: { 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-AbCdEf': whole },
  });
  const r = await t.run(['check', 'dev', '--format', 'json']);
  assert.is(r.code, 1, r.stderr);
  assert.equal(diags(r).filter((d) => d.code === 'unset-variable').map((d) => d.variable), ['DB_PASSWORD']);
  const ok = await t.run(['render', 'dev', '--set', 'DB_PASSWORD=from-set']);
  assert.is(ok.code, 0, ok.stderr);
  assert.equal(patchValues(t.dir), { DB_JSON: whole, DB_PASSWORD: 'from-set' });
  assert.equal(t.calls(), [SM_CALL('arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-AbCdEf'), SM_CALL('arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-AbCdEf')], 'one call per run');
});

test('aws-secrets-manager: asked once per run for a source shared by two environments; not asked when everything is set higher', async () => {
  const src = ['aws-secrets-manager: {secret: app/db}'];
  const t = setup({ envs: { dev: src, staging: src }, data: { 'app/db': { 'db-password': `${SENTINEL}-shared` } } });
  const r = await t.run(['render', 'dev', 'staging']);
  assert.is(r.code, 0, r.stderr);
  for (const env of ['dev', 'staging']) assert.equal(patchValues(t.dir, env), { DB_PASSWORD: `${SENTINEL}-shared` });
  assert.equal(t.calls(), [SM_CALL('app/db')]);
  const set = await t.run(['render', 'dev', 'staging'], { DB_PASSWORD: 'from-env' });
  assert.is(set.code, 0, set.stderr);
  assert.equal(t.calls(), [SM_CALL('app/db')], 'no second call');
});

test('aws-secrets-manager: a key holding a number or an object is store-malformed, naming the key, never a value', async () => {
  const t = setup({ envs: { dev: ['aws-secrets-manager: {secret: app/db}'] }, data: { 'app/db': { 'db-password': { nested: `${SENTINEL}` } } } });
  const r = await t.run(['check', 'dev', '--format', 'json']);
  expectStoreError(r, 'store-malformed', ['aws-secrets-manager app/db', '"db-password"']);
  noSentinel(r, 'check');
});

const SM_CONFIGS: { title: string; source: string; valid: boolean }[] = [
  { title: 'a name with every allowed character', source: 'aws-secrets-manager: {secret: "a/B_9+=.@-x", region: us-gov-west-1}', valid: true },
  { title: 'an ARN', source: 'aws-secrets-manager: {secret: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-AbCdEf"}', valid: true },
  { title: 'an ID starting with - (read as an option)', source: 'aws-secrets-manager: {secret: "--debug"}', valid: false },
  { title: 'an ID with a space', source: 'aws-secrets-manager: {secret: "app db"}', valid: false },
  { title: 'an ID with a colon that is no ARN', source: 'aws-secrets-manager: {secret: "x:y"}', valid: false },
  { title: 'a region that is no region name', source: 'aws-secrets-manager: {secret: app/db, region: "--region"}', valid: false },
  { title: 'as that is no variable name', source: 'aws-secrets-manager: {secret: app/db, as: "db-json"}', valid: false },
  { title: 'as beside map', source: 'aws-secrets-manager: {secret: app/db, as: DB_JSON}\nmap: {DB_PASSWORD: pw}', valid: false },
  { title: 'an unknown key', source: 'aws-secrets-manager: {secret: app/db, property: x}', valid: false },
];
for (const c of SM_CONFIGS) {
  test(`aws-secrets-manager config: ${c.title} is ${c.valid ? 'accepted' : 'refused (exit 2, no call)'}`, async () => {
    const t = setup({ envs: { dev: [c.source] }, data: {} });
    const r = await t.run(['check', 'dev', '--format', 'json']);
    if (c.valid) {
      assert.is(r.code, 1, r.stderr); // DB_PASSWORD not found: unset
      assert.is(t.calls().length, 1);
    } else {
      assert.is(r.code, 2, r.stderr);
      assert.ok(diags(r).some((d) => d.code === 'config-invalid'), r.stdout + r.stderr);
      assert.equal(t.calls(), []);
    }
  });
}

test('azure-keyvault: one call per needed name; the JSON string answer is decoded exactly', async () => {
  const pass = `${SENTINEL}-az\nline2 "q" \\ é`;
  const key = `${SENTINEL}-az-key`;
  const t = setup({ envs: { dev: ['azure-keyvault: {vault: my-vault}'] }, secret: secretUsing('DB_PASSWORD', 'API_KEY'), data: { 'db-password': pass, 'api-key': key } });
  const r = await t.run(['render', 'dev']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(patchValues(t.dir), { DB_PASSWORD: pass, API_KEY: key });
  assert.equal(t.calls().sort(), [AZ_CALL('my-vault', 'api-key'), AZ_CALL('my-vault', 'db-password')].sort());
});

test('gcp-secret-manager: one call per needed name; the payload byte for byte (its trailing newline kept)', async () => {
  const pass = `${SENTINEL}-gcp\n`;
  const key = `  ${SENTINEL}-gcp-key  `;
  const t = setup({ envs: { dev: ['gcp-secret-manager: {project: my-proj}'] }, secret: secretUsing('DB_PASSWORD', 'API_KEY'), data: { 'db-password': pass, 'api-key': key } });
  const r = await t.run(['render', 'dev']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(patchValues(t.dir), { DB_PASSWORD: pass, API_KEY: key });
  assert.equal(t.calls().sort(), [GCLOUD_CALL('my-proj', 'api-key'), GCLOUD_CALL('my-proj', 'db-password')].sort());
});

for (const kv of ['2', '1']) {
  test(`vault: KV v${kv} answer renders, from one call for all names`, async () => {
    const t = setup({ envs: { dev: ['vault: {path: secret/app}'] }, secret: secretUsing('DB_PASSWORD', 'API_KEY'), data: { 'db-password': `${SENTINEL}-vault-${kv}`, 'api-key': `${SENTINEL}-vault-key` } });
    const r = await t.run(['render', 'dev'], { STANDIN_KV: kv });
    assert.is(r.code, 0, r.stderr);
    assert.equal(patchValues(t.dir), { DB_PASSWORD: `${SENTINEL}-vault-${kv}`, API_KEY: `${SENTINEL}-vault-key` });
    assert.equal(t.calls(), [VAULT_CALL('secret/app')]);
  });
}

test('command: JSON object output keyed by the variable names; run without a shell, from the config folder', async () => {
  const odd = '$(touch pwned); echo `id` > pwned2';
  const t = setup({
    envs: { dev: [`command: [./get-secrets.sh, secrets.json, ${JSON.stringify(odd)}]`] },
    secret: secretUsing('DB_PASSWORD', 'API_KEY'),
    extra: {
      'get-secrets.sh': PRINT_FILE_SH,
      'secrets.json': JSON.stringify({ DB_PASSWORD: `${SENTINEL}-cmd\nline2`, API_KEY: `${SENTINEL}-cmd-key`, UNUSED: 'x' }),
    },
  });
  // Run from a subfolder: the command still runs in the folder of kustenv.yaml.
  const r = await t.run(['render', 'dev'], {}, path.join(t.dir, 'base'));
  assert.is(r.code, 0, r.stderr);
  assert.equal(patchValues(t.dir), { DB_PASSWORD: `${SENTINEL}-cmd\nline2`, API_KEY: `${SENTINEL}-cmd-key` });
  assert.equal(t.calls(), [`command secrets.json ${odd} cwd=${t.dir}`]);
  assert.not.ok(fs.existsSync(path.join(t.dir, 'pwned')) || fs.existsSync(path.join(t.dir, 'pwned2')), 'no shell ran the arguments');
});

test('command: dotenv output keyed by the variable names', async () => {
  const t = setup({
    envs: { dev: ['command: [./get-secrets.sh, secrets.env]'] },
    secret: secretUsing('DB_PASSWORD', 'API_KEY'),
    extra: { 'get-secrets.sh': PRINT_FILE_SH, 'secrets.env': `# from the vault\nDB_PASSWORD=${SENTINEL}-dotenv\nAPI_KEY="${SENTINEL} with spaces"\nUNUSED=x\n` },
  });
  const r = await t.run(['render', 'dev']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(patchValues(t.dir), { DB_PASSWORD: `${SENTINEL}-dotenv`, API_KEY: `${SENTINEL} with spaces` });
  assert.is(t.calls().length, 1);
});

// ---------------------------------------------------------------------------
// Name mapping

const MAPPING: { title: string; source: string; calls: string[] }[] = [
  { title: 'a per-name store', source: 'gcp-secret-manager: {project: my-proj}', calls: [GCLOUD_CALL('my-proj', 'anthropic-api-key'), GCLOUD_CALL('my-proj', 'pg_pass')] },
  { title: 'a bulk store (one call)', source: 'aws-ssm: {path: /app/}', calls: [AWS_CALL('/app/')] },
];
for (const m of MAPPING) {
  test(`store names are the variable in lower kebab case unless map: names them: ${m.title}`, async () => {
    const t = setup({
      envs: { dev: [`${m.source}\nmap: {DB_PASSWORD: pg_pass}`] },
      secret: secretUsing('ANTHROPIC_API_KEY', 'DB_PASSWORD'),
      data: { 'anthropic-api-key': `${SENTINEL}-anthropic`, pg_pass: `${SENTINEL}-pg`, 'db-password': 'not-this-one' },
    });
    const r = await t.run(['render', 'dev']);
    assert.is(r.code, 0, r.stderr);
    assert.equal(patchValues(t.dir), { ANTHROPIC_API_KEY: `${SENTINEL}-anthropic`, DB_PASSWORD: `${SENTINEL}-pg` });
    assert.equal(t.calls().sort(), [...m.calls].sort());
  });
}

// ---------------------------------------------------------------------------
// Precedence, and only the needed variables asked

test('--set, the process environment and --env-file beat a store, which is not asked for those names', async () => {
  const t = setup({
    envs: { dev: ['gcp-secret-manager: {project: p}'] },
    secret: secretUsing('A_KEY', 'B_KEY', 'C_KEY', 'D_KEY'),
    data: { 'a-key': 'store-a', 'b-key': 'store-b', 'c-key': 'store-c', 'd-key': `${SENTINEL}-d` },
  });
  const envFile = path.join(t.work, 'cli.env');
  fs.writeFileSync(envFile, 'C_KEY=from-env-file\n');
  const r = await t.run(['render', 'dev', '--set', 'A_KEY=from-set', '--env-file', envFile], { B_KEY: 'from-env' });
  assert.is(r.code, 0, r.stderr);
  assert.equal(patchValues(t.dir), { A_KEY: 'from-set', B_KEY: 'from-env', C_KEY: 'from-env-file', D_KEY: `${SENTINEL}-d` });
  assert.equal(t.calls(), [GCLOUD_CALL('p', 'd-key')]);
});

test('a bulk store is not called at all when every variable is set higher; once when any is needed', async () => {
  const t = setup({ envs: { dev: ['vault: {path: secret/app}'] }, secret: secretUsing('A_KEY', 'B_KEY', 'C_KEY'), data: { 'a-key': 'store-a', 'b-key': 'store-b', 'c-key': 'store-c' } });
  const all = await t.run(['render', 'dev', '--set', 'A_KEY=from-set'], { B_KEY: 'from-env', C_KEY: 'from-env' });
  assert.is(all.code, 0, all.stderr);
  assert.equal(t.calls(), [], 'nothing needed: no call');
  assert.equal(patchValues(t.dir), { A_KEY: 'from-set', B_KEY: 'from-env', C_KEY: 'from-env' });
  const some = await t.run(['render', 'dev', '--set', 'A_KEY=from-set']);
  assert.is(some.code, 0, some.stderr);
  assert.equal(t.calls(), [VAULT_CALL('secret/app')], 'two needed: one call');
  assert.equal(patchValues(t.dir), { A_KEY: 'from-set', B_KEY: 'store-b', C_KEY: 'store-c' });
});

test('a later source beats an earlier one; the earlier is asked only for what the later did not set', async () => {
  const t = setup({
    envs: { dev: ['gcp-secret-manager: {project: early-proj}', 'aws-ssm: {path: /late/}'] },
    secret: secretUsing('DB_PASSWORD', 'API_KEY'),
    data: { 'early-proj': { 'db-password': 'from-early', 'api-key': 'from-early-key' }, '/late/': { 'db-password': 'from-late' } },
  });
  const r = await t.run(['render', 'dev']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(patchValues(t.dir), { DB_PASSWORD: 'from-late', API_KEY: 'from-early-key' });
  assert.equal(t.calls().sort(), [AWS_CALL('/late/'), GCLOUD_CALL('early-proj', 'api-key')].sort());
});

test('two bulk sources: the later wins, and the earlier is not called when nothing is left to ask', async () => {
  const t = setup({
    envs: { dev: ['aws-ssm: {path: /a/}', 'aws-ssm: {path: /b/}'] },
    data: { '/a/': { 'db-password': 'from-a' }, '/b/': { 'db-password': 'from-b' } },
  });
  const r = await t.run(['render', 'dev']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(patchValues(t.dir), { DB_PASSWORD: 'from-b' });
  assert.equal(t.calls(), [AWS_CALL('/b/')]);
});

test('sources beat envFiles and the generatedFile, which do not stop a store being asked; what no store has falls back to them', async () => {
  const t = setup({
    envs: { dev: { more: 'envFiles: [overlays/dev/dev.env]', sources: ['azure-keyvault: {vault: kv1}'] } },
    secret: secretUsing('DB_PASSWORD', 'API_KEY', 'OTHER_KEY'),
    data: { 'db-password': `${SENTINEL}-store` },
    extra: {
      'overlays/dev/dev.env': 'DB_PASSWORD=from-env-files\nAPI_KEY=from-env-files\n',
      'overlays/dev/kustenv.generated.env': 'DB_PASSWORD=from-generated\nOTHER_KEY=from-generated\n',
    },
  });
  const r = await t.run(['render', 'dev']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(patchValues(t.dir), { DB_PASSWORD: `${SENTINEL}-store`, API_KEY: 'from-env-files', OTHER_KEY: 'from-generated' });
  assert.equal(t.calls().sort(), [AZ_CALL('kv1', 'api-key'), AZ_CALL('kv1', 'db-password'), AZ_CALL('kv1', 'other-key')].sort());
});

test('a source written identically in two environments is asked once per run', async () => {
  const sources = ['azure-keyvault: {vault: kv1}', 'vault: {path: secret/app}'];
  const t = setup({
    envs: { dev: sources, staging: sources },
    secret: secretUsing('DB_PASSWORD', 'API_KEY'),
    data: { 'secret/app': { 'db-password': `${SENTINEL}-vault` }, kv1: { 'api-key': `${SENTINEL}-az` } },
  });
  const r = await t.run(['render', 'dev', 'staging']);
  assert.is(r.code, 0, r.stderr);
  for (const env of ['dev', 'staging']) assert.equal(patchValues(t.dir, env), { DB_PASSWORD: `${SENTINEL}-vault`, API_KEY: `${SENTINEL}-az` }, env);
  assert.equal(t.calls().sort(), [AZ_CALL('kv1', 'api-key'), VAULT_CALL('secret/app')].sort());
});

// ---------------------------------------------------------------------------
// Not found is unset

const notFound: { title: string; source: string; data?: Record<string, unknown>; env?: Record<string, string>; extra?: Record<string, string> }[] = [
  { title: 'aws-secrets-manager ResourceNotFoundException', source: 'aws-secrets-manager: {secret: app/production/db}', data: { 'app/production/other': { 'db-password': 'x' } } },
  { title: 'aws-secrets-manager without that key', source: 'aws-secrets-manager: {secret: app/production/db}', data: { 'app/production/db': { 'other-name': 'x' } } },
  { title: 'aws-secrets-manager not found with as: VAR', source: 'aws-secrets-manager: {secret: app/production/db, as: DB_PASSWORD}', data: {} },
  { title: 'aws-ssm with no parameters', source: 'aws-ssm: {path: /app/}', data: {} },
  { title: 'aws-ssm without that parameter', source: 'aws-ssm: {path: /app/}', data: { 'other-name': 'x' } },
  { title: 'azure-keyvault SecretNotFound', source: 'azure-keyvault: {vault: kv1}', data: { 'other-name': 'x' } },
  { title: 'gcp-secret-manager NOT_FOUND', source: 'gcp-secret-manager: {project: p}', data: { 'other-name': 'x' } },
  { title: 'vault "No value found"', source: 'vault: {path: secret/app}', env: { STANDIN_FAIL: 'notfound' } },
  { title: 'vault without that key', source: 'vault: {path: secret/app}', data: { 'other-name': 'x' } },
  { title: 'command without that name', source: 'command: [./get-secrets.sh, secrets.json]', extra: { 'get-secrets.sh': PRINT_FILE_SH, 'secrets.json': '{"OTHER": "x"}' } },
];

for (const c of notFound) {
  test(`not found is unset: ${c.title} -> exit 1, unset-variable at the template position`, async () => {
    const t = setup({ envs: { dev: [c.source] }, data: c.data, extra: c.extra });
    const r = await t.run(['check', 'dev', '--format', 'json'], c.env);
    assert.is(r.code, 1, r.stderr);
    const unset = diags(r).filter((d) => d.code === 'unset-variable');
    assert.is(unset.length, 1, r.stderr);
    assert.is(unset[0].variable, 'DB_PASSWORD');
    assert.equal([unset[0].file, unset[0].line, unset[0].col], ['base/secret.yaml', 5, 16]);
    assert.not.ok(diags(r).some((d) => d.code.startsWith('store-')), 'not found is no store error');
    assert.is(t.calls().length, 1);
  });
}

// ---------------------------------------------------------------------------
// Failures: exit 2, naming the source and the CLI

const FAIL_SH = `#!/usr/bin/env bash
# A project's secrets command that fails, as one does when its token expired.
printf '%s\\n' "command $*" >> "$STANDIN_LOG"
echo "get-secrets: connecting to the store" >&2
echo "get-secrets: token expired for prod" >&2
exit 3
`;

const failures: { title: string; source: string; fail?: string; cli: string; label: string; lastLine: string; extra?: Record<string, string> }[] = [
  {
    title: 'aws-ssm AccessDeniedException (exit 254)',
    source: 'aws-ssm: {path: /app/, region: eu-west-1}',
    fail: 'denied',
    cli: 'aws',
    label: 'aws-ssm /app/',
    lastLine: 'An error occurred (AccessDeniedException) when calling the GetParametersByPath operation: User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: ssm:GetParametersByPath on resource: arn:aws:ssm:eu-west-1:123456789012:parameter/app/ because no identity-based policy allows the ssm:GetParametersByPath action',
  },
  {
    title: 'aws-secrets-manager AccessDeniedException (exit 254, not a not-found)',
    source: 'aws-secrets-manager: {secret: app/db}',
    fail: 'denied',
    cli: 'aws',
    label: 'aws-secrets-manager app/db',
    lastLine: 'An error occurred (AccessDeniedException) when calling the GetSecretValue operation: User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: secretsmanager:GetSecretValue on resource: app/db because no identity-based policy allows the secretsmanager:GetSecretValue action',
  },
  { title: 'aws-secrets-manager KMS key not usable (exit 254)', source: 'aws-secrets-manager: {secret: app/db}', fail: 'kms', cli: 'aws', label: 'aws-secrets-manager app/db', lastLine: 'Access to KMS is not allowed' },
  { title: 'aws-secrets-manager without credentials (exit 253)', source: 'aws-secrets-manager: {secret: app/db}', fail: 'nocreds', cli: 'aws', label: 'aws-secrets-manager app/db', lastLine: 'Unable to locate credentials.' },
  { title: 'aws-ssm without credentials (exit 253)', source: 'aws-ssm: {path: /app/}', fail: 'nocreds', cli: 'aws', label: 'aws-ssm /app/', lastLine: 'Unable to locate credentials. You can configure credentials by running "aws configure".' },
  { title: 'azure-keyvault Forbidden (exit 1)', source: 'azure-keyvault: {vault: my-vault}', fail: 'denied', cli: 'az', label: 'azure-keyvault my-vault', lastLine: "Message: The user, group or application 'appid=04b07795-8ddb-461a-bbee-02f9e1bf7b46;" },
  { title: 'azure-keyvault not logged in (exit 1)', source: 'azure-keyvault: {vault: my-vault}', fail: 'login', cli: 'az', label: 'azure-keyvault my-vault', lastLine: "ERROR: Please run 'az login' to setup account." },
  {
    title: 'gcp-secret-manager PERMISSION_DENIED (exit 1, not a not-found)',
    source: 'gcp-secret-manager: {project: my-proj}',
    fail: 'denied',
    cli: 'gcloud',
    label: 'gcp-secret-manager my-proj',
    lastLine: "ERROR: (gcloud.secrets.versions.access) PERMISSION_DENIED: Permission 'secretmanager.versions.access' denied for resource 'projects/my-proj/secrets/db-password/versions/latest' (or it may not exist).",
  },
  { title: 'vault 403 permission denied (exit 2, not a not-found)', source: 'vault: {path: secret/app}', fail: 'denied', cli: 'vault', label: 'vault secret/app', lastLine: '* permission denied' },
  { title: 'command exits non-zero', source: 'command: [./fail.sh, prod]', cli: './fail.sh', label: 'command ./fail.sh', lastLine: 'get-secrets: token expired for prod', extra: { 'fail.sh': FAIL_SH } },
];

for (const f of failures) {
  test(`store-failed: ${f.title} -> exit 2, the source, the CLI and its last stderr line`, async () => {
    const t = setup({ envs: { dev: [f.source] }, data: { 'db-password': `${SENTINEL}-never-read` }, extra: f.extra });
    const r = await t.run(['check', 'dev', '--format', 'json'], f.fail ? { STANDIN_FAIL: f.fail } : {});
    expectStoreError(r, 'store-failed', [f.label, f.cli, f.lastLine]);
    assert.not.ok(diags(r).some((d) => d.code === 'unset-variable'), 'a failure is not reported as unset');
    noSentinel(r, 'check');
  });
}

const MALFORMED_CMD_SH = `#!/usr/bin/env bash
# A project's secrets command whose output is a JSON object, but not of strings.
printf '%s\\n' "command $*" >> "$STANDIN_LOG"
printf '{"DB_PASSWORD": {"value": "%s"}}\\n' "$1"
`;

const malformed: { title: string; source: string; fail?: string; label: string; extra?: Record<string, string> }[] = [
  { title: 'aws-secrets-manager SecretString that is not a JSON object', source: 'aws-secrets-manager: {secret: db-password}', label: 'aws-secrets-manager db-password' },
  { title: 'aws-secrets-manager output that is not valid JSON', source: 'aws-secrets-manager: {secret: db-password}', fail: 'malformed', label: 'aws-secrets-manager db-password' },
  { title: 'aws-secrets-manager secret with only SecretBinary (null)', source: 'aws-secrets-manager: {secret: db-password}', fail: 'binary', label: 'aws-secrets-manager db-password' },
  { title: 'aws-ssm output that is not valid JSON', source: 'aws-ssm: {path: /app/}', fail: 'malformed', label: 'aws-ssm /app/' },
  { title: 'aws-ssm JSON of the wrong shape (a parameter without Value)', source: 'aws-ssm: {path: /app/}', fail: 'shape', label: 'aws-ssm /app/' },
  { title: 'aws-ssm answering one page of several (NextToken): never a partial set', source: 'aws-ssm: {path: /app/}', fail: 'paged', label: 'aws-ssm /app/' },
  { title: 'azure-keyvault output that is not a JSON string', source: 'azure-keyvault: {vault: my-vault}', fail: 'malformed', label: 'azure-keyvault my-vault' },
  { title: 'vault output that is not valid JSON', source: 'vault: {path: secret/app}', fail: 'malformed', label: 'vault secret/app' },
  { title: 'vault JSON of the wrong shape (an array)', source: 'vault: {path: secret/app}', fail: 'shape', label: 'vault secret/app' },
  { title: 'command JSON object whose value is not a string', source: `command: [./bad.sh, ${SENTINEL}-cmd]`, label: 'command ./bad.sh', extra: { 'bad.sh': MALFORMED_CMD_SH } },
];

for (const m of malformed) {
  test(`store-malformed: ${m.title} -> exit 2, naming the source, echoing nothing`, async () => {
    // The malformed answers hold the store's values: none may be shown.
    const t = setup({ envs: { dev: [m.source] }, data: { 'db-password': `${SENTINEL}-malformed` }, extra: m.extra });
    const r = await t.run(['check', 'dev', '--format', 'json'], m.fail ? { STANDIN_FAIL: m.fail } : {});
    expectStoreError(r, 'store-malformed', [m.label]);
    noSentinel(r, 'check');
  });
}

const missingCli: { title: string; source: string; cli: string; label: string; bare?: boolean }[] = [
  { title: 'aws not on PATH (secrets manager)', source: 'aws-secrets-manager: {secret: app/db}', cli: 'aws', label: 'aws-secrets-manager app/db', bare: true },
  { title: 'aws not on PATH', source: 'aws-ssm: {path: /app/}', cli: 'aws', label: 'aws-ssm /app/', bare: true },
  { title: 'az not on PATH', source: 'azure-keyvault: {vault: my-vault}', cli: 'az', label: 'azure-keyvault my-vault', bare: true },
  { title: 'gcloud not on PATH', source: 'gcp-secret-manager: {project: my-proj}', cli: 'gcloud', label: 'gcp-secret-manager my-proj', bare: true },
  { title: 'vault not on PATH', source: 'vault: {path: secret/app}', cli: 'vault', label: 'vault secret/app', bare: true },
  { title: 'a command file that does not exist', source: 'command: [./no-such-script.sh, prod]', cli: './no-such-script.sh', label: 'command ./no-such-script.sh' },
  { title: 'a command not on PATH', source: 'command: [kustenv-no-such-secrets-tool, prod]', cli: 'kustenv-no-such-secrets-tool', label: 'command kustenv-no-such-secrets-tool' },
];

for (const m of missingCli) {
  test(`store-not-installed: ${m.title} -> exit 2, naming the source and the CLI`, async () => {
    const t = setup({ envs: { dev: [m.source] }, data: { 'db-password': 'x' } });
    const r = await t.run(['check', 'dev', '--format', 'json'], m.bare ? { PATH: bareBin() } : {});
    expectStoreError(r, 'store-not-installed', [m.label, m.cli]);
  });
}

test('store-timeout: a store that does not answer within timeout: 1 is killed with its children, and reported at once', async () => {
  const t = setup({ envs: { dev: ['vault: {path: secret/app}\ntimeout: 1'] }, data: { 'db-password': `${SENTINEL}-late` } });
  const pidfile = path.join(t.work, 'sleep.pid');
  const started = Date.now();
  const r = await t.run(['check', 'dev', '--format', 'json'], { STANDIN_SLEEP: '30', STANDIN_PIDFILE: pidfile });
  const elapsed = Date.now() - started;
  const pids = [pidfile, `${pidfile}.self`].filter((f) => fs.existsSync(f)).map((f) => Number(fs.readFileSync(f, 'utf8').trim()));
  try {
    assert.ok(elapsed < 10_000, `the run took ${elapsed} ms; the stand-in sleeps 30 s and the timeout is 1 s`);
    expectStoreError(r, 'store-timeout', ['vault secret/app', 'vault']);
    noSentinel(r, 'check');
    assert.is(pids.length, 2, 'the stand-in started and wrote its pids');
    for (const pid of pids) assert.ok(await gone(pid, 3000), `process ${pid} (the stand-in or its background sleep) still runs`);
  } finally {
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
});

// ---------------------------------------------------------------------------
// No store value in any output

/** Every kind of store in one environment, each giving a SENTINEL value; one used in a ConfigMap. */
function everyStore() {
  return setup({
    envs: {
      dev: [
        'aws-ssm: {path: /app/}',
        'azure-keyvault: {vault: my-vault}',
        'gcp-secret-manager: {project: my-proj}',
        'vault: {path: secret/app}',
        'command: [./get-secrets.sh, secrets.json]',
      ],
    },
    secret: secretUsing('A_AWS', 'B_AZ', 'C_GCP', 'D_VAULT', 'E_CMD'),
    configmap: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  PUBLIC: ${F_PUBLIC}\n  STATIC: "yes"\n',
    data: {
      '/app/': { 'a-aws': `${SENTINEL}-aws`, 'f-public': `${SENTINEL}-public` },
      'my-vault': { 'b-az': `${SENTINEL}-az\n${SENTINEL}-az-line2` },
      'my-proj': { 'c-gcp': `${SENTINEL}-gcp\n` },
      'secret/app': { 'd-vault': `${SENTINEL}-vault` },
    },
    extra: { 'get-secrets.sh': PRINT_FILE_SH, 'secrets.json': JSON.stringify({ E_CMD: `${SENTINEL}-cmd` }) },
  });
}

test('every store kind together renders; no store value in any output of render, check, diff, vars', async () => {
  const t = everyStore();
  const runs: string[][] = [];
  for (const variant of [[], ['--format', 'json'], ['--verbose']]) {
    runs.push(['check', ...variant], ['diff', ...variant], ['render', '--dry-run', ...variant], ['vars', ...variant]);
  }
  runs.push(['render'], ['diff'], ['diff', '--format', 'json'], ['render', '--verbose'], ['vars', '--format', 'dotenv']);
  for (const args of runs) {
    const r = await t.run(args);
    assert.is(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    noSentinel(r, args.join(' '));
  }
  assert.equal(patchValues(t.dir), { A_AWS: `${SENTINEL}-aws`, B_AZ: `${SENTINEL}-az\n${SENTINEL}-az-line2`, C_GCP: `${SENTINEL}-gcp\n`, D_VAULT: `${SENTINEL}-vault`, E_CMD: `${SENTINEL}-cmd` });
  assert.equal(patchValues(t.dir, 'dev', 'ConfigMap'), { PUBLIC: `${SENTINEL}-public` });
});

test('no store value in any output when a store fails or answers malformed, after another store answered', async () => {
  // The failing source comes first in the list: it is asked last, when the
  // later one has already given a value.
  const cases: { sources: string[]; fail: string; only: string; data: Record<string, unknown> }[] = [
    { sources: ['vault: {path: secret/app}', 'aws-ssm: {path: /app/}'], fail: 'denied', only: 'vault', data: { '/app/': { 'db-password': `${SENTINEL}-1` } } },
    { sources: ['aws-ssm: {path: /app/}', 'gcp-secret-manager: {project: my-proj}'], fail: 'malformed', only: 'aws', data: { 'my-proj': { 'db-password': `${SENTINEL}-1` }, '/app/': { 'db-password': `${SENTINEL}-1b`, 'api-key': `${SENTINEL}-2\nline2` } } },
    { sources: ['azure-keyvault: {vault: my-vault}', 'vault: {path: secret/app}'], fail: 'malformed', only: 'az', data: { 'secret/app': { 'db-password': `${SENTINEL}-1` }, 'my-vault': { 'api-key': `${SENTINEL}-2\nline2` } } },
    { sources: ['vault: {path: secret/app}'], fail: 'malformed', only: 'vault', data: { 'db-password': `${SENTINEL}-1`, 'api-key': `${SENTINEL}-2\nline2` } },
    { sources: ['aws-ssm: {path: /app/}'], fail: 'shape', only: 'aws', data: { 'db-password': `${SENTINEL}-1`, 'api-key': `${SENTINEL}-2\nline2` } },
  ];
  for (const c of cases) {
    const t = setup({ envs: { dev: c.sources }, secret: secretUsing('DB_PASSWORD', 'API_KEY'), data: c.data });
    // A store fails before anything renders: one text, one JSON and one verbose run per command reach every printer of that path.
    for (const args of [['render'], ['render', '--format', 'json'], ['check', '--verbose'], ['diff'], ['vars', '--format', 'json']]) {
      const r = await t.run(args, { STANDIN_FAIL: c.fail, STANDIN_FAIL_ONLY: c.only });
      const what = `${args.join(' ')} with ${c.sources.join(', ')} and ${c.only} failing (${c.fail})`;
      assert.is(r.code, 2, `${what}: ${r.stderr}`);
      noSentinel(r, what);
    }
    assert.not.ok(fs.existsSync(path.join(t.dir, 'overlays/dev/kustenv.patch.yaml')), 'nothing written');
  }
});

test('a store value used only in a ConfigMap is secret: render --dry-run and diff show ***', async () => {
  const t = setup({
    envs: { dev: ['aws-ssm: {path: /app/}'] },
    secret: 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\nstringData:\n  STATIC: "yes"\n',
    configmap: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  LOG_TOKEN: ${LOG_TOKEN}\n  LEVEL: ${LEVEL}\n',
    data: { 'log-token': `${SENTINEL}-cm` },
  });
  const dry = await t.run(['render', 'dev', '--dry-run'], { LEVEL: 'info' });
  assert.is(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /LOG_TOKEN: "\*\*\*"/);
  assert.match(dry.stdout, /LEVEL: info/, `a value from the environment in a ConfigMap stays in clear: ${dry.stdout}`);
  noSentinel(dry, 'render --dry-run');
  const diff = await t.run(['diff', 'dev'], { LEVEL: 'info' });
  assert.is(diff.code, 0, diff.stderr);
  noSentinel(diff, 'diff');
});

test('GitHub Actions: ::add-mask:: for every line of every store value, and no other line holds one', async () => {
  const t = everyStore();
  const gh = tempdir('kustenv-gh-');
  const r = await t.run(['render'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: path.join(gh, 'summary.md'), GITHUB_OUTPUT: path.join(gh, 'output.txt') });
  assert.is(r.code, 0, r.stderr);
  const masks = r.stderr.split('\n').filter((l) => l.startsWith('::add-mask::'));
  for (const value of [`${SENTINEL}-aws`, `${SENTINEL}-az`, `${SENTINEL}-az-line2`, `${SENTINEL}-gcp`, `${SENTINEL}-vault`, `${SENTINEL}-cmd`, `${SENTINEL}-public`]) {
    assert.ok(masks.includes(`::add-mask::${value}`), `no ::add-mask:: for ${value}`);
  }
  for (const line of (r.stdout + r.stderr).split('\n')) if (line.includes(SENTINEL)) assert.ok(line.startsWith('::add-mask::'), `leak: ${line}`);
  assert.not.ok(fs.readFileSync(path.join(gh, 'summary.md'), 'utf8').includes(SENTINEL), 'step summary');
});

// ---------------------------------------------------------------------------
// Where each value came from

test('vars, render and check --format json: each variable\'s source, a store named by its label', async () => {
  const t = setup({
    envs: {
      dev: [
        'aws-ssm: {path: /app/}',
        'azure-keyvault: {vault: my-vault}',
        'gcp-secret-manager: {project: my-proj}',
        'vault: {path: secret/app}',
        'command: [./get-secrets.sh, secrets.json]',
      ],
    },
    secret: secretUsing('A_AWS', 'B_AZ', 'C_GCP', 'D_VAULT', 'E_CMD', 'F_SET', 'G_ENV', 'H_ENVFILE', 'I_MISSING'),
    data: {
      '/app/': { 'a-aws': `${SENTINEL}-aws` },
      'my-vault': { 'b-az': `${SENTINEL}-az` },
      'my-proj': { 'c-gcp': `${SENTINEL}-gcp` },
      'secret/app': { 'd-vault': `${SENTINEL}-vault` },
    },
    extra: { 'get-secrets.sh': PRINT_FILE_SH, 'secrets.json': JSON.stringify({ E_CMD: `${SENTINEL}-cmd` }), 'extra.env': 'H_ENVFILE=from-file\n' },
  });
  const expected: Record<string, unknown> = {
    A_AWS: { kind: 'store', store: 'aws-ssm /app/' },
    B_AZ: { kind: 'store', store: 'azure-keyvault my-vault' },
    C_GCP: { kind: 'store', store: 'gcp-secret-manager my-proj' },
    D_VAULT: { kind: 'store', store: 'vault secret/app' },
    E_CMD: { kind: 'store', store: 'command ./get-secrets.sh' },
    F_SET: { kind: 'set' },
    G_ENV: { kind: 'env' },
    H_ENVFILE: { kind: 'env-file', file: 'extra.env' },
  };
  for (const command of ['vars', 'check', 'render']) {
    const r = await t.run([command, 'dev', '--format', 'json', '--set', 'F_SET=x', '--env-file', 'extra.env'], { G_ENV: 'from-env' });
    noSentinel(r, `${command} --format json`);
    const json = JSON.parse(r.stdout);
    assert.is(json.command, command);
    const dev = json.environments.find((e: { name: string }) => e.name === 'dev');
    assert.ok(dev, `${command}: environments[] holds dev`);
    const byName = Object.fromEntries(dev.variables.map((v: { name: string }) => [v.name, v]));
    for (const [name, source] of Object.entries(expected)) {
      assert.is(byName[name]?.state, 'set', `${command}: ${name} state`);
      assert.equal(byName[name]?.source, source, `${command}: ${name} source`);
    }
    assert.is(byName.I_MISSING?.state, 'missing', `${command}: I_MISSING`);
    assert.is(byName.I_MISSING?.source, undefined);
    if (command === 'vars') assert.is(r.code, 0, r.stderr);
    else {
      assert.is(r.code, 1, `${command}: I_MISSING is unset`);
      assert.ok(diags(r).some((d) => d.code === 'unset-variable' && d.variable === 'I_MISSING'));
    }
  }
});

test('--verbose: one stderr line per store with its calls, milliseconds and the names found, never a value', async () => {
  const t = setup({
    envs: { dev: ['azure-keyvault: {vault: kv1}', 'aws-ssm: {path: /app/}'] },
    secret: secretUsing('DB_PASSWORD', 'API_KEY', 'OTHER_KEY'),
    data: { '/app/': { 'db-password': `${SENTINEL}-aws` }, kv1: { 'api-key': `${SENTINEL}-az`, 'other-key': `${SENTINEL}-az2` } },
  });
  const r = await t.run(['check', 'dev', '--verbose']);
  assert.is(r.code, 0, r.stderr);
  noSentinel(r, 'check --verbose');
  const lines = r.stderr.split('\n');
  const aws = lines.find((l) => l.trimStart().startsWith('store aws-ssm /app/:'));
  const az = lines.find((l) => l.trimStart().startsWith('store azure-keyvault kv1:'));
  assert.ok(aws, `no "store aws-ssm /app/:" line in:\n${r.stderr}`);
  assert.ok(az, `no "store azure-keyvault kv1:" line in:\n${r.stderr}`);
  assert.match(aws!, /\b1\b/, 'one call');
  assert.match(aws!, /\d+\s*ms\b/);
  assert.match(aws!, /DB_PASSWORD/);
  assert.match(az!, /\b2\b/, 'two calls');
  assert.match(az!, /\d+\s*ms\b/);
  assert.match(az!, /API_KEY/);
  assert.match(az!, /OTHER_KEY/);
});

// ---------------------------------------------------------------------------
// Config errors

const badConfigs: { title: string; source: string; names: string[] }[] = [
  { title: 'an entry with two store keys', source: 'aws-ssm: {path: /app/}\nvault: {path: secret/app}', names: ['aws-ssm', 'vault'] },
  { title: 'an unknown store key', source: 'aws-secrets-manager: {name: app}', names: ['aws-secrets-manager'] },
  { title: 'timeout: 0', source: 'vault: {path: secret/app}\ntimeout: 0', names: ['timeout'] },
  { title: 'a negative timeout', source: 'vault: {path: secret/app}\ntimeout: -5', names: ['timeout'] },
  { title: 'a timeout that is not an integer', source: 'vault: {path: secret/app}\ntimeout: 1.5', names: ['timeout'] },
  { title: 'aws-ssm without path', source: 'aws-ssm: {region: eu-west-1}', names: ['aws-ssm', 'path'] },
];

for (const b of badConfigs) {
  test(`config error: ${b.title} -> exit 2, naming the key; no store is asked`, async () => {
    const t = setup({ envs: { dev: [b.source] }, data: { 'db-password': 'x' } });
    const r = await t.run(['check', 'dev', '--format', 'json']);
    assert.is(r.code, 2, r.stderr);
    const messages = diags(r).map((d) => d.message).join('\n');
    for (const name of b.names) assert.ok(messages.includes(name), `the error should name ${name}: ${messages || r.stderr}`);
    assert.equal(t.calls(), []);
  });
}

// ---------------------------------------------------------------------------
// Review findings: names, odd answers, redaction of other sources, one call per argv

test('kebab case keeps digits with their word: K8S_TOKEN -> k8s-token, OAUTH2_CLIENT_ID -> oauth2-client-id, camelCase split', async () => {
  const { kebabCase } = await import('../src/io/stores/index.js');
  assert.is(kebabCase('K8S_TOKEN'), 'k8s-token');
  assert.is(kebabCase('OAUTH2_CLIENT_ID'), 'oauth2-client-id');
  assert.is(kebabCase('ANTHROPIC_API_KEY'), 'anthropic-api-key');
  assert.is(kebabCase('dbPassword'), 'db-password');
  assert.is(kebabCase('_X__Y_'), 'x-y');
});

test('a store that fails quoting another source\'s value on stderr: the value is hidden', async () => {
  const script = `#!/usr/bin/env bash\necho "config error near: V_FILE=$V_FILE_SEEN" >&2\nexit 3\n`;
  const t = setup({
    envs: { dev: { sources: ['command: [./fail.sh]'], more: 'envFiles: [dev.env]' } },
    secret: secretUsing('DB_PASSWORD', 'V_FILE'),
    extra: { 'fail.sh': script, 'dev.env': `V_FILE=${SENTINEL}-file\n` },
  });
  const r = await t.run(['check', 'dev', '--github'], { V_FILE_SEEN: `${SENTINEL}-file` });
  assert.is(r.code, 2);
  expectStoreError(r, 'store-failed', ['command ./fail.sh', 'config error near: V_FILE=***']);
  // Masks may be announced on the failure path too; nothing else holds the value.
  noSentinel({ ...r, stderr: r.stderr.replace(/^::add-mask::.*\n/gm, '') }, 'check');
});

test('one call per argv: the same source spelled with its keys in another order is asked once', async () => {
  const t = setup({ envs: { dev: ['aws-ssm: {path: /app/, region: r1}'], staging: ['aws-ssm: {region: r1, path: /app/}'] }, data: { 'db-password': `${SENTINEL}-aws` } });
  const r = await t.run(['render', 'dev', 'staging']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(t.calls(), [AWS_CALL('/app/', 'r1')]);
});

const ODD: { title: string; script: string; code: string; part: string }[] = [
  { title: 'killed by a signal', script: '#!/usr/bin/env bash\necho "about to crash" >&2\nkill -SEGV $$\n', code: 'store-failed', part: 'killed by SIGSEGV: about to crash' },
  { title: 'an answer that is not UTF-8', script: "#!/usr/bin/env bash\nprintf 'DB_PASSWORD=\\xff\\xfeAB\\x80\\n'\n", code: 'store-malformed', part: 'not UTF-8 text' },
  { title: 'an answer larger than 16 MiB', script: '#!/usr/bin/env bash\nhead -c 20000000 /dev/zero | tr "\\\\0" a\n', code: 'store-malformed', part: 'more than 16 MiB' },
];
for (const o of ODD) {
  test(`a store ${o.title}: exit 2, ${o.code}, no internal error`, async () => {
    const t = setup({ envs: { dev: ['command: [./odd.sh]'] }, extra: { 'odd.sh': o.script } });
    const r = await t.run(['check', 'dev']);
    assert.is(r.code, 2, r.stderr);
    expectStoreError(r, o.code, ['command ./odd.sh', o.part]);
    assert.not.match(r.stderr, /internal error/);
  });
}

test('a new user: sources [{aws-ssm: {path: /app/}}], an authenticated aws, and the built kustenv renders staging and prod', () => {
  const t = setup({ envs: { staging: ['aws-ssm: {path: /app/}'], prod: ['aws-ssm: {path: /app/}'] }, data: { 'db-password': `${SENTINEL}-Strong-Prod-Value-9x` } });
  const r = cliProcess(['render', 'staging', 'prod'], { cwd: t.dir, env: t.env() });
  assert.is(r.code, 0, r.stderr);
  for (const env of ['staging', 'prod']) assert.equal(patchValues(t.dir, env), { DB_PASSWORD: `${SENTINEL}-Strong-Prod-Value-9x` });
  assert.equal(t.calls(), [AWS_CALL('/app/')]);
  noSentinel(r, 'render');
});

test.run();
