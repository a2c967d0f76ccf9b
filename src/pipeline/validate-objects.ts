import { error } from '../diagnostics.js';
import type { Diagnostic } from '../types.js';
import type { RenderedDocument } from './render-document.js';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;
export const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Kubernetes' limit on a Secret or ConfigMap, measured on its JSON serialization. */
export const MAX_OBJECT_BYTES = 1024 * 1024;

/**
 * The built-in rules for every rendered Secret and ConfigMap (SPEC 4, rule 3).
 * Messages name keys and rules, never values.
 */
export function validateObjects(rendered: RenderedDocument[], env: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const r of rendered) {
    const obj = r.full;
    if (!obj) continue;
    const { kind, name } = r.doc.identity;
    const at = { file: r.doc.file, line: r.doc.line, col: 1, env };
    const fail = (code: string, message: string) => diagnostics.push(error(code, `${kind} "${name}": ${message}`, at));
    if (!name || name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
      fail('object-name', 'metadata.name must be a DNS-1123 subdomain (lower case letters, digits, - and ., at most 253 characters)');
    }
    const sections = kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData'];
    for (const section of sections) {
      const data = obj[section];
      if (data === undefined || data === null) continue;
      if (typeof data !== 'object' || Array.isArray(data)) {
        fail('object-data', `${section} must be a mapping`);
        continue;
      }
      for (const [key, value] of Object.entries(data)) {
        if (!DATA_KEY.test(key)) fail('object-data-key', `${section} key "${key}" must match [-._a-zA-Z0-9]+`);
        if (typeof value !== 'string') fail('object-data-value', `${section}.${key} must be a string`);
        else if ((section === 'binaryData' || (kind === 'Secret' && section === 'data')) && !BASE64.test(value)) {
          fail('object-data-value', `${section}.${key} must be base64`);
        }
      }
    }
    const size = Buffer.byteLength(JSON.stringify(obj));
    if (size > MAX_OBJECT_BYTES) fail('object-too-large', `is ${size} bytes as JSON; Kubernetes allows at most ${MAX_OBJECT_BYTES}`);
  }
  return diagnostics;
}
