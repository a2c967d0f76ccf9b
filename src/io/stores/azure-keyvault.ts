/** Azure Key Vault: one `az keyvault secret show` per needed name; the value comes as a JSON string, so it is exact. */
import { MalformedAnswer, parseJson, type StoreDriver } from './driver.js';

export type Spec = { kind: 'azure-keyvault'; vault: string };

export const azureKeyVault: StoreDriver<Spec> = {
  kind: 'azure-keyvault',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['vault'],
    properties: { vault: { type: 'string', minLength: 1 } },
    description: 'Azure Key Vault: az keyvault secret show --vault-name VAULT --name NAME, per variable.',
  },
  spec: (v) => ({ kind: 'azure-keyvault', ...(v as Omit<Spec, 'kind'>) }),
  label: (s) => s.vault,
  program: () => 'az',
  bulk: false,
  args: (s, name) => ['keyvault', 'secret', 'show', '--vault-name', s.vault, '--name', name!, '--query', 'value', '--output', 'json'],
  parse(stdout) {
    const value = parseJson(stdout, 'the answer');
    if (typeof value !== 'string') throw new MalformedAnswer('the answer is not a JSON string');
    return value;
  },
  // az: "ERROR: (SecretNotFound) A secret with (name/id) … was not found in this key vault."
  notFound: (stderr) => /\bSecretNotFound\b/.test(stderr),
};
