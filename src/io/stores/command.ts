/** Any program: stdout is a JSON object of strings or dotenv text, keyed by the variables' own names. */
import { parseEnv } from 'node:util';
import { parseJson, stringObject, type StoreDriver } from './driver.js';

export type Spec = { kind: 'command'; argv: string[] };

export const command: StoreDriver<Spec> = {
  kind: 'command',
  schema: {
    type: 'array',
    minItems: 1,
    items: { type: 'string', minLength: 1 },
    description: 'A program and its arguments (no shell); stdout is a JSON object of strings or dotenv text, keyed by variable names.',
  },
  spec: (v) => ({ kind: 'command', argv: v as string[] }),
  label: (s) => s.argv[0],
  program: (s) => s.argv[0],
  bulk: true,
  ownNames: true,
  args: (s) => s.argv.slice(1),
  parse(stdout) {
    if (stdout.trimStart().startsWith('{')) return stringObject(parseJson(stdout, 'the output'), 'the output');
    const out = new Map<string, string>();
    for (const [k, v] of Object.entries(parseEnv(stdout))) if (v !== undefined) out.set(k, v);
    return out;
  },
  notFound: () => false,
};
