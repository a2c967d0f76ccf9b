import fs from 'node:fs';
import path from 'node:path';
import { error } from '../diagnostics.js';
import { CONFIG_FILE, DEFAULTS, KUSTOMIZATION_FILES, isProductionName } from '../options.js';
import { parseConfig } from '../pipeline/parse-config.js';
import { isEnvironmentName } from '../pipeline/validate-names.js';
import type { Diagnostic, EnvironmentConfig, ProjectConfig } from '../types.js';

/** Look for kustenv.yaml in `dir` and each parent. */
export function findConfig(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const candidate = path.join(d, CONFIG_FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * Find, read and check the config, resolve its paths and list the
 * environments. Any error here means kustenv cannot run (exit 2).
 */
export function loadProject(cwd: string, configPath?: string): { project?: ProjectConfig; errors: Diagnostic[] } {
  const file = configPath ? path.resolve(cwd, configPath) : findConfig(cwd);
  const root = file ? path.dirname(file) : path.resolve(cwd);
  let raw = {};
  if (file) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      return { errors: [error('config-unreadable', `cannot read config file: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { file: configPath ?? file })] };
    }
    const parsed = parseConfig(text, path.relative(cwd, file) || CONFIG_FILE);
    if (parsed.errors.length) return { errors: parsed.errors };
    raw = parsed.config;
  }
  const c = raw as ReturnType<typeof parseConfig>['config'];
  const overlays = path.resolve(root, c.overlays ?? DEFAULTS.overlays);
  const schemaDefault = path.resolve(root, DEFAULTS.schema);
  const project: ProjectConfig = {
    root,
    configFile: file,
    base: path.resolve(root, c.base ?? DEFAULTS.base),
    include: c.include ?? [...DEFAULTS.include],
    exclude: c.exclude ?? [...DEFAULTS.exclude],
    overlays,
    output: c.output ?? DEFAULTS.output,
    schema: c.schema ? path.resolve(root, c.schema) : fs.existsSync(schemaDefault) ? schemaDefault : undefined,
    rotateAfterDays: c.rotateAfterDays ?? DEFAULTS.rotateAfterDays,
    environments: [],
  };
  const errors: Diagnostic[] = [];
  const names = c.environments ? Object.keys(c.environments) : discoverEnvironments(overlays);
  for (const name of names) {
    // An environment's name reaches messages, hints to paste into a shell and completion scripts: a plain name only.
    if (!isEnvironmentName(name)) {
      errors.push(error('bad-environment-name', `an environment (an overlay folder or a key of environments) has a name that is not a plain name (letters, digits, ".", "_" and "-", at most 63, starting with a letter or digit); rename it`, { file: file ? rel(root, file) : rel(root, overlays) }));
      continue;
    }
    const e = c.environments?.[name] ?? {};
    const overlayDir = path.join(overlays, name);
    const env: EnvironmentConfig = {
      name,
      overlayDir,
      envFiles: (e.envFiles ?? []).map((f) => path.resolve(root, f)),
      production: e.production ?? isProductionName(name),
      missing: e.missing ?? 'error',
      sources: e.sources ?? [],
      generatedFile: e.generatedFile ? path.resolve(root, e.generatedFile) : path.join(overlayDir, DEFAULTS.generatedFile),
      ...(e.output ? { output: e.output } : {}),
      ...(e.externalSecrets ? { externalSecrets: e.externalSecrets } : {}),
    };
    if (!isDirectory(overlayDir)) {
      errors.push(error('overlay-missing', `overlay folder ${rel(root, overlayDir)} of environment "${name}" does not exist`, { file: rel(cwd, file ?? root) }));
    }
    project.environments.push(env);
  }
  if (!project.environments.length && !errors.length) {
    errors.push(
      error('no-environments', `no environments: add subfolders with a kustomization.yaml under ${rel(root, overlays) || '.'}, or list them under "environments" in ${CONFIG_FILE}`),
    );
  }
  return errors.length ? { errors } : { project, errors };
}

/** Every subfolder of `overlays` that holds a kustomization file, sorted. */
export function discoverEnvironments(overlays: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(overlays, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((d) => d.isDirectory() && KUSTOMIZATION_FILES.some((k) => fs.existsSync(path.join(overlays, d.name, k))))
    .map((d) => d.name)
    .sort();
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A path relative to `from`, with `/` separators, for messages. */
export function rel(from: string, p: string): string {
  return path.relative(from, p).split(path.sep).join('/');
}
