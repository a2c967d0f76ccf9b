import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const created: string[] = [];
process.on('exit', () => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new temporary folder, removed when the test process exits. */
export function tempdir(prefix = 'kustenv-test-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  created.push(dir);
  return dir;
}

/** A fixture tree written from an inline map of path -> content. */
export function testdir(files: Record<string, string>, options: { git?: boolean; gitignore?: string } = {}): string {
  const dir = tempdir();
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  if (options.git !== false) {
    git(dir, 'init', '-q');
    if (options.gitignore !== undefined) fs.writeFileSync(path.join(dir, '.gitignore'), options.gitignore);
  }
  return dir;
}

export function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=test', ...args], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Every file under `dir` (outside .git), relative, with its content. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** A small project: one Secret and one ConfigMap template and the given environments. */
export function project(opts: { envs?: string[]; secret?: string; configmap?: string; config?: string; extra?: Record<string, string>; gitignore?: string } = {}): string {
  const envs = opts.envs ?? ['dev', 'staging'];
  const files: Record<string, string> = {
    'base/secret.yaml': opts.secret ?? 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  TOKEN: ${TOKEN}\n',
    'base/configmap.yaml': opts.configmap ?? 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  LEVEL: ${LEVEL:-info}\n',
    'base/kustomization.yaml': 'resources: [secret.yaml, configmap.yaml]\n',
    ...(opts.config ? { 'kustenv.yaml': opts.config } : {}),
    ...opts.extra,
  };
  for (const e of envs) files[`overlays/${e}/kustomization.yaml`] = 'resources: [../../base]\npatches:\n  - path: kustenv.patch.yaml\n';
  return testdir(files, { gitignore: opts.gitignore ?? 'kustenv.patch.yaml\n' });
}
