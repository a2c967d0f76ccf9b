import { parseAllDocuments, type Document, type Scalar } from 'yaml';
import type { PatchOnDisk } from '../io/read-patch.js';
import { MASK, MASK_AFTER, MASK_BEFORE } from '../mask.js';
import type { SecretSet } from '../secret-set.js';
import { stringifyYaml } from './assemble-patch.js';
import { isSecretField, leavesOf, secretPathsInComments, type Leaf } from './patch-leaves.js';
import { unifiedDiff } from './unified-diff.js';

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
  /** What is on disk at that path. */
  old: PatchOnDisk;
  /** What render would write. */
  newText: string;
  /** The run's secrets: their paths and values. */
  secrets: SecretSet;
  showValues: boolean;
}

/**
 * The diff of a patch on disk that is byte for byte what render would write
 * (an environment's `changed` is false): nothing to show, and its secrets are
 * the render's own. Neither side is parsed: on 2,000 templates that took seconds.
 */
export const noChange = (): PatchDiff => ({ changed: false, added: [], removed: [], modified: [], unified: '' });

const IDENTITY = new Set(['apiVersion', 'kind', 'metadata.name', 'metadata.namespace']);

/**
 * Diff the patch on disk against the rendered one. Both sides are parsed and
 * written back the same way, so the diff shows values, not formatting. A
 * value at a secret path (whatever its length), a Secret's data, and any
 * value holding a secret are masked on both sides; so is every value that is
 * only on disk, since nothing says it is not secret. A file kustenv did not
 * write is named, never shown.
 */
export function diffPatch(input: DiffInput): PatchDiff {
  const { secrets } = input;
  const oldText = input.old.state === 'own' ? input.old.text : undefined;
  const changed = input.old.state !== 'own' || oldText !== input.newText;
  const oldDocs = input.old.state === 'own' ? parseAllDocuments(input.old.text) : [];
  const newDocs = parseAllDocuments(input.newText);
  const oldLeaves = leavesOf(oldDocs);
  const newLeaves = leavesOf(newDocs);
  const wasSecret = secretPathsInComments(oldDocs);
  const secretKeys = new Set<string>();
  const holdsSecret = (node: Scalar | undefined) => !!node && typeof node.value === 'string' && secrets.holds(node.value);
  // A key is secret when any leaf under it is: two documents with one name, or a dotted key beside a nested one, share it.
  for (const [key, node] of [...newLeaves, ...oldLeaves]) {
    if (secrets.isSecretPath(key) || wasSecret.has(key) || isSecretField(key) || holdsSecret(node)) secretKeys.add(key);
  }
  const byKey = (leaves: Leaf[]) => {
    const m = new Map<string, Scalar[]>();
    for (const [k, n] of leaves) m.set(k, [...(m.get(k) ?? []), n]);
    return m;
  };
  const oldByKey = byKey(oldLeaves);
  const newByKey = byKey(newLeaves);
  const added: string[] = [];
  const removed: string[] = [];
  const modified: string[] = [];
  const text = (nodes: Scalar[] | undefined) => (nodes ?? []).map((n) => String(n.value)).join('\u0000');

  for (const [key, nodes] of newByKey) {
    if (isIdentity(key)) continue;
    const before = oldByKey.get(key);
    const differs = before !== undefined && text(before) !== text(nodes);
    if (!before) added.push(key);
    else if (differs) modified.push(key);
    if (input.showValues || !secretKeys.has(key)) continue;
    for (const n of nodes) mask(n, differs ? MASK_AFTER : MASK);
    for (const n of before ?? []) mask(n, differs ? MASK_BEFORE : MASK);
  }
  for (const [key, nodes] of oldByKey) {
    if (newByKey.has(key) || isIdentity(key)) continue;
    removed.push(key);
    if (!input.showValues) for (const n of nodes) mask(n, MASK);
  }

  const show = (docs: Document.Parsed[]) => docs.map((d) => stringifyYaml(d)).join('---\n');
  const before = input.old.state === 'foreign' ? `# (the file on disk is not shown: ${input.old.reason})\n` : show(oldDocs);
  const after = input.showValues ? show(newDocs) : secrets.mask(show(newDocs));
  const unified = changed
    ? unifiedDiff(input.old.state === 'missing' ? '/dev/null' : input.output, input.output, input.showValues ? before : secrets.mask(before), after, ['on disk', 'rendered'])
    : '';
  return { changed, added, removed, modified, unified };
}

function mask(node: Scalar, text: string): void {
  node.value = text;
  node.type = 'QUOTE_DOUBLE';
}

const isIdentity = (key: string) => IDENTITY.has(key.slice(key.indexOf(' ') + 1));
