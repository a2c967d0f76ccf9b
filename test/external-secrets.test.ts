import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { cli, cliProcess, haveKubectl, type CliRun } from './helpers/cli.js';

// Without kubectl these cases are reported as skipped, never as passed.
const withKubectl = haveKubectl() ? test : test.skip;
import { standins } from './helpers/standins.js';
import { STORE_CLIS } from './helpers/store-standins.js';
import { KUBECTL_GET, liveObject } from './helpers/kubectl-get-standin.js';
import { tempdir, testdir } from './helpers/testdir.js';
import { validateExternalSecrets } from '../src/io/eso-schema.js';
import { parseConfig } from '../src/pipeline/parse-config.js';
import { parseTemplates } from '../src/pipeline/parse-templates.js';
import { goString, planExternalSecrets, type EsoPlan } from '../src/pipeline/external-secrets.js';
import type { Diagnostic, EnvironmentConfig } from '../src/types.js';

// The External Secrets Operator stage (environments with output:
// external-secrets): cases in test/cases/external-secrets.json, each a set of
// templates and one environment's kustenv.yaml options, with the expected
// ExternalSecrets or errors.

interface Case {
  title: string;
  templates: Record<string, string>;
  config: string;
  writeOnly?: string[];
  /** Every ExternalSecret, exactly, in order. */
  expect?: Record<string, unknown>[];
  /** ExternalSecret name -> its spec.data. */
  expectData?: Record<string, unknown[]>;
  /** ExternalSecret name -> its spec.target.template.data. */
  expectTemplate?: Record<string, Record<string, string>>;
  secretVariables?: string[];
  errors?: Partial<Diagnostic>[];
}

const CASES: Case[] = JSON.parse(fs.readFileSync(new URL('./cases/external-secrets.json', import.meta.url), 'utf8'));

/** The stage on one case: templates parsed, the environment read from kustenv.yaml text as `prod`. */
function plan(c: Pick<Case, 'templates' | 'config' | 'writeOnly'>): EsoPlan {
  const parsed = parseTemplates(Object.entries(c.templates).map(([file, text]) => ({ file, text })));
  assert.equal(parsed.diagnostics, [], 'the templates parse');
  const text = `environments:\n  prod:\n${c.config.replace(/\n$/, '').split('\n').map((l) => `    ${l}`).join('\n')}\n`;
  const cfg = parseConfig(text, 'kustenv.yaml');
  assert.equal(cfg.errors, [], 'the config parses');
  const raw = cfg.config.environments!.prod;
  const env: EnvironmentConfig = {
    name: 'prod',
    overlayDir: '/nowhere/overlays/prod',
    envFiles: [],
    production: true,
    missing: 'error',
    sources: raw.sources ?? [],
    generatedFile: '/nowhere/g.env',
    output: raw.output,
    externalSecrets: raw.externalSecrets,
  };
  return planExternalSecrets({ env, documents: parsed.documents, writeOnly: new Set(c.writeOnly ?? []), configFile: 'kustenv.yaml', templates: Object.keys(c.templates) });
}

const byName = (p: EsoPlan) => new Map(p.externalSecrets.map((es) => [(es.metadata as { name: string }).name, es as { spec: { data: unknown[]; target: { template: { data: Record<string, string> } } } }]));

/** Every ExternalSecret any case produced, for the CRD checks. */
const produced: Record<string, unknown>[] = [];

for (const c of CASES) {
  test(`stage: ${c.title}`, () => {
    const p = plan(c);
    const errors = p.diagnostics.filter((d) => d.severity === 'error');
    if (c.errors) {
      for (const want of c.errors) {
        const found = errors.find((d) => Object.entries(want).every(([k, v]) => d[k as keyof Diagnostic] === v));
        assert.ok(found, `no error like ${JSON.stringify(want)}; got ${JSON.stringify(errors)}`);
        assert.is(found!.env, 'prod');
      }
      assert.is(errors.length, c.errors.length, JSON.stringify(errors));
      return;
    }
    assert.equal(errors, [], 'no error');
    produced.push(...p.externalSecrets);
    if (c.expect) assert.equal(p.externalSecrets, c.expect);
    for (const [name, data] of Object.entries(c.expectData ?? {})) assert.equal(byName(p).get(name)?.spec.data, data, name);
    for (const [name, data] of Object.entries(c.expectTemplate ?? {})) assert.equal(byName(p).get(name)?.spec.target.template.data, data, name);
    if (c.secretVariables) assert.equal(p.secretVariables.sort(), [...c.secretVariables].sort());
    // The written manifests read back as the objects, exactly.
    const manifests = p.files.find((f) => f.name === 'external-secrets.yaml');
    if (p.externalSecrets.length) assert.equal(parseAllDocuments(manifests!.text).map((d) => d.toJS()), p.externalSecrets);
    else assert.equal(p.files, []);
  });
}

test('every generated ExternalSecret is valid against the CRD schema of both apiVersions; an unknown field is refused', async () => {
  assert.ok(produced.length >= 10, `the cases produced ${produced.length} ExternalSecrets`);
  for (const apiVersion of ['external-secrets.io/v1', 'external-secrets.io/v1beta1']) {
    const objects = produced.map((o) => ({ ...o, apiVersion }));
    assert.equal(await validateExternalSecrets(objects, { env: 'prod' }), [], apiVersion);
    const bad = structuredClone(objects[0]) as { spec: { target: Record<string, unknown> } };
    bad.spec.target.creationPolicy2 = 'Owner';
    const d = await validateExternalSecrets([bad as unknown as Record<string, unknown>], { env: 'prod' });
    assert.is(d.length, 1, JSON.stringify(d));
    assert.match(d[0].message, /spec\/target\/creationPolicy2/);
    const badEnum = structuredClone(objects[0]) as { spec: { target: Record<string, unknown> } };
    badEnum.spec.target.creationPolicy = 'Sometimes';
    assert.ok((await validateExternalSecrets([badEnum as unknown as Record<string, unknown>], { env: 'prod' })).length > 0, 'an enum outside the CRD is refused');
  }
});

test('the vendored CRD schemas name their source and commit', () => {
  for (const v of ['v1', 'v1beta1']) {
    const schema = JSON.parse(fs.readFileSync(new URL(`../schemas/eso/externalsecret.${v}.schema.json`, import.meta.url), 'utf8'));
    assert.match(schema.$comment, /external-secrets\/external-secrets config\/crds\/bases\/external-secrets\.io_externalsecrets\.yaml at commit [0-9a-f]{40}/);
    assert.is(schema.properties.spec.additionalProperties, false);
  }
});

test('the Component: kind Component, the manifests as resource, one inline patch per Secret, each holding only its $patch: delete', () => {
  const p = plan({
    templates: {
      'base/a.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: a, namespace: ns}\nstringData:\n  K: ${A}\n',
      'base/b.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: b}\nstringData:\n  K: ${B}\n',
    },
    config: 'output: external-secrets\nexternalSecrets: {store: {name: s}}\nsources:\n  - vault: {path: secret/app}\n',
  });
  const k = p.files.find((f) => f.name === 'kustomization.yaml')!;
  assert.match(k.text, /^# Generated by kustenv \(External Secrets Operator output\) for environment "prod"/);
  assert.match(k.text, /holds no secret value/);
  const doc = parseAllDocuments(k.text).map((d) => d.toJS());
  assert.is(doc.length, 1);
  assert.equal(doc[0].kind, 'Component');
  assert.equal(doc[0].resources, ['external-secrets.yaml']);
  assert.is(doc[0].patches.length, 2);
  const patches = doc[0].patches.map((e: { patch: string }) => parseAllDocuments(e.patch).map((d) => d.toJS()));
  assert.equal(patches, [
    [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a', namespace: 'ns' }, $patch: 'delete' }],
    [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'b' }, $patch: 'delete' }],
  ]);
  assert.equal(p.fallback, { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', name: 'a', namespace: 'ns' });
  assert.equal(p.secretDocuments.map((d) => d.identity.name), ['a', 'b']);
});

test('goString: a Go interpreted string literal for any text', () => {
  assert.is(goString('a"b\\c\n\r\t\u0001\u007fé{{'), '"a\\"b\\\\c\\n\\r\\t\\x01\\x7fé{{"');
});

test('no secret value can reach the output: the plan holds names and store references only', () => {
  const p = plan(CASES[0]);
  const text = p.files.map((f) => f.text).join('\n');
  assert.not.match(text, /sk-ant/);
  assert.match(text, /property: anthropic/);
});

// ---------------------------------------------------------------------------
// Through the CLI: render and check in ESO mode, with the store stand-ins recording calls

const SENTINEL = 'S3CR3T-SENTINEL';

/** One `sources` list for both environments: dev reads the stores, prod (ESO) only names them. */
const SOURCES = `    sources:
      - aws-secrets-manager: {secret: app/production/api-keys}
        map: {ANTHROPIC_API_KEY: anthropic}
      - vault: {path: secret/app/auth}
        map: {AUTH_SECRET: auth}
        store: {name: vault, kind: ClusterSecretStore}
`;
const KUSTENV_YAML = `environments:
  dev:
${SOURCES}  prod:
    output: external-secrets
    externalSecrets:
      store: {name: aws-secrets-manager, kind: ClusterSecretStore}
    envFiles: [overlays/prod/prod.env]
${SOURCES}`;

function esoProject(opts: { listed?: boolean } = {}) {
  const dir = testdir(
    {
      'kustenv.yaml': KUSTENV_YAML,
      'base/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-keys\n  labels: {app: aragora}\ntype: Opaque\nstringData:\n  ANTHROPIC_API_KEY: ${ANTHROPIC_API_KEY}\n  AUTH_SECRET: ${AUTH_SECRET}\n  MODE: "{${ANTHROPIC_API_KEY}}"\n',
      'base/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  LOG_LEVEL: ${LOG_LEVEL}\n',
      'base/kustomization.yaml': 'resources: [secret.yaml, configmap.yaml]\n',
      'overlays/dev/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: kustenv.patch.yaml\n',
      'overlays/prod/kustomization.yaml': `resources: [../../base]\n${opts.listed === false ? '' : 'components:\n  - kustenv-external-secrets\n'}patches:\n  - path: kustenv.patch.yaml\n`,
      'overlays/prod/prod.env': 'LOG_LEVEL=warn\n',
    },
    { gitignore: 'kustenv.patch.yaml\n' },
  );
  const bin = standins(STORE_CLIS);
  const work = tempdir('kustenv-eso-');
  const data = path.join(work, 'data.json');
  fs.writeFileSync(data, JSON.stringify({ 'app/production/api-keys': { anthropic: `${SENTINEL}-ant` }, 'secret/app/auth': { auth: `${SENTINEL}-auth` } }));
  const log = path.join(work, 'calls.log');
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ PATH: `${bin}:${process.env.PATH}`, STANDIN_DATA: data, STANDIN_LOG: log, STANDIN_NODE: process.execPath, LOG_LEVEL: 'info', ...extra });
  return {
    dir,
    env,
    calls: (): string[] => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
    run: (args: string[], extra: Record<string, string> = {}) => cli(args, { cwd: dir, env: env(extra) }),
    read: (f: string) => fs.readFileSync(path.join(dir, f), 'utf8'),
  };
}

function diagnosticsOf(r: CliRun): Diagnostic[] {
  return JSON.parse(r.stdout).diagnostics as Diagnostic[];
}

test('render prod in ESO mode asks no store; writes the Component and a patch with the ConfigMap only; no value anywhere', () => {
  const t = esoProject();
  const r = cliProcess(['render', 'prod'], { cwd: t.dir, env: t.env() });
  assert.is(r.code, 0, r.stderr);
  assert.equal(t.calls(), [], 'no store is asked in ESO mode');
  assert.not.ok((r.stdout + r.stderr).includes(SENTINEL));
  const component = ['external-secrets.yaml', 'kustomization.yaml'].map((f) => t.read(`overlays/prod/kustenv-external-secrets/${f}`));
  for (const text of component) assert.not.ok(text.includes(SENTINEL), 'the Component holds no value');
  const es = parseAllDocuments(component[0]).map((d) => d.toJS());
  assert.equal(es.map((o) => [o.metadata.name, o.spec.secretStoreRef.name, o.spec.target.creationPolicy]), [
    ['api-keys-aws-secrets-manager', 'aws-secrets-manager', 'Owner'],
    ['api-keys-vault', 'vault', 'Merge'],
  ]);
  assert.equal(es[0].spec.target.template.data, { ANTHROPIC_API_KEY: '{{ .ANTHROPIC_API_KEY }}', MODE: '{{ "{" }}{{ .ANTHROPIC_API_KEY }}{{ "}" }}' });
  const patch = parseAllDocuments(t.read('overlays/prod/kustenv.patch.yaml')).map((d) => d.toJS());
  assert.equal(patch, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { LOG_LEVEL: 'info' } }]);
});

test('diff prod in ESO mode shows the ExternalSecret manifests in clear (names, not values); after render, no change', async () => {
  const t = esoProject();
  const r = await t.run(['diff', 'prod']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /\+\+\+ overlays\/prod\/kustenv-external-secrets\/external-secrets\.yaml/);
  assert.match(r.stdout, /\+  name: api-keys-aws-secrets-manager/);
  assert.match(r.stdout, /\+\s+ANTHROPIC_API_KEY: "\{\{ \.ANTHROPIC_API_KEY \}\}"/);
  assert.not.ok((r.stdout + r.stderr).includes(SENTINEL));
  assert.is((await t.run(['render', 'prod'])).code, 0);
  const again = await t.run(['diff', 'prod', '--exit-code']);
  assert.is(again.code, 0, again.stdout);
  assert.not.match(again.stdout, /kustenv-external-secrets/);
});

test('render dev prod: dev asks the stores for its Secret, prod asks none', async () => {
  const t = esoProject();
  const r = await t.run(['render', 'dev', 'prod']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(t.calls().sort(), ['aws secretsmanager get-secret-value --secret-id app/production/api-keys --query SecretString --output json', 'vault kv get -format=json secret/app/auth']);
  assert.ok(t.read('overlays/dev/kustenv.patch.yaml').includes(`${SENTINEL}-ant`));
  assert.not.ok(t.read('overlays/prod/kustenv-external-secrets/external-secrets.yaml').includes(SENTINEL));
});

test('check prod: the overlay must list the Component, with the line to add; nothing is written', async () => {
  const t = esoProject({ listed: false });
  const r = await t.run(['render', 'prod', '--format', 'json']);
  assert.is(r.code, 1, r.stderr);
  const d = diagnosticsOf(r).find((x) => x.code === 'eso-component-unlisted');
  assert.ok(d, r.stdout);
  assert.match(d!.message, /components:\n  - kustenv-external-secrets/);
  assert.not.ok(fs.existsSync(path.join(t.dir, 'overlays/prod/kustenv-external-secrets')));
  assert.equal(t.calls(), []);
});

test('check prod: --set of a Secret variable warns that the value is not used; a ConfigMap variable with no value is an error naming it', async () => {
  const t = esoProject();
  const r = await t.run(['check', 'prod', '--format', 'json', '--set', `ANTHROPIC_API_KEY=${SENTINEL}-set`]);
  assert.is(r.code, 0, r.stdout);
  assert.ok(diagnosticsOf(r).some((d) => d.code === 'eso-value-unused' && d.variable === 'ANTHROPIC_API_KEY'), r.stdout);
  assert.not.ok(r.stdout.includes(SENTINEL));
  fs.writeFileSync(path.join(t.dir, 'overlays/prod/prod.env'), '');
  const none = await cli(['check', 'prod', '--format', 'json'], { cwd: t.dir, env: { PATH: t.env().PATH } });
  assert.is(none.code, 1, none.stdout);
  assert.ok(diagnosticsOf(none).some((d) => d.variable === 'LOG_LEVEL' && d.severity === 'error'), none.stdout);
  assert.equal(t.calls(), []);
});

withKubectl('the built prod overlay through the real kubectl kustomize: ExternalSecrets present, the base Secret gone, the ConfigMap rendered', () => {
  const t = esoProject();
  const r = cliProcess(['render', 'prod'], { cwd: t.dir, env: t.env() });
  assert.is(r.code, 0, r.stderr);
  const built = spawnSync('kubectl', ['kustomize', path.join(t.dir, 'overlays/prod')], { encoding: 'utf8' });
  assert.is(built.status, 0, built.stderr);
  const objects = parseAllDocuments(built.stdout).map((d) => d.toJS());
  assert.equal(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort(), ['ConfigMap/cfg', 'ExternalSecret/api-keys-aws-secrets-manager', 'ExternalSecret/api-keys-vault']);
  assert.equal(objects.find((o) => o.kind === 'ConfigMap').data, { LOG_LEVEL: 'info' });
  assert.not.match(built.stdout, /\$\{/, 'no placeholder left');
});

withKubectl('only Secrets in the templates: the patch file is the no-op identity of the first ExternalSecret, and the overlay builds', () => {
  const t = esoProject();
  fs.rmSync(path.join(t.dir, 'base/configmap.yaml'));
  fs.writeFileSync(path.join(t.dir, 'base/kustomization.yaml'), 'resources: [secret.yaml]\n');
  const r = cliProcess(['render', 'prod'], { cwd: t.dir, env: t.env() });
  assert.is(r.code, 0, r.stderr);
  const patch = parseAllDocuments(t.read('overlays/prod/kustenv.patch.yaml')).map((d) => d.toJS());
  assert.equal(patch, [{ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'api-keys-aws-secrets-manager' } }]);
  const built = spawnSync('kubectl', ['kustomize', path.join(t.dir, 'overlays/prod')], { encoding: 'utf8' });
  assert.is(built.status, 0, built.stderr);
  assert.equal(parseAllDocuments(built.stdout).map((d) => d.toJS().kind), ['ExternalSecret', 'ExternalSecret']);
});

// ---------------------------------------------------------------------------
// verify in ESO mode: kubectl get stand-in answering ExternalSecrets and their Secrets

function externalSecretJson(name: string, ready: { status: string; reason: string } | null): string {
  const object = {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name, namespace: 'default', creationTimestamp: '2026-11-01T10:00:00Z', resourceVersion: '1234', uid: 'b0c6a3a2-4f1e-4a53-9b1e-0c1d2e3f4a5b' },
    spec: {},
    status: {
      refreshTime: '2026-11-30T10:00:00Z',
      syncedResourceVersion: '1-0123456789abcdef',
      conditions: ready ? [{ type: 'Ready', status: ready.status, reason: ready.reason, message: ready.status === 'True' ? 'secret synced' : 'could not get secret data from provider', lastTransitionTime: '2026-11-30T10:00:00Z' }] : [],
    },
  };
  return `${JSON.stringify(object, null, 4)}\n`;
}

function verifyRun(t: ReturnType<typeof esoProject>, files: Record<string, string>) {
  const live = tempdir('kustenv-eso-live-');
  for (const [f, json] of Object.entries(files)) fs.writeFileSync(path.join(live, f), json);
  const kbin = standins({ kubectl: KUBECTL_GET });
  const real = spawnSync('bash', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).stdout.trim();
  const log = path.join(live, 'argv.log');
  const r = cliProcess(['verify', 'prod', '--format', 'json'], { cwd: t.dir, env: { ...t.env(), PATH: `${kbin}:${t.env().PATH}`, REAL_KUBECTL: real, LIVE_DIR: live, STANDIN_LOG: log } });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trimEnd().split('\n').map((l) => l.split('\t').join(' ')) : [];
  return { r, calls };
}

withKubectl('verify prod (ESO): each ExternalSecret read; not Ready with its reason; target Secret keys compared with the template keys, never values', () => {
  const t = esoProject();
  assert.is(cliProcess(['render', 'prod'], { cwd: t.dir, env: t.env() }).code, 0);
  const secret = liveObject({ kind: 'Secret', name: 'api-keys', data: { ANTHROPIC_API_KEY: `${SENTINEL}-live`, MODE: `{${SENTINEL}-live}`, EXTRA: `${SENTINEL}-x` } });
  const cm = liveObject({ kind: 'ConfigMap', name: 'cfg', data: { LOG_LEVEL: 'info' } });
  const { r, calls } = verifyRun(t, {
    'externalsecret-_-api-keys-aws-secrets-manager.json': externalSecretJson('api-keys-aws-secrets-manager', { status: 'True', reason: 'SecretSynced' }),
    'externalsecret-_-api-keys-vault.json': externalSecretJson('api-keys-vault', { status: 'False', reason: 'SecretSyncedError' }),
    [secret.file]: secret.json,
    [cm.file]: cm.json,
  });
  assert.is(r.code, 1, r.stdout + r.stderr);
  assert.not.ok((r.stdout + r.stderr).includes(SENTINEL), 'no value in the report');
  const d = (JSON.parse(r.stdout).diagnostics as Diagnostic[]).map((x) => `${x.severity} ${x.code} ${x.message}`);
  assert.ok(d.some((x) => x.startsWith('error live-externalsecret-not-ready ExternalSecret api-keys-vault') && x.includes('SecretSyncedError')), d.join('\n'));
  assert.not.ok(d.some((x) => x.includes('api-keys-aws-secrets-manager is not')), d.join('\n'));
  assert.ok(d.includes('error live-key-missing Secret api-keys: key AUTH_SECRET is in the ESO template but not in the cluster'), d.join('\n'));
  assert.ok(d.includes('warning live-key-extra Secret api-keys: key EXTRA is in the cluster but not in the ESO template'), d.join('\n'));
  assert.equal(calls, [
    'get configmap --output json -- cfg',
    'get externalsecret --output json -- api-keys-aws-secrets-manager',
    'get externalsecret --output json -- api-keys-vault',
    'get secret --output json -- api-keys',
  ]);
  assert.equal(t.calls().filter((c) => /^(aws|vault) /.test(c)), [], 'no store is asked');
});

withKubectl('verify prod (ESO): a missing ExternalSecret is reported missing; all Ready and keys matching is exit 0', () => {
  const t = esoProject();
  assert.is(cliProcess(['render', 'prod'], { cwd: t.dir, env: t.env() }).code, 0);
  const secret = liveObject({ kind: 'Secret', name: 'api-keys', data: { ANTHROPIC_API_KEY: 'a', MODE: 'b', AUTH_SECRET: 'c' } });
  const cm = liveObject({ kind: 'ConfigMap', name: 'cfg', data: { LOG_LEVEL: 'info' } });
  const ok = verifyRun(t, {
    'externalsecret-_-api-keys-aws-secrets-manager.json': externalSecretJson('api-keys-aws-secrets-manager', { status: 'True', reason: 'SecretSynced' }),
    'externalsecret-_-api-keys-vault.json': externalSecretJson('api-keys-vault', { status: 'True', reason: 'SecretSynced' }),
    [secret.file]: secret.json,
    [cm.file]: cm.json,
  });
  assert.is(ok.r.code, 0, ok.r.stdout + ok.r.stderr);
  const missing = verifyRun(t, { [secret.file]: secret.json, [cm.file]: cm.json, 'externalsecret-_-api-keys-vault.json': externalSecretJson('api-keys-vault', null) });
  assert.is(missing.r.code, 1);
  const d = (JSON.parse(missing.r.stdout).diagnostics as Diagnostic[]).map((x) => `${x.code} ${x.message}`);
  assert.ok(d.includes('live-externalsecret-missing ExternalSecret api-keys-aws-secrets-manager is not in the cluster'), d.join('\n'));
  assert.ok(d.includes('live-externalsecret-not-ready ExternalSecret api-keys-vault is not Ready (no Ready condition)'), d.join('\n'));
});

test.run();
