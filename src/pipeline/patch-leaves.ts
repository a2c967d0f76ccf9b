import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Scalar } from 'yaml';
import { MASK } from '../mask.js';
import { formatPath, type PathKey } from './parse-templates.js';

/** The keys of the values a masked patch text shows as `***`: the secret ones. */
export function secretPathsOf(maskedText: string): Set<string> {
  const out = new Set<string>();
  for (const [key, node] of leavesOf(parseAllDocuments(maskedText))) if (node.value === MASK) out.add(key);
  return out;
}

/** Every scalar of every document, keyed by `Kind/namespace/name path`. */
export function leavesOf(docs: Document.Parsed[]): Map<string, Scalar> {
  const leaves = new Map<string, Scalar>();
  for (const doc of docs) {
    const root = doc.contents as Node | null;
    if (!isMap(root)) continue;
    const docKey = docKeyOfDocument(doc);
    const walk = (node: unknown, path: PathKey[]) => {
      if (isScalar(node)) leaves.set(`${docKey} ${formatPath(path)}`, node);
      else if (isMap(node)) for (const pair of node.items) walk(pair.value, [...path, String(isScalar(pair.key) ? pair.key.value : pair.key)]);
      else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
    };
    walk(root, []);
  }
  return leaves;
}

/** How a document is named in diffs and summaries: `Kind/name`, or `Kind/namespace/name`. */
export function docKeyOfDocument(doc: Document): string {
  const text = (v: unknown) => (isScalar(v) ? String(v.value) : '');
  const meta = doc.get('metadata', true);
  const kind = text(doc.get('kind', true));
  const name = isMap(meta) ? text(meta.get('name', true)) : '';
  const namespace = isMap(meta) ? text(meta.get('namespace', true)) : '';
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}

/** Every value of a patch file (Secret data decoded too), or only its Secrets' values, for redacting and masking. */
export function patchValues(text: string, secretsOnly = false): string[] {
  const out: string[] = [];
  for (const [key, node] of leavesOf(parseAllDocuments(text))) {
    if (typeof node.value !== 'string' || /^\S+ (apiVersion|kind|metadata\.name|metadata\.namespace)$/.test(key)) continue;
    if (secretsOnly && !/^Secret\/\S+ (data|stringData)\./.test(key)) continue;
    out.push(node.value);
    // data holds base64: its text too. stringData comes back from the API server as base64: that too.
    if (/^Secret\/\S+ data\./.test(key)) out.push(Buffer.from(node.value, 'base64').toString('utf8'));
    else out.push(Buffer.from(node.value, 'utf8').toString('base64'));
  }
  return out;
}
