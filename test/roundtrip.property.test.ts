import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { assemblePatch } from '../src/pipeline/assemble-patch.js';
import { parseTemplates } from '../src/pipeline/parse-templates.js';
import { renderDocument } from '../src/pipeline/render-document.js';

// Property: any value, in any scalar style and object kind, comes back from
// the written patch exactly, and never adds a key or a document.

const pieces = [':', ': ', '#', ' #', '\n', '\n\n', '---', '...', '*', '&', '!', '"', "'", '\\', '{', '}', '[', ']', ',', '%', '@', '`', '|', '>', '-', '- ', '?', '? ', 'true', 'null', 'no', 'yes', '0123', '0x1F', '1e3', '.inf', '~', ' ', '  ', '\t', '\r\n', '\r', '${X}', '$${', '$', 'é', '🎉', '\u2028', '\u0085', '\u0001', '\u007f', '\ufeff', '<<', '=', 'key: value'];
const value = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 12 }).map((p) => p.join(''));

type Style = { name: string; write: (expr: string) => string; expect: (v: string) => string };
const styles: Style[] = [
  { name: 'plain', write: (e) => e, expect: (v) => v },
  { name: 'single-quoted', write: (e) => `'${e}'`, expect: (v) => v },
  { name: 'double-quoted', write: (e) => `"${e}"`, expect: (v) => v },
  { name: 'with text around', write: (e) => `"pre: ${e} #post"`, expect: (v) => `pre: ${v} #post` },
  { name: 'block literal', write: (e) => `|\n    ${e}`, expect: (v) => `${v}\n` },
];
const kinds = [
  { kind: 'ConfigMap', field: 'data', decode: (s: string) => s },
  { kind: 'Secret', field: 'stringData', decode: (s: string) => s },
  { kind: 'Secret', field: 'data', decode: (s: string) => Buffer.from(s, 'base64').toString('utf8') },
  { kind: 'Widget', field: 'spec', decode: (s: string) => s, apiVersion: 'example.com/v1' },
];

function renderInMemory(template: string, vars: Record<string, string>) {
  const { documents, diagnostics } = parseTemplates([{ file: 'base/t.yaml', text: template }]);
  if (diagnostics.length) throw new Error(`template did not parse: ${diagnostics.map((d) => d.message).join('; ')}`);
  const lookup = (n: string) => (Object.hasOwn(vars, n) ? vars[n] : undefined);
  const rendered = documents.map((d) => renderDocument(d, { env: 'dev', lookup, dummy: false, secretVars: new Set(['V', 'W']) }));
  for (const r of rendered) if (r.diagnostics.some((d) => d.severity === 'error')) throw new Error(r.diagnostics.map((d) => d.code).join());
  const docs = rendered.map((r) => r.rendered!).filter(Boolean);
  return assemblePatch(docs, { env: 'dev', templates: ['base/t.yaml'], fallback: {} }, false);
}

for (const k of kinds) {
  for (const s of styles) {
    // A plain lone placeholder outside Secret and ConfigMap is typed on purpose (render.test.ts).
    if (k.kind === 'Widget' && s.name === 'plain') continue;
    test(`round trip: ${k.kind} ${k.field}, ${s.name} scalar`, () => {
      fc.assert(
        fc.property(value, value, (v, w) => {
          const template = [
            `apiVersion: ${k.apiVersion ?? 'v1'}`,
            `kind: ${k.kind}`,
            'metadata:',
            '  name: t',
            `${k.field}:`,
            `  a: ${s.write('${V}')}`,
            `  b: ${s.write('${W}')}`,
            `  c: ${k.field === 'data' && k.kind === 'Secret' ? 'Zml4ZWQ=' : 'fixed'}`,
            '',
          ].join('\n');
          const text = renderInMemory(template, { V: v, W: w });
          const docs = parseAllDocuments(text);
          assert.is(docs.length, 1, 'one document');
          for (const d of docs) assert.equal(d.errors, []);
          const obj = docs[0].toJS();
          assert.equal(Object.keys(obj), ['apiVersion', 'kind', 'metadata', k.field]);
          assert.equal(Object.keys(obj[k.field]), ['a', 'b'], 'no key added');
          assert.is(k.decode(obj[k.field].a), s.expect(v));
          assert.is(k.decode(obj[k.field].b), s.expect(w));
        }),
        { numRuns: Number(process.env.PROPERTY_RUNS ?? 150), seed: 20261123 + k.field.length + s.name.length },
      );
    });
  }
}

test.run();
