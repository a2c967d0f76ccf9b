import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Out } from '../src/cli/report.js';
import { reportVerify } from '../src/cli/report.js';
import { verifySummary } from '../src/cli/reporters/markdown.js';
import { verify, type VerifyOptions, type VerifyResult } from '../src/commands/verify.js';
import { cli, haveKubectl } from './helpers/cli.js';
import { KUBECTL_GET, liveObject, type LiveObjectFixture } from './helpers/kubectl-get-standin.js';
import { standins } from './helpers/standins.js';
import { project, tempdir } from './helpers/testdir.js';

// The secret every test renders. It, its base64 and its sha256 may never show
// in a report, a diagnostic or the result's JSON.
const SENTINEL = 'S3CR3T-SENTINEL-9f2c';
const OTHER = 'S3CR3T-LIVE-OTHER-4d1e';
const forms = (v: string) => [v, Buffer.from(v).toString('base64'), createHash('sha256').update(v).digest('hex')];
const FORBIDDEN = [...forms(SENTINEL), ...forms(OTHER)];

const SECRET = [
  'apiVersion: v1',
  'kind: Secret',
  'metadata:',
  '  name: app',
  '  namespace: shop',
  'data:',
  `  STATIC: ${Buffer.from('static-value').toString('base64')}`,
  'stringData:',
  '  TOKEN: ${TOKEN}',
  '  USER: app-user',
  '',
].join('\n');

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY);

/** The cluster when it holds exactly what dev renders. */
function inSync(over: { secret?: Partial<LiveObjectFixture>; configmap?: Partial<LiveObjectFixture> } = {}): LiveObjectFixture[] {
  return [
    { kind: 'Secret', name: 'app', namespace: 'shop', data: { STATIC: 'static-value', TOKEN: SENTINEL, USER: 'app-user' }, ...over.secret },
    { kind: 'ConfigMap', name: 'cfg', data: { LEVEL: 'info' }, ...over.configmap },
  ];
}

const kubectlHere = haveKubectl();
const which = (tool: string) => spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
const REAL_KUBECTL = which('kubectl');
const BIN = standins({ kubectl: KUBECTL_GET });

interface Run {
  result: VerifyResult;
  /** Each `kubectl get` the stand-in answered (or refused), as its argv. */
  calls: string[][];
}

/** verify() with the stand-in first on PATH, answering from `objects`. The process environment is restored after. */
async function run(
  dir: string,
  objects: LiveObjectFixture[],
  opts: { env?: string; options?: VerifyOptions; tail?: string[]; fail?: string; values?: Record<string, string>; path?: string } = {},
): Promise<Run> {
  const live = tempdir('kustenv-live-');
  for (const o of objects) {
    const { file, json } = liveObject(o);
    fs.writeFileSync(path.join(live, file), json);
  }
  const log = path.join(live, 'argv.log');
  const vars: Record<string, string | undefined> = {
    PATH: opts.path ?? `${BIN}:${process.env.PATH}`,
    REAL_KUBECTL,
    LIVE_DIR: live,
    STANDIN_LOG: log,
    STANDIN_TAIL: (opts.tail ?? []).join('\n'),
    STANDIN_FAIL: opts.fail,
  };
  // The run's environment reaches kubectl (the stand-in), as it would on a real machine.
  const env = Object.fromEntries(Object.entries({ ...vars, ...(opts.values ?? { TOKEN: SENTINEL }) }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
  const result = await verify(opts.env ?? 'dev', { cwd: dir, env, ...opts.options });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trimEnd().split('\n').map((l) => l.split('\t')) : [];
  return { result, calls };
}

const codes = (r: VerifyResult) => r.diagnostics.map((d) => `${d.severity} ${d.code}`);
const keyStates = (r: VerifyResult) => Object.fromEntries(r.objects.map((o) => [`${o.kind} ${o.name}`, o.keys.map((k) => `${k.key}=${k.state}${k.placeholder ? '+placeholder' : ''}`)]));

/** An Out that keeps what is printed. */
function collect(format: Out['format'] = 'text', quiet = false) {
  const text = { stdout: '', stderr: '' };
  const out: Out = { stdout: (t) => (text.stdout += t), stderr: (t) => (text.stderr += t), paint: (s) => s, quiet, verbose: false, format };
  return { out, text };
}

function assertNoLeak(result: VerifyResult, where: string) {
  const text = collect('text');
  reportVerify(text.out, result);
  const json = collect('json');
  reportVerify(json.out, result);
  const places: Record<string, string> = {
    'text stdout': text.text.stdout,
    'text stderr': text.text.stderr,
    'json stdout': json.text.stdout,
    'json stderr': json.text.stderr,
    'step summary': verifySummary(result),
    'JSON.stringify(result)': JSON.stringify(result),
    'JSON.stringify(diagnostics)': JSON.stringify(result.diagnostics),
    'diagnostic messages': result.diagnostics.map((d) => d.message).join('\n'),
  };
  for (const [place, content] of Object.entries(places)) {
    for (const f of FORBIDDEN) assert.not.ok(content.includes(f), `${where}: ${place} holds a value (or its base64 or sha256)`);
  }
}

if (kubectlHere) {
  test('verify: everything in sync is exit 0, every key in sync, objects sorted, each kubectl get with its exact argv', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    const { result, calls } = await run(dir, inSync());
    assert.is(result.status, 0, JSON.stringify(result.diagnostics));
    assert.equal(result.diagnostics, []);
    assert.is(result.environment, 'dev');
    assert.is(result.root, dir);
    assert.equal(
      result.objects.map((o) => [o.kind, o.namespace, o.name, o.found]),
      [
        ['ConfigMap', undefined, 'cfg', true],
        ['Secret', 'shop', 'app', true],
      ],
    );
    assert.equal(keyStates(result), { 'ConfigMap cfg': ['LEVEL=in-sync'], 'Secret app': ['STATIC=in-sync', 'TOKEN=in-sync', 'USER=in-sync'] });
    assert.equal(result.summary, { objects: 2, missingObjects: 0, missingKeys: 0, different: 0, extra: 0, placeholders: 0, old: 0 });
    assert.equal(calls, [
      ['get', 'configmap', '--output', 'json', '--', 'cfg'],
      ['get', 'secret', '--namespace', 'shop', '--output', 'json', '--', 'app'],
    ]);
    assert.not.ok(fs.existsSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml')), 'verify renders in memory and writes nothing');
    assert.ok(result.secrets?.holds(SENTINEL), 'the secret values are in the run\'s SecretSet, for ::add-mask::');
    assert.not.ok(Object.keys(result).includes('secrets'), 'secrets is not enumerable');
    assertNoLeak(result, 'in sync');
  });

  test('verify: one key different is exit 1 with live-key-different naming object and key, never a value', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    const { result } = await run(dir, inSync({ secret: { data: { STATIC: 'static-value', TOKEN: OTHER, USER: 'app-user' } } }));
    assert.is(result.status, 1);
    assert.equal(codes(result), ['error live-key-different']);
    const d = result.diagnostics[0];
    assert.is(d.message, 'Secret shop/app: key TOKEN differs between the build and the cluster');
    assert.is(d.file, 'overlays/dev');
    assert.is(d.env, 'dev');
    assert.equal(keyStates(result)['Secret app'], ['STATIC=in-sync', 'TOKEN=different', 'USER=in-sync']);
    assert.is(result.summary.different, 1);
    assertNoLeak(result, 'different');
  });

  test('verify: a Secret data value (base64 in the build) that differs is found; ConfigMap data is compared too', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    const { result } = await run(dir, inSync({ secret: { data: { STATIC: 'static-valuE', TOKEN: SENTINEL, USER: 'app-user' } }, configmap: { data: { LEVEL: 'debug' } } }));
    assert.is(result.status, 1);
    assert.equal(keyStates(result), { 'ConfigMap cfg': ['LEVEL=different'], 'Secret app': ['STATIC=different', 'TOKEN=in-sync', 'USER=in-sync'] });
  });

  test('verify: an object not in the cluster (NotFound) is exit 1, live-object-missing, found false', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    const { result, calls } = await run(dir, inSync().filter((o) => o.kind === 'Secret'));
    assert.is(result.status, 1);
    assert.equal(codes(result), ['error live-object-missing']);
    assert.is(result.diagnostics[0].message, 'ConfigMap cfg is not in the cluster');
    const cfg = result.objects.find((o) => o.kind === 'ConfigMap')!;
    assert.is(cfg.found, false);
    assert.equal(cfg.keys, []);
    assert.is(result.summary.missingObjects, 1);
    assert.is(calls.length, 2, 'the other object is still compared');
    assert.equal(keyStates(result)['Secret app'], ['STATIC=in-sync', 'TOKEN=in-sync', 'USER=in-sync']);
  });

  test('verify: a key the cluster lacks is exit 1, live-key-missing', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    const { result } = await run(dir, inSync({ secret: { data: { STATIC: 'static-value', TOKEN: SENTINEL } } }));
    assert.is(result.status, 1);
    assert.equal(codes(result), ['error live-key-missing']);
    assert.is(result.diagnostics[0].message, 'Secret shop/app: key USER is in the build but not in the cluster');
    assert.equal(keyStates(result)['Secret app'], ['STATIC=in-sync', 'TOKEN=in-sync', 'USER=missing']);
    assert.is(result.summary.missingKeys, 1);
  });

  test('verify: an extra key alone is exit 0 with a live-key-extra warning', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    const { result } = await run(dir, inSync({ secret: { data: { OLD_KEY: OTHER, STATIC: 'static-value', TOKEN: SENTINEL, USER: 'app-user' } } }));
    assert.is(result.status, 0);
    assert.equal(codes(result), ['warning live-key-extra']);
    assert.is(result.diagnostics[0].message, 'Secret shop/app: key OLD_KEY is in the cluster but not in the build');
    assert.equal(keyStates(result)['Secret app'], ['OLD_KEY=extra', 'STATIC=in-sync', 'TOKEN=in-sync', 'USER=in-sync']);
    assert.is(result.summary.extra, 1);
    assertNoLeak(result, 'extra');
  });

  test('verify: an object last written (newest managedFields time) more than rotateAfterDays ago is a warning with its age in days', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    // created 300 days ago, written 200 and 100.5 days ago: the newest write counts.
    const { result } = await run(dir, inSync({ secret: { created: daysAgo(300), writes: [daysAgo(200), daysAgo(100.5)] } }));
    assert.is(result.status, 0, 'old alone is not exit 1');
    assert.equal(codes(result), ['warning live-old']);
    assert.is(result.diagnostics[0].message, 'Secret shop/app was last written 100 days ago, more than rotateAfterDays (90)');
    const app = result.objects.find((o) => o.kind === 'Secret')!;
    assert.is(app.ageDays, 100);
    assert.is(app.old, true);
    const cfg = result.objects.find((o) => o.kind === 'ConfigMap')!;
    assert.is(cfg.ageDays, 1);
    assert.is(cfg.old, false);
    assert.is(result.summary.old, 1);
  });

  test('verify: without managedFields the creationTimestamp gives the age', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    const { result } = await run(dir, inSync({ configmap: { created: daysAgo(95.5), writes: [] } }));
    assert.is(result.status, 0);
    assert.equal(codes(result), ['warning live-old']);
    assert.is(result.diagnostics[0].message, 'ConfigMap cfg was last written 95 days ago, more than rotateAfterDays (90)');
    assert.is(result.objects.find((o) => o.kind === 'ConfigMap')!.ageDays, 95);
  });

  test('verify: rotateAfterDays from kustenv.yaml sets the limit', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET, config: 'rotateAfterDays: 365\n' });
    const { result } = await run(dir, inSync({ secret: { writes: [daysAgo(100.5)] } }));
    assert.is(result.status, 0);
    assert.equal(result.diagnostics, []);
    assert.is(result.objects.find((o) => o.kind === 'Secret')!.old, false);
  });

  test('verify: a placeholder-looking live value is an error in prod, naming object, key and rule but not the value; in dev it is not', async () => {
    const values = { TOKEN: SENTINEL };
    const fixtures = inSync({ secret: { data: { STATIC: 'static-value', TOKEN: 'TODO', USER: 'app-user' } } });
    const prodDir = project({ envs: ['dev', 'prod'], secret: SECRET });
    const prod = (await run(prodDir, fixtures, { env: 'prod', values })).result;
    assert.is(prod.status, 1);
    assert.equal(codes(prod), ['error live-key-different', 'error live-placeholder']);
    const d = prod.diagnostics.find((x) => x.code === 'live-placeholder')!;
    assert.match(d.message, /^Secret shop\/app: the cluster's value of key TOKEN looks like a placeholder .*: refused in a production environment/);
    assert.not.ok(d.message.includes('TODO'));
    assert.is(d.env, 'prod');
    assert.is(d.file, 'overlays/prod');
    assert.equal(keyStates(prod)['Secret app'], ['STATIC=in-sync', 'TOKEN=different+placeholder', 'USER=in-sync']);
    assert.is(prod.summary.placeholders, 1);

    const devDir = project({ envs: ['dev', 'prod'], secret: SECRET });
    const dev = (await run(devDir, fixtures, { env: 'dev', values })).result;
    assert.equal(codes(dev), ['error live-key-different']);
    assert.equal(keyStates(dev)['Secret app'], ['STATIC=in-sync', 'TOKEN=different', 'USER=in-sync']);
    assert.is(dev.summary.placeholders, 0);
  });

  test('verify: a placeholder-looking live value alone (in sync with a literal in the template) is exit 1 in prod', async () => {
    const configmap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  LEVEL: ${LEVEL:-info}\n  MODE: example\n';
    const dir = project({ envs: ['prod'], secret: SECRET, configmap });
    const { result } = await run(dir, inSync({ configmap: { data: { LEVEL: 'info', MODE: 'example' } } }), { env: 'prod' });
    assert.is(result.status, 1);
    assert.equal(codes(result), ['error live-placeholder']);
    assert.equal(keyStates(result)['ConfigMap cfg'], ['LEVEL=in-sync', 'MODE=in-sync+placeholder']);
  });

  test('verify: in prod, a placeholder-looking live value of an EXTRA key is an error too (a leftover LEGACY_TOKEN=dummy-...)', async () => {
    const dir = project({ envs: ['prod'], secret: SECRET });
    const values = { TOKEN: 'Zq8vN2kT5mRx9wLp4sYb7cHd3fJg6hKa' };
    const live = inSync({ secret: { data: { STATIC: 'static-value', TOKEN: values.TOKEN, USER: 'app-user', LEGACY_TOKEN: 'dummy-legacy' } } });
    const { result } = await run(dir, live, { env: 'prod', values });
    assert.is(result.status, 1, JSON.stringify(result.diagnostics));
    assert.equal(codes(result), ['warning live-key-extra', 'error live-placeholder']);
    assert.equal(keyStates(result)['Secret app'], ['LEGACY_TOKEN=extra+placeholder', 'STATIC=in-sync', 'TOKEN=in-sync', 'USER=in-sync']);
    assert.not.ok(JSON.stringify(result).includes('dummy-legacy'));
  });

  test('verify: -n gives the namespace of objects that name none; objects with their own keep it', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    const { result, calls } = await run(dir, inSync().map((o) => (o.kind === 'ConfigMap' ? { ...o, namespace: 'ops' } : o)), { options: { namespace: 'ops' } });
    assert.is(result.status, 0, JSON.stringify(result.diagnostics));
    assert.equal(calls, [
      ['get', 'configmap', '--namespace', 'ops', '--output', 'json', '--', 'cfg'],
      ['get', 'secret', '--namespace', 'shop', '--output', 'json', '--', 'app'],
    ]);
  });

  test('verify: a ConfigMap named like an option (--kubeconfig=...) is refused before kubectl runs', async () => {
    const configmap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: --kubeconfig=docs/kc.yaml\ndata:\n  LEVEL: ${LEVEL:-info}\n';
    const dir = project({ envs: ['dev'], secret: SECRET, configmap });
    const { result, calls } = await run(dir, inSync());
    assert.is(result.status, 1);
    assert.equal(codes(result), ['error invalid-name']);
    assert.equal(calls, [], 'kubectl never ran');
  });

  test('verify: --context, then the extra kubectl arguments, reach kubectl get in order', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    const tail = ['--context', 'kind-prod', '--request-timeout', '5s', '--kubeconfig', '/tmp/kc'];
    const options = { context: 'kind-prod', kubectlArgs: ['--request-timeout', '5s', '--kubeconfig', '/tmp/kc'] };
    const { result, calls } = await run(dir, inSync(), { tail, options });
    assert.is(result.status, 0, JSON.stringify(result.diagnostics));
    assert.is(result.context, 'kind-prod');
    assert.equal(calls, [
      ['get', 'configmap', '--output', 'json', ...tail, '--', 'cfg'],
      ['get', 'secret', '--namespace', 'shop', '--output', 'json', ...tail, '--', 'app'],
    ]);
  });

  test('verify: the stand-in refuses an argv it does not expect, and verify reports it as exit 2', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    // kustenv passes --context and a credential-bearing argument; the stand-in expects nothing after --output json.
    const { result, calls } = await run(dir, inSync(), { options: { context: 'kind-prod', kubectlArgs: ['--token', 'tok-PRIVATE-81'] } });
    assert.is(result.status, 2);
    assert.equal(codes(result), ['error kubectl-failed']);
    assert.match(result.diagnostics[0].message, /^kubectl get configmap cfg --output json --context kind-prod \(and 2 more arguments\) failed \(exit 99\): standin: unexpected argv/);
    assert.not.ok(result.diagnostics[0].message.replace(/standin: unexpected argv.*/, '').includes('tok-PRIVATE-81'), 'the extra arguments are not named in the command');
    assert.is(calls.length, 1, 'verify stops at the first failure');
  });

  test('verify: a kubectl failure other than NotFound is exit 2, kubectl-failed, its last stderr line with every value redacted', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    const fail = `I0101 12:00:00 loader.go:1] token ${SENTINEL}\nerror: You must be logged in to the server (Unauthorized): ${SENTINEL}`;
    const { result } = await run(dir, inSync(), { fail });
    assert.is(result.status, 2);
    assert.equal(codes(result), ['error kubectl-failed']);
    assert.is(result.diagnostics[0].message, 'kubectl get configmap cfg --output json failed (exit 1): error: You must be logged in to the server (Unauthorized): ***');
    assert.is(result.diagnostics[0].file, 'overlays/dev');
    assertNoLeak(result, 'kubectl failed');
  });

  test('verify: when render fails, verify returns its status and diagnostics and asks kubectl nothing', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    const { result, calls } = await run(dir, inSync(), { values: {} });
    assert.is(result.status, 1);
    assert.ok(result.diagnostics.some((d) => d.severity === 'error' && d.variable === 'TOKEN'), JSON.stringify(result.diagnostics));
    assert.equal(result.objects, []);
    assert.equal(calls, []);
    assert.not.ok(fs.existsSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml')));
  });

  test('verify: a kustomize failure is exit 1, build-failed, values redacted', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    fs.writeFileSync(path.join(dir, 'overlays/dev/kustomization.yaml'), 'resources: [../../base, missing.yaml]\npatches:\n  - path: kustenv.patch.yaml\n');
    const { result, calls } = await run(dir, inSync());
    assert.is(result.status, 1);
    assert.equal(codes(result), ['error build-failed']);
    assert.match(result.diagnostics[0].message, /^kubectl kustomize overlays\/dev failed \(exit 1\)/);
    assert.equal(calls, []);
    assertNoLeak(result, 'build failed');
  });

  test('verify: no kubectl on PATH is exit 2, kubectl-missing', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    const onlyGit = tempdir('kustenv-path-');
    fs.symlinkSync(which('git'), path.join(onlyGit, 'git'));
    const { result } = await run(dir, inSync(), { path: onlyGit });
    assert.is(result.status, 2);
    assert.equal(codes(result), ['error kubectl-missing']);
    assert.match(result.diagnostics[0].message, /^cannot run kubectl \(ENOENT\): install kubectl/);
  });

  test('reportVerify: text is the diagnostics on stderr, then the table and a summary line on stdout', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    const { result } = await run(
      dir,
      inSync({ secret: { writes: [daysAgo(100.5)], data: { OLD_KEY: 'x', STATIC: 'static-value', TOKEN: OTHER } }, configmap: { data: { LEVEL: 'info' } } }),
    );
    const { out, text } = collect('text');
    reportVerify(out, result);
    assert.equal(text.stdout.split('\n'), [
      'OBJECT           KEY      STATE      AGE',
      'ConfigMap cfg    LEVEL    in sync    1',
      'Secret shop/app  OLD_KEY  extra      100 OLD',
      'Secret shop/app  STATIC   in sync',
      'Secret shop/app  TOKEN    DIFFERENT',
      'Secret shop/app  USER     MISSING',
      'verify dev: 2 objects, 0 missing, 1 key missing, 1 different, 1 extra, 0 placeholders, 1 old: drift found',
      '',
    ]);
    assert.equal(
      text.stderr.trimEnd().split('\n').map((l) => l.replace(/ \[.*$/, '')),
      [
        'overlays/dev: error: Secret shop/app: key TOKEN differs between the build and the cluster (environment dev)',
        'overlays/dev: warning: Secret shop/app: key OLD_KEY is in the cluster but not in the build (environment dev)',
        'overlays/dev: error: Secret shop/app: key USER is in the build but not in the cluster (environment dev)',
        'overlays/dev: warning: Secret shop/app was last written 100 days ago, more than rotateAfterDays (90) (environment dev)',
      ],
    );
    assertNoLeak(result, 'report');
  });

  test('reportVerify: a missing object is one row with key "-"; a placeholder is marked', async () => {
    const dir = project({ envs: ['prod'], secret: SECRET });
    const { result } = await run(dir, [{ kind: 'Secret', name: 'app', namespace: 'shop', data: { STATIC: 'static-value', TOKEN: 'changeme', USER: 'app-user' } }], { env: 'prod' });
    const { out, text } = collect('text', true);
    reportVerify(out, result);
    assert.equal(text.stdout.split('\n'), [
      'OBJECT           KEY     STATE                  AGE',
      'ConfigMap cfg    -       MISSING',
      'Secret shop/app  STATIC  in sync                1',
      'Secret shop/app  TOKEN   DIFFERENT PLACEHOLDER',
      'Secret shop/app  USER    in sync',
      '',
    ]);
  });

  test('reportVerify --format json: one document of the documented shape on stdout', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    const { result } = await run(dir, inSync({ secret: { data: { STATIC: 'static-value', TOKEN: OTHER, USER: 'app-user' } } }), { tail: ['--context', 'c1'], options: { context: 'c1' } });
    const { out, text } = collect('json');
    reportVerify(out, result);
    const doc = JSON.parse(text.stdout);
    assert.equal(Object.keys(doc), ['version', 'kustenv', 'command', 'status', 'environment', 'context', 'objects', 'summary', 'diagnostics']);
    assert.is(doc.version, 1);
    assert.is(doc.command, 'verify');
    assert.is(doc.status, 1);
    assert.is(doc.environment, 'dev');
    assert.is(doc.context, 'c1');
    assert.equal(doc.objects, JSON.parse(JSON.stringify(result.objects)));
    assert.equal(doc.summary, result.summary);
    assert.equal(doc.diagnostics, result.diagnostics);
    assertNoLeak(result, 'json');
  });

  test('verifySummary: Markdown heading with the verdict, the table, no values', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    const synced = (await run(dir, inSync())).result;
    const ok = verifySummary(synced);
    assert.ok(ok.startsWith('## kustenv verify dev: in sync\n'), ok);
    assert.match(ok, /\| `Secret shop\/app` \| `TOKEN` \| in sync \| {2}\|/);
    const drifted = (await run(dir, inSync({ secret: { data: { STATIC: 'static-value', TOKEN: OTHER, USER: 'app-user' } } }))).result;
    const md = verifySummary(drifted);
    assert.ok(md.startsWith('## kustenv verify dev: drift found\n'), md);
    assert.match(md, /\| object \| key \| state \| age \(days\) \|\n\|---\|---\|---\|---\|/);
    assert.match(md, /\| `Secret shop\/app` \| `TOKEN` \| DIFFERENT \| {2}\|/);
    assert.match(md, /- error: Secret shop\/app: key TOKEN differs between the build and the cluster/);
    assertNoLeak(drifted, 'summary');
  });

  test('kustenv verify on the command line, GitHub mode: masks first, annotations, table on stdout, step summary; exit 1 on drift', async () => {
    const dir = project({ envs: ['dev'], secret: SECRET });
    const live = tempdir('kustenv-live-');
    for (const o of inSync({ secret: { data: { STATIC: 'static-value', TOKEN: OTHER, USER: 'app-user' } } })) {
      const { file, json } = liveObject(o);
      fs.writeFileSync(path.join(live, file), json);
    }
    const summary = path.join(live, 'summary.md');
    const r = await cli(['verify', 'dev', '--context', 'c1', '--github', '--', '--request-timeout=5s'], { cwd: dir, env: { PATH: `${BIN}:${process.env.PATH}`, REAL_KUBECTL, LIVE_DIR: live, STANDIN_TAIL: '--context\nc1\n--request-timeout=5s', TOKEN: SENTINEL, GITHUB_STEP_SUMMARY: summary } });
    assert.is(r.code, 1, r.stderr);
    assert.ok(r.stderr.startsWith('::add-mask::'), 'masks come first, on stderr');
    assert.not.match(r.stdout, /::add-mask::/);
    assert.match(r.stderr, /::error file=overlays\/dev,title=kustenv live-key-different \(dev\)::Secret shop\/app: key TOKEN differs/);
    assert.match(r.stdout, /\nSecret shop\/app\s+TOKEN\s+DIFFERENT/);
    assert.match(fs.readFileSync(summary, 'utf8'), /^## kustenv verify dev: drift found/);
    const shown = (r.stdout + r.stderr + fs.readFileSync(summary, 'utf8')).replace(/::add-mask::.*\n/g, '');
    for (const f of FORBIDDEN) assert.not.ok(shown.includes(f), 'no value, base64 or hash outside ::add-mask::');
  });
} else {
  test('verify: skipped, kubectl is not installed (haveKubectl said so)', () => {
    assert.ok(process.env.CI !== 'true');
  });
}

test.run();
