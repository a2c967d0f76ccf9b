import { createRequire as __kustenvRequire } from 'node:module'; const require = __kustenvRequire(import.meta.url);

// dist/io/read-file.js
import fs from "node:fs";
function readRegularFile(file, maxBytes, options = {}) {
  let fd;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | (options.noFollow ? fs.constants.O_NOFOLLOW : 0));
  } catch (e) {
    return { error: e.code ?? "error" };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory())
      return { error: "EISDIR" };
    if (!stat.isFile())
      return { error: "not-regular" };
    const chunks = [];
    let total = 0;
    let want = stat.size + 1;
    for (; ; ) {
      const chunk = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0)
        break;
      total += n;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      if (total > maxBytes)
        return { error: "too-large", size: total };
      want = n < chunk.length ? 4096 : 1024 * 1024;
    }
    return { bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total) };
  } catch (e) {
    return { error: e.code ?? "error" };
  } finally {
    fs.closeSync(fd);
  }
}

export {
  readRegularFile
};
