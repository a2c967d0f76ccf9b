/** The text reporter: what people read. Results and built YAML on stdout, problems and progress on stderr; never a value. */
import type { RunResult, StoreReport } from '../../commands/render.js';
import type { ApplyResult } from '../../commands/apply.js';
import type { BuildResult } from '../../commands/build.js';
import type { DiffResult, EnvironmentDiff } from '../../commands/diff.js';
import { reviewText, type ReviewResult } from '../../commands/review.js';
import type { GenerateResult } from '../../commands/generate.js';
import type { InitResult } from '../../commands/init.js';
import type { VarsResult } from '../../commands/vars.js';
import { objectLabel, type LiveKey, type LiveObject, type VerifyResult } from '../../commands/verify.js';
import { plural, table } from '../../text.js';
import type { ValueSource } from '../../types.js';
import type { Out, Paint, Reporter } from '../report.js';

/**
 * Text from files (names, paths, schema descriptions) as a terminal shows it:
 * control characters (ESC sequences that clear the screen or write the
 * clipboard, CR that rewrites the line, C1 controls) as `\xNN`, so a
 * repository's file cannot drive the terminal or hide a line.
 */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Whole lines (a diff, the review): each line's control characters but tab and a line-ending CR escaped. */
export function visibleLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|\r(?!$)/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))
    .join('\n');
}

/** `render` and `check`: a line per environment (with --verbose, where each value came from); `--dry-run`: the masked patches. */
function run(out: Out, command: 'render' | 'check', result: RunResult, dryRun: boolean): void {
  if (out.verbose && result.stores?.length) reportStores(out, result.stores);
  if (result.status !== 0 && command === 'render' && !dryRun && !result.environments.some((e) => e.written)) {
    out.stderr(`${out.paint('render failed', 'red')}: nothing was written\n`);
  }
  if (result.status !== 0) return;
  for (const env of result.environments) {
    if (dryRun) {
      out.stdout(`# ${env.changed ? 'would write' : 'unchanged'}: ${visible(env.output)}\n${env.masked}`);
      continue;
    }
    if (out.quiet) continue;
    const what = command === 'check' ? 'ok' : env.written ? 'wrote' : 'unchanged';
    const secrets = env.variables.filter((v) => v.secret).length;
    out.stderr(`${out.paint(what, 'green')} ${visible(env.output)} (${plural(env.documents, 'document')}, ${env.variables.length} variables, ${secrets} secret)\n`);
    if (!out.verbose) continue;
    for (const v of env.variables) {
      const from = !v.source ? 'unset' : v.source.kind === 'env' ? 'process environment' : v.source.kind === 'set' ? '--set' : `${v.source.kind} ${sourceName(v.source)}`;
      out.stderr(`  ${v.name}${v.secret ? ' (secret)' : ''}: ${visible(from)}\n`);
    }
  }
}

/** `--verbose`: each store's calls and time, then the total; names only. */
function reportStores(out: Out, stores: StoreReport[]): void {
  for (const s of stores) out.stderr(`store ${visible(s.source)}: ${plural(s.calls, `${visible(s.program)} call`)}, ${s.ms} ms; found: ${s.variables.join(', ') || 'none'}\n`);
  out.stderr(`stores: ${plural(stores.reduce((n, s) => n + s.calls, 0), 'call')}, ${stores.reduce((n, s) => n + s.ms, 0)} ms in all\n`);
}

/** Where a value came from, in a word: `--set`, `env`, the file, or the store. */
function sourceName(source: ValueSource): string {
  return source.kind === 'set' ? '--set' : source.kind === 'env' ? 'env' : (source.file ?? source.store ?? source.kind);
}

function diffSummary(d: EnvironmentDiff): string {
  if (!d.changed) return `${visible(d.output)}: no changes`;
  return `${visible(d.output)}: ${d.added.length} added, ${d.removed.length} removed, ${d.modified.length} changed`;
}

/** `diff`: the masked unified diff, then a summary line, per environment. */
function diff(out: Out, result: DiffResult): void {
  for (const d of result.diffs) {
    if (d.unified) out.stdout(colorDiff(d.unified.endsWith('\n') ? d.unified : `${d.unified}\n`, out.paintStdout));
    if (!out.quiet) out.stdout(`${diffSummary(d)}\n`);
  }
}

/** Removed lines red, added lines green; headers and context as they are. */
function colorDiff(unified: string, paint: Paint | undefined): string {
  if (!paint) return unified;
  return unified
    .split('\n')
    .map((line) => (line.startsWith('---') || line.startsWith('+++') ? line : line.startsWith('-') ? paint(line, 'red') : line.startsWith('+') ? paint(line, 'green') : line))
    .join('\n');
}

/** The masked diff and summary shown before apply asks (on stderr: stdout stays kubectl's). */
export function showDiffs(out: Out, diffs: EnvironmentDiff[]): void {
  for (const d of diffs) {
    if (d.unified) out.stderr(d.unified.endsWith('\n') ? d.unified : `${d.unified}\n`);
    out.stderr(`${diffSummary(d)}\n`);
  }
}

/** `diff --against REF`: per template its diff and variables, per environment what it lacks. */
function review(out: Out, result: ReviewResult): void {
  if (result.status !== 2) out.stdout(visibleLines(reviewText(result)));
}

/** `build`: the built YAML (Secret values masked). */
function build(out: Out, _env: string, result: BuildResult): void {
  if (result.output) out.stdout(result.output);
}

/** `apply`: kubectl's own (masked) output. */
function apply(out: Out, _env: string, result: ApplyResult): void {
  if (result.stdout) out.stdout(result.stdout);
  if (result.stderr) out.stderr(result.stderr);
}

/** `vars`: a table, one row per variable, one column per environment. */
function vars(out: Out, result: VarsResult): void {
  if (result.status !== 0) return;
  const envs = result.environments;
  const rows = result.variables.map((v) => [
    v.name,
    v.secret ? 'yes' : 'no',
    v.declared === null ? '-' : v.declared ? 'yes' : 'NO',
    ...envs.map((e) => {
      const x = e.variables.find((y) => y.name === v.name);
      return x?.source ? sourceName(x.source) : (x?.state ?? '');
    }),
    `${v.usedAt[0].replace(/:\d+$/, '')}${v.usedAt.length > 1 ? ` (+${v.usedAt.length - 1})` : ''}`,
    v.description ?? '',
  ]);
  const head = ['VARIABLE', 'SECRET', 'DECLARED', ...envs.map((e) => e.name), 'USED AT', 'DESCRIPTION'];
  out.stdout(table(head.map(visible), rows.map((r) => r.map(visible))));
}

/** `generate` and `rotate`: the names and the file, then how to hand the file to CI; never a value. */
function generate(out: Out, command: 'generate' | 'rotate', result: GenerateResult): void {
  if (result.status !== 0) return;
  if (!result.generated.length) {
    if (out.quiet) return;
    if (result.generatable && !result.generatable.length) out.stderr(`nothing to generate: no variable of ${result.environment} has an x-kustenv-generate rule in the variables schema\n`);
    else out.stderr(`nothing to generate: every generatable variable of ${result.environment} has a value\n`);
    return;
  }
  out.stdout(`${command === 'generate' ? 'generated' : 'rotated'} ${result.generated.join(', ')} in ${visible(result.file ?? '')}\n`);
  out.stdout(`for CI, store them as ${result.environment}'s secrets: ${result.hint}\n`);
}

/** `init`: what it created, changed and kept, then the command to run next. */
function init(out: Out, result: InitResult): void {
  if (result.error) out.stderr(`kustenv: init failed: ${result.error}\n`);
  for (const f of result.created) out.stderr(`${out.paint('created', 'green')} ${visible(f)}\n`);
  for (const f of result.updated) out.stderr(`${out.paint('updated', 'green')} ${visible(f)}\n`);
  const changed = result.created.length + result.updated.length > 0;
  if (!changed && result.status === 0) out.stderr('nothing to do: every file is already there\n');
  if (out.quiet || result.status !== 0) return;
  if (changed && result.kept.length) out.stderr(`kept ${visible(result.kept.join(', '))}\n`);
  if (changed && result.next) out.stderr(`next: ${result.next}\n`);
}

/** `verify`: a table and a summary line. */
function verify(out: Out, result: VerifyResult): void {
  if (!result.objects.length && result.status !== 0) return; // it stopped before the cluster: the diagnostics say why
  const head = ['OBJECT', 'KEY', 'STATE', 'AGE'];
  const rows = tableRows(result.objects).map((r) => [r.object, r.key, r.state, r.age].map(visible));
  out.stdout(table(head, rows));
  if (!out.quiet) out.stdout(`${summaryLine(result)}\n`);
}

const STATE_TEXT: Record<LiveKey['state'], string> = { 'in-sync': 'in sync', different: 'DIFFERENT', missing: 'MISSING', extra: 'extra' };

/** One row per key; an object without keys (or not found) gets one row with key `-`. The age is on each object's first row. */
export function tableRows(objects: LiveObject[]): { object: string; key: string; state: string; age: string }[] {
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

export function verdict(result: VerifyResult): string {
  if (result.status === 0) return 'in sync';
  return result.diagnostics.some((d) => d.severity === 'error' && d.code.startsWith('live-')) ? 'drift found' : 'not verified';
}

export function summaryLine(result: VerifyResult): string {
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

export const textReporter: Reporter = { run, diff, review, build, apply, vars, generate, init, verify };
