/**
 * One environment with `output: external-secrets`, inside a render or check
 * run: the ExternalSecret plan, its CRD check, the Component files to write,
 * the overlay's `components:` check, and the values ESO provides hidden from
 * the rest of the run (no store is asked for them, and a value given anyway
 * is not used).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { error, warning } from './diagnostics.js';
import { validateExternalSecrets } from './io/eso-schema.js';
import { rel } from './io/load-config.js';
import { isUnchanged, unsafeOutputReason, type PlannedWrite } from './io/write-outputs.js';
import { COMPONENT_DIR, planExternalSecrets } from './pipeline/external-secrets.js';
import type { Identity, TemplateDocument } from './pipeline/parse-templates.js';
import type { SecretSet } from './secret-set.js';
import type { Diagnostic, EnvironmentConfig, ProjectConfig, ValueSource } from './types.js';

export interface EsoEnvironment {
  diagnostics: Diagnostic[];
  /** The Secrets ESO creates: not rendered into the patch file. */
  skip: Set<TemplateDocument>;
  /** Variables ESO provides: kustenv has no value for them, and their schema `required` does not apply. */
  secretVariables: Set<string>;
  /** The patch file's no-op identity when nothing else is left for it. */
  fallback?: Identity;
  /** The Component's files that differ from disk. */
  writes: PlannedWrite[];
  /** The Component's folder, relative to the project root. */
  folder: string;
}

/** Stores are never asked in this mode: the environment's values come from --set, the environment, env files and the generated file. */
export function withoutStores(env: EnvironmentConfig): EnvironmentConfig {
  return env.output === 'external-secrets' ? { ...env, sources: [] } : env;
}

/** Values lookups in which the variables ESO provides are unset (a value given for one is not used). */
export function hideEsoValues<V extends { lookup: (n: string) => string | undefined; sourceOf: (n: string) => ValueSource | undefined }>(values: V, eso: EsoEnvironment): V {
  return { ...values, lookup: (n: string) => (eso.secretVariables.has(n) ? undefined : values.lookup(n)), sourceOf: (n: string) => (eso.secretVariables.has(n) ? undefined : values.sourceOf(n)) };
}

export async function esoEnvironment(input: {
  env: EnvironmentConfig;
  project: ProjectConfig;
  documents: TemplateDocument[];
  templates: string[];
  /** Variables a variables schema marks writeOnly. */
  writeOnly: ReadonlySet<string>;
  /** Where each value came from, to warn about a value given for a variable ESO provides. */
  sourceOf: (name: string) => ValueSource | undefined;
}): Promise<EsoEnvironment> {
  const { env, project } = input;
  const root = project.root;
  const configFile = project.configFile ? rel(root, project.configFile) : undefined;
  const plan = planExternalSecrets({ env, documents: input.documents, writeOnly: input.writeOnly, configFile, templates: input.templates });
  const diagnostics = [...plan.diagnostics];
  const dir = path.join(env.overlayDir, COMPONENT_DIR);
  const folder = rel(root, dir);
  diagnostics.push(...(await validateExternalSecrets(plan.externalSecrets, { env: env.name, file: `${folder}/external-secrets.yaml` })));
  for (const name of plan.secretVariables) {
    const kind = input.sourceOf(name)?.kind;
    if (kind === 'set' || kind === 'env') diagnostics.push(warning('eso-value-unused', `${name} is set by ${kind === 'set' ? '--set' : 'the environment'}, but ESO provides it from the store in ${env.name}: the value is not used`, { variable: name, env: env.name }));
  }
  if (plan.files.length) diagnostics.push(...componentListed(env, root));
  const writes: PlannedWrite[] = [];
  for (const f of plan.files) {
    const file = path.join(dir, f.name);
    const reason = fs.existsSync(dir) ? unsafeOutputReason(file, dir) : null;
    if (reason) diagnostics.push(error('unsafe-output', `refusing to write ${rel(root, file)}: ${reason}`, { file: rel(root, file), env: env.name }));
    else if (!isUnchanged(file, f.text)) writes.push({ file, within: dir, content: f.text });
  }
  return { diagnostics, skip: new Set(plan.secretDocuments), secretVariables: new Set(plan.secretVariables), ...(plan.fallback ? { fallback: plan.fallback } : {}), writes, folder };
}

/**
 * The Component's files are committed: refuse any that holds a secret value
 * (it never should: they hold names and store references only). Creates the
 * folder the files go into.
 */
export function checkedEsoWrites(writes: PlannedWrite[], secrets: SecretSet): { writes: PlannedWrite[]; errors: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  for (const w of writes) {
    if (secrets.holds(w.content)) errors.push(error('eso-output-holds-value', `refusing to write ${path.basename(path.dirname(w.file))}/${path.basename(w.file)}: it would hold a secret value, and this folder may be committed`, {}));
  }
  if (errors.length) return { writes: [], errors };
  for (const w of writes) fs.mkdirSync(w.within, { recursive: true });
  return { writes, errors };
}

/** The overlay's kustomization must list the Component, or the base Secrets (with their ${VAR}) would be applied. */
function componentListed(env: EnvironmentConfig, root: string): Diagnostic[] {
  const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((f) => path.join(env.overlayDir, f)).find((f) => fs.existsSync(f));
  const line = `components:\n  - ${COMPONENT_DIR}`;
  if (!file) return [error('eso-component-unlisted', `no kustomization file in ${rel(root, env.overlayDir)}; it must list the ESO Component: ${line}`, { env: env.name })];
  let listed = false;
  try {
    const doc = parseDocument(fs.readFileSync(file, 'utf8')).toJS() as { components?: unknown } | null;
    listed = Array.isArray(doc?.components) && doc.components.some((c) => typeof c === 'string' && path.resolve(env.overlayDir, c) === path.join(env.overlayDir, COMPONENT_DIR));
  } catch {
    listed = false;
  }
  if (listed) return [];
  return [error('eso-component-unlisted', `${rel(root, file)} does not list the ESO Component, so the base Secrets would be applied as they are; add: ${line}`, { file: rel(root, file), env: env.name })];
}
