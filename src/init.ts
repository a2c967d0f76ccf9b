/** `kustenv init`: scaffold a project. It never overwrites; run twice, it changes nothing. */
import fs from 'node:fs';
import path from 'node:path';

const ENVIRONMENTS = ['dev', 'staging', 'prod'];

const FILES: Record<string, string> = {
  'kustenv.yaml': `# yaml-language-server: $schema=./node_modules/kustenv/schemas/kustenv.schema.json
# kustenv renders base/ into overlays/<env>/kustenv.patch.yaml. Every key is optional.
base: base
overlays: overlays
environments:
  dev:
    envFiles: [overlays/dev/dev.env]   # your local values; git ignores *.env
    missing: generate                  # unset secrets with an x-kustenv-generate rule are created, kept in overlays/dev/kustenv.generated.env
  staging: {}
  prod: {}                             # production rules apply to prod and production
`,
  'base/secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: app-secrets
type: Opaque
stringData:
  DATABASE_URL: \${DATABASE_URL}
  API_KEY: \${API_KEY:?set API_KEY in your CI secret store}
  SESSION_SECRET: \${SESSION_SECRET}
`,
  'base/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LOG_LEVEL: \${LOG_LEVEL:-info}
  PUBLIC_URL: \${PUBLIC_URL}
`,
  'base/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - secret.yaml
  - configmap.yaml
`,
  'schemas/variables.schema.json': `${JSON.stringify(
    {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['DATABASE_URL', 'API_KEY', 'PUBLIC_URL'],
      properties: {
        DATABASE_URL: { type: 'string', format: 'uri', description: 'Database connection URL, with credentials.' },
        API_KEY: { type: 'string', minLength: 16, description: 'Key for the upstream API.' },
        SESSION_SECRET: { type: 'string', 'x-kustenv-generate': 'base64url:32', writeOnly: true, description: 'Signs session cookies; kustenv generate creates it.' },
        LOG_LEVEL: { enum: ['debug', 'info', 'warn', 'error'], description: 'Application log level.' },
        PUBLIC_URL: { type: 'string', format: 'uri', description: 'Public base URL.' },
      },
    },
    null,
    2,
  )}\n`,
};
FILES['overlays/dev/dev.env'] = `# Local values for dev, read through kustenv.yaml's envFiles. git ignores *.env: keep real secrets out of it anyway.
DATABASE_URL=postgres://app:app@localhost:5432/app
API_KEY=local-development-key-0000
PUBLIC_URL=http://localhost:8080
`;
for (const env of ENVIRONMENTS) {
  FILES[`overlays/${env}/kustomization.yaml`] = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: app-${env}
resources:
  - ../../base
patches:
  - path: kustenv.patch.yaml   # written by \`kustenv render ${env}\`; git ignores it
`;
}

const GITIGNORE_LINES = ['kustenv.patch.yaml', 'kustenv.generated.env', '*.kustenv-tmp', '*.env', '!example.env', '!.env.example'];

export interface InitResult {
  status: 0 | 2;
  /** Paths created or changed, relative to the folder. */
  created: string[];
  /** Paths that existed and were left alone. */
  kept: string[];
  error?: string;
}

/** Create whatever of the scaffold is missing in `dir`; add missing .gitignore lines. */
export function init(dir: string): InitResult {
  const created: string[] = [];
  const kept: string[] = [];
  try {
    for (const [name, text] of Object.entries(FILES)) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) {
        kept.push(name);
        continue;
      }
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text, { flag: 'wx' });
      created.push(name);
    }
    const gitignore = path.join(dir, '.gitignore');
    const have = fs.existsSync(gitignore) ? fs.readFileSync(gitignore, 'utf8') : '';
    const present = new Set(have.split(/\r?\n/).map((l) => l.trim()));
    const missing = GITIGNORE_LINES.filter((l) => !present.has(l));
    if (missing.length) {
      const prefix = have && !have.endsWith('\n') ? '\n' : '';
      fs.appendFileSync(gitignore, `${prefix}# kustenv: rendered patches and local values hold secrets\n${missing.join('\n')}\n`);
      created.push('.gitignore');
    } else kept.push('.gitignore');
  } catch (e) {
    return { status: 2, created, kept, error: `${(e as NodeJS.ErrnoException).code ?? 'error'} ${(e as NodeJS.ErrnoException).path ?? ''}`.trim() };
  }
  return { status: 0, created, kept };
}
