/** `kustenv vars`: each variable, where it is used, and per environment whether it is set. Never a value. */
import { check, withSecrets, type EnvironmentResult, type VariableInfo } from './render.js';
import { CODES, isCode } from '../codes.js';
import { SecretSet } from '../secret-set.js';
import type { RunOptions } from '../options.js';
import type { Diagnostic } from '../types.js';

export interface VarsResult {
  status: 0 | 1 | 2;
  /** The run's secrets. Not enumerable. */
  readonly secrets?: SecretSet;
  diagnostics: Diagnostic[];
  variables: VariableInfo[];
  environments: { name: string; variables: EnvironmentResult['variables'] }[];
}

/** Problems of values (what vars reports) rather than of the templates themselves: the codes of class `value`. */
const isValueProblem = (code: string): boolean => isCode(code) && CODES[code].class === 'value';

/**
 * Report every variable. Missing or invalid values are facts here, not
 * errors (exit 0); templates that cannot be read are (exit 1), and so is
 * anything that stops kustenv (exit 2).
 */
export async function vars(options: RunOptions = {}): Promise<VarsResult> {
  const r = await check({ ...options, generate: false });
  const secrets = r.secrets ?? new SecretSet();
  if (r.status === 2) return withSecrets({ status: 2, diagnostics: r.diagnostics, variables: [], environments: [] }, secrets);
  const broken = r.diagnostics.filter((d) => d.severity === 'error' && !isValueProblem(d.code));
  return withSecrets({ status: broken.length ? 1 : 0, diagnostics: broken, variables: r.variables, environments: r.environments.map((e) => ({ name: e.name, variables: e.variables })) }, secrets);
}
