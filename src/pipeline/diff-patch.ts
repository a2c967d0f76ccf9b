import { createTwoFilesPatch } from 'diff';
import { isMap, parseAllDocuments, type Document, type Scalar } from 'yaml';
import { MASK, MASK_AFTER, MASK_BEFORE } from '../mask.js';
import { SECRET_COMMENT, stringifyYaml } from './assemble-patch.js';
import { docKeyOfDocument, leavesOf } from './patch-leaves.js';

export interface PatchDiff {
  /** The file on disk differs from what render would write (or is missing). */
  changed: boolean;
  /** Value paths, as `Kind/name path.to.key`: names, never values. */
  added: string[];
  removed: string[];
  modified: string[];
  /** Unified diff of the two sides, secrets masked unless shown; empty when unchanged. */
  unified: string;
}

export interface DiffInput {
  /** The patch file, relative to the project root (the diff's file name). */
  output: string;
  /** The file on disk, or undefined when it does not exist. */
  oldText: string | undefined;
  /** What render would write. */
  newText: string;
  /** `docKey + ' ' + path` of each value the rendering classified secret. */
  secretPaths: ReadonlySet<string>;
  /** The secret values in use: any value holding one is masked too. */
  secretValues?: readonly string[];
  showValues: boolean;
}

const IDENTITY = new Set(['apiVersion', 'kind', 'metadata.name', 'metadata.namespace']);

/**
 * Diff the patch on disk against the rendered one. Both sides are parsed and
 * written back the same way, so the diff shows values, not formatting. A
 * secret value is masked on both sides; values only on disk are masked too,
 * since nothing says they are not secret.
 */
export function diffPatch(input: DiffInput): PatchDiff {
  const changed = input.oldText !== input.newText;
  let oldDocs = input.oldText === undefined ? [] : parseAllDocuments(input.oldText);
  // A file on disk that is not YAML (edited by hand?) is not shown: it may hold values anywhere.
  const unreadable = oldDocs.some((d) => d.errors.length);
  if (unreadable) oldDocs = [];
  const newDocs = parseAllDocuments(input.newText);
  const oldLeaves = leavesOf(oldDocs);
  const newLeaves = leavesOf(newDocs);
  const wasSecret = secretPathsInComments(oldDocs);
  const holdsSecret = (node: Scalar | undefined) =>
    !!node && typeof node.value === 'string' && !!input.secretValues?.some((v) => v.length >= 4 && (node.value as string).includes(v));
  const added: string[] = [];
  const removed: string[] = [];
  const modified: string[] = [];

  for (const [key, node] of newLeaves) {
    if (isIdentity(key)) continue;
    const before = oldLeaves.get(key);
    if (!before) added.push(key);
    else if (String(before.value) !== String(node.value)) modified.push(key);
    if (input.showValues) continue;
    if (!input.secretPaths.has(key) && !wasSecret.has(key) && !isSecretField(key) && !holdsSecret(node) && !holdsSecret(before)) continue;
    if (before && String(before.value) !== String(node.value)) {
      mask(before, MASK_BEFORE);
      mask(node, MASK_AFTER);
    } else {
      mask(node, MASK);
      if (before) mask(before, MASK);
    }
  }
  for (const [key, node] of oldLeaves) {
    if (newLeaves.has(key) || isIdentity(key)) continue;
    removed.push(key);
    if (!input.showValues) mask(node, MASK);
  }

  const text = (docs: Document.Parsed[]) => docs.map((d) => stringifyYaml(d)).join('---\n');
  const before = unreadable ? '# (the file on disk is not valid YAML; it is not shown)\n' : text(oldDocs);
  const unified = changed
    ? createTwoFilesPatch(input.oldText === undefined ? '/dev/null' : input.output, input.output, before, text(newDocs), 'on disk', 'rendered', { context: 3 })
    : '';
  return { changed, added, removed, modified, unified };
}

/** The `# secret: ...` comments kustenv wrote before each document, as leaf keys. */
function secretPathsInComments(docs: Document.Parsed[]): Set<string> {
  const out = new Set<string>();
  for (const doc of docs) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    // yaml hangs the first document's leading comments on its first key.
    const firstKey = root.items[0]?.key as { commentBefore?: string } | undefined;
    const comment = [doc.commentBefore, root.commentBefore, firstKey?.commentBefore].filter(Boolean).join('\n');
    const docKey = docKeyOfDocument(doc);
    for (const line of comment.split('\n')) {
      if (line.startsWith(SECRET_COMMENT)) for (const p of line.slice(SECRET_COMMENT.length).split(', ')) out.add(`${docKey} ${p.trim()}`);
    }
  }
  return out;
}

function mask(node: Scalar, text: string): void {
  node.value = text;
  node.type = 'QUOTE_DOUBLE';
}

const isIdentity = (key: string) => IDENTITY.has(key.slice(key.indexOf(' ') + 1));
const isSecretField = (key: string) => key.startsWith('Secret/') && /^\S+ (data|stringData)\./.test(key);

