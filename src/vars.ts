/** `kustenv vars`: each variable, where it is used, and per environment whether it is set. Never a value. */
import { check, type EnvironmentResult, type VariableInfo } from './api.js';
import type { RunOptions } from './options.js';
import type { Diagnostic } from './types.js';

export interface VarsResult {
  status: 0 | 2;
  diagnostics: Diagnostic[];
  variables: VariableInfo[];
  environments: { name: string; variables: EnvironmentResult['variables'] }[];
}

/** Report every variable; missing ones are facts here, not errors (exit 0 unless kustenv cannot run). */
export async function vars(options: RunOptions = {}): Promise<VarsResult> {
  const r = await check(options);
  if (r.status === 2) return { status: 2, diagnostics: r.diagnostics, variables: [], environments: [] };
  return { status: 0, diagnostics: [], variables: r.variables, environments: r.environments.map((e) => ({ name: e.name, variables: e.variables })) };
}

/** A `.env.example`: names, descriptions as comments, literal defaults for non-secrets only. */
export function toDotenv(result: VarsResult): string {
  const lines = ['# Variables of the kustenv templates (kustenv vars --format dotenv).', '# Fill in a copy, and keep that copy out of git.', ''];
  for (const v of result.variables) {
    if (v.description) lines.push(...v.description.split('\n').map((l) => `# ${l}`));
    if (v.secret) lines.push('# secret');
    lines.push(`${v.name}=${v.secret || v.default === undefined ? '' : quoteDotenv(v.default)}`, '');
  }
  return lines.join('\n');
}

function quoteDotenv(value: string): string {
  return /^[A-Za-z0-9_./:@-]*$/.test(value) ? value : JSON.stringify(value);
}
