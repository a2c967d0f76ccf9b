import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { check, render } from '../src/commands/render.js';
import { cli, cliProcess as runBin } from './helpers/cli.js';
import { standins as makeStandins } from './helpers/standins.js';
import { git, project, snapshot } from './helpers/testdir.js';

// Every secret value in these tests holds CANARY; it may appear only in the
// patch files render writes, never on stdout, stderr, in JSON or elsewhere.
const CANARY = 'S3CR3T-CANARY';
const secretEnv = { TOKEN: `${CANARY}-token`, PASS: `${CANARY}-pass\nline2` };
const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: app}\ndata:\n  pass: ${PASS}\nstringData:\n  TOKEN: ${TOKEN}\n  url: "https://u:${PASS}@host"\n';

type Scenario = { title: string; setup?: (dir: string) => void; files?: Record<string, string>; env?: Record<string, string>; args?: string[]; gitignore?: string };

const scenarios: Scenario[] = [
  { title: 'success' },
  { title: 'a missing variable', env: { TOKEN: `${CANARY}-t` } },
  { title: 'a :? message built from placeholders', files: { 'base/req.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: r}\ndata:\n  x: ${MISSING:?${TOKEN}}\n' } },
  { title: 'invalid YAML elsewhere', files: { 'base/bad.yaml': 'a: [\n' } },
  { title: 'a bad static Secret data value', files: { 'base/s2.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: s2}\ndata:\n  a: "${TOKEN}"\n  b: "not base64"\n' } },
  { title: 'a bad ConfigMap key', files: { 'base/k.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: k}\ndata:\n  "bad key": ${TOKEN}\n' } },
  { title: 'an unignored output', gitignore: '' },
  {
    title: 'a tracked output',
    setup: (dir) => {
      fs.writeFileSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml'), 'x');
      git(dir, 'add', '-f', 'overlays/dev/kustenv.patch.yaml');
    },
  },
  { title: 'a --set with a bad name', args: ['--set', `BAD-NAME=${CANARY}`] },
  { title: 'an unknown environment', args: ['qa'] },
  {
    title: 'a schema failure whose rule holds the value (enum, const, pattern)',
    files: {
      'schemas/variables.schema.json': JSON.stringify({
        properties: { TOKEN: { enum: [`${CANARY}-other`] }, PASS: { not: { const: `${CANARY}-pass\nline2` }, pattern: '^x$' } },
      }),
    },
  },
  { title: 'production rules (placeholder-looking and weak values)', files: { 'kustenv.yaml': 'environments:\n  dev:\n    production: true\n' }, env: { TOKEN: `example-${CANARY}`, PASS: 'CANARY' } },
  { title: 'missing: dummy', files: { 'kustenv.yaml': 'environments:\n  dev:\n    missing: dummy\n' }, env: { PASS: CANARY } },
];

// --quiet prints a subset of the default; --verbose adds names and sources only: the sentinel matrix runs both for every command.
const variants: string[][] = [[], ['--format', 'json'], ['--dry-run']];

for (const s of scenarios) {
  test(`no secret value leaks: ${s.title}`, async () => {
    // check prints through the same reporter as render (it only does not write): render and diff cover both printers.
    for (const command of ['render', 'diff']) {
      for (const variant of variants) {
        if (command !== 'render' && variant[0] === '--dry-run') continue;
        const dir = project({ envs: ['dev'], secret, extra: s.files, gitignore: s.gitignore });
        s.setup?.(dir);
        const args = [command, ...(s.args ?? []), ...variant];
        const r = await cli(args, { cwd: dir, env: { ...(s.env ?? secretEnv) } });
        assert.not.ok(r.stdout.includes(CANARY), `stdout of ${args.join(' ')}`);
        assert.not.ok(r.stderr.includes(CANARY), `stderr of ${args.join(' ')}`);
        for (const [file, content] of Object.entries(snapshot(dir))) {
          if (file === 'overlays/dev/kustenv.patch.yaml' && r.code === 0 && command === 'render' && variant[0] !== '--dry-run') continue;
          if (file.startsWith('schemas/')) continue; // the test's own schema, written by the test
          assert.not.ok(content.includes(CANARY) || content.includes(Buffer.from(`${CANARY}-pass\nline2`).toString('base64')), `${file} after ${args.join(' ')}`);
        }
      }
    }
  });
}

test('no secret value in the API result, even through JSON.stringify', async () => {
  for (const env of [secretEnv, { TOKEN: CANARY }]) {
    const dir = project({ envs: ['dev'], secret });
    for (const r of [await check({ cwd: dir, env }), await render({ cwd: dir, env, dryRun: true })]) {
      assert.not.ok(JSON.stringify(r).includes(CANARY));
      assert.not.ok(JSON.stringify(r.diagnostics).includes(CANARY));
      for (const e of r.environments) assert.not.ok((e.masked ?? '').includes(CANARY), 'masked view');
    }
  }
});

test('the written patch does hold the values (the one intended place)', async () => {
  const dir = project({ envs: ['dev'], secret });
  const r = await render({ cwd: dir, env: secretEnv });
  assert.is(r.status, 0, JSON.stringify(r.diagnostics));
  assert.ok(fs.readFileSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml'), 'utf8').includes(`${CANARY}-token`));
  assert.ok(r.environments[0].content!.includes(`${CANARY}-token`));
});



// Paths found in review: each once leaked a value.

test('diff: a key that held a secret and now holds a non-secret variable is masked on the old side', async () => {
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  SIGNING: ${SIGNING_KEY}\n';
  const dir = project({ envs: ['dev'], configmap: cm, extra: { 'schemas/variables.schema.json': JSON.stringify({ properties: { SIGNING_KEY: { writeOnly: true }, LEVEL: {}, TOKEN: {} } }) } });
  assert.is((await cli(['render'], { cwd: dir, env: { TOKEN: 'Tok3n-long-enough', SIGNING_KEY: `${CANARY}-signing` } })).code, 0);
  fs.writeFileSync(path.join(dir, 'base/configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  SIGNING: ${LEVEL}\n');
  const r = await cli(['diff'], { cwd: dir, env: { TOKEN: 'Tok3n-long-enough', LEVEL: 'info' } });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /-  SIGNING: "\*\*\* \(before\)"\n\+  SIGNING: "\*\*\* \(after\)"/);
  assert.not.ok(r.stdout.includes(CANARY));
});

test('diff: a patch on disk that is not YAML is not shown, and does not crash', async () => {
  const dir = project({ envs: ['dev'], secret });
  fs.writeFileSync(path.join(dir, 'overlays/dev/kustenv.patch.yaml'), `a: [${CANARY}\n`);
  const r = await cli(['diff'], { cwd: dir, env: secretEnv });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /the file on disk is not shown: kustenv did not write it/);
  assert.not.ok(r.stdout.includes(CANARY));
});

test('writeOnly in one environment\'s schema makes the variable secret whichever environments run', async () => {
  const dir = project({ envs: ['dev', 'prod'], extra: { 'schemas/variables.prod.schema.json': JSON.stringify({ properties: { LEVEL: { writeOnly: true } } }) } });
  const r = await cli(['render', 'dev', '--dry-run'], { cwd: dir, env: { TOKEN: 't', LEVEL: `${CANARY}-level` } });
  assert.is(r.code, 0, r.stderr);
  assert.not.ok(r.stdout.includes(CANARY));
  assert.match(r.stdout, /LEVEL: "\*\*\*"/);
});

test('build masks a secret variable wherever it lands; apply redacts base64 echoes of stringData', () => {
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  SIGNING: ${SIGNING_KEY}\n';
  const dir = project({ envs: ['dev'], configmap: cm, extra: { 'schemas/variables.schema.json': JSON.stringify({ properties: { SIGNING_KEY: { writeOnly: true }, TOKEN: {} } }) } });
  const env = { PATH: process.env.PATH, TOKEN: `${CANARY}-token`, SIGNING_KEY: `${CANARY}-signing` };
  assert.is(runBin(['render'], { cwd: dir, env }).code, 0);
  const built = runBin(['build', 'dev'], { cwd: dir, env });
  assert.is(built.code, 0, built.stderr);
  assert.match(built.stdout, /SIGNING: "\*\*\*"/);
  assert.not.ok(built.stdout.includes(CANARY) || built.stderr.includes(CANARY));
  // A kubectl that echoes the object back, as `-o yaml` does: stringData returns as base64 data.
  const echo = Buffer.from(`${CANARY}-token`).toString('base64');
  const bin = makeStandins({ kubectl: `#!/usr/bin/env bash\n# Stand-in for kubectl apply -o yaml (no API server here): echoes a Secret back.\necho "data:"\necho "  TOKEN: ${echo}"\n` });
  const applied = runBin(['apply', 'dev', '--yes', '--', '-o', 'yaml'], { cwd: dir, env: { ...env, PATH: `${bin}:${process.env.PATH}` } });
  assert.is(applied.code, 0, applied.stderr);
  assert.match(applied.stdout, /TOKEN: \*\*\*/);
  assert.not.ok(applied.stdout.includes(echo));
});

test('a --set argument without = is not echoed (it may be a value)', async () => {
  const dir = project({ envs: ['dev'] });
  const r = await cli(['check', '--set', `${CANARY}-typed-without-name`], { cwd: dir });
  assert.is(r.code, 2);
  assert.not.ok(r.stderr.includes(CANARY));
});

test.run();
