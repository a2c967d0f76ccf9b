import fs from 'node:fs';
import { readRegularFile } from './read-file.js';
import { parseAllDocuments, type Document } from 'yaml';
import { HEADER_MARKER } from '../pipeline/assemble-patch.js';
import { isSecretField, leavesOf, secretPathsInComments } from '../pipeline/patch-leaves.js';
import type { SecretSet } from '../secret-set.js';

/** What is at a patch's path on disk. Only a file kustenv wrote is ever shown. */
export type PatchOnDisk =
  | { state: 'missing' }
  | { state: 'own'; text: string; docs: Document.Parsed[] }
  /** Hand-written, a link, not a regular file, unreadable or not YAML: named, never shown. */
  | { state: 'foreign'; reason: string };

/** A patch on disk larger than this is not read (reported by name): kustenv's own stay far below. */
const MAX_PATCH_BYTES = 256 * 1024 * 1024;

/** A patch is read only when it is a regular file (not a link) that starts with kustenv's header and parses. */
export function readOwnPatch(file: string): PatchOnDisk {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return { state: 'missing' };
  }
  if (stat.isSymbolicLink()) return { state: 'foreign', reason: 'it is a symbolic link' };
  if (!stat.isFile()) return { state: 'foreign', reason: 'it is not a regular file' };
  // Opened without following links and checked on the descriptor: nothing can be swapped in after the check.
  const read = readRegularFile(file, MAX_PATCH_BYTES, { noFollow: true });
  if ('error' in read) {
    if (read.error === 'ELOOP') return { state: 'foreign', reason: 'it is a symbolic link' };
    if (read.error === 'not-regular' || read.error === 'EISDIR') return { state: 'foreign', reason: 'it is not a regular file' };
    if (read.error === 'too-large') return { state: 'foreign', reason: `it is larger than ${MAX_PATCH_BYTES / 1024 / 1024} MiB` };
    return { state: 'foreign', reason: `it cannot be read (${read.error})` };
  }
  const text = read.bytes.toString('utf8');
  if (!text.startsWith(HEADER_MARKER)) return { state: 'foreign', reason: 'kustenv did not write it (no kustenv header)' };
  const docs = parseAllDocuments(text, { prettyErrors: false });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length)) return { state: 'foreign', reason: 'it is not valid YAML' };
  return { state: 'own', text, docs };
}

/**
 * The secrets of a patch on disk join the run's set: its `# secret:` paths,
 * the values at them, and every Secret data value (decoded too).
 */
export function addPatchSecrets(patch: PatchOnDisk, secrets: SecretSet): void {
  if (patch.state !== 'own') return;
  const paths = secretPathsInComments(patch.docs);
  secrets.addPaths(paths);
  for (const [key, node] of leavesOf(patch.docs)) {
    if (typeof node.value !== 'string') continue;
    if (paths.has(key)) secrets.addValues([node.value]);
    if (isSecretField(key)) {
      secrets.addPaths([key]);
      secrets.addValues([node.value, / data\./.test(key) ? Buffer.from(node.value, 'base64').toString('utf8') : undefined]);
    }
  }
}
