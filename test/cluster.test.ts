import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { cli, cliProcess, haveKubectl } from './helpers/cli.js';
import { KUBECTL_APPLY, KUSTOMIZE, standins } from './helpers/standins.js';
import { project, snapshot } from './helpers/testdir.js';

const CANARY = 'CLUSTER-CANARY';
const kubectlHere = haveKubectl();
const withPath = (dir: string, extra: Record<string, string> = {}) => ({ PATH: `${dir}:${process.env.PATH}`, ...extra });
// build renders in memory first: it needs the values render had.
const values = { PATH: process.env.PATH!, TOKEN: `${CANARY}-token` };

async function renderedProject(extra: Record<string, string> = {}) {
  const dir = project({ envs: ['dev'], extra });
  const r = await cli(['render'], { cwd: dir, env: { TOKEN: `${CANARY}-token` } });
  assert.is(r.code, 0, r.stderr);
  return dir;
}

if (kubectlHere) {
  test('build: the real kubectl kustomize, Secret values masked, exit 0', async () => {
    const dir = await renderedProject();
    const r = cliProcess(['build', 'dev'], { cwd: dir, env: values });
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /kind: Secret/);
    assert.match(r.stdout, /TOKEN: "\*\*\*"/);
    assert.match(r.stdout, /LEVEL: info/);
    assert.not.ok(r.stdout.includes(CANARY) || r.stderr.includes(CANARY));
    const shown = cliProcess(['build', 'dev', '--show-values'], { cwd: dir, env: values });
    assert.match(shown.stdout, new RegExp(`TOKEN: ${CANARY}-token`));
  });

  test('build: a placeholder left in an extra overlay resource fails, naming the resource and field', async () => {
    const dir = await renderedProject({
      'overlays/dev/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata:\n  url: "https://${HOST}/x"\n',
    });
    fs.writeFileSync(path.join(dir, 'overlays/dev/kustomization.yaml'), 'resources: [../../base, extra.yaml]\npatches:\n  - path: kustenv.patch.yaml\n');
    const r = cliProcess(['build', 'dev'], { cwd: dir, env: values });
    assert.is(r.code, 1);
    assert.match(r.stderr, /\$\{HOST\} in ConfigMap\/extra data\.url: still a placeholder after the build/);
  });

  test('build: text written with the $${ escape and disabled documents are not flagged', async () => {
    const dir = await renderedProject({
      'base/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  LEVEL: ${LEVEL:-info}\n  otel: $${env:HOST}\n',
      'base/flux.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flux\n  annotations: {kustenv.io/substitute: disabled}\ndata:\n  x: ${LATER}\n',
      'base/kustomization.yaml': 'resources: [secret.yaml, configmap.yaml, flux.yaml]\n',
    });
    const r = cliProcess(['build', 'dev'], { cwd: dir, env: values });
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /otel: \$\{env:HOST\}/);
  });

  test('build: a built Secret that breaks the built-in schema fails', async () => {
    const dir = await renderedProject({ 'overlays/dev/tls.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: tls}\ntype: kubernetes.io/tls\nstringData: {tls.crt: x}\n' });
    fs.writeFileSync(path.join(dir, 'overlays/dev/kustomization.yaml'), 'resources: [../../base, tls.yaml]\npatches:\n  - path: kustenv.patch.yaml\n');
    const r = cliProcess(['build', 'dev'], { cwd: dir, env: values });
    assert.is(r.code, 1);
    assert.match(r.stderr, /Secret "tls": needs key tls\.key in data or stringData/);
  });

  test('build: a kustomize failure is exit 1 with its message, every value redacted', async () => {
    const dir = await renderedProject();
    fs.writeFileSync(path.join(dir, 'overlays/dev/kustomization.yaml'), 'resources: [../../base, missing.yaml]\npatches:\n  - path: kustenv.patch.yaml\n');
    const r = cliProcess(['build', 'dev'], { cwd: dir, env: values });
    assert.is(r.code, 1);
    assert.match(r.stderr, /kubectl kustomize overlays\/dev failed \(exit 1\)/);
    assert.not.ok(r.stderr.includes(CANARY));
  });

  test('build --kustomize runs that binary as "kustomize build -- DIR"', async () => {
    const dir = await renderedProject();
    const bin = standins({ kustomize: KUSTOMIZE });
    const r = cliProcess(['build', 'dev', '--kustomize', path.join(bin, 'kustomize')], { cwd: dir, env: values });
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /kind: ConfigMap/);
  });
}

test('build: no kubectl on PATH is exit 2 with how to install it', async () => {
  const dir = await renderedProject();
  const r = cliProcess(['build', 'dev'], { cwd: dir, env: { TOKEN: values.TOKEN, PATH: path.dirname(process.execPath) === '/usr/bin' ? '/nonexistent' : path.dirname(process.execPath) } });
  assert.is(r.code, 2);
  assert.match(r.stderr, /cannot run kubectl \(ENOENT\): install kubectl \(https:\/\/kubernetes\.io\/docs\/tasks\/tools\/\)/);
});

// apply, against a recording stand-in: no API server can run here.
function applySetup(exit = 0) {
  const bin = standins({ kubectl: KUBECTL_APPLY });
  const argvFile = path.join(bin, 'argv.txt');
  return { bin, argvFile, env: (dir: string) => withPath(bin, { TOKEN: `${CANARY}-token`, KUBECTL_ARGV_FILE: argvFile, KUBECTL_EXIT: String(exit) }) };
}

test('apply --yes: renders, shows the masked diff, runs kubectl apply -k server-side with the exact argv', async () => {
  const dir = project({ envs: ['dev'] });
  const s = applySetup();
  const r = cliProcess(['apply', 'dev', '--yes', '--', '--context', 'kind-dev'], { cwd: dir, env: s.env(dir) });
  assert.is(r.code, 0, r.stderr);
  assert.equal(fs.readFileSync(s.argvFile, 'utf8').trim().split('\n'), ['apply', '--kustomize=overlays/dev', '--server-side', '--field-manager=kustenv', '--context', 'kind-dev']);
  assert.match(r.stderr, /\+  TOKEN: "\*\*\*"/);
  assert.match(r.stdout, /secret\/app serverside-applied/);
  assert.ok(fs.existsSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml')), 'the patch was rendered');
  assert.not.ok(r.stdout.includes(CANARY) || r.stderr.includes(CANARY));
});

test('apply --dry-run=server|client|none as kubectl spells it (and --server-dry-run), --context and -n; --client-side drops server-side and warns', async () => {
  const dir = project({ envs: ['dev'] });
  const s = applySetup();
  cliProcess(['apply', 'dev', '--yes', '--server-dry-run'], { cwd: dir, env: s.env(dir) });
  assert.equal(fs.readFileSync(s.argvFile, 'utf8').trim().split('\n'), ['apply', '--kustomize=overlays/dev', '--server-side', '--field-manager=kustenv', '--dry-run=server']);
  const r = cliProcess(['apply', 'dev', '--yes', '--client-side'], { cwd: dir, env: s.env(dir) });
  assert.equal(fs.readFileSync(s.argvFile, 'utf8').trim().split('\n'), ['apply', '--kustomize=overlays/dev']);
  for (const [flag, want] of [['--dry-run=client', '--dry-run=client'], ['--dry-run=server', '--dry-run=server']]) {
    cliProcess(['apply', 'dev', '--yes', flag], { cwd: dir, env: s.env(dir) });
    assert.equal(fs.readFileSync(s.argvFile, 'utf8').trim().split('\n'), ['apply', '--kustomize=overlays/dev', '--server-side', '--field-manager=kustenv', want]);
  }
  cliProcess(['apply', 'dev', '--yes', '--dry-run=none', '--context', 'kind-dev', '-n', 'shop'], { cwd: dir, env: s.env(dir) });
  assert.equal(fs.readFileSync(s.argvFile, 'utf8').trim().split('\n'), ['apply', '--kustomize=overlays/dev', '--server-side', '--field-manager=kustenv', '--context=kind-dev', '--namespace=shop']);
  assert.match(r.stderr, /warning: client-side apply copies the whole Secret, stringData in clear, into the kubectl\.kubernetes\.io\/last-applied-configuration annotation/);
});

test('apply without a terminal and without --yes: exit 2, kubectl never runs, nothing written', async () => {
  const dir = project({ envs: ['dev'] });
  const s = applySetup();
  const before = snapshot(dir);
  const r = cliProcess(['apply', 'dev'], { cwd: dir, env: s.env(dir) });
  assert.is(r.code, 2);
  assert.match(r.stderr, /without a terminal, pass --yes\. Nothing was applied/);
  assert.not.ok(fs.existsSync(s.argvFile));
  assert.equal(snapshot(dir), before);
});

test("apply: kubectl failing is exit 1 (kustenv's exit codes are 0, 1, 2), with kubectl's words and its exit code in JSON", async () => {
  const dir = project({ envs: ['dev'] });
  const s = applySetup(3);
  const r = cliProcess(['apply', 'dev', '--yes'], { cwd: dir, env: s.env(dir) });
  assert.is(r.code, 1);
  assert.match(r.stderr, /error: unable to recognize/);
  assert.match(r.stderr, /kubectl apply failed \(exit 3\)/);
  const j = cliProcess(['apply', 'dev', '--yes', '-o', 'json'], { cwd: dir, env: s.env(dir) });
  assert.is(j.code, 1);
  assert.is(JSON.parse(j.stdout).kubectlExit, 3);
  assert.match(j.stderr, /error: unable to recognize/, "kubectl's words on stderr in JSON mode too");
});

test('apply on a terminal asks: no applies nothing, yes applies', async () => {
  const dir = project({ envs: ['dev'] });
  const s = applySetup();
  // The run's environment reaches kubectl (the stand-in first on its PATH).
  const env = { PATH: `${s.bin}:${process.env.PATH}`, KUBECTL_ARGV_FILE: s.argvFile, TOKEN: `${CANARY}-t` };
  const questions: string[] = [];
  const ask = (answer: string) => async (q: string) => (questions.push(q), answer);
  const no = await cli(['apply', 'dev'], { cwd: dir, env, interactive: true, ask: ask('n') });
  assert.is(no.code, 1);
  assert.match(no.stderr, /not applied: the answer was no/);
  assert.not.ok(fs.existsSync(s.argvFile));
  assert.not.ok(fs.existsSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml')));
  const yes = await cli(['apply', 'dev'], { cwd: dir, env, interactive: true, ask: ask('y') });
  assert.is(yes.code, 0, yes.stderr);
  assert.ok(fs.existsSync(s.argvFile));
  assert.equal(questions, ['Apply dev with kubectl? [y/N] ', 'Apply dev with kubectl? [y/N] ']);
  assert.not.ok(yes.stderr.includes(CANARY) || no.stderr.includes(CANARY));
});

test('apply stops on validation errors before kubectl', async () => {
  const dir = project({ envs: ['dev'] });
  const s = applySetup();
  const r = cliProcess(['apply', 'dev', '--yes'], { cwd: dir, env: withPath(s.bin, { KUBECTL_ARGV_FILE: s.argvFile }) });
  assert.is(r.code, 1);
  assert.match(r.stderr, /TOKEN is not set/);
  assert.not.ok(fs.existsSync(s.argvFile));
});

test.run();
