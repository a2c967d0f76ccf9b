/**
 * AWS Systems Manager Parameter Store, by path: one call for the whole tree.
 * The AWS CLI pages through the results itself (no --max-items), so its
 * answer is every parameter; a NextToken would mean it stopped early.
 */
import { MalformedAnswer, parseJson, type StoreDriver } from './driver.js';

export type Spec = { kind: 'aws-ssm'; path: string; region?: string };

export const awsSsm: StoreDriver<Spec> = {
  kind: 'aws-ssm',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: { path: { type: 'string', minLength: 1 }, region: { type: 'string', minLength: 1 } },
    description: 'AWS SSM Parameter Store: aws ssm get-parameters-by-path --path PATH --recursive --with-decryption.',
  },
  spec: (v) => ({ kind: 'aws-ssm', ...(v as Omit<Spec, 'kind'>) }),
  label: (s) => s.path,
  program: () => 'aws',
  bulk: true,
  args: (s) => ['ssm', 'get-parameters-by-path', '--path', s.path, '--recursive', '--with-decryption', '--output', 'json', ...(s.region ? ['--region', s.region] : [])],
  parse(stdout) {
    const answer = parseJson(stdout, 'the answer') as { Parameters?: unknown; NextToken?: unknown } | null;
    if (!answer || typeof answer !== 'object' || !Array.isArray(answer.Parameters)) throw new MalformedAnswer('the answer has no "Parameters" list');
    if (answer.NextToken) throw new MalformedAnswer('the answer is one page of several (it holds a NextToken), so parameters would be missing');
    const out = new Map<string, string>();
    for (const p of answer.Parameters as { Name?: unknown; Value?: unknown }[]) {
      if (typeof p?.Name !== 'string' || typeof p.Value !== 'string') throw new MalformedAnswer('a parameter has no string Name and Value');
      const name = p.Name.split('/').pop()!;
      // Two parameters with the same last segment (/app/a/x, /app/b/x): neither may silently win.
      if (out.has(name)) throw new MalformedAnswer(`two parameters under the path end in "${name}"; narrow the path`);
      out.set(name, p.Value);
    }
    return out;
  },
  notFound: () => false, // an empty path answers {"Parameters": []}
};
