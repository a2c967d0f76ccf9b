/** Any program: stdout is a JSON object of strings or dotenv text, keyed by the variables' own names. */
import { parseEnv } from 'node:util';
import { parseJson, stringObject, type StoreDriver } from './driver.js';

type Spec = { kind: 'command'; argv: string[] };

export const command: StoreDriver<Spec> = {
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
