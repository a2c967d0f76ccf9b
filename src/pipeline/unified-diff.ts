/**
 * A unified diff of two patch files. Small ones go to jsdiff whole. A large
 * one is diffed document by document: jsdiff's line diff costs the files'
 * length times the number of changed lines, so one value changed in every
 * template of 2,000 took 28 s; the documents (split after each `---`) are
 * matched first, then each changed pair is diffed line by line. The hunks
 * are made as jsdiff makes them, and written by its formatPatch.
 */
import { createTwoFilesPatch, diffArrays, diffLines, formatPatch, type StructuredPatchHunk } from 'diff';

/** Above this many characters (both sides), the diff is made document by document. */
export const WHOLE_FILE_DIFF_MAX = 256 * 1024;

const CONTEXT = 3;

export function unifiedDiff(oldName: string, newName: string, before: string, after: string, headers: [string, string], wholeFileMax = WHOLE_FILE_DIFF_MAX): string {
  if (before.length + after.length <= wholeFileMax) return createTwoFilesPatch(oldName, newName, before, after, headers[0], headers[1], { context: CONTEXT });
  return formatPatch({ oldFileName: oldName, newFileName: newName, oldHeader: headers[0], newHeader: headers[1], hunks: hunksOf(lineChanges(before, after)) });
}

type Op = ' ' | '-' | '+';
interface Line {
  op: Op;
  /** The line without its line break. */
  text: string;
  /** It ends with a line break (only a file's last line may not). */
  eol: boolean;
}

/** A file's documents: each ends just after its `---` line (the last one at the end of the file). */
const documentsOf = (text: string): string[] => text.split(/(?<=^---\n)/m);

/**
 * Every line of both files, as kept (` `), removed (`-`) or added (`+`).
 * Documents are matched by their first line (kustenv's `# source: FILE:LINE`),
 * so a value changed in every document is a diff of each pair, not of the
 * whole; a matched pair that differs is diffed line by line.
 */
function lineChanges(before: string, after: string): Line[] {
  const out: Line[] = [];
  const push = (op: Op, text: string) => {
    const lines = text.split('\n');
    const eol = lines[lines.length - 1] === '';
    if (eol) lines.pop();
    lines.forEach((line, i) => out.push({ op, text: line, eol: eol || i < lines.length - 1 }));
  };
  const pair = (a: string, b: string) => {
    if (a === b) push(' ', a);
    else for (const change of diffLines(a, b)) push(change.added ? '+' : change.removed ? '-' : ' ', change.value);
  };
  const olds = documentsOf(before);
  const news = documentsOf(after);
  const firstLine = (d: string) => d.slice(0, d.indexOf('\n') + 1 || d.length);
  const runs = diffArrays(olds.map(firstLine), news.map(firstLine));
  let o = 0;
  let n = 0;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    const count = run.count ?? run.value.length;
    if (!run.added && !run.removed) {
      for (let k = 0; k < count; k++) pair(olds[o++], news[n++]);
      continue;
    }
    // Removed documents and the added ones right after them: the k-th of each is one document changed.
    const next = runs[i + 1];
    const removed = run.removed ? count : 0;
    const added = run.added ? count : run.removed && next?.added ? (i++, next.count ?? next.value.length) : 0;
    for (let k = 0; k < Math.max(removed, added); k++) {
      if (k < removed && k < added) pair(olds[o + k], news[n + k]);
      else if (k < removed) push('-', olds[o + k]);
      else push('+', news[n + k]);
    }
    o += removed;
    n += added;
  }
  return out;
}

/**
 * Hunks as jsdiff's structuredPatch makes them: each change with up to
 * CONTEXT kept lines around it; changes at most 2 × CONTEXT kept lines apart
 * share a hunk.
 */
function hunksOf(lines: Line[]): StructuredPatchHunk[] {
  const hunks: StructuredPatchHunk[] = [];
  const changed = lines.flatMap((l, i) => (l.op === ' ' ? [] : [i]));
  let oldLine = 1;
  let newLine = 1;
  let at = 0; // lines before `at` are counted in oldLine/newLine
  const advance = (to: number) => {
    for (; at < to; at++) {
      if (lines[at].op !== '+') oldLine++;
      if (lines[at].op !== '-') newLine++;
    }
  };
  for (let g = 0; g < changed.length; ) {
    let last = g;
    while (last + 1 < changed.length && changed[last + 1] - changed[last] - 1 <= 2 * CONTEXT) last++;
    const start = Math.max(changed[g] - CONTEXT, at);
    const end = Math.min(changed[last] + CONTEXT, lines.length - 1);
    advance(start);
    const hunk: StructuredPatchHunk = { oldStart: oldLine, oldLines: 0, newStart: newLine, newLines: 0, lines: [] };
    for (let i = start; i <= end; i++) {
      const l = lines[i];
      if (l.op !== '+') hunk.oldLines++;
      if (l.op !== '-') hunk.newLines++;
      hunk.lines.push(l.op + l.text);
      if (!l.eol) hunk.lines.push('\\ No newline at end of file');
    }
    hunks.push(hunk);
    g = last + 1;
  }
  return hunks;
}
