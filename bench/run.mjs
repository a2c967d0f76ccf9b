#!/usr/bin/env node
// kustenv benchmark: whole processes; the peers of a size run interleaved
// (A B C, A B C, ...) after a warm-up round, so a shared machine's load falls
// on each alike; median, spread and peak RSS. Run it in the foreground: on
// this project's machine a background job's children start about 100 ms
// slower, which adds to every kustenv row. Usage:
//   npm run bench [-- --xl] [-- --runs N] [-- --sizes L-real,check-5]
//
// Repositories come from seeded generators: S (the shipped examples),
// check-5 (5 realistic templates: check against --version), M (200 templates
// x 3 environments), L (2,000 x 3), L-real (2,000 x 3, the realistic shape:
// Secrets and ConfigMaps, quoted placeholders, one dotenv file per
// environment, against the bash loop that sources it and runs GNU envsubst
// per template), big-many (one 1 MiB scalar, 50,000 placeholders),
// big-pattern (pattern operators on a 1 MiB value) and, with --xl, XL and
// XL-real (20,000 x 3). Peers: kustenv render and check; the envsubst loop;
// the envsub package per file (CLI, and API in one process); kubectl
// kustomize of one overlay; kustenv --version against node -e 0.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'kustenv.js');
const args = process.argv.slice(2);
const withXL = args.includes('--xl');
const runsArg = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : undefined;
const onlySizes = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1].split(',') : undefined;
// The envsub CLI peer spawns node per file: about ten minutes on L.
const envsubCli = !args.includes('--no-envsub-cli');
const ENVS = ['dev', 'staging', 'prod'];

/** mulberry32: a small seeded generator, so every run benchmarks the same repositories. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VARIABLES = 400; // shared by all templates, as real projects share settings

/** A synthetic repository of `count` templates, ~20 placeholders each, mixing forms and kinds. */
function generate(dir, count, seed) {
  const random = rng(seed);
  const pick = (n) => Math.floor(random() * n);
  const name = (i) => `VAR_${String(i).padStart(4, '0')}`;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'base'), { recursive: true });
  const files = [];
  for (let t = 0; t < count; t++) {
    const kind = t % 50 === 0 ? 'Deployment' : t % 2 ? 'Secret' : 'ConfigMap';
    const lines = [];
    for (let k = 0; k < 20; k++) {
      const v = name(pick(VARIABLES));
      const form = pick(6);
      const expr = form === 0 ? `\${${v}:-fallback-${k}}` : form === 1 ? `prefix-\${${v}}-suffix` : form === 2 ? `"\${${v}}"` : `\${${v}}`;
      lines.push(`  key_${k}: ${expr}`);
    }
    let doc;
    if (kind === 'Deployment') {
      doc = [
        'apiVersion: apps/v1',
        'kind: Deployment',
        `metadata:\n  name: app-${t}`,
        'spec:',
        `  replicas: \${${name(pick(VARIABLES))}:=2}`,
        `  template:\n    spec:\n      containers:\n        - name: app\n          image: "registry.example.com/app:\${${name(pick(VARIABLES))}}"`,
        '          env:',
        ...lines.slice(0, 18).map((l, i) => `            - name: K${i}\n              value: ${l.split(': ').slice(1).join(': ')}`),
      ].join('\n');
    } else {
      doc = [`apiVersion: v1`, `kind: ${kind}`, `metadata:\n  name: obj-${t}`, kind === 'Secret' ? 'stringData:' : 'data:', ...lines].join('\n');
    }
    const file = `t${String(t).padStart(5, '0')}.yaml`;
    fs.writeFileSync(path.join(dir, 'base', file), `${doc}\n`);
    files.push(file);
  }
  fs.writeFileSync(path.join(dir, 'base', 'kustomization.yaml'), `resources:\n${files.map((f) => `  - ${f}`).join('\n')}\n`);
  for (const env of ENVS) {
    const overlay = path.join(dir, 'overlays', env);
    fs.mkdirSync(overlay, { recursive: true });
    fs.writeFileSync(path.join(overlay, 'kustomization.yaml'), 'resources:\n  - ../../base\npatches:\n  - path: kustenv.patch.yaml\n');
    // Values with quotes, colons, # and newlines: the ones envsubst breaks YAML with.
    const values = [];
    for (let i = 0; i < VARIABLES; i++) {
      const kindOf = i % 4;
      const v = kindOf === 0 ? `it's ${env}: value ${i} # not a comment` : kindOf === 1 ? `line one ${i}\nline two: ${env}` : kindOf === 2 ? `${i}` : `v-${env}-${i}-${random().toString(36).slice(2, 12)}`;
      values.push(`${name(i)}="${v}"`);
    }
    fs.writeFileSync(path.join(overlay, 'values.env'), `${values.join('\n')}\n`);
  }
  fs.writeFileSync(
    path.join(dir, 'kustenv.yaml'),
    // Synthetic values are not production-grade secrets; production rules are measured on S.
    `environments:\n${ENVS.map((e) => `  ${e}:\n    production: false\n    envFiles: [overlays/${e}/values.env]`).join('\n')}\n`,
  );
  fs.writeFileSync(path.join(dir, '.gitignore'), 'kustenv.patch.yaml\nout/\n');
  spawnSync('git', ['init', '-q'], { cwd: dir });
}

/** The shipped examples, with production-grade values for prod given through its env file. */
function examples(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const n of ['base-example', 'overlays-example', 'schemas', 'kustenv.yaml', '.gitignore']) {
    fs.cpSync(path.join(root, n), path.join(dir, n), { recursive: true, filter: (f) => !f.endsWith('kustenv.patch.yaml') });
  }
  const prod = path.join(dir, 'overlays-example/prod/example.env');
  fs.appendFileSync(prod, 'JWT_SECRET=Zq8vN2kT5mRx9wLp4sYb7cHd3fJg6hKa\nOPENAI_API_KEY=sk-Aq9wE3rT6yU8iO1pL5kJ\nSTRIPE_API_KEY=sk_live_9aB8cD7eF6gH5iJ4\n');
  // A user's repository has node_modules (kustenv installed there): compiled schemas are cached in it.
  fs.mkdirSync(path.join(dir, 'node_modules'));
  spawnSync('git', ['init', '-q'], { cwd: dir });
}

const REALISTIC_VARIABLES = 200;

/**
 * The realistic shape: `count` templates, half Secrets (stringData) and half
 * ConfigMaps, 20 keys each; each value is "${V}", "pre-${V}-post" or
 * "${V:-default}" with V one of 200 shared variables. Each environment reads
 * its values from its own dotenv file (ENV.env at the root): plain words,
 * `with: colon`, `quote"d`, two-line strings and 40-character strings, written
 * so that bash's `.` and kustenv's env file grammar read them identically
 * (double quotes, `\"` the only escape, a real line break inside the quotes).
 */
function generateRealistic(dir, count, seed) {
  const random = rng(seed);
  const pick = (n) => Math.floor(random() * n);
  const name = (i) => `V_${String(i).padStart(3, '0')}`;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'base'), { recursive: true });
  const files = [];
  for (let t = 0; t < count; t++) {
    const kind = t % 2 ? 'Secret' : 'ConfigMap';
    const lines = [];
    for (let k = 0; k < 20; k++) {
      const v = name(pick(REALISTIC_VARIABLES));
      const form = pick(3);
      lines.push(`  key_${k}: ${form === 0 ? `"\${${v}}"` : form === 1 ? `"pre-\${${v}}-post"` : `"\${${v}:-default}"`}`);
    }
    const file = `t${String(t).padStart(5, '0')}.yaml`;
    fs.writeFileSync(path.join(dir, 'base', file), `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: obj-${t}\n${kind === 'Secret' ? 'stringData' : 'data'}:\n${lines.join('\n')}\n`);
    files.push(file);
  }
  fs.writeFileSync(path.join(dir, 'base', 'kustomization.yaml'), `resources:\n${files.map((f) => `  - ${f}`).join('\n')}\n`);
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  for (const env of ENVS) {
    const overlay = path.join(dir, 'overlays', env);
    fs.mkdirSync(overlay, { recursive: true });
    fs.writeFileSync(path.join(overlay, 'kustomization.yaml'), 'resources:\n  - ../../base\npatches:\n  - path: kustenv.patch.yaml\n');
    const values = [];
    for (let i = 0; i < REALISTIC_VARIABLES; i++) {
      const shape = i % 5;
      const v =
        shape === 0 ? `word${env}${i}`
        : shape === 1 ? `with: colon ${i}`
        : shape === 2 ? `quote\\"d ${env} ${i}`
        : shape === 3 ? `first line ${i}\nsecond line ${env}`
        : Array.from({ length: 40 }, () => alphabet[pick(alphabet.length)]).join('');
      values.push(`${name(i)}="${v}"`);
    }
    fs.writeFileSync(path.join(dir, `${env}.env`), `${values.join('\n')}\n`);
  }
  fs.writeFileSync(
    path.join(dir, 'kustenv.yaml'),
    `environments:\n${ENVS.map((e) => `  ${e}:\n    production: false\n    envFiles: [${e}.env]`).join('\n')}\n`,
  );
  fs.writeFileSync(path.join(dir, '.gitignore'), 'kustenv.patch.yaml\nout/\n');
  spawnSync('git', ['init', '-q'], { cwd: dir });
}

/**
 * One large scalar: a ConfigMap whose one value is 1 MiB of text holding
 * 50,000 placeholders (`shape: 'many'`), or a 1 MiB value put through the
 * pattern operators `${v//ab/}`, `${v##*a}`, `${v%%b*}` (`shape: 'pattern'`).
 */
function generateBigScalar(dir, shape) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'base'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'overlays', 'dev'), { recursive: true });
  let value;
  let env;
  if (shape === 'many') {
    const parts = [];
    let size = 0;
    for (let i = 0; i < 50000; i++) {
      const part = `x${i % 10}-\${P_${i % 100}}-`;
      parts.push(part);
      size += part.length;
    }
    parts.push('y'.repeat(Math.max(0, (1 << 20) - size)));
    value = parts.join('');
    env = Array.from({ length: 100 }, (_, i) => `P_${i}=${i % 10}`).join('\n'); // short values: the patch stays under the 1 MiB object limit
  } else {
    // Results kept short (the patch must stay under the 1 MiB object limit), the work over the whole value.
    value = '${BIG//ab/}|${BIG##*a}|${BIG%%b*}|${BIG//a/}|${#BIG}';
    env = `BIG=${'ab'.repeat(1 << 19)}`;
  }
  fs.writeFileSync(path.join(dir, 'base', 'big.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  big: ${JSON.stringify(value)}\n`);
  fs.writeFileSync(path.join(dir, 'dev.env'), `${env}\n`);
  fs.writeFileSync(path.join(dir, 'kustenv.yaml'), 'environments:\n  dev:\n    production: false\n    envFiles: [dev.env]\n');
  fs.writeFileSync(path.join(dir, '.gitignore'), 'kustenv.patch.yaml\n');
  spawnSync('git', ['init', '-q'], { cwd: dir });
}

/** A small repository (5 templates of the realistic shape): what `check` costs beyond starting. */
const generateFive = (dir) => generateRealistic(dir, 5, 7);

/** One run of a command: wall time in ms and peak RSS in KiB (GNU time). */
function once(label, command, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'bash', '-c', command], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status}): ${r.stderr.slice(-500)}`);
  return { ms, kb: Number(r.stderr.trim().split('\n').pop()) };
}

/**
 * Run peers interleaved (A B C, A B C, ...) `runs` times after one warm-up
 * round (none with warm = false), so a load that comes and goes on a shared
 * machine falls on every peer alike: median, spread and peak RSS of each.
 */
function measureAll(peers, cwd, runs, warm = true) {
  const samples = peers.map(() => ({ times: [], rss: 0 }));
  for (let i = warm ? 0 : 1; i <= runs; i++) {
    peers.forEach(([label, command], p) => {
      const { ms, kb } = once(label, command, cwd);
      if (i === 0) return;
      samples[p].times.push(ms);
      samples[p].rss = Math.max(samples[p].rss, kb);
    });
  }
  return peers.map(([label], p) => {
    const times = samples[p].times.sort((a, b) => a - b);
    return { label, median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1], rssMiB: samples[p].rss / 1024 };
  });
}
const measure = (label, command, cwd, runs, warm = true) => measureAll([[label, command]], cwd, runs, warm)[0];

const envsubstLoop = (baseDir) =>
  `set -e; for env in ${ENVS.join(' ')}; do mkdir -p out/$env; ( set -a; . overlays/$env/values.env; set +a; for f in ${baseDir}/*.yaml; do envsubst < "$f" > "out/$env/$(basename "$f")"; done ); done`;
// envsub as its README's CLI usage shows (`envsub templateFile outputFile`), once per file, values in the environment.
const envsubBin = path.join(root, 'node_modules', 'envsub', 'bin', 'envsub.js');
const envsubPerFile = (baseDir) =>
  `set -e; for env in ${ENVS.join(' ')}; do mkdir -p out-envsub/$env; ( set -a; . overlays/$env/values.env; set +a; for f in ${baseDir}/*.yaml; do node ${envsubBin} "$f" "out-envsub/$env/$(basename "$f")" > /dev/null; done ); done`;
// The same package through its promise API in one process: no process per file.
const envsubDriver = path.join(root, 'bench', 'envsub-driver.mjs');
const envsubInProcess = (baseDir) => `node ${envsubDriver} ${baseDir} ${ENVS.join(',')}`;
// The bin as an installed kustenv runs it: sh starts node with the bin's own options.
const kustenv = (cmd) => `${bin} ${cmd} --quiet`;

// The loop the issue names: one environment's dotenv file sourced, GNU envsubst once per template.
const realisticLoop = `set -e; for e in ${ENVS.join(' ')}; do mkdir -p out/$e; ( set -a; . ./$e.env; for f in base/t*.yaml; do envsubst < $f > out/$e/$(basename $f); done ); done`;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kustenv-bench-'));
const sizes = [
  { name: 'S', setup: (d) => examples(d), base: 'base-example', overlays: 'overlays-example', runs: runsArg ?? 9, envsubFriendly: false },
  { name: 'check-5', setup: generateFive, runs: runsArg ?? 15, checkStartup: true },
  { name: 'M', setup: (d) => generate(d, 200, 1), base: 'base', overlays: 'overlays', runs: runsArg ?? 5, envsubFriendly: true },
  { name: 'L', setup: (d) => generate(d, 2000, 2), base: 'base', overlays: 'overlays', runs: runsArg ?? 3, envsubFriendly: true },
  { name: 'L-real', setup: (d) => generateRealistic(d, 2000, 4), runs: runsArg ?? 5, realistic: true },
  { name: 'big-many', setup: (d) => generateBigScalar(d, 'many'), runs: runsArg ?? 5, renderOnly: true },
  { name: 'big-pattern', setup: (d) => generateBigScalar(d, 'pattern'), runs: runsArg ?? 5, renderOnly: true },
];
if (withXL || onlySizes?.includes('XL')) sizes.push({ name: 'XL', setup: (d) => generate(d, 20000, 3), base: 'base', overlays: 'overlays', runs: runsArg ?? 1, envsubFriendly: false, renderOnly: true });
if (withXL || onlySizes?.includes('XL-real')) sizes.push({ name: 'XL-real', setup: (d) => generateRealistic(d, 20000, 5), runs: runsArg ?? 1, renderOnly: true });

const results = [];
try {
  const startup = measureAll([['node -e 0', 'node -e 0'], ['kustenv --version', `${bin} --version`]], work, 15);
  results.push({ size: '-', rows: startup });
  for (const size of sizes) {
    if (onlySizes && !onlySizes.includes(size.name)) continue;
    const dir = path.join(work, size.name);
    size.setup(dir);
    const input = fs.readdirSync(path.join(dir, 'base')).reduce((sum, f) => sum + fs.statSync(path.join(dir, 'base', f)).size, 0);
    let rows;
    if (size.checkStartup) {
      // Both whole processes, interleaved: what `check` adds to starting.
      rows = measureAll([['kustenv check', kustenv('check')], ['kustenv --version', `${bin} --version`], ['node -e 0', 'node -e 0']], dir, size.runs);
    } else if (size.renderOnly) {
      rows = measureAll([['kustenv render', kustenv('render')]], dir, size.runs);
    } else if (size.realistic) {
      rows = measureAll([['kustenv render', kustenv('render')], ['envsubst loop', realisticLoop], ['kustenv check', kustenv('check')]], dir, size.runs);
    } else {
      const peers = [['kustenv render', kustenv('render')], ['kustenv check', kustenv('check')]];
      if (size.envsubFriendly) peers.push(['envsubst loop', envsubstLoop(size.base)], ['envsub API, one process', envsubInProcess(size.base)]);
      peers.push(['kubectl kustomize (one overlay)', `kubectl kustomize ${size.overlays}/staging > /dev/null`]);
      rows = measureAll(peers, dir, size.runs);
      // A node process per file: minutes on L, so measured once there, without warm-up.
      if (size.envsubFriendly && envsubCli) rows.splice(3, 0, measure('envsub CLI per file', envsubPerFile(size.base), dir, size.name === 'L' ? 1 : size.runs, size.name !== 'L'));
    }
    const templates = fs.readdirSync(path.join(dir, 'base')).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').length;
    results.push({ size: size.name, templates, inputMiB: input / 2 ** 20, rows });
    fs.rmSync(dir, { recursive: true, force: true });
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

// Report: a Markdown table, ratios against kustenv render of the same size (startup: against node).
const lines = ['| size | command | median ms | min–max ms | ratio | peak RSS MiB |', '|---|---|---:|---:|---:|---:|'];
for (const group of results) {
  const ref = group.rows.at(-1).label === 'node -e 0' && group.size !== '-' ? group.rows[1].median : group.rows[0].median;
  for (const r of group.rows) {
    const ratio = group.size === '-' ? `${(r.median / ref).toFixed(2)} × node` : group.size === 'check-5' ? `${(r.median / ref).toFixed(2)} × --version` : `${(r.median / ref).toFixed(2)} × render`;
    lines.push(`| ${group.size}${group.templates ? ` (${group.templates})` : ''} | ${r.label} | ${r.median.toFixed(0)} | ${r.min.toFixed(0)}–${r.max.toFixed(0)} | ${ratio} | ${r.rssMiB.toFixed(0)} |`);
  }
}
const find = (size, label) => results.find((g) => g.size === size)?.rows.find((r) => r.label === label);
const targets = [];
const target = (text, value, limit, ok) => targets.push(`- ${ok ? 'met' : 'MISSED'}: ${text}: ${value} (target ${limit})`);
const S = (l) => find('S', l);
const L = (l) => find('L', l);
if (S('kustenv check') && S('kubectl kustomize (one overlay)')) {
  const x = S('kustenv check').median / S('kubectl kustomize (one overlay)').median;
  target('S: kustenv check / kubectl kustomize', `${x.toFixed(2)} ×`, '≤ 1.0 ×', x <= 1);
}
const v = find('-', 'kustenv --version').median / find('-', 'node -e 0').median;
target('kustenv --version / node -e 0', `${v.toFixed(2)} ×`, '≤ 1.5 ×', v <= 1.5);
if (L('kustenv render')) {
  const e = L('envsubst loop').median / L('kustenv render').median;
  target('L: envsubst loop / kustenv render', `${e.toFixed(1)} ×`, '≥ 5 ×', e >= 5);
  if (L('envsub CLI per file')) {
    const s = L('envsub CLI per file').median / L('kustenv render').median;
    target('L: envsub (CLI per file) / kustenv render', `${s.toFixed(1)} ×`, '≥ 10 ×', s >= 10);
  }
  target('L: kustenv render peak RSS', `${L('kustenv render').rssMiB.toFixed(0)} MiB`, '< 300 MiB', L('kustenv render').rssMiB < 300);
}
if (find('XL', 'kustenv render') && L('kustenv render')) {
  const r = find('XL', 'kustenv render').median / L('kustenv render').median;
  target('XL / L kustenv render time', `${r.toFixed(1)}`, '≤ 11', r <= 11);
}
const R = (l) => find('L-real', l);
if (R('kustenv render')) {
  const e = R('envsubst loop').median / R('kustenv render').median;
  target('L (realistic): envsubst loop / kustenv render', `${e.toFixed(1)} ×`, '≥ 12 ×', e >= 12);
  target('L (realistic): kustenv render peak RSS', `${R('kustenv render').rssMiB.toFixed(0)} MiB`, '≤ 160 MiB', R('kustenv render').rssMiB <= 160);
}
if (find('check-5', 'kustenv check')) {
  const c = find('check-5', 'kustenv check').median / find('check-5', 'kustenv --version').median;
  target('5 templates: kustenv check / kustenv --version', `${c.toFixed(2)} ×`, '≤ 3 ×', c <= 3);
}
const XR = find('XL-real', 'kustenv render');
if (XR && R('kustenv render')) {
  // Memory beyond a bare node process, per MiB of templates: XL's no more than L's.
  const base = find('-', 'node -e 0').rssMiB;
  const grow = (XR.rssMiB - base) / results.find((g) => g.size === 'XL-real').inputMiB;
  const at = (R('kustenv render').rssMiB - base) / results.find((g) => g.size === 'L-real').inputMiB;
  target('XL (realistic) memory per MiB of input / L’s', `${(grow / at).toFixed(2)}`, '≤ 1.0', grow <= at);
}
for (const [size, text] of [['big-many', '1 MiB scalar, 50,000 placeholders'], ['big-pattern', '1 MiB value through pattern operators']]) {
  const r = find(size, 'kustenv render');
  if (r) target(`${text}: kustenv render`, `${r.median.toFixed(0)} ms`, '< 3,000 ms', r.median < 3000);
}
const report = `${lines.join('\n')}\n\nTargets:\n${targets.join('\n')}\n`;
// The load average says whether the machine was shared while measuring (ratios within a run still hold).
const load = `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (1, 5, 15 min) at the end`;
process.stdout.write(`\nkustenv ${JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version}, node ${process.version}, ${os.cpus().length} cores, ${load}\n\n${report}`);
const outDir = path.join(root, 'bench', 'results');
fs.mkdirSync(outDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
fs.writeFileSync(path.join(outDir, `${stamp}.json`), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, loadavg: os.loadavg(), results, targets }, null, 2)}\n`);
