import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { error } from '../diagnostics.js';
import type { TemplateFile } from '../pipeline/parse-templates.js';
import type { Diagnostic, ProjectConfig } from '../types.js';
import { rel } from './load-config.js';

/** Find the templates under `base` (sorted, so output is stable) and read them. */
export async function readTemplates(project: ProjectConfig): Promise<{ files: TemplateFile[]; errors: Diagnostic[] }> {
  const errors: Diagnostic[] = [];
  if (!fs.existsSync(project.base)) {
    return { files: [], errors: [error('base-missing', `template folder ${rel(project.root, project.base) || '.'} does not exist`)] };
  }
  const found = await fg(project.include, { cwd: project.base, ignore: project.exclude, onlyFiles: false, dot: false, followSymbolicLinks: true });
  const files: TemplateFile[] = [];
  for (const name of found.sort()) {
    const abs = path.join(project.base, name);
    const file = rel(project.root, abs);
    try {
      files.push({ file, text: fs.readFileSync(abs, 'utf8') });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      errors.push(error('template-unreadable', `cannot read template: ${code === 'EISDIR' ? 'it is a directory' : code ?? 'error'}`, { file }));
    }
  }
  return { files, errors };
}
