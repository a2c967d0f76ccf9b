/** HashiCorp Vault KV: one `vault kv get -format=json PATH`; `data.data` (KV version 2) or `data` (version 1). */
import { MalformedAnswer, parseJson, stringObject, type StoreDriver } from './driver.js';

export type Spec = { kind: 'vault'; path: string };

export const vault: StoreDriver<Spec> = {
  kind: 'vault',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: { path: { type: 'string', minLength: 1 } },
    description: 'HashiCorp Vault KV (version 1 or 2): vault kv get -format=json PATH.',
  },
  spec: (v) => ({ kind: 'vault', ...(v as Omit<Spec, 'kind'>) }),
  label: (s) => s.path,
  program: () => 'vault',
  bulk: true,
  args: (s) => ['kv', 'get', '-format=json', s.path],
  parse(stdout) {
    const answer = parseJson(stdout, 'the answer') as { data?: { data?: unknown; metadata?: unknown } } | null;
    const data = answer?.data;
    if (!data || typeof data !== 'object') throw new MalformedAnswer('the answer has no "data" object');
    const v2 = data.metadata !== undefined && data.data !== null && typeof data.data === 'object';
    return stringObject(v2 ? data.data : data, v2 ? 'data.data' : 'data');
  },
  // vault: "No value found at secret/data/app" (exit 2): nothing is set.
  notFound: (stderr) => /^No value found at /m.test(stderr),
};
