import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateObjects } from '../src/pipeline/validate-objects.js';

const CANARY = 'OBJ-CANARY-VALUE';
const b64 = (s: string) => Buffer.from(s).toString('base64');

function run(obj: Record<string, any>) {
  return validateObjects([{ obj, at: { file: 'base/x.yaml', line: 1, col: 1 } }], 'dev');
}
const secret = (extra: Record<string, any>, name = 'app') => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, ...extra });
const cm = (extra: Record<string, any>, name = 'cfg') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, ...extra });

// [title, object, expected codes, a fragment of the message]
const cases: [string, Record<string, any>, string[], string?][] = [
  ['a plain Opaque Secret', secret({ type: 'Opaque', stringData: { TOKEN: CANARY }, data: { b: b64(CANARY) } }), []],
  ['a Secret without type', secret({ stringData: { a: 'b' } }), []],
  ['a ConfigMap with data and binaryData', cm({ data: { 'app.conf': 'x', 'a-b_c.d': '' }, binaryData: { bin: b64('x') } }), []],
  ['an upper-case name', secret({}, 'App'), ['object-schema'], 'metadata.name does not match the pattern'],
  ['a name of 254 characters', cm({}, 'a'.repeat(254)), ['object-schema'], 'metadata.name must be at most 253 characters long'],
  ['a name of 253 characters', cm({}, 'a'.repeat(253)), []],
  ['a namespace that is not a DNS label', { ...cm({}), metadata: { name: 'c', namespace: 'a.b' } }, ['object-schema'], 'metadata.namespace'],
  ['a data key with a space', cm({ data: { 'bad key': 'x' } }), ['object-schema'], 'data key "bad key" is not a valid key'],
  ['a data key that is ..', secret({ stringData: { '..': 'x' } }), ['object-schema'], 'key ".." is not a valid key'],
  ['Secret data that is not base64', secret({ data: { a: `${CANARY}!` } }), ['object-schema'], 'data.a does not match the pattern'],
  ['a ConfigMap value that is not a string', cm({ data: { n: 3 } }), ['object-schema'], 'data.n must be of type string'],
  ['binaryData that is not base64', cm({ binaryData: { b: 'not base64!' } }), ['object-schema'], 'binaryData.b'],
  ['tls with both keys', secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c') }, stringData: { 'tls.key': 'k' } }), []],
  ['tls without tls.key', secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c') } }), ['object-schema'], 'needs key tls.key in data or stringData'],
  ['dockerconfigjson with valid JSON in data', secret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{"auths":{}}') } }), []],
  ['dockerconfigjson with invalid JSON', secret({ type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': `{${CANARY}` } }), ['object-invalid-json'], '.dockerconfigjson must hold valid JSON'],
  ['dockerconfigjson without its key', secret({ type: 'kubernetes.io/dockerconfigjson', stringData: {} }), ['object-schema'], 'needs key .dockerconfigjson'],
  ['basic-auth with a password only', secret({ type: 'kubernetes.io/basic-auth', stringData: { password: 'p' } }), []],
  ['basic-auth with neither key', secret({ type: 'kubernetes.io/basic-auth', stringData: { user: 'u' } }), ['object-schema'], 'needs key username or password'],
  ['ssh-auth without its key', secret({ type: 'kubernetes.io/ssh-auth', data: {} }), ['object-schema'], 'needs key ssh-privatekey'],
  ['a service account token without its annotation', secret({ type: 'kubernetes.io/service-account-token' }), ['object-schema'], 'needs "annotations"'],
  ['a custom x/y type', secret({ type: 'example.com/my-type', stringData: {} }), []],
  ['a type that is neither standard nor x/y', secret({ type: 'weird' }), ['object-schema'], 'type a standard Secret type, or a custom one like example.com/my-type'],
  ['a key in both data and stringData', secret({ data: { a: b64('x') }, stringData: { a: 'y' } }), ['object-duplicate-key'], 'key "a" is in both data and stringData'],
  ['an object over 1 MiB', cm({ data: { big: 'x'.repeat(1024 * 1024) } }), ['object-too-large'], 'Kubernetes allows at most 1048576'],
];

for (const [title, obj, codes, fragment] of cases) {
  test(`built-in rules: ${title}`, () => {
    const d = run(obj);
    assert.equal(d.map((x) => x.code), codes, JSON.stringify(d));
    if (fragment) assert.ok(d.some((x) => x.message.includes(fragment)), `"${fragment}" in ${d.map((x) => x.message).join(' | ')}`);
    assert.not.ok(JSON.stringify(d).includes(CANARY), 'no value in any message');
    for (const x of d) assert.equal([x.file, x.line, x.env], ['base/x.yaml', 1, 'dev']);
  });
}

test('each error names the schema file and JSON pointer of the rule', () => {
  const [d] = run(secret({ type: 'kubernetes.io/tls', data: {} }));
  assert.match(d.message, /\(schemas\/secret\.schema\.json#\/allOf\/0\/then\/allOf\/0\/anyOf\)/);
});

test.run();
