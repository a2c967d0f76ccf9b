/**
 * The generated secrets file (docs/generated-secrets.md): read it, then replace it atomically,
 * 0600, and only where git ignores it, like a patch.
 */
import path from 'node:path';
import { error, warning } from '../diagnostics.js';
import type { Diagnostic } from '../types.js';
import { gitStatus } from './git.js';
import { readEnvFileText } from './load-values.js';
import { unsafeOutputReason, writeAllAtomically } from './write-outputs.js';

/** Codes of this module's I/O failures: kustenv could not run (exit 2), unlike a refused write (exit 1). */
export const COULD_NOT_RUN = new Set(['write-failed', 'env-file-unreadable', 'env-file-syntax', 'env-file-name']);

/** The file's text, '' when it does not exist yet, or why it cannot be read (only a regular file is read, and at most the env file limit). */
export function readGenerated(file: string): string | { code: string } {
  const got = readEnvFileText(file);
  return 'text' in got ? got.text : 'missing' in got ? '' : { code: got.reason };
}

/** Why the generated file may not be written (errors), or what to know first (warnings): like a patch, only where git ignores it. */
export function generatedFileProblems(file: string, shown: string, env: string): { errors: Diagnostic[]; warnings: Diagnostic[] } {
  const at = { file: shown, env };
  const reason = unsafeOutputReason(file, path.dirname(file));
  if (reason) return { errors: [error('unsafe-output', `refusing to write ${shown}: ${reason}`, at)], warnings: [] };
  const status = gitStatus([file]).get(file)!;
  if (!status.repo) return { errors: [], warnings: [warning('not-in-git', `not inside a git repository: writing ${shown} without the git ignore check`, at)] };
  if (status.tracked) return { errors: [error('output-tracked', `refusing to write ${shown}: git tracks it, so its secrets would be committed; run: git rm --cached ${shown}`, at)], warnings: [] };
  if (!status.ignored) return { errors: [error('output-not-ignored', `refusing to write ${shown}: git does not ignore it; add this line to .gitignore: ${path.basename(file)}`, at)], warnings: [] };
  return { errors: [], warnings: [] };
}

/** Write the new text of the generated file, atomically, 0600, when generatedFileProblems allows it. */
export function writeGenerated(file: string, content: string, shown: string, env: string): { errors: Diagnostic[]; warnings: Diagnostic[] } {
  const problems = generatedFileProblems(file, shown, env);
  if (problems.errors.length) return problems;
  try {
    writeAllAtomically([{ file, within: path.dirname(file), content }]);
  } catch (e) {
    return { errors: [error('write-failed', `cannot write ${shown}: ${(e as NodeJS.ErrnoException).code ?? 'error'}; nothing was changed`, { file: shown, env })], warnings: problems.warnings };
  }
  return problems;
}
