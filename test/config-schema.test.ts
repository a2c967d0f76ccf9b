import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { parseConfig } from '../src/pipeline/parse-config.js';
import { ROOT } from './helpers/cli.js';
import { STORES, sourceLabel } from '../src/io/stores/registry.js';
import { withStores } from '../src/io/stores/schema.js';
import { keyNodeAt, keyPath, nodeAt, positionOf } from '../src/location.js';
import { LineCounter, parseDocument } from 'yaml';

// schemas/kustenv.schema.json (for editors) and the config parser must agree.
const schema = JSON.parse(fs.readFileSync(`${ROOT}/schemas/kustenv.schema.json`, 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

const cases: [string, boolean][] = [
  ['', true],
  ['base: b\noverlays: o\noutput: p.yaml\nschema: s.json\nrotateAfterDays: 30\n', true],
  ['include: ["**/*.yaml"]\nexclude: []\n', true],
  ['environments:\n  dev:\n  prod:\n    production: true\n    missing: error\n    envFiles: [a.env]\n    sources: []\n    generatedFile: g.env\n', true],
  ['environments:\n  dev:\n    missing: dummy\n  qa:\n    missing: generate\n', true],
  ['bogus: 1\n', false],
  ['base: 3\n', false],
  ['base: ""\n', false],
  ['include: "*.yaml"\n', false],
  ['include: [1]\n', false],
  ['output: a/b.yaml\n', false],
  ['output: ".."\n', false],
  ['rotateAfterDays: 0\n', false],
  ['rotateAfterDays: 1.5\n', false],
  ['environments: [dev]\n', false],
  ['environments:\n  dev:\n    envFile: [a]\n', false],
  ['environments:\n  dev:\n    production: "yes"\n', false],
  ['environments:\n  dev:\n    missing: ignore\n', false],
  ['environments:\n  dev:\n    sources: {}\n', false],
  ['environments:\n  "bad/name": {}\n', false],
  ['environments:\n  prod:\n    sources:\n      - aws-ssm: {path: /app/, region: eu-west-1}\n      - azure-keyvault: {vault: v}\n      - gcp-secret-manager: {project: p}\n      - vault: {path: secret/app}\n        map: {DB_PASSWORD: pg_pass}\n        timeout: 30\n      - command: [./get.sh, prod]\n', true],
  ['environments:\n  prod:\n    sources: [{aws-ssm: {path: /a/}, vault: {path: b}}]\n', false],
  ['environments:\n  prod:\n    sources: [{s3: {path: /a/}}]\n', false],
  ['environments:\n  prod:\n    sources: [{map: {A: a}}]\n', false],
  ['environments:\n  prod:\n    sources: [{aws-ssm: {region: r}}]\n', false],
  ['environments:\n  prod:\n    sources: [{aws-ssm: {path: /a/, bucket: b}}]\n', false],
  ['environments:\n  prod:\n    sources: [{vault: {path: a}, timeout: 0}]\n', false],
  ['environments:\n  prod:\n    sources: [{vault: {path: a}, timeout: 86400}]\n', true],
  ['environments:\n  prod:\n    sources: [{vault: {path: a}, timeout: 86401}]\n', false],
  ['environments:\n  prod:\n    sources: [{vault: {path: a}, map: {A: 1}}]\n', false],
  ['environments:\n  prod:\n    sources: [{command: []}]\n', false],
  ['environments:\n  prod:\n    sources: [{command: "get.sh"}]\n', false],
  ['environments:\n  prod:\n    sources: [vault]\n', false],
  ['environments:\n  prod:\n    output: external-secrets\n    externalSecrets: {store: {name: aws, kind: ClusterSecretStore}, refreshInterval: 1h30m, apiVersion: external-secrets.io/v1beta1}\n    sources: [{vault: {path: a}, store: {name: vault}}]\n', true],
  ['environments:\n  prod:\n    output: external-secrets\n', false],
  ['environments:\n  prod:\n    output: eso\n    externalSecrets: {}\n', false],
  ['environments:\n  prod:\n    output: external-secrets\n    externalSecrets: {refreshInterval: an-hour}\n', false],
  ['environments:\n  prod:\n    output: external-secrets\n    externalSecrets: {apiVersion: external-secrets.io/v2}\n', false],
  ['environments:\n  prod:\n    output: external-secrets\n    externalSecrets: {store: {name: Bad_Name}}\n', false],
  ['environments:\n  prod:\n    output: external-secrets\n    externalSecrets: {store: {name: a, kind: Store}}\n', false],
  ['environments:\n  prod:\n    externalSecrets: {store: {name: a}, extra: 1}\n', false],
  ['environments:\n  prod:\n    sources: [{aws-secrets-manager: {secret: app/db, region: eu-west-1}, map: {A: a}}]\n', true],
  ['environments:\n  prod:\n    sources: [{aws-secrets-manager: {secret: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-AbCdEf", as: DB_JSON}}]\n', true],
  ['environments:\n  prod:\n    sources: [{aws-secrets-manager: {secret: "-x"}}]\n', false],
  ['environments:\n  prod:\n    sources: [{aws-secrets-manager: {secret: app/db, as: DB}, map: {A: a}}]\n', false],
  ['environments:\n  prod:\n    sources: [{aws-secrets-manager: {secret: app/db, region: "eu west"}}]\n', false],
];

for (const [text, valid] of cases) {
  test(`config ${valid ? 'accepted' : 'refused'} by both schema and parser: ${JSON.stringify(text)}`, () => {
    const bySchema = validate(parse(text) ?? {});
    const byParser = parseConfig(text, 'kustenv.yaml').errors.length === 0;
    assert.is(bySchema, valid, `schema: ${JSON.stringify(validate.errors)}`);
    assert.is(byParser, valid, 'parser');
  });
}

test('the shipped example config is valid', () => {
  const text = fs.readFileSync(`${ROOT}/kustenv.yaml`, 'utf8');
  assert.ok(validate(parse(text)));
  assert.equal(parseConfig(text, 'kustenv.yaml').errors, []);
});

// Each error: code, key and line:col (checked by eye when written; the message is what users read).
const errorCases: { text: string; errors: string[] }[] = JSON.parse(fs.readFileSync(`${ROOT}/test/cases/config-errors.json`, 'utf8'));
for (const c of errorCases) {
  test(`config error, placed at its key: ${JSON.stringify(c.text)}`, () => {
    const { errors, config } = parseConfig(c.text, 'kustenv.yaml');
    assert.equal(errors.map((e) => `${e.line}:${e.col} [${e.code}] ${e.message}`), c.errors);
    assert.ok(errors.every((e) => e.file === 'kustenv.yaml' && e.severity === 'error'));
    assert.equal(config, {}, 'no half-read config');
  });
}

test('the store part of schemas/kustenv.schema.json is the drivers\' (npm run schema:stores writes it)', () => {
  assert.equal(withStores(schema), schema);
  const source = schema.$defs.source;
  for (const d of STORES) assert.equal(source.properties[d.kind], d.schema, d.kind);
  assert.equal(source.oneOf.map((o: { required: string[] }) => o.required[0]), STORES.map((d) => d.kind));
});

test('a valid config becomes specs through the drivers, with defaults and the entry position', () => {
  const text = 'environments:\n  prod:\n    sources:\n      - aws-ssm: {path: /app/}\n      - command: [./get.sh, prod]\n        timeout: 5\n';
  const { config, errors } = parseConfig(text, 'kustenv.yaml');
  assert.equal(errors, []);
  const sources = config.environments!.prod.sources!;
  assert.equal(sources.map((s) => [s.store, s.map, s.timeout, s.at]), [
    [{ kind: 'aws-ssm', path: '/app/' }, {}, 60, { file: 'kustenv.yaml', line: 4, col: 9 }],
    [{ kind: 'command', argv: ['./get.sh', 'prod'] }, {}, 5, { file: 'kustenv.yaml', line: 5, col: 9 }],
  ]);
  assert.equal(sources.map((s) => sourceLabel(s.store)), ['aws-ssm /app/', 'command ./get.sh']);
});

test('location: instance path -> yaml node -> line:col, and the key path messages use', () => {
  const lc = new LineCounter();
  const doc = parseDocument('a:\n  b: [x, {"c/d": 1}]\n', { lineCounter: lc });
  assert.equal(positionOf(nodeAt(doc, '/a/b/1/c~1d'), lc), { line: 2, col: 18 });
  assert.equal(positionOf(keyNodeAt(doc, '/a/b/1', 'c/d'), lc), { line: 2, col: 11 });
  assert.equal(positionOf(nodeAt(doc, '/a/missing'), lc), { line: 2, col: 3 }, 'a missing step: the deepest node there is');
  assert.is(keyPath('/a/b/1/c~1d', doc), 'a.b[1].c/d');
  assert.equal(positionOf(null, lc), { line: 1, col: 1 });
});

test.run();
