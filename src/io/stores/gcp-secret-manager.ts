/** Google Secret Manager: one `gcloud secrets versions access latest` per needed name; stdout is the value byte for byte. */
import type { StoreDriver } from './driver.js';

export type Spec = { kind: 'gcp-secret-manager'; project: string };

export const gcpSecretManager: StoreDriver<Spec> = {
  kind: 'gcp-secret-manager',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['project'],
    properties: { project: { type: 'string', minLength: 1 } },
    description: 'Google Secret Manager: gcloud secrets versions access latest --secret NAME --project PROJECT, per variable.',
  },
  spec: (v) => ({ kind: 'gcp-secret-manager', ...(v as Omit<Spec, 'kind'>) }),
  label: (s) => s.project,
  program: () => 'gcloud',
  bulk: false,
  args: (s, name) => ['secrets', 'versions', 'access', 'latest', '--secret', name!, '--project', s.project],
  parse: (stdout) => stdout,
  // gcloud: "ERROR: (gcloud.secrets.versions.access) NOT_FOUND: Secret [...] not found or has no versions."
  notFound: (stderr) => /\bNOT_FOUND\b/.test(stderr),
};
