import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
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

test.run();
