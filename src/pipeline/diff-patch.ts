import { createTwoFilesPatch } from 'diff';
import { parseAllDocuments, type Document, type Scalar } from 'yaml';
import { MASK, MASK_AFTER, MASK_BEFORE } from '../mask.js';
import { stringifyYaml } from './assemble-patch.js';
import { leavesOf } from './patch-leaves.js';

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
  const oldDocs = input.oldText === undefined ? [] : parseAllDocuments(input.oldText);
  const newDocs = parseAllDocuments(input.newText);
  const oldLeaves = leavesOf(oldDocs);
  const newLeaves = leavesOf(newDocs);
  const added: string[] = [];
  const removed: string[] = [];
  const modified: string[] = [];

  for (const [key, node] of newLeaves) {
    if (isIdentity(key)) continue;
    const before = oldLeaves.get(key);
    if (!before) added.push(key);
    else if (String(before.value) !== String(node.value)) modified.push(key);
    if (input.showValues) continue;
    if (!input.secretPaths.has(key) && !isSecretField(key)) continue;
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
  const unified = changed
    ? createTwoFilesPatch(input.oldText === undefined ? '/dev/null' : input.output, input.output, text(oldDocs), text(newDocs), 'on disk', 'rendered', { context: 3 })
    : '';
  return { changed, added, removed, modified, unified };
}

function mask(node: Scalar, text: string): void {
  node.value = text;
  node.type = 'QUOTE_DOUBLE';
}

const isIdentity = (key: string) => IDENTITY.has(key.slice(key.indexOf(' ') + 1));
const isSecretField = (key: string) => key.startsWith('Secret/') && /^\S+ (data|stringData)\./.test(key);

