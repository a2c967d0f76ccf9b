import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Temporary files end so; `init` adds `*.kustenv-tmp` to .gitignore (they hold secrets until renamed). */
export const TEMP_SUFFIX = '.kustenv-tmp';

/** Temporary files and folders of this run: removed when the process exits, however it exits short of SIGKILL. */
const temps = new Set<string>();
let exitHook = false;

export function trackTemp(p: string): void {
  temps.add(p);
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
  });
}

export function untrackTemp(p: string): void {
  temps.delete(p);
}

/** `.<name>.<pid>.<hex>.kustenv-tmp`: the pid says whose it is. */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]+\.kustenv-tmp$/;

/**
 * Remove the temporary files in `dir` left by runs that are no longer alive
 * (killed with SIGKILL mid-write): they may hold secrets. A live run's are
 * never touched.
 */
export function removeStaleTemps(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    removed.push(path.join(dir, name));
  }
  return removed;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface PlannedWrite {
  /** Absolute path of the output. */
  file: string;
  /** Folder the output must stay inside (the overlay folder). */
  within: string;
  content: string;
}

/** Why a path may not be written, or null when it may. */
export function unsafeOutputReason(file: string, within: string): string | null {
  let folder: string;
  try {
    folder = fs.realpathSync(within);
  } catch {
    return 'its overlay folder does not exist';
  }
  if (path.dirname(path.resolve(file)) !== path.resolve(within)) return 'it is not directly inside its overlay folder';
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return null; // does not exist yet: it will be created inside the folder
  }
  if (stat.isSymbolicLink()) {
    let target: string;
    try {
      target = fs.realpathSync(file);
    } catch {
      return 'it is a symbolic link that points nowhere';
    }
    if (!target.startsWith(folder + path.sep)) return 'it is a symbolic link that resolves outside its overlay folder';
    return null;
  }
  if (!stat.isFile()) return 'it exists and is not a regular file';
  return null;
}

/** True when the file already holds exactly `content` with mode 0600. */
export function isUnchanged(file: string, content: string): boolean {
  try {
    // A link is never unchanged: render refuses to write through one, and diff must say so.
    const stat = fs.lstatSync(file);
    // A size that differs says enough: the file is read only when it could be the same, and
    // compared as bytes (buffers are freed at once; a large string waits for a full collection).
    return stat.isFile() && (stat.mode & 0o777) === 0o600 && stat.size === Buffer.byteLength(content) && fs.readFileSync(file).equals(Buffer.from(content, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * Write every file or none: each goes to a temporary file (mode 0600) in its
 * own folder first; only when all are on disk are they renamed into place.
 * Throws the first I/O error, after removing the temporary files; an error
 * while renaming carries `replaced`, the files already replaced.
 */
export function writeAllAtomically(writes: PlannedWrite[]): void {
  const temps: { temp: string; file: string }[] = [];
  for (const dir of new Set(writes.map((w) => path.dirname(w.file)))) removeStaleTemps(dir);
  try {
    for (const w of writes) {
      const temp = path.join(path.dirname(w.file), `.${path.basename(w.file)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
      temps.push({ temp, file: w.file });
      trackTemp(temp);
      const fd = fs.openSync(temp, 'wx', 0o600);
      try {
        fs.writeFileSync(fd, w.content);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
  } catch (e) {
    for (const t of temps) fs.rmSync(t.temp, { force: true });
    throw e;
  }
  for (const t of temps) untrackTemp(t.temp);
  // Renames within one folder do not fail in practice; if one does, no temporary file stays behind.
  const renamed: string[] = [];
  try {
    for (const t of temps) {
      fs.renameSync(t.temp, t.file);
      renamed.push(t.file);
    }
  } catch (e) {
    for (const t of temps) fs.rmSync(t.temp, { force: true });
    Object.assign(e as object, { replaced: renamed });
    throw e;
  }
}

/** Create `file` (and its folders) with `content`; an existing file is never replaced (EEXIST). */
export function createFile(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content, { flag: 'wx' });
}

/** Add text at the end of a file, creating it when missing (the user's .gitignore; the runner's GITHUB_STEP_SUMMARY and GITHUB_OUTPUT). */
export function appendText(file: string, text: string): void {
  fs.appendFileSync(file, text);
}

/** Replace a file the user owns with new content, keeping its mode: written beside it, then renamed over it. */
export function replaceFile(file: string, content: string): void {
  const mode = fs.statSync(file).mode & 0o777;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  trackTemp(temp);
  try {
    fs.writeFileSync(temp, content, { flag: 'wx', mode });
    fs.chmodSync(temp, mode);
    fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
    untrackTemp(temp);
  }
}

/**
 * The compiled-schema cache (node_modules/.cache/kustenv, documented in
 * docs/performance.md): code compiled from the user's schema, never a value.
 * Written whole (temporary file, then rename) so a reader never sees half.
 */
export function writeCacheFile(file: string, content: string): void {
  const temp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
  trackTemp(temp);
  try {
    fs.writeFileSync(temp, content, { mode: 0o644 });
    fs.renameSync(temp, file);
  } finally {
    fs.rmSync(temp, { force: true });
    untrackTemp(temp);
  }
}
