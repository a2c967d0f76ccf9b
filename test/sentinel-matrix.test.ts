/**
 * The sentinel matrix: every command, on its success and its failure path,
 * in every output format, with secret values in every encoding that has
 * leaked somewhere before. No sentinel may appear on stdout, on stderr
 * (except GitHub's `::add-mask::` lines), in the runner's files, in JSON or
 * in JSON.stringify of the library's results. Then the argv recorder: every
 * name kustenv gives kubectl, git and the store CLIs is checked and comes
 * after `--` (or git's --end-of-options).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build, check, diff, diffAgainst, render, vars, verify } from '../src/index.js';
import { cli, haveKubectl } from './helpers/cli.js';
import { KUBECTL_GET, liveObject } from './helpers/kubectl-get-standin.js';
import { KUBECTL_APPLY, standins } from './helpers/standins.js';
import { git, project, snapshot, tempdir } from './helpers/testdir.js';

const REAL_KUBECTL = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).stdout.trim();
/** build, apply and verify run kubectl kustomize (the real one). */
const HAVE_KUBECTL = haveKubectl();
const NEEDS_KUBECTL = new Set(['build', 'apply', 'verify']);

/** One secret value per encoding; each is the sentinel of its own kind. */
const ENCODINGS: Record<string, string> = {
  RAW: 'SNTLraw-Aa1!xy9Q',
  ML: 'SNTLml-first-Bb2!\nSNTLml-second-Cc3\n  indented-SNTLml',
  B64: Buffer.from('SNTLb64-Dd4!').toString('base64'),
  QUOTED: `SNTLq"u'o:te #hash-Ee5`,
  UNI: 'SNTLüñï-código-Ff6-😀',
  SH: 'Ж§ǭ', // 3 characters, only at a secret path
};
/** A non-secret default, used by a Secret: vars --format dotenv must not print it. */
const DEF = 'SNTLdefault-Gg7!';
/** What the live cluster holds (verify): secret too. */
const LIVE = 'SNTLlive-Hh8!zz';
/** kubectl's error text that holds a secret value (the apply and verify failure paths). */
const KUBECTL_SAYS = `error: admission webhook denied the request: value "${ENCODINGS.RAW}" in ${Buffer.from(ENCODINGS.UNI).toString('base64')}`;

/** The strings that must never be printed: each value, each line of each, the default and the live value. */
const SENTINELS = [...new Set([...Object.values(ENCODINGS).flatMap((v) => [v, ...v.split('\n').map((l) => l.trim()).filter((l) => l.length >= 4)]), DEF, LIVE, 'SNTLb64-Dd4!'])];

const SECRET = `apiVersion: v1
kind: Secret
metadata: {name: app}
stringData:
  RAW: \${RAW}
  ML: \${ML}
  B64: \${B64}
  QUOTED: \${QUOTED}
  UNI: \${UNI}
  short: \${SH}
  DEF: \${DEF:-SNTLdefault-Gg7!}
`;
const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  URL: "postgres://u:${RAW}@db/${UNI}"\n  LEVEL: ${LEVEL}\n';
const schema = (failing: boolean) =>
  JSON.stringify({
    properties: {
      ...Object.fromEntries(Object.keys(ENCODINGS).map((k) => [k, { type: 'string' }])),
      DEF: { type: 'string' },
      // The failure path: a rule the value breaks, whose message could quote the value.
      LEVEL: failing ? { type: 'string', pattern: '^x$', enum: ['x', ENCODINGS.RAW] } : { type: 'string' },
    },
  });

function matrixProject(failing: boolean): string {
  const dir = project({
    envs: ['dev'],
    secret: SECRET,
    configmap: CONFIGMAP,
    gitignore: 'kustenv.patch.yaml\nkustenv.generated.env\n*.kustenv-tmp\n',
    extra: { 'schemas/variables.schema.json': schema(failing) },
  });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'templates');
  return dir;
}

/** Where the live cluster's objects are (verify's stand-in): the rendered ones, with the live sentinel. */
function liveDir(): string {
  const dir = tempdir();
  for (const o of [
    liveObject({ kind: 'Secret', name: 'app', data: { ...ENCODINGS, DEF: LIVE, extra: LIVE } }),
    liveObject({ kind: 'ConfigMap', name: 'cfg', data: { URL: 'postgres://u:old@db', LEVEL: LIVE } }),
  ])
    fs.writeFileSync(path.join(dir, o.file), o.json);
  return dir;
}

const KUBECTL = standins({ kubectl: KUBECTL_GET });
const KUBECTL_APPLYING = standins({ kubectl: KUBECTL_APPLY });


function assertClean(what: string, texts: Record<string, string>, sentinels = SENTINELS): void {
  for (const [where, text] of Object.entries(texts)) {
    const lines = text.split(/\r?\n/).filter((l) => !(where === 'stderr' && l.startsWith('::add-mask::')));
    for (const s of sentinels) {
      const hit = lines.find((l) => l.includes(s));
      assert.ok(hit === undefined, `${what}: ${where} holds a sentinel (${JSON.stringify(s.slice(0, 8))}…)`);
    }
  }
}

// (--quiet prints a subset of text: it can show nothing text does not.)
const FORMATS: { name: string; args: string[]; github?: boolean }[] = [
  { name: 'text', args: [] },
  { name: 'json', args: ['--format', 'json'] },
  { name: 'github', args: ['--github'], github: true },
  { name: 'verbose', args: ['--verbose'] },
];

/** Each command's argv; the render-based ones fail on the failing project, apply and verify also when kubectl fails. */
const COMMANDS: { name: string; args: string[]; formats?: string[][]; kubectl?: 'get' | 'apply' }[] = [
  { name: 'render', args: ['render', 'dev'] },
  { name: 'render --dry-run', args: ['render', 'dev', '--dry-run'] },
  { name: 'check', args: ['check', 'dev'] },
  { name: 'diff', args: ['diff', 'dev'] },
  { name: 'diff --against', args: ['diff', '--against', 'HEAD'], formats: [['--format', 'markdown']] },
  { name: 'build', args: ['build', 'dev'], kubectl: 'get' },
  { name: 'apply', args: ['apply', 'dev', '--yes'], kubectl: 'apply' },
  { name: 'vars', args: ['vars', 'dev'], formats: [['--format', 'dotenv']] },
  { name: 'verify', args: ['verify', 'dev'], kubectl: 'get' },
].filter((c) => HAVE_KUBECTL || !NEEDS_KUBECTL.has(c.name));

for (const failing of [false, true]) {
  test(`sentinel matrix: every command, ${failing ? 'failure' : 'success'} path, every format`, async () => {
    const live = liveDir();
    for (const c of COMMANDS) {
      const dir = matrixProject(failing);
      // The diff --against case: the working tree differs from HEAD.
      if (c.name === 'diff --against') fs.writeFileSync(path.join(dir, 'base/configmap.yaml'), `${CONFIGMAP}  MORE: \${RAW}\n`);
      // kubectl failing (its error quoting values) is a failure path of a run that rendered.
      for (const kubectlFails of c.kubectl && c.name !== 'build' && !failing ? [false, true] : [false]) {
        // --verbose adds lines only to render and check (sources and stores): elsewhere it is the text run again.
        const own = FORMATS.filter((f) => f.name !== 'verbose' || c.name === 'render' || c.name === 'check');
        const formats = [...own, ...(c.formats ?? []).map((args) => ({ name: args.join(' '), args }))];
        for (const f of formats) {
          fs.rmSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml'), { force: true });
          const runner = tempdir();
          const files = { GITHUB_STEP_SUMMARY: path.join(runner, 'summary'), GITHUB_OUTPUT: path.join(runner, 'output') };
          const env = { PATH: process.env.PATH, ...ENCODINGS, LEVEL: failing ? ENCODINGS.RAW : 'info', ...(f.github ? files : {}) };
          const processEnv: Record<string, string> = {
            PATH: `${c.kubectl === 'apply' ? KUBECTL_APPLYING : KUBECTL}:${process.env.PATH}`,
            REAL_KUBECTL,
            LIVE_DIR: live,
            KUBECTL_ARGV_FILE: path.join(runner, 'argv'),
            KUBECTL_EXIT: kubectlFails ? '1' : '0',
            STANDIN_FAIL: kubectlFails ? KUBECTL_SAYS : '',
          };
          const args = [...c.args, ...f.args];
          const r = await cli(args, { cwd: dir, env: { ...env, ...processEnv } });
          const what = `${args.join(' ')}${kubectlFails ? ' (kubectl fails)' : ''}`;
          if ((failing && c.name !== 'vars' && c.name !== 'diff --against') || kubectlFails) assert.ok(r.code !== 0, `${what} fails`);
          if (!failing && ['render', 'check', 'build', 'render --dry-run'].includes(c.name)) assert.is(r.code, 0, `${what}: ${r.stderr}`);
          if (f.github && r.code === 0 && c.name !== 'vars' && c.name !== 'diff --against') assert.match(r.stderr, /^::add-mask::/m, `${what} tells the runner what to mask`);
          const texts: Record<string, string> = { stdout: r.stdout, stderr: r.stderr };
          if (f.args.includes('json') && r.stdout.trim()) texts.json = JSON.stringify(JSON.parse(r.stdout));
          for (const [k, file] of Object.entries(files)) if (fs.existsSync(file)) texts[k] = fs.readFileSync(file, 'utf8');
          assertClean(what, texts);
          // What it wrote: only render's patch (and apply's) may hold a value.
          for (const [file, content] of Object.entries(snapshot(dir))) {
            if (file === 'overlays/dev/kustenv.patch.yaml' || file.startsWith('schemas/') || file.startsWith('base/')) continue;
            assertClean(`${what}: ${file}`, { [file]: content });
          }
        }
      }
    }
  });
}

test('sentinel matrix: the library results, even through JSON.stringify', async () => {
  const live = liveDir();
  for (const failing of [false, true]) {
    const dir = matrixProject(failing);
    const base = { ...ENCODINGS, LEVEL: failing ? ENCODINGS.RAW : 'info' };
    const programs = { PATH: `${KUBECTL}:${process.env.PATH}`, REAL_KUBECTL: REAL_KUBECTL ?? '', LIVE_DIR: live };
    const env = { ...base, ...programs };
    const results = [
      await check({ cwd: dir, env }),
      await render({ cwd: dir, env, dryRun: true }),
      await diff({ cwd: dir, env }),
      await diffAgainst('HEAD', { cwd: dir, env }),
      await vars({ cwd: dir, env }),
      ...(HAVE_KUBECTL ? [await build('dev', { cwd: dir, env }), await verify('dev', { cwd: dir, env })] : []),
    ];
    for (const [i, r] of results.entries()) assertClean(`library result ${i} (${failing ? 'failing' : 'passing'})`, { json: JSON.stringify(r) });
  }
});

test('sentinel matrix: generate, rotate and init never print a generated value', async () => {
  const dir = project({
    envs: ['dev'],
    config: 'environments:\n  dev: {}\n',
    gitignore: 'kustenv.patch.yaml\nkustenv.generated.env\n*.kustenv-tmp\n',
    extra: { 'schemas/variables.schema.json': JSON.stringify({ properties: { LEVEL: { type: 'string' }, TOKEN: { type: 'string', writeOnly: true, 'x-kustenv-generate': 'alnum:32' } } }) },
  });
  const generated = path.join(dir, 'overlays/dev/kustenv.generated.env');
  const valuesIn = () => fs.readFileSync(generated, 'utf8').split('\n').filter((l) => /^TOKEN=/.test(l)).map((l) => l.slice(6).replace(/^['"]|['"]$/g, ''));
  const runner = tempdir();
  const files = { GITHUB_STEP_SUMMARY: path.join(runner, 'summary'), GITHUB_OUTPUT: path.join(runner, 'output') };
  let seen: string[] = [];
  for (const f of FORMATS) {
    for (const args of [['generate', 'dev'], ['rotate', 'dev', 'TOKEN'], ['rotate', 'dev', 'LEVEL'], ['render', 'dev'], ['check', 'dev'], ['init']]) {
      const r = await cli([...args, ...f.args], { cwd: dir, env: { PATH: process.env.PATH, ...(f.github ? files : {}) } });
      if (fs.existsSync(generated)) seen = [...new Set([...seen, ...valuesIn()])];
      assert.ok(seen.length > 0 || args[0] !== 'generate', 'generate wrote a value');
      const texts: Record<string, string> = { stdout: r.stdout, stderr: r.stderr };
      for (const [k, file] of Object.entries(files)) if (fs.existsSync(file)) texts[k] = fs.readFileSync(file, 'utf8');
      assertClean(`${args.join(' ')} ${f.name}`, texts, seen);
    }
  }
  assert.ok(seen.length >= 2, 'rotate replaced the value');
});

// ---------------------------------------------------------------------------
// argv: every name kustenv gives another program is checked and follows `--`.

const RECORDED = ['kubectl', 'git', 'aws', 'az', 'gcloud', 'vault'];
function argvRecorder(): string {
  const body = (tool: string) => `#!/usr/bin/env bash
# Recorder: logs its argv (NUL-separated, one call per line), then runs the real ${tool}
# when there is one (git; kubectl kustomize) or fails like an unreachable service.
{ printf '%s' "${tool}"; printf '\\0%s' "$@"; printf '\\n'; } >> "$RECORD_LOG"
if [ "${tool}" = git ]; then exec "$REAL_GIT" "$@"; fi
if [ "${tool}" = kubectl ] && [ "$1" = kustomize ]; then exec "$REAL_KUBECTL" "$@"; fi
echo "${tool}: not reachable in this test" >&2
exit 1
`;
  return standins(Object.fromEntries(RECORDED.map((t) => [t, body(t)])));
}

test('argv: names reach kubectl, git and the store CLIs checked, after -- or --end-of-options', async () => {
  const bin = argvRecorder();
  const log = path.join(tempdir(), 'argv');
  const REAL_GIT = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
  const config = `environments:
  dev:
    sources:
      - aws-secrets-manager: {secret: app/db, region: eu-west-1}
        map: {RAW: raw-secret}
      - aws-ssm: {path: /app/}
      - vault: {path: secret/app}
        map: {ML: ml}
      - gcp-secret-manager: {project: p1}
        map: {B64: b64}
      - azure-keyvault: {vault: v1}
        map: {QUOTED: quoted}
  staging: {}
`;
  const dir = project({ envs: ['dev', 'staging'], config, secret: SECRET, configmap: CONFIGMAP.replace('cfg}', 'cfg, namespace: team-a}') });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'x');
  const recording = { PATH: `${bin}:${process.env.PATH}`, RECORD_LOG: log, REAL_GIT, REAL_KUBECTL };
  // The store CLIs run with the run's own environment: it names the recorder too.
  const env = { ...recording, ...ENCODINGS, LEVEL: 'info' };
  {
    const all = [['render', 'staging'], ['check', 'dev'], ['diff', 'staging'], ['diff', '--against', 'HEAD'], ['build', 'staging'], ['apply', 'staging', '--yes', '--context', 'kind-a', '-n', 'team-b'], ['verify', 'staging', '--context', 'kind-a']];
    for (const args of all.filter((a) => HAVE_KUBECTL || !NEEDS_KUBECTL.has(a[0]))) {
      const r = await cli(args, { cwd: dir, env });
      if (process.env.DEBUG_ARGV) console.log(args.join(' '), r.code, r.stderr.slice(0, 400));
    }
  }
  {
    // The stores are asked for dev (they fail: the recorder cannot reach them).
    const r = await cli(['check', 'dev'], { cwd: dir, env: recording });
    if (process.env.DEBUG_ARGV) console.log('check dev', r.code, r.stderr.slice(0, 400));
  }
  const all = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\0'));
  const tools = new Set(all.map((c) => c[0]));
  for (const t of HAVE_KUBECTL ? ['kubectl', 'git'] : ['git']) assert.ok(tools.has(t), `${t} was called`);
  assert.ok(['aws', 'az', 'gcloud', 'vault'].some((t) => tools.has(t)), 'a store CLI was called');
  for (const [tool, ...argv] of all) {
    const call = `${tool} ${argv.join(' ')}`;
    if (tool === 'kubectl' && argv[0] === 'kustomize') assert.equal(argv.slice(1, 2), ['--'], `${call}: the folder follows --`);
    if (tool === 'kubectl' && argv[0] === 'get') {
      assert.is(argv[argv.length - 2], '--', `${call}: the name follows --`);
      assert.match(argv[argv.length - 1], /^[a-z0-9][-a-z0-9.]*$/, `${call}: a DNS-1123 name`);
    }
    if (tool === 'git' && (argv[0] === 'show' || argv[0] === 'rev-parse') && argv.some((a) => a.includes('HEAD'))) assert.ok(argv.includes('--end-of-options'), `${call}: the ref follows --end-of-options`);
    // Every value given to an option is a checked name: none can pass for an option.
    argv.forEach((a, i) => {
      if (i > 0 && /^--(context|namespace|name|vault-name|project|secret-id|field)$/.test(argv[i - 1])) assert.not.ok(a.startsWith('-'), `${call}: ${argv[i - 1]} value`);
    });
    for (const s of SENTINELS) assert.not.ok(argv.some((a) => a.includes(s)), `${call} holds no secret value`);
  }
});

test.run();
