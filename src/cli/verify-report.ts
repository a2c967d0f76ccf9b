/** How `verify`'s result is shown: a table for people, JSON for tools, Markdown for the GitHub step summary. Never a value. */
import { objectLabel, type LiveKey, type LiveObject, type VerifyResult } from '../commands/verify.js';
import { plural, table } from '../text.js';
import { json, printDiagnostics, type Out } from './report.js';

const STATE_TEXT: Record<LiveKey['state'], string> = { 'in-sync': 'in sync', different: 'DIFFERENT', missing: 'MISSING', extra: 'extra' };

/** `verify`: problems on stderr; then one JSON document, or a table and a summary line, on stdout. */
export function reportVerify(out: Out, result: VerifyResult): void {
  printDiagnostics(out, result.diagnostics);
  if (out.format === 'json') {
    json(out, 'verify', result.status, { environment: result.environment, context: result.context ?? null, objects: result.objects, summary: result.summary }, result.diagnostics);
    return;
  }
  if (!result.objects.length && result.status !== 0) return; // it stopped before the cluster: the diagnostics say why
  const head = ['OBJECT', 'KEY', 'STATE', 'AGE'];
  const rows = tableRows(result.objects).map((r) => [r.object, r.key, r.state, r.age]);
  out.stdout(table(head, rows));
  if (!out.quiet) out.stdout(`${summaryLine(result)}\n`);
}

/** The Markdown step summary of `verify`: heading, table, summary, problems. Names and states only. */
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

/** One row per key; an object without keys (or not found) gets one row with key `-`. The age is on each object's first row. */
function tableRows(objects: LiveObject[]): { object: string; key: string; state: string; age: string }[] {
  const rows: { object: string; key: string; state: string; age: string }[] = [];
  for (const o of objects) {
    const object = objectLabel(o);
    const age = o.ageDays === undefined ? '' : `${o.ageDays}${o.old ? ' OLD' : ''}`;
    if (!o.found) rows.push({ object, key: '-', state: 'MISSING', age: '' });
    else if (!o.keys.length) rows.push({ object, key: '-', state: 'in sync', age });
    else o.keys.forEach((k, i) => rows.push({ object, key: k.key, state: `${STATE_TEXT[k.state]}${k.placeholder ? ' PLACEHOLDER' : ''}`, age: i === 0 ? age : '' }));
  }
  return rows;
}

function verdict(result: VerifyResult): string {
  if (result.status === 0) return 'in sync';
  return result.diagnostics.some((d) => d.severity === 'error' && d.code.startsWith('live-')) ? 'drift found' : 'not verified';
}

function summaryLine(result: VerifyResult): string {
  const s = result.summary;
  const parts = [
    plural(s.objects, 'object'),
    `${s.missingObjects} missing`,
    `${plural(s.missingKeys, 'key')} missing`,
    `${s.different} different`,
    `${s.extra} extra`,
    plural(s.placeholders, 'placeholder'),
    `${s.old} old`,
  ];
  return `verify ${result.environment}${result.context !== undefined ? ` (context ${result.context})` : ''}: ${parts.join(', ')}: ${verdict(result)}`;
}

/** A Markdown table cell: no pipe or newline can break the row. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
