import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { check } from '../src/commands/render.js';
import { placeholderLook, strengthBits } from '../src/pipeline/production-rules.js';
import { ROOT, cli } from './helpers/cli.js';
import { project, tempdir } from './helpers/testdir.js';

const CANARY = 'VALIDATION-CANARY';
const configmap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  a: ${A}\n  url: ${URL:-https://default.example.com}\n';
const schemaProject = (schema: object, extra: Record<string, string> = {}, envs = ['dev', 'staging']) =>
  project({ envs, configmap, extra: { 'schemas/variables.schema.json': JSON.stringify(schema), ...extra } });
const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);
/** A credential strong enough for the strength rule (a weak one draws a warning outside production). */
const STRONG = 'Zq8vN2kT5mRx9wLp';
const base = (props: object, more: object = {}) => ({ type: 'object', properties: { TOKEN: { type: 'string' }, URL: { type: 'string', format: 'uri' }, A: { type: 'string', ...props } }, ...more });

// [rule, schema for A, passing value, failing value, words in the message]
const rules: [string, object, string, string, RegExp][] = [
  ['minLength', { minLength: 4 }, 'abcd', 'abc', /A must be at least 4 characters long \(schemas\/variables\.schema\.json#\/properties\/A\/minLength\)/],
  ['maxLength', { maxLength: 2 }, 'ab', 'abc', /at most 2 characters/],
  ['pattern', { pattern: '^[0-9]+$' }, '123', '12a', /does not match the pattern \^\[0-9\]\+\$/],
  ['format', { format: 'email' }, 'a@example.com', 'not-an-email', /is not a valid email/],
  ['enum (no echo of the allowed values)', { enum: [`${CANARY}-1`, 'b'] }, 'b', `${CANARY}-2`, /is not one of the allowed values/],
  ['const (no echo)', { const: `${CANARY}-x` }, `${CANARY}-x`, `${CANARY}-y`, /is not one of the allowed values/],
  ['not (no echo)', { not: { const: CANARY } }, 'fine', CANARY, /is a value the schema forbids \(not\)/],
];

for (const [rule, schema, good, bad, words] of rules) {
  test(`variables schema rule ${rule}: passes a good value, names variable, env, rule and place for a bad one`, async () => {
    const dir = schemaProject(base(schema));
    const ok = await check({ cwd: dir, env: { TOKEN: STRONG, A: good } });
    assert.equal(codes(ok), [], JSON.stringify(ok.diagnostics));
    const r = await check({ cwd: dir, env: { TOKEN: STRONG, A: bad }, environments: ['staging'] });
    assert.is(r.status, 1);
    const d = r.diagnostics.find((x) => x.code === 'variable-schema')!;
    assert.match(d.message, words);
    assert.equal([d.variable, d.env, d.file, d.line, d.col], ['A', 'staging', 'base/configmap.yaml', 5, 6]);
    assert.match(d.rule!, /^schemas\/variables\.schema\.json#\/properties\/A\//);
    assert.not.ok(JSON.stringify(r).includes(CANARY), 'the value never appears');
  });
}

test('required: an unset variable whose default is used is absent, so required catches it', async () => {
  const dir = schemaProject(base({}, { required: ['URL'] }));
  const r = await check({ cwd: dir, env: { TOKEN: STRONG, A: 'a' }, environments: ['dev'] });
  assert.equal(codes(r), ['variable-schema']);
  assert.match(r.diagnostics[0].message, /^URL is required by the schema and is not set \(schemas\/variables\.schema\.json#\/required\)/);
  assert.equal([r.diagnostics[0].line, r.diagnostics[0].col], [6, 8]);
});

test('required is not repeated for a variable already reported as unset', async () => {
  const dir = schemaProject(base({}, { required: ['A'] }));
  const r = await check({ cwd: dir, env: { TOKEN: STRONG }, environments: ['dev'] });
  assert.equal(codes(r), ['unset-variable']);
});

test('every violation of every environment is reported in one run, with each place the variable is used', async () => {
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  a: ${A}\n  again: "x-${A}"\n  url: ${URL}\n';
  const dir = project({ configmap: cm, extra: { 'schemas/variables.schema.json': JSON.stringify(base({ minLength: 5 })) } });
  const r = await check({ cwd: dir, env: { TOKEN: STRONG, A: 'abc', URL: 'not a uri' } });
  const found = r.diagnostics.filter((d) => d.code === 'variable-schema').map((d) => `${d.env} ${d.variable} ${d.rule!.split('/').pop()}`);
  assert.equal(found, ['dev A minLength', 'staging A minLength', 'dev URL format', 'staging URL format']);
  assert.match(r.diagnostics.find((d) => d.variable === 'A')!.message, /also used at base\/configmap\.yaml:6:13/);
});

test('an environment schema adds rules for that environment only', async () => {
  const dir = schemaProject(base({}), { 'schemas/variables.staging.schema.json': JSON.stringify({ properties: { A: { pattern: '^prod-' } } }) });
  const r = await check({ cwd: dir, env: { TOKEN: STRONG, A: 'dev-value' } });
  assert.equal(r.diagnostics.map((d) => [d.code, d.env, d.rule]), [['variable-schema', 'staging', 'schemas/variables.staging.schema.json#/properties/A/pattern']]);
});

test('with a schema present, a variable used but not declared is an error', async () => {
  const dir = schemaProject({ type: 'object', properties: { TOKEN: {}, URL: {} } });
  const r = await check({ cwd: dir, env: { TOKEN: STRONG, A: 'a' }, environments: ['dev'] });
  assert.equal(codes(r), ['undeclared-variable']);
  assert.match(r.diagnostics[0].message, /A is used but not declared in schemas\/variables\.schema\.json/);
  const patterned = schemaProject({ type: 'object', properties: { TOKEN: {}, URL: {} }, patternProperties: { '^A$': {} } });
  assert.equal(codes(await check({ cwd: patterned, env: { TOKEN: STRONG, A: 'a' } })), []);
});

test('a schema that is not JSON, or does not compile, is exit 2 naming the file', async () => {
  for (const text of ['{ nope', JSON.stringify({ type: 'object', properties: { A: { minLength: 'x' } } }), JSON.stringify({ typo: true, minLenght: 3 })]) {
    const dir = schemaProject({}, { 'schemas/variables.schema.json': text });
    const r = await cli(['check'], { cwd: dir, env: { TOKEN: STRONG, A: 'a' } });
    assert.is(r.code, 2, text);
    assert.match(r.stderr, /schemas\/variables\.schema\.json: error: (cannot read|invalid) (the )?variables schema/);
  }
});

test('the schema key in kustenv.yaml points at another schema; its stem finds the environment schema', async () => {
  const dir = project({
    configmap,
    config: 'schema: rules/vars.schema.json\n',
    extra: { 'rules/vars.schema.json': JSON.stringify(base({})), 'rules/vars.dev.schema.json': JSON.stringify({ properties: { A: { const: 'x' } } }) },
  });
  const r = await check({ cwd: dir, env: { TOKEN: STRONG, A: 'a' } });
  assert.equal(r.diagnostics.map((d) => [d.env, d.rule]), [['dev', 'rules/vars.dev.schema.json#/properties/A/const']]);
});

test('writeOnly: true makes a ConfigMap variable secret: masked in --dry-run', async () => {
  const dir = schemaProject(base({ writeOnly: true }));
  const r = await cli(['render', 'dev', '--dry-run'], { cwd: dir, env: { TOKEN: STRONG, A: CANARY } });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /a: "\*\*\*"/);
  assert.not.ok(r.stdout.includes(CANARY));
  const json = JSON.parse((await cli(['check', 'dev', '--format', 'json'], { cwd: dir, env: { TOKEN: STRONG, A: CANARY } })).stdout);
  assert.is(json.environments[0].variables.find((v: { name: string }) => v.name === 'A').secret, true);
});

test('compiled schemas are cached in node_modules/.cache/kustenv and give the same results; a broken cache file is replaced', async () => {
  const dir = schemaProject(base({ minLength: 5 }), { 'node_modules/.keep': '' });
  const cache = path.join(dir, 'node_modules/.cache/kustenv');
  const first = await check({ cwd: dir, env: { TOKEN: STRONG, A: 'abc' } });
  assert.equal(codes(first), ['variable-schema', 'variable-schema']);
  const files = fs.readdirSync(cache);
  assert.is(files.length, 1);
  const second = await check({ cwd: dir, env: { TOKEN: STRONG, A: 'abc' } });
  assert.equal(second.diagnostics, first.diagnostics);
  // A copy (this process has not imported its cache file yet) with the file broken.
  const copy = tempdir();
  fs.cpSync(dir, copy, { recursive: true });
  const broken = path.join(copy, 'node_modules/.cache/kustenv', files[0]);
  fs.writeFileSync(broken, 'this is not javascript(');
  const third = await check({ cwd: copy, env: { TOKEN: STRONG, A: 'abcdef' } });
  assert.equal(codes(third), []);
  assert.match(fs.readFileSync(broken, 'utf8'), /^import \{ createRequire \}/);
  assert.not.ok(fs.readFileSync(broken, 'utf8').includes('abcdef'), 'the cache holds code, never a value');
  fs.writeFileSync(path.join(dir, 'schemas/variables.schema.json'), JSON.stringify(base({ minLength: 7 })));
  assert.equal(codes(await check({ cwd: dir, env: { TOKEN: STRONG, A: 'abcdef' } })), ['variable-schema', 'variable-schema'], 'a changed schema is compiled again');
  assert.is(fs.readdirSync(cache).length, 2);
});

// Production rules.
test('placeholder-looking values: the documented list, case-insensitive, whole value or prefix', () => {
  for (const v of ['dummy', 'CHANGEME', 'change-me', 'todo', 'xxx', 'Example', 'placeholder', 'password', 'secret', '<your key>', '${X}', '', 'dummy-token', 'EXAMPLE-key'])
    assert.ok(placeholderLook(v), v);
  for (const v of ['a-real-value', 'my-dummy', 'passwords', 'secretive', 'x', 'examples.com']) assert.is(placeholderLook(v), null, v);
});

test('production: placeholder-looking and empty values are errors; elsewhere warnings; defaults are checked too', async () => {
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n  a: ${A}\n  b: ${B:-changeme}\n  c: ${C}\n';
  const dir = project({ configmap: cm, envs: ['dev', 'prod'] });
  const env = { TOKEN: 'Zq8vN2kT5mRx9wLp4sYb7cHd3fJg6hKa', A: 'TODO', C: '' };
  const r = await check({ cwd: dir, env });
  const got = r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.variable} ${d.env}`).sort();
  assert.equal(got, [
    'error empty-value C prod',
    'error placeholder-value A prod',
    'error placeholder-value B prod',
    'warning empty-value C dev',
    'warning placeholder-value A dev',
    'warning placeholder-value B dev',
  ]);
  assert.is(r.status, 1);
});

test('production: weak secrets are errors unless the schema gives the variable its own rule', async () => {
  assert.ok(strengthBits('abcdefghijklm') < 64); // 13 lower-case letters: ~61 bits
  assert.ok(strengthBits('abcdefghijklmn') > 64);
  assert.ok(strengthBits('aB3$aB3$aB3$') > 64); // 12 of all four classes: ~78 bits
  const dir = project({ envs: ['dev', 'prod'] });
  const weak = await check({ cwd: dir, env: { TOKEN: 'short1' } });
  assert.equal(weak.diagnostics.map((d) => `${d.severity} ${d.code} ${d.env}`), ['warning weak-secret dev', 'error weak-secret prod']);
  assert.not.ok(JSON.stringify(weak).includes('short1'));
  assert.is((await check({ cwd: dir, env: { TOKEN: 'Zq8vN2kT5mRx9wLp' } })).status, 0);
  const ruled = project({ envs: ['prod'], extra: { 'schemas/variables.schema.json': JSON.stringify({ properties: { TOKEN: { pattern: '^[0-9]{6}$' }, LEVEL: {} } }) } });
  assert.is((await check({ cwd: ruled, env: { TOKEN: '123456' } })).status, 0, 'its own pattern rules alone');
});

test('production: the strength rule is for credentials only; identities and addresses get the placeholder rule', async () => {
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  user: ${DB_USER}\n  host: ${DB_HOST}\n  port: ${DB_PORT}\n  name: ${DB_NAME}\n  id: ${AWS_ACCESS_KEY_ID}\n  pass: ${DB_PASSWORD}\n  key: ${apiKey}\n';
  const dir = project({ envs: ['prod'], secret });
  const env = { DB_USER: 'postgres', DB_HOST: 'db.internal', DB_PORT: '5432', DB_NAME: 'app', AWS_ACCESS_KEY_ID: 'AKIA1234', DB_PASSWORD: 'short', apiKey: 'abc', LEVEL: 'info' };
  const r = await check({ cwd: dir, env });
  assert.equal(r.diagnostics.map((d) => `${d.code} ${d.variable}`).sort(), ['weak-secret DB_PASSWORD', 'weak-secret apiKey']);
  const placeholder = await check({ cwd: dir, env: { ...env, DB_USER: 'changeme', DB_PASSWORD: 'Zq8vN2kT5mRx9wLp', apiKey: 'Zq8vN2kT5mRx9wLp' } });
  assert.equal(placeholder.diagnostics.map((d) => `${d.code} ${d.variable}`), ['placeholder-value DB_USER']);
});

test('production: missing: dummy is refused', async () => {
  const dir = project({ envs: ['prod'], config: 'environments:\n  prod:\n    missing: dummy\n' });
  const r = await check({ cwd: dir, env: { TOKEN: 'Zq8vN2kT5mRx9wLp4sYb7cHd3fJg6hKa' } });
  assert.equal(codes(r), ['dummy-in-production']);
});

// The shipped examples.
function examples(): string {
  const dir = tempdir();
  for (const name of ['base-example', 'overlays-example', 'schemas', 'kustenv.yaml']) fs.cpSync(path.join(ROOT, name), path.join(dir, name), { recursive: true });
  return dir;
}

test('examples: dev and staging pass the example schemas', async () => {
  const r = await check({ cwd: examples(), env: {}, environments: ['dev', 'staging'] });
  assert.is(r.status, 0, JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error')));
});

test('examples: prod with the example fake values fails on the production rules, naming each variable', async () => {
  const r = await check({ cwd: examples(), env: {}, environments: ['prod'] });
  assert.is(r.status, 1);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.map((d) => `${d.code} ${d.variable}`), ['placeholder-value JWT_SECRET', 'placeholder-value OPENAI_API_KEY', 'placeholder-value STRIPE_API_KEY']);
});

test('examples: the prod schema refuses * as CORS origin and http:// as public URL', async () => {
  const real = { JWT_SECRET: 'Zq8vN2kT5mRx9wLp4sYb7cHd3fJg6hKa', OPENAI_API_KEY: 'sk-Aq9wE3rT6yU8iO1pL5kJ', STRIPE_API_KEY: 'sk_live_9aB8cD7eF6gH5iJ4' };
  const r = await check({ cwd: examples(), env: { ...real, CORS_ORIGIN: '*', PUBLIC_URL: 'http://shop.example.com' }, environments: ['prod'] });
  const rules = r.diagnostics.map((d) => d.rule).sort();
  assert.equal(rules, [
    'schemas/variables.prod.schema.json#/properties/CORS_ORIGIN/not',
    'schemas/variables.prod.schema.json#/properties/CORS_ORIGIN/pattern',
    'schemas/variables.prod.schema.json#/properties/PUBLIC_URL/pattern',
  ]);
});

test.run();
