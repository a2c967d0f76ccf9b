/**
 * AWS Secrets Manager: one `aws secretsmanager get-secret-value` per secret.
 * `--query SecretString --output json` prints the SecretString as a JSON
 * string, so the value is exact. Without `as`, the SecretString must be a JSON
 * object of strings (one store name per key); with `as: VAR`, the whole
 * SecretString is VAR's value.
 */
import { MalformedAnswer, parseJson, type StoreDriver } from './driver.js';

export type Spec = {
  kind: 'aws-secrets-manager';
  secret: string;
  region?: string;
  /** The whole SecretString is this variable's value. */
  as?: string;
};

/** The store name that `as: VAR` gives VAR: no JSON key of a SecretString is looked up for it. */
export const WHOLE_SECRET = '\u0000whole-secret';

/**
 * A secret ID the AWS CLI takes as data: a secret name (letters, digits and
 * `/_+=.@-`, not starting with `-`, so it cannot be read as an option) or a
 * Secrets Manager ARN.
 */
const SECRET_ID = /^(?:arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:)?[A-Za-z0-9/_+=.@][A-Za-z0-9/_+=.@-]*$/;
/** An AWS region name (`eu-west-1`, `us-gov-west-1`). */
const AWS_REGION = /^[a-z]{2}(?:-[a-z]+)+-[0-9]+$/;

export const awsSecretsManager: StoreDriver<Spec> = {
  kind: 'aws-secrets-manager',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['secret'],
    properties: {
      secret: { type: 'string', minLength: 1, maxLength: 2048, pattern: SECRET_ID.source, description: 'Secret name or ARN.' },
      region: { type: 'string', pattern: AWS_REGION.source },
      as: {
        type: 'string',
        pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
        description: 'Take the whole SecretString as this variable\'s value (else the SecretString is a JSON object of strings, one store name per key).',
      },
    },
    description: 'AWS Secrets Manager: aws secretsmanager get-secret-value --secret-id SECRET --query SecretString --output json.',
  },
  spec: (v) => ({ kind: 'aws-secrets-manager', ...(v as Omit<Spec, 'kind'>) }),
  label: (s) => s.secret,
  program: () => 'aws',
  bulk: true,
  args: (s) => ['secretsmanager', 'get-secret-value', '--secret-id', s.secret, '--query', 'SecretString', '--output', 'json', ...(s.region ? ['--region', s.region] : [])],
  parse(stdout, s) {
    const secretString = parseJson(stdout, 'the answer');
    // A secret with only SecretBinary answers null.
    if (typeof secretString !== 'string') throw new MalformedAnswer('the answer is not a JSON string (the secret has no SecretString?)');
    if (s.as !== undefined) return new Map([[WHOLE_SECRET, secretString]]);
    const object = parseJsonOrUndefined(secretString);
    if (!object || typeof object !== 'object' || Array.isArray(object)) throw new MalformedAnswer('the SecretString is not a JSON object of strings (use "as: VAR" to take it whole)');
    const out = new Map<string, string>();
    for (const [k, v] of Object.entries(object)) {
      if (typeof v !== 'string') throw new MalformedAnswer(`the SecretString's key "${k}" does not hold a string`);
      out.set(k, v);
    }
    return out;
  },
  // aws: "An error occurred (ResourceNotFoundException) when calling the GetSecretValue operation: Secrets Manager can't find the specified secret." (exit 254)
  notFound: (stderr) => /\(ResourceNotFoundException\) when calling the GetSecretValue operation/.test(stderr),
};

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
