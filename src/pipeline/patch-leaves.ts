import { isMap, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import { SECRET_COMMENT, secretCommentPaths } from './assemble-patch.js';
import { formatPath, type Identity, type PathKey } from './parse-templates.js';

/** One scalar of a patch document, keyed by `Kind/namespace/name path`. Keys may repeat (two documents with one name, a dotted key). */
export type Leaf = [key: string, node: Scalar];

/** Every scalar of every document, in document order. */
export function leavesOf(docs: Document.Parsed[]): Leaf[] {
  const leaves: Leaf[] = [];
  for (const doc of docs) {
    const root = doc.contents as Node | null;
    if (!isMap(root)) continue;
    const docKey = docKeyOfDocument(doc);
    const walk = (node: unknown, path: PathKey[]) => {
      if (isScalar(node)) leaves.push([`${docKey} ${formatPath(path)}`, node]);
      else if (isMap(node)) for (const pair of node.items) walk(pair.value, [...path, String(isScalar(pair.key) ? pair.key.value : pair.key)]);
      else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
    };
    walk(root, []);
  }
  return leaves;
}

/** How a document is named in diffs and summaries: `Kind/name`, or `Kind/namespace/name`. */
function docKeyOfDocument(doc: Document): string {
  const text = (v: unknown) => (isScalar(v) ? String(v.value) : '');
  const meta = doc.get('metadata', true);
  const name = isMap(meta) ? text(meta.get('name', true)) : '';
  const namespace = isMap(meta) ? text(meta.get('namespace', true)) : '';
  return docKeyOf({ kind: text(doc.get('kind', true)), name, namespace });
}

/** The same name for a template document's identity. */
export function docKeyOf(identity: Identity): string {
  const { kind = '', name = '', namespace } = identity;
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}

/** A Secret's `data` or `stringData` value: secret by its place, whatever it holds. */
export const isSecretField = (key: string): boolean => /^Secret\/\S+ (data|stringData)\.[^.[]/.test(key) || /^Secret\/\S+ (data|stringData)\["/.test(key);

/** The `# secret: ...` comments kustenv wrote before each document, as leaf keys. */
export function secretPathsInComments(docs: Document.Parsed[]): Set<string> {
  const out = new Set<string>();
  for (const doc of docs) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    // yaml hangs the first document's leading comments on its first key.
    const firstKey = root.items[0]?.key as { commentBefore?: string } | undefined;
    const comment = [doc.commentBefore, root.commentBefore, firstKey?.commentBefore].filter(Boolean).join('\n');
    const docKey = docKeyOfDocument(doc);
    for (const line of comment.split('\n')) {
      if (line.startsWith(SECRET_COMMENT)) for (const p of secretCommentPaths(line)) out.add(`${docKey} ${p}`);
    }
  }
  return out;
}
