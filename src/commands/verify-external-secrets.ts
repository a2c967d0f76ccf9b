/**
 * `verify` for an environment with `output: external-secrets`: each
 * ExternalSecret of the built overlay is read from the cluster and reported
 * missing, not Ready (with its condition's reason), or synced; then the
 * Secret it targets is compared by keys with the template's keys. No value
 * is read out or shown: only key names, condition status and reason.
 */
import { error, warning } from '../diagnostics.js';
import { INSTALL_KUBECTL, kubectl } from '../io/kubectl.js';
import { isDns1123Label, isDns1123Subdomain } from '../pipeline/validate-names.js';
import type { Diagnostic } from '../types.js';
import { GET_TIMEOUT_MS } from '../options.js';


interface Wanted {
  name: string;
  namespace?: string;
  target: string;
  keys: string[];
}

export interface EsoVerifyInput {
  /** The built overlay's objects. */
  objects: unknown[];
  cwd: string;
  /** The environment kubectl runs with. */
  env?: NodeJS.ProcessEnv;
  context?: string;
  kubectlArgs?: string[];
  at: { file: string; env: string };
  /** Hides known values in kubectl's error lines. */
  redact: (text: string) => string;
}

/** The findings (errors make verify exit 1; kubectl failures are `kubectl-failed`). */
export function verifyExternalSecrets(input: EsoVerifyInput): Diagnostic[] {
  const { at } = input;
  const wanted: Wanted[] = [];
  for (const o of input.objects as Record<string, unknown>[]) {
    if (!o || typeof o !== 'object' || o.kind !== 'ExternalSecret' || !String(o.apiVersion ?? '').startsWith('external-secrets.io/')) continue;
    const meta = (o.metadata ?? {}) as { name?: string; namespace?: string };
    const spec = (o.spec ?? {}) as { target?: { name?: string; template?: { data?: Record<string, unknown> } } };
    if (!meta.name) continue;
    wanted.push({ name: meta.name, ...(meta.namespace ? { namespace: meta.namespace } : {}), target: spec.target?.name ?? meta.name, keys: Object.keys(spec.target?.template?.data ?? {}) });
  }
  const findings: Diagnostic[] = [];
  const get = (kind: string, name: string, namespace?: string): Record<string, unknown> | 'missing' | Diagnostic => {
    // Names reach kubectl as data: checked, and after `--`.
    if (!isDns1123Subdomain(name) || (namespace !== undefined && !isDns1123Label(namespace))) return error('invalid-name', `the built overlay holds a ${kind} whose name or namespace is not a valid DNS-1123 name; kubectl was not run for it`, at);
    const args = ['get', kind, ...(namespace ? ['--namespace', namespace] : []), '--output', 'json', ...(input.context !== undefined ? ['--context', input.context] : []), ...(input.kubectlArgs ?? []), '--', name];
    const ran = kubectl(args, input.cwd, GET_TIMEOUT_MS, input.env);
    if (ran.startError === 'ETIMEDOUT') return error('kubectl-failed', `kubectl get ${kind} ${name} gave no answer within ${GET_TIMEOUT_MS / 1000} s`, at);
    if (ran.startError) return error('kubectl-missing', `cannot run kubectl (${ran.startError}): ${INSTALL_KUBECTL}`, { env: at.env });
    if (ran.status !== 0) {
      if (/^Error from server \(NotFound\):/m.test(ran.stderr)) return 'missing';
      const last = input.redact(ran.stderr.trim()).split('\n').pop() ?? '';
      return error('kubectl-failed', `kubectl get ${kind} ${name} failed (exit ${ran.status ?? 'killed'})${last ? `: ${last}` : ''}`, at);
    }
    try {
      const v: unknown = JSON.parse(ran.stdout);
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // its parse error can quote the text
    }
    return error('kubectl-failed', `kubectl get ${kind} ${name} did not print a JSON object`, at);
  };
  const label = (kind: string, w: { name: string; namespace?: string }) => `${kind} ${w.namespace ? `${w.namespace}/` : ''}${w.name}`;

  // The template keys of each target Secret: the union over its ExternalSecrets.
  const targets = new Map<string, { name: string; namespace?: string; keys: Set<string> }>();
  for (const w of wanted) {
    const es = label('ExternalSecret', w);
    const live = get('externalsecret', w.name, w.namespace);
    if (live === 'missing') findings.push(error('live-externalsecret-missing', `${es} is not in the cluster`, at));
    else if ('code' in live && 'severity' in live) return [...findings, live as Diagnostic];
    else {
      const conditions = ((live.status as { conditions?: unknown } | undefined)?.conditions ?? []) as { type?: string; status?: string; reason?: string }[];
      const ready = Array.isArray(conditions) ? conditions.find((c) => c?.type === 'Ready') : undefined;
      if (ready?.status !== 'True') findings.push(error('live-externalsecret-not-ready', `${es} is not Ready${ready ? ` (Ready ${ready.status ?? '?'}, reason ${ready.reason ?? 'none'})` : ' (no Ready condition)'}`, at));
    }
    const key = `${w.namespace ?? ''}/${w.target}`;
    const t = targets.get(key) ?? { name: w.target, ...(w.namespace ? { namespace: w.namespace } : {}), keys: new Set<string>() };
    w.keys.forEach((k) => t.keys.add(k));
    targets.set(key, t);
  }
  for (const t of targets.values()) {
    const secret = label('Secret', t);
    const live = get('secret', t.name, t.namespace);
    if (live === 'missing') {
      findings.push(error('live-object-missing', `${secret} (created by ESO) is not in the cluster`, at));
      continue;
    }
    if ('code' in live && 'severity' in live) return [...findings, live as Diagnostic];
    const data = live.data && typeof live.data === 'object' ? Object.keys(live.data as object) : [];
    for (const k of [...t.keys].sort()) if (!data.includes(k)) findings.push(error('live-key-missing', `${secret}: key ${k} is in the ESO template but not in the cluster`, at));
    for (const k of data.sort()) if (!t.keys.has(k)) findings.push(warning('live-key-extra', `${secret}: key ${k} is in the cluster but not in the ESO template`, at));
  }
  return findings;
}
