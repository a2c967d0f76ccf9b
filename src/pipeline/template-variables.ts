import { parseTemplates } from './parse-templates.js';
import { parsePlaceholders } from './placeholders.js';

/**
 * The variables a template's text uses, sorted. A template that does not
 * parse (it may be mid-edit in a review) falls back to scanning its text.
 */
export function templateVariables(file: string, text: string): string[] {
  const { documents, diagnostics } = parseTemplates([{ file, text }]);
  const names = new Set<string>();
  if (diagnostics.some((d) => d.code.startsWith('yaml-'))) parsePlaceholders(text).names.forEach((n) => names.add(n));
  else for (const doc of documents) for (const slot of doc.slots) slot.parsed.names.forEach((n) => names.add(n));
  return [...names].sort();
}
