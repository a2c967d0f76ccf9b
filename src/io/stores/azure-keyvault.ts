/** Azure Key Vault: one `az keyvault secret show` per needed name; the value comes as a JSON string, so it is exact. */
import { MalformedAnswer, parseJson, type StoreDriver } from './driver.js';

type Spec = { kind: 'azure-keyvault'; vault: string };

export const azureKeyVault: StoreDriver<Spec> = {
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
