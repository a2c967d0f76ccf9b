/**
 * The reviewer's view (`diff --against REF`): what a branch's change to the
 * templates and variables schemas means for each environment, compared with
 * the merge base of REF and the working tree. Templates and schemas hold no
 * values; no value is read into the result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { check, withSecrets } from './render.js';
import { selectEnvironments } from '../prepare.js';
import { SecretSet } from '../secret-set.js';
import { error, sortDiagnostics } from '../diagnostics.js';
import { changesSince, commitId, gitRepo, isCommit, isShallow, mergeBase, showAt, type FileChange } from '../io/git.js';
import { loadProject, rel } from '../io/load-config.js';
import { parseSetArgs } from '../io/load-values.js';
import { readTemplates } from '../io/read-templates.js';
import { DEFAULTS } from '../options.js';
import type { RunOptions } from '../options.js';
import { parseTemplates } from '../pipeline/parse-templates.js';
import { validateNames } from '../pipeline/validate-names.js';
import { templateVariables } from '../pipeline/template-variables.js';
import { isSafeArgument } from '../pipeline/validate-names.js';
import type { Diagnostic, ProjectConfig } from '../types.js';

export interface TemplateChange {
  file: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  /** A renamed template's path at the merge base. */
  from?: string;
  /** Unified diff of the template itself: templates hold no values. */
  diff: string;
  variablesAdded: string[];
  variablesRemoved: string[];
}

/** One variable's requirement as a variables schema changed it. */
export interface RequirementChange {
  variable: string;
  /** What changed, e.g. `now required`, `minLength: 8 → 12`, `new`, `removed`. */
  change: string;
}

export interface SchemaChange {
  file: string;
  status: 'added' | 'removed' | 'modified';
  diff: string;
  requirements: RequirementChange[];
}

export interface EnvironmentReview {
  name: string;
  /** New or newly required variables with no value and no default here: secrets, a CI secret to add. */
  missingSecrets: string[];
  /** The same, for configuration (non-secret) variables. */
  missingConfig: string[];
  /** Both lists together, sorted. */
  missing: string[];
  /** Variables used and not declared by the environment's variables schema. */
  undeclared: string[];
}

export interface ReviewResult {
  status: 0 | 1 | 2;
  /** The project root, which diagnostics' paths are relative to. */
  root?: string;
  /** The ref as given. */
  ref: string;
  /** The merge base compared with (a commit id). */
  base?: string;
  diagnostics: Diagnostic[];
  templates: TemplateChange[];
  schemas: SchemaChange[];
  environments: EnvironmentReview[];
  /** The run's secrets. Not enumerable. */
  readonly secrets?: SecretSet;
}

/** Sort names as people read them: VAR_2 before VAR_10. */
const collator = new Intl.Collator('en', { numeric: true });
export const naturalSort = (names: Iterable<string>): string[] => [...names].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));

/** Schema keywords whose change changes what a value must be. */
const REQUIREMENT_KEYWORDS = ['type', 'enum', 'const', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'default', 'writeOnly', 'x-kustenv-secret', 'x-kustenv-generate'];

/** The reviewer's view of the branch's change since its merge base with `ref` (`A...B`: the merge base of A and B). */
export async function review(ref: string, options: RunOptions = {}): Promise<ReviewResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const fail = (status: 1 | 2, diagnostics: Diagnostic[], root?: string): ReviewResult => ({ status, ref, ...(root ? { root } : {}), diagnostics: sortDiagnostics(diagnostics), templates: [], schemas: [], environments: [] });
  // Refs reach git as data: one that could pass for an option is refused before git runs.
  const sides = ref.includes('...') ? ref.split('...') : [ref, 'HEAD'];
  if (sides.length !== 2) return fail(2, [error('bad-ref', 'the --against ref takes REF or A...B')]);
  if (sides[1] === '') sides[1] = 'HEAD';
  if (!sides.every(isSafeArgument)) return fail(2, [error('bad-ref', 'the --against ref is empty, starts with "-" or holds control characters')]);

  const loaded = loadProject(cwd, options.config);
  if (!loaded.project) return fail(2, loaded.errors);
  const project = loaded.project;
  const selected = selectEnvironments(project, options.environments);
  if ('error' in selected) return fail(2, [selected.error]);
  const set = parseSetArgs(options.set ?? []);
  if (set.errors.length) return fail(2, set.errors);
  const repo = gitRepo(project.root, options.env);
  if (!repo) return fail(2, [error('not-in-git', 'diff --against needs a git repository')]);

  const fetchHistory = 'this is a shallow clone: fetch the history (actions/checkout with fetch-depth: 0, or git fetch --unshallow) so the merge base can be found';
  const shallow = isShallow(repo, options.env);
  for (const side of sides) {
    if (!isCommit(repo, side, options.env)) return fail(2, [error(shallow ? 'shallow-clone' : 'bad-ref', shallow ? `"${side}" is not a commit here, and ${fetchHistory}` : `"${side}" is not a commit in this repository`)]);
  }
  const base = mergeBase(repo, commitId(repo, sides[0], options.env)!, commitId(repo, sides[1], options.env)!, options.env);
  if (!base) return fail(2, [error(shallow ? 'shallow-clone' : 'no-merge-base', shallow ? `no merge base with ${sides[0]} in the history fetched: ${fetchHistory}` : `${sides[0]} and ${sides[1]} have no common ancestor`)]);

  const { files, errors, invalid } = await readTemplates(project);
  if (errors.length) return fail(2, errors, project.root);
  const diagnostics: Diagnostic[] = [...invalid];
  const current = new Map(files.map((f) => [path.relative(repo, path.join(project.root, f.file)), f]));
  const schemaFiles = schemaPaths(project).map((f) => path.relative(repo, f));
  const changes = pairRenames(changesSince(repo, base, [project.base, ...schemaPaths(project).map(path.dirname)], options.env), repo, base, options.env);
  const { createTwoFilesPatch } = await import('diff');
  const shown = (file: string) => rel(project.root, path.join(repo, file));
  const readNow = (file: string) => (fs.existsSync(path.join(repo, file)) ? fs.readFileSync(path.join(repo, file), 'utf8') : undefined);
  const unified = (from: string | undefined, to: string | undefined, oldText: string, newText: string) =>
    createTwoFilesPatch(from === undefined ? '/dev/null' : shown(from), to === undefined ? '/dev/null' : shown(to), oldText, newText, `merge base ${base.slice(0, 12)}`, 'working tree', { context: 3 });

  const templates: TemplateChange[] = [];
  const schemas: SchemaChange[] = [];
  const atBase = new Set<string>(); // variables the templates used at the merge base
  const changedNow = new Set<string>();
  for (let c of changes) {
    if (schemaFiles.includes(c.file) || (c.from && schemaFiles.includes(c.from))) continue;
    const now = c.status === 'removed' ? undefined : current.get(c.file);
    const wasTemplate = isTemplateName(c.from ?? c.file);
    if (!now && !(c.status !== 'added' && wasTemplate)) continue; // excluded, or not a template
    if (!now && c.status === 'renamed') c = { file: c.from!, status: 'removed' }; // moved out of the templates: removed from them
    const oldText = c.status === 'added' ? undefined : showAt(repo, base, c.from ?? c.file, options.env);
    const newText = now?.text;
    if (oldText === newText && c.status !== 'renamed') continue;
    const file = shown(c.file);
    if (oldText !== undefined) {
      const broken = parseErrors(shown(c.from ?? c.file), oldText);
      if (broken) diagnostics.push(error('template-unparsed-at-base', `this template does not parse at the merge base (${broken}); its variables there are read from its text`, { file: shown(c.from ?? c.file) }));
    }
    const oldVars = templateVariables(file, oldText ?? '');
    oldVars.forEach((v) => atBase.add(v));
    const newVars = templateVariables(file, newText ?? '');
    if (now) changedNow.add(now.file);
    templates.push({
      file,
      status: oldText === undefined ? 'added' : newText === undefined ? 'removed' : c.status === 'renamed' ? 'renamed' : 'modified',
      ...(c.status === 'renamed' && c.from ? { from: shown(c.from) } : {}),
      diff: unified(oldText === undefined ? undefined : (c.from ?? c.file), newText === undefined ? undefined : c.file, oldText ?? '', newText ?? ''),
      variablesAdded: naturalSort(newVars.filter((v) => !oldVars.includes(v))),
      variablesRemoved: naturalSort(oldVars.filter((v) => !newVars.includes(v))),
    });
  }
  // Templates that do not parse now, and names that could reach a program as options: reported with their positions (exit 1).
  const parsedNow = parseTemplates(files);
  diagnostics.push(...parsedNow.diagnostics.filter((d) => d.severity === 'error' && d.code.startsWith('yaml-')), ...validateNames(parsedNow.documents));
  // Variables new for the project: used now, and by no template at the merge base (unchanged templates are as they were).
  const usedNow = new Set<string>();
  for (const f of files) {
    const vars = templateVariables(f.file, f.text);
    vars.forEach((v) => usedNow.add(v));
    if (!changedNow.has(f.file)) vars.forEach((v) => atBase.add(v));
  }
  const affected = new Set([...usedNow].filter((v) => !atBase.has(v)));

  for (const file of schemaFiles) {
    const oldText = showAt(repo, base, file, options.env);
    const newText = readNow(file);
    if (oldText === newText) continue;
    const requirements = requirementChanges(oldText, newText);
    requirements.forEach((r) => affected.add(r.variable));
    schemas.push({ file: shown(file), status: oldText === undefined ? 'added' : newText === undefined ? 'removed' : 'modified', diff: unified(oldText === undefined ? undefined : file, newText === undefined ? undefined : file, oldText ?? '', newText ?? ''), requirements });
  }

  // Per environment, from a check of the working tree (nothing written, nothing generated).
  const checked = await check({ ...options, cwd, environments: selected.envs.map((e) => e.name), generate: false, review: false });
  if (checked.status === 2) return withSecrets(fail(2, [...diagnostics, ...checked.diagnostics], project.root), checked.secrets ?? new SecretSet());
  const secretNames = new Set(checked.variables.filter((v) => v.secret).map((v) => v.name));
  const environments: EnvironmentReview[] = checked.environments.map((env) => {
    const missing = env.variables.filter((v) => v.state === 'missing' && affected.has(v.name)).map((v) => v.name);
    const undeclared = checked.diagnostics.filter((d) => d.code === 'undeclared-variable' && d.env === env.name && d.variable).map((d) => d.variable!);
    return {
      name: env.name,
      missingSecrets: naturalSort(missing.filter((n) => secretNames.has(n))),
      missingConfig: naturalSort(missing.filter((n) => !secretNames.has(n))),
      missing: naturalSort(missing),
      undeclared: naturalSort(new Set(undeclared)),
    };
  });
  const sorted = sortDiagnostics(diagnostics);
  // No value is in the result; the run's secrets still reach the printers (and GitHub's masks).
  return withSecrets({ status: sorted.some((d) => d.severity === 'error') ? 1 : 0, root: project.root, ref, base, diagnostics: sorted, templates, schemas, environments }, checked.secrets ?? new SecretSet());

  function isTemplateName(file: string): boolean {
    return /\.ya?ml$/.test(file) && !/(^|\/)kustomization\.ya?ml$/i.test(file) && path.join(repo!, file).startsWith(project.base + path.sep);
  }
}

/** The variables schema files of the project: the base schema and one per environment beside it. */
function schemaPaths(project: ProjectConfig): string[] {
  const stemFile = project.schema ?? path.resolve(project.root, DEFAULTS.schema);
  const stem = stemFile.replace(/\.schema\.json$|\.json$/, '');
  return [stemFile, ...project.environments.map((e) => `${stem}.${e.name}.schema.json`)];
}

/** A file git sees as removed and an untracked file with the same text: a rename. */
function pairRenames(changes: FileChange[], repo: string, base: string, env: NodeJS.ProcessEnv | undefined): FileChange[] {
  const removed = changes.filter((c) => c.status === 'removed');
  const out: FileChange[] = [];
  const used = new Set<string>();
  for (const c of changes) {
    if (c.status !== 'added') {
      out.push(c);
      continue;
    }
    let text: string | undefined;
    try {
      text = fs.readFileSync(path.join(repo, c.file), 'utf8');
    } catch {
      out.push(c);
      continue;
    }
    const match = removed.find((r) => !used.has(r.file) && showAt(repo, base, r.file, env) === text);
    if (match) {
      used.add(match.file);
      out.push({ file: c.file, status: 'renamed', from: match.file });
    } else out.push(c);
  }
  return out.filter((c) => !(c.status === 'removed' && used.has(c.file)));
}

/** The first YAML error of a template's text, or undefined when it parses. */
function parseErrors(file: string, text: string): string | undefined {
  const d = parseTemplates([{ file, text }]).diagnostics.find((x) => x.severity === 'error' && x.code.startsWith('yaml-'));
  return d ? `${d.line ? `line ${d.line}: ` : ''}${d.code}` : undefined;
}

type Schema = { properties?: Record<string, Record<string, unknown>>; required?: string[] };

function parseSchema(text: string | undefined): Schema | undefined {
  if (text === undefined) return undefined;
  try {
    const s = JSON.parse(text);
    return s && typeof s === 'object' ? (s as Schema) : undefined;
  } catch {
    return undefined;
  }
}

/** What each variable must now be, as the schema's change says: new or removed, required or not, each changed keyword. */
export function requirementChanges(oldText: string | undefined, newText: string | undefined): RequirementChange[] {
  const before = parseSchema(oldText) ?? {};
  const after = parseSchema(newText) ?? {};
  const props = (s: Schema) => (s.properties && typeof s.properties === 'object' ? s.properties : {});
  const req = (s: Schema) => new Set(Array.isArray(s.required) ? s.required.map(String) : []);
  const [pb, pa, rb, ra] = [props(before), props(after), req(before), req(after)];
  const out: RequirementChange[] = [];
  const show = (v: unknown) => (v === undefined ? 'none' : JSON.stringify(v));
  for (const name of naturalSort(new Set([...Object.keys(pb), ...Object.keys(pa), ...rb, ...ra]))) {
    const was = pb[name];
    const is = pa[name];
    if (!was && is) out.push({ variable: name, change: 'new' });
    if (was && !is) out.push({ variable: name, change: 'removed' });
    if (!rb.has(name) && ra.has(name)) out.push({ variable: name, change: 'now required' });
    if (rb.has(name) && !ra.has(name)) out.push({ variable: name, change: 'no longer required' });
    if (was && is && typeof was === 'object' && typeof is === 'object') {
      for (const k of REQUIREMENT_KEYWORDS) {
        if (JSON.stringify(was[k]) !== JSON.stringify(is[k])) out.push({ variable: name, change: `${k}: ${show(was[k])} → ${show(is[k])}` });
      }
    }
  }
  return out;
}

/** GitHub's limit on a comment's length; the Markdown stays under it. */
export const MARKDOWN_LIMIT = 65_536;

/** A table cell: `|` and newlines cannot break the table, backticks cannot open code. */
export function cell(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;').replace(/`/g, '&#96;').replace(/\r?\n|\r/g, ' ');
}
const code = (text: string) => `<code>${cell(text)}</code>`;
const codes = (names: string[]) => (names.length ? names.map(code).join(', ') : '—');

/** A fenced block whose fence is longer than any backtick run inside. */
function fenced(lang: string, text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

/** The reviewer view as a pull-request comment: tables first, then the diffs, cut to stay under the comment limit. */
export function reviewMarkdown(result: ReviewResult, marker = ''): string {
  const head: string[] = [];
  if (marker) head.push(marker);
  head.push(`### kustenv: changes since the merge base with ${code(result.ref)}${result.base ? ` (${code(result.base.slice(0, 12))})` : ''}`, '');
  if (result.diagnostics.length) {
    head.push('**Problems**', '');
    for (const d of result.diagnostics) head.push(`- ${d.file ? `${code(`${d.file}${d.line ? `:${d.line}:${d.col ?? 1}` : ''}`)} ` : ''}${cell(d.message)}`);
    head.push('');
  }
  if (!result.templates.length) head.push('No template changed.');
  else {
    head.push('| template | change | variables added | variables removed |', '|---|---|---|---|');
    for (const t of result.templates) head.push(`| ${code(t.file)} | ${t.from ? `renamed from ${code(t.from)}` : t.status} | ${codes(t.variablesAdded)} | ${codes(t.variablesRemoved)} |`);
  }
  if (result.schemas.length) {
    head.push('', '| variables schema | variable | now |', '|---|---|---|');
    for (const s of result.schemas) {
      if (!s.requirements.length) head.push(`| ${code(s.file)} | — | ${s.status} |`);
      for (const r of s.requirements) head.push(`| ${code(s.file)} | ${code(r.variable)} | ${cell(r.change)} |`);
    }
  }
  head.push('', '| environment | new CI secrets to add | configuration without a value | undeclared |', '|---|---|---|---|');
  for (const e of result.environments) head.push(`| ${cell(e.name)} | ${codes(e.missingSecrets)} | ${codes(e.missingConfig)} | ${codes(e.undeclared)} |`);
  const foot = ['', '_Templates and schemas hold no values; no value is shown here. Variables with a default are not listed as missing._', ''];
  const cutNote = (what: string) => `_${what} cut to stay under GitHub's ${MARKDOWN_LIMIT}-character comment limit: run \`kustenv diff --against ${cell(result.ref)}\` for all of it._`;

  const budget = MARKDOWN_LIMIT - 1_000;
  let text = head.join('\n');
  if (text.length > budget) {
    // The tables alone are too long: keep whole lines.
    text = `${text.slice(0, text.lastIndexOf('\n', budget))}\n\n${cutNote('The tables were')}`;
    return `${text}\n${foot.join('\n')}`;
  }
  const blocks = [...result.templates.map((t) => ({ name: t.file, diff: t.diff })), ...result.schemas.map((s) => ({ name: s.file, diff: s.diff }))];
  for (const [i, b] of blocks.entries()) {
    const open = `\n\n<details><summary>${code(b.name)}</summary>\n\n`;
    const close = '\n\n</details>';
    const whole = open + fenced('diff', b.diff.trimEnd()) + close;
    if (text.length + whole.length <= budget) {
      text += whole;
      continue;
    }
    const room = budget - text.length - open.length - close.length - 400;
    if (room > 200) {
      const kept = b.diff.slice(0, b.diff.lastIndexOf('\n', room));
      text += `${open}${fenced('diff', kept)}\n\n${cutNote('This diff was')}${close}`;
    }
    const rest = blocks.length - i - (room > 200 ? 1 : 0);
    if (rest > 0) text += `\n\n${cutNote(`${rest} more diff${rest === 1 ? '' : 's'} left out:`).replace(': run', ', run')}`;
    break;
  }
  return `${text}\n${foot.join('\n')}`;
}

/** The reviewer view as plain text. */
export function reviewText(result: ReviewResult): string {
  const lines: string[] = [`Changes since the merge base with ${result.ref}${result.base ? ` (${result.base.slice(0, 12)})` : ''}:`];
  if (!result.templates.length) lines.push('No template changed.');
  for (const t of result.templates) {
    lines.push(`${t.file} (${t.from ? `renamed from ${t.from}` : t.status}): variables added: ${t.variablesAdded.join(', ') || 'none'}; removed: ${t.variablesRemoved.join(', ') || 'none'}`);
    lines.push(t.diff.trimEnd());
  }
  for (const s of result.schemas) {
    lines.push(`${s.file} (${s.status}):${s.requirements.length ? '' : ' no variable requirement changed'}`);
    for (const r of s.requirements) lines.push(`  ${r.variable}: ${r.change}`);
    lines.push(s.diff.trimEnd());
  }
  for (const e of result.environments) {
    const parts = [];
    if (e.missingSecrets.length) parts.push(`new CI secrets to add: ${e.missingSecrets.join(', ')}`);
    if (e.missingConfig.length) parts.push(`configuration without a value: ${e.missingConfig.join(', ')}`);
    if (e.undeclared.length) parts.push(`undeclared: ${e.undeclared.join(', ')}`);
    lines.push(`${e.name}: ${parts.length ? parts.join('; ') : 'has every new variable'}`);
  }
  return `${lines.join('\n')}\n`;
}
