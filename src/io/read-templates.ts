import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { error } from '../diagnostics.js';
import type { TemplateFile } from '../pipeline/parse-templates.js';
import type { Diagnostic, ProjectConfig } from '../types.js';
import { breather } from '../breather.js';
import { rel } from './load-config.js';
import { readRegularFile } from './read-file.js';
import { MAX_TEMPLATE_BYTES } from '../options.js';

/** Find the templates under `base` (sorted, so output is stable) and read them. */
/**
 * `errors`: kustenv could not read (exit 2). `invalid`: files that are not
 * usable templates (too large, binary, not UTF-8: exit 1).
 */
export async function readTemplates(project: ProjectConfig): Promise<{ files: TemplateFile[]; errors: Diagnostic[]; invalid: Diagnostic[] }> {
  const errors: Diagnostic[] = [];
  if (!fs.existsSync(project.base)) {
    return { files: [], errors: [error('base-missing', `template folder ${rel(project.root, project.base) || '.'} does not exist`)], invalid: [] };
  }
  const found = await fg(project.include, { cwd: project.base, ignore: project.exclude, onlyFiles: false, dot: false, followSymbolicLinks: true });
  const files: TemplateFile[] = [];
  const invalid: Diagnostic[] = [];
  const pause = breather();
  for (const name of found.sort()) {
    await pause();
    const abs = path.join(project.base, name);
    const file = rel(project.root, abs);
    const read = readRegularFile(abs, MAX_TEMPLATE_BYTES);
    if ('error' in read) {
      if (read.error === 'too-large') {
        invalid.push(error('template-too-large', `template is larger than ${MAX_TEMPLATE_BYTES} bytes, the most that is read (a Kubernetes object is at most 1 MiB)`, { file }));
        continue;
      }
      const why = read.error === 'EISDIR' ? 'it is a directory' : read.error === 'ENOENT' ? 'no such file (a broken link?)' : read.error === 'not-regular' ? 'it is not a regular file (a FIFO or a device?)' : read.error;
      errors.push(error('template-unreadable', `cannot read template: ${why}`, { file }));
      continue;
    }
    const bytes = read.bytes;
    const text = decodeText(bytes, file);
    if (typeof text === 'string') files.push({ file, text });
    else invalid.push(text);
  }
  return { files, errors, invalid };
}

export { MAX_TEMPLATE_BYTES };

/** UTF-8 text, or an error at the first NUL byte or invalid byte sequence. */
function decodeText(bytes: Buffer, file: string): string | Diagnostic {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return error('template-binary', 'template holds a NUL byte: it is not a text file', { file, ...lineOf(bytes, nul) });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Find the first bad byte: decode growing prefixes is slow; scan for it instead.
    const bad = firstInvalidUtf8(bytes);
    return error('template-not-utf8', 'template is not valid UTF-8', { file, ...lineOf(bytes, bad) });
  }
}

function lineOf(bytes: Buffer, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

function firstInvalidUtf8(b: Buffer): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (!n || i + n > b.length) return i;
    for (let k = 1; k < n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += n;
  }
  return 0;
}
