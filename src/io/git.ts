import fs from 'node:fs';
import path from 'node:path';
import { programEnv, runProgram } from './spawn.js';

export interface GitStatus {
  /** The repository's top folder, or null outside a git repository. */
  repo: string | null;
  ignored: boolean;
  tracked: boolean;
  /** A `.git` is there but git did not answer (not installed, "dubious ownership", ...): what it said. */
  failure?: string;
}

/** The nearest folder at or above `dir` that holds a `.git` (a folder, or a submodule's or worktree's file), or null. */
export function findGitTop(dir: string): string | null {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return null;
  }
}

/** What git said when it failed: its last stderr line, or why it could not start. */
function gitFailure(r: { startError?: string; stderr: string; status: number | null }): string {
  if (r.startError === 'ENOENT') return 'git is not installed, or not on PATH';
  if (r.startError) return `git could not run (${r.startError})`;
  return r.stderr.trim().split('\n').filter(Boolean).pop() ?? `git exited with ${r.status}`;
}

/**
 * Ask git whether each file is ignored and whether it is tracked. Files are
 * grouped by the repository that holds their folder, so a file inside a
 * submodule is asked of the submodule.
 */
export function gitStatus(files: string[], env?: NodeJS.ProcessEnv): Map<string, GitStatus> {
  const out = new Map<string, GitStatus>();
  const byRepo = new Map<string, string[]>();
  // Files under the same `.git` (a repository, or a submodule) ask git for its top once.
  const byGitTop = new Map<string | null, string[]>();
  for (const file of files) {
    const gitTop = findGitTop(fs.realpathSync(path.dirname(file)));
    byGitTop.set(gitTop, [...(byGitTop.get(gitTop) ?? []), file]);
  }
  for (const [gitTop, group] of byGitTop) {
    if (gitTop === null) {
      for (const file of group) out.set(file, { repo: null, ignored: false, tracked: false });
      continue;
    }
    const top = runProgram('git', ['rev-parse', '--show-toplevel'], { cwd: path.dirname(group[0]), env: programEnv(env) });
    if (top.status !== 0) {
      // Inside a work tree, git must answer: a failure is never taken for "not a repository".
      const failure = gitFailure(top);
      for (const file of group) out.set(file, { repo: null, ignored: false, tracked: false, failure });
      continue;
    }
    const repo = top.stdout.trim();
    byRepo.set(repo, [...(byRepo.get(repo) ?? []), ...group]);
  }
  for (const [repo, list] of byRepo) {
    // git answers with real paths; compare in the same terms.
    const rels = list.map((f) => path.relative(repo, path.join(fs.realpathSync(path.dirname(f)), path.basename(f))));
    const ignored = new Set(split(runProgram('git', ['check-ignore', '-z', '--stdin'], { cwd: repo, input: rels.join('\0') + '\0', env: programEnv(env) }).stdout));
    const tracked = new Set(split(runProgram('git', ['ls-files', '-z', '--', ...rels.map(literalPath)], { cwd: repo, env: programEnv(env) }).stdout));
    list.forEach((file, i) => out.set(file, { repo, ignored: ignored.has(rels[i]), tracked: tracked.has(rels[i]) }));
  }
  return out;
}

function split(z: string): string[] {
  return z.split('\0').filter(Boolean);
}


/** The repository holding `dir`, or null. */
export function gitRepo(dir: string, env?: NodeJS.ProcessEnv): string | null {
  const top = runProgram('git', ['rev-parse', '--show-toplevel'], { cwd: dir, env: programEnv(env) });
  return top.status === 0 ? top.stdout.trim() : null;
}

/** True when `ref` names a commit. */
export function isCommit(repo: string, ref: string, env?: NodeJS.ProcessEnv): boolean {
  return runProgram('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { cwd: repo, env: programEnv(env) }).status === 0;
}

/** A file's text at `ref`, or undefined when it did not exist there. */
export function showAt(repo: string, ref: string, file: string, env?: NodeJS.ProcessEnv): string | undefined {
  const r = runProgram('git', ['show', '--end-of-options', `${ref}:${file}`], { cwd: repo, env: programEnv(env) });
  return r.status === 0 ? r.stdout : undefined;
}

/** The repository is a shallow clone: history before its first commit is missing. */
export function isShallow(repo: string, env?: NodeJS.ProcessEnv): boolean {
  return runProgram('git', ['rev-parse', '--is-shallow-repository'], { cwd: repo, env: programEnv(env) }).stdout.trim() === 'true';
}

/** The commit id `ref` names (refs are checked with isCommit first). */
export function commitId(repo: string, ref: string, env?: NodeJS.ProcessEnv): string | undefined {
  const r = runProgram('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { cwd: repo, env: programEnv(env) });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The best common ancestor of two commits, or undefined (none, or history missing). */
export function mergeBase(repo: string, a: string, b: string, env?: NodeJS.ProcessEnv): string | undefined {
  const r = runProgram('git', ['merge-base', '--end-of-options', a, b], { cwd: repo, env: programEnv(env) });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export interface FileChange {
  /** Path relative to the repository, now (for a removed file: where it was). */
  file: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  /** A renamed file's path at the commit. */
  from?: string;
}

/**
 * Files under `dirs` (relative to the repository) changed between `commit`
 * and the working tree, renames followed (git diff -M), plus files git does
 * not track yet and does not ignore (added).
 */
export function changesSince(repo: string, commit: string, dirs: string[], env?: NodeJS.ProcessEnv): FileChange[] {
  const pathspecs = [...new Set(dirs.map((d) => literalPath(path.relative(repo, d) || '.')))];
  const r = runProgram('git', ['diff', '--name-status', '-z', '-M', '--end-of-options', commit, '--', ...pathspecs], { cwd: repo, env: programEnv(env) });
  const fields = r.stdout.split('\0');
  const out = new Map<string, FileChange>();
  for (let i = 0; i + 1 < fields.length; ) {
    const code = fields[i++];
    if (!code) break;
    if (code.startsWith('R') || code.startsWith('C')) {
      const from = fields[i++];
      const to = fields[i++];
      if (code.startsWith('R')) out.set(to, { file: to, status: 'renamed', from });
      else out.set(to, { file: to, status: 'added' });
      continue;
    }
    const file = fields[i++];
    out.set(file, { file, status: code === 'A' ? 'added' : code === 'D' ? 'removed' : 'modified' });
  }
  const untracked = split(runProgram('git', ['ls-files', '-z', '--others', '--exclude-standard', '--', ...pathspecs], { cwd: repo, env: programEnv(env) }).stdout);
  for (const file of untracked) if (!out.has(file)) out.set(file, { file, status: 'added' });
  return [...out.values()].sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
}

/** A pathspec that matches exactly this path (no glob magic). */
function literalPath(p: string): string {
  return `:(literal)${p}`;
}

/** Files git tracks under `dir` whose first line starts with `marker`, relative to `dir`. */
export function trackedFilesStartingWith(dir: string, marker: string, env?: NodeJS.ProcessEnv): string[] {
  if (!findGitTop(dir)) return []; // not in a repository: nothing is tracked
  const r = runProgram('git', ['grep', '-l', '-z', '-I', '-F', '-e', marker, '--', '.'], { cwd: dir, env: programEnv(env) });
  if (r.status !== 0) return []; // 1: none; 128: not a repository
  return split(r.stdout).filter((f) => {
    try {
      const fd = fs.openSync(path.join(dir, f), 'r');
      const head = Buffer.alloc(marker.length);
      fs.readSync(fd, head, 0, marker.length, 0);
      fs.closeSync(fd);
      return head.toString('utf8') === marker;
    } catch {
      return false;
    }
  });
}
