import fs from 'node:fs';

/** What reading a file gave: its bytes, or why not (an errno code, `not-regular`, or `too-large`). */
export type ReadFile = { bytes: Buffer } | { error: string; size?: number };

/**
 * Read a regular file, at most `maxBytes`. A FIFO or a device is refused at
 * once (it is opened without blocking, then checked on the open descriptor,
 * so nothing can be swapped in between), and the limit counts the bytes
 * actually read, not what `stat` says.
 */
export function readRegularFile(file: string, maxBytes: number, options: { noFollow?: boolean } = {}): ReadFile {
  let fd: number;
  try {
    // noFollow: a symbolic link is refused on open (ELOOP), not checked before it.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | (options.noFollow ? fs.constants.O_NOFOLLOW : 0));
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? 'error' };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return { error: 'EISDIR' };
    if (!stat.isFile()) return { error: 'not-regular' };
    const chunks: Buffer[] = [];
    let total = 0;
    // The first read asks for the size stat gives and one byte more, so a file
    // that does not change is read in one buffer of its own size (a 1 MiB
    // buffer per small file made the garbage collector run on every few
    // templates); a short read is followed by a one-byte one that finds the end
    // (a buffer that small comes from Node's pool, not a new allocation).
    let want = stat.size + 1;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      if (total > maxBytes) return { error: 'too-large', size: total };
      want = n < chunk.length ? 1 : 1024 * 1024;
    }
    return { bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total) };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? 'error' };
  } finally {
    fs.closeSync(fd);
  }
}
