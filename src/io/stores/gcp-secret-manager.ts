/** Google Secret Manager: one `gcloud secrets versions access latest` per needed name; stdout is the value byte for byte. */
import type { StoreDriver } from './driver.js';

type Spec = { kind: 'gcp-secret-manager'; project: string };

export const gcpSecretManager: StoreDriver<Spec> = {
  program: () => 'gcloud',
  bulk: false,
  args: (s, name) => ['secrets', 'versions', 'access', 'latest', '--secret', name!, '--project', s.project],
  parse: (stdout) => stdout,
  // gcloud: "ERROR: (gcloud.secrets.versions.access) NOT_FOUND: Secret [...] not found or has no versions."
  notFound: (stderr) => /\bNOT_FOUND\b/.test(stderr),
};
