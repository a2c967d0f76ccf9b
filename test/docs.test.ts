import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers/cli.js';

// The documentation's links work on GitHub: every relative link names a file
// that exists, and every #anchor a heading of that file (GitHub's slugs).
// The README stays a landing page.

const DOCS = ['README.md', 'SECURITY.md', 'CONTRIBUTING.md', 'CHANGELOG.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The text outside fenced code blocks and inline code spans. */
function prose(markdown: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(```|~~~)/.exec(line)?.[1];
    if (marker && (!fence || fence === marker)) {
      fence = fence ? undefined : marker;
      lines.push('');
      continue;
    }
    lines.push(fence ? '' : line);
  }
  return lines;
}

/** GitHub's anchor for a heading: the rendered text, lower case, without punctuation, spaces as hyphens. */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link or image shows its text
    .replace(/`/g, '')
    .replace(/\*/g, '')
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{N}\p{M} _-]/gu, '').replace(/ /g, '-');
}

/** Every anchor of a Markdown file, duplicates numbered as GitHub does (-1, -2, ...). */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of prose(fs.readFileSync(file, 'utf8'))) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

/** Relative links [text](target) of a Markdown file, outside code, with their line numbers. */
function links(file: string): { line: number; target: string }[] {
  const out: { line: number; target: string }[] = [];
  prose(fs.readFileSync(file, 'utf8')).forEach((text, i) => {
    const plain = text.replace(/`[^`]*`/g, '');
    for (const m of plain.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(m[1])) continue; // https:, mailto:
      out.push({ line: i + 1, target: m[1] });
    }
  });
  return out;
}

test('slug follows GitHub for the heading forms the docs use', () => {
  const cases: [string, string][] = [
    ['Quick start', 'quick-start'],
    ['`kustenv verify ENV [--context C] [-- KUBECTL_ARGS]`', 'kustenv-verify-env---context-c----kubectl_args'],
    ['Generation rules (`x-kustenv-generate`)', 'generation-rules-x-kustenv-generate'],
    ['GitHub Actions: AWS with OIDC, values from SSM', 'github-actions-aws-with-oidc-values-from-ssm'],
    ['Migrating from envsubst and Flux', 'migrating-from-envsubst-and-flux'],
    ['[0.1.0] - 2026-11-23', '010---2026-11-23'],
  ];
  for (const [heading, expected] of cases) assert.is(slug(heading), expected, heading);
});

test('every relative link and #anchor in the docs resolves', () => {
  const broken: string[] = [];
  let count = 0;
  for (const doc of DOCS) {
    const file = path.join(ROOT, doc);
    for (const { line, target } of links(file)) {
      count++;
      const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
      const dest = pathPart ? path.resolve(path.dirname(file), decodeURIComponent(pathPart)) : file;
      if (!dest.startsWith(ROOT) || !fs.existsSync(dest)) {
        broken.push(`${doc}:${line}: ${target}: no such file`);
        continue;
      }
      if (anchor !== undefined) {
        if (!dest.endsWith('.md')) broken.push(`${doc}:${line}: ${target}: an anchor into a file that is not Markdown`);
        else if (!anchors(dest).has(anchor)) broken.push(`${doc}:${line}: ${target}: no heading with that anchor`);
      }
    }
  }
  assert.equal(broken, []);
  assert.ok(count > 50, `links checked: ${count}`);
});

test('a broken file link and a broken anchor are both caught', () => {
  const dir = fs.mkdtempSync(path.join(ROOT, 'node_modules', '.docs-test-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.md'), '# Title\n\n## Second `part`\n\n[ok](#second-part) [bad](#nope) [gone](missing.md)\n\n```\n[in code](ignored.md)\n```\n');
    const found = links(path.join(dir, 'a.md')).map((l) => l.target);
    assert.equal(found, ['#second-part', '#nope', 'missing.md']);
    const a = anchors(path.join(dir, 'a.md'));
    assert.ok(a.has('second-part'));
    assert.not.ok(a.has('nope'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the README is a landing page of at most 450 lines, with the sections a new user needs', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const lines = readme.endsWith('\n') ? readme.split('\n').length - 1 : readme.split('\n').length;
  assert.ok(lines <= 450, `README.md has ${lines} lines`);
  const headings = [...anchors(path.join(ROOT, 'README.md'))];
  for (const h of ['install', 'quick-start', 'use-it-in-your-app', 'commands']) assert.ok(headings.includes(h), h);
  // "Use it in your app" comes right after the quick start.
  assert.is(headings[headings.indexOf('quick-start') + 1], 'use-it-in-your-app');
  // The envsubst-vs-kustenv table explains the tool in seconds.
  assert.match(readme, /\| envsubst in CI \| kustenv \|/);
  // kustenv is not on the npm registry: no install line may suggest it is.
  assert.not.match(readme, /npm install (--save-dev |-D )?kustenv\b/);
});

test('the docs link each workflow file instead of pasting it', () => {
  const ci = fs.readFileSync(path.join(ROOT, 'docs/ci.md'), 'utf8');
  for (const file of ['github-workflow.yml', 'aws-ssm-workflow.yml', 'verify-workflow.yml', 'pr-workflow.yml']) {
    assert.ok(fs.existsSync(path.join(ROOT, 'docs', file)), file);
    assert.ok(ci.includes(`](${file})`), `docs/ci.md links ${file}`);
    const body = fs.readFileSync(path.join(ROOT, 'docs', file), 'utf8').split('\n').filter((l) => l.trim().startsWith('run:') || l.trim().startsWith('- run:'));
    for (const doc of DOCS) {
      const text = fs.readFileSync(path.join(ROOT, doc), 'utf8');
      assert.not.ok(body.length > 2 && body.every((l) => text.includes(l)), `${doc} pastes ${file}`);
    }
  }
});

test.run();
