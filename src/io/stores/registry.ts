/**
 * The store kinds kustenv knows: one driver file each. Pure (no process is
 * started here), so the config parser can use it; io/stores/index.ts runs them.
 */
import { awsSecretsManager, type Spec as AwsSecretsManagerSpec } from './aws-secrets-manager.js';
import { awsSsm, type Spec as AwsSsmSpec } from './aws-ssm.js';
import { azureKeyVault, type Spec as AzureKeyVaultSpec } from './azure-keyvault.js';
import { command, type Spec as CommandSpec } from './command.js';
import type { StoreDriver } from './driver.js';
import { gcpSecretManager, type Spec as GcpSecretManagerSpec } from './gcp-secret-manager.js';
import { vault, type Spec as VaultSpec } from './vault.js';

/** One secret store, as kustenv.yaml gives it: the union of every driver's spec. */
export type StoreSpec = AwsSecretsManagerSpec | AwsSsmSpec | AzureKeyVaultSpec | GcpSecretManagerSpec | VaultSpec | CommandSpec;
export type StoreKind = StoreSpec['kind'];

/** Every driver, in the order the schema and messages list them. */
export const STORES: readonly StoreDriver[] = [awsSecretsManager, awsSsm, azureKeyVault, gcpSecretManager, vault, command] as StoreDriver[];

/** The driver of a store key, or undefined for a key that names no store. */
export function driverFor(kind: string): StoreDriver | undefined {
  return STORES.find((d) => d.kind === kind);
}

/** The store keys, for messages: `aws-secrets-manager, aws-ssm, ...`. */
export const STORE_KINDS: readonly string[] = STORES.map((d) => d.kind);

/** `aws-ssm /app/`: how messages and `vars` name a source. */
export function sourceLabel(store: StoreSpec): string {
  return `${store.kind} ${driverFor(store.kind)!.label(store)}`;
}
