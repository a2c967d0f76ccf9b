/**
 * The Markdown reporter (`--format markdown`, for `diff --against`: a
 * pull-request comment) and the Markdown of verify's GitHub step summary.
 * Names and states, never a value.
 */
import { reviewMarkdown, type ReviewResult } from '../../commands/review.js';
import type { VerifyResult } from '../../commands/verify.js';
import { REVIEW_MARKER } from '../github.js';
import type { Reporter } from '../report.js';
import { summaryLine, tableRows, verdict, visibleLines } from './text.js';

export const markdownReporter: Partial<Reporter> = {
  review(out, result) {
    if (result.status !== 2) out.stdout(maskedReviewMarkdown(result, REVIEW_MARKER));
  },
};

/**
 * The reviewer view as Markdown, masked before the Markdown escapes anything:
 * a value `a<b` shown as `a&lt;b` would no longer match the value when the
 * output is masked, and a browser renders it as the value. Control
 * characters from file names are shown as `\xNN` (a lone CR is a new line
 * for GitHub's runner).
 */
export function maskedReviewMarkdown(result: ReviewResult, marker = ''): string {
  const secrets = result.secrets;
  return visibleLines(reviewMarkdown(secrets ? maskedDeep(result, (t) => secrets.mask(t)) : result, marker));
}

/** A copy of plain data with every string masked (enumerable properties only). */
function maskedDeep<T>(value: T, mask: (t: string) => string): T {
  if (typeof value === 'string') return mask(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskedDeep(v, mask)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskedDeep(v, mask)])) as T;
  return value;
}

/** The Markdown step summary of `verify`: heading, table, summary, problems. */
export function verifySummary(result: VerifyResult): string {
  const lines = [`## kustenv verify ${result.environment}: ${verdict(result)}`, ''];
  if (result.context !== undefined) lines.push(`Context: \`${cell(result.context)}\``, '');
  if (result.objects.length) {
    lines.push('| object | key | state | age (days) |', '|---|---|---|---|');
    for (const r of tableRows(result.objects)) lines.push(`| \`${cell(r.object)}\` | ${r.key === '-' ? '-' : `\`${cell(r.key)}\``} | ${r.state} | ${r.age} |`);
    lines.push('', summaryLine(result));
  }
  const problems = result.diagnostics.filter((d) => d.severity === 'error' || d.code.startsWith('live-'));
  if (problems.length) {
    lines.push('', '### Problems', '');
    for (const d of problems) lines.push(`- ${d.severity === 'error' ? 'error' : 'warning'}: ${d.message}${d.file ? ` (\`${d.file}\`)` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A Markdown table cell: no pipe or newline can break the row. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
