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
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      chunks.push(chunk.subarray(0, n));
      if (total > maxBytes) return { error: 'too-large', size: total };
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? 'error' };
  } finally {
    fs.closeSync(fd);
  }
}
