/**
 * Names that reach other programs (kubectl, git, the store CLIs) are data,
 * never options: each is checked here before any program runs.
 */
import { error } from '../diagnostics.js';
import type { Diagnostic } from '../types.js';
import type { TemplateDocument } from './parse-templates.js';

/** A DNS-1123 subdomain: what Kubernetes requires of most object names. */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A DNS-1123 label: what Kubernetes requires of a namespace. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RBAC objects may also hold `:` (`system:controller:…`), as the API server allows. */
const RBAC_NAME = /^[a-z0-9]([-a-z0-9:]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9:]*[a-z0-9])?)*$/;

export const isDns1123Subdomain = (s: string): boolean => s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
export const isDns1123Label = (s: string): boolean => s.length <= 63 && DNS1123_LABEL.test(s);

/** An environment name: a folder name that cannot be read as an option or hold a value. */
export const isEnvironmentName = (s: string): boolean => /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(s);

/** A variable name (`_` alone is a shell's, not ours). */
export const isVariableName = (s: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && s !== '_';

/**
 * A name given to another program as the value of an option (a context, a
 * store's secret name, a path in a store): never empty, never able to pass
 * for an option, no control characters.
 */
export const isSafeArgument = (s: string): boolean => s.length > 0 && s.length <= 1024 && !s.startsWith('-') && !/[\u0000-\u001f\u007f]/.test(s);

/** `metadata.name` and `metadata.namespace` of every template document, checked as the API server would. */
export function validateNames(documents: TemplateDocument[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const doc of documents) {
    if (doc.disabled) continue; // not rendered: its text is another tool's
    const { name, namespace, kind, apiVersion } = doc.identity;
    const at = { file: doc.file, line: doc.line, col: 1 };
    const rbac = apiVersion?.startsWith('rbac.authorization.k8s.io/') ?? false;
    if (name !== undefined && !(rbac ? name.length <= 253 && RBAC_NAME.test(name) : isDns1123Subdomain(name))) {
      out.push(error('invalid-name', `${kind ?? 'document'} metadata.name is not a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", at most 253 characters); names reach kubectl and must not be read as options`, at));
    }
    if (namespace !== undefined && !isDns1123Label(namespace)) {
      out.push(error('invalid-namespace', `${kind ?? 'document'} metadata.namespace is not a DNS-1123 label (lower-case letters, digits and "-", at most 63 characters)`, at));
    }
  }
  return out;
}
