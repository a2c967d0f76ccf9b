#!/usr/bin/env node
// kustenv benchmark: whole processes, each peer in the same run, median and
// spread after a warm-up. Usage: npm run bench [-- --xl] [-- --runs N]
//
// Repositories are generated with a seeded generator: S (the shipped
// examples), M (200 templates x 3 environments), L (2,000 x 3) and, with
// --xl, XL (20,000 x 3). Peers: kustenv render and check; a bash loop
// running GNU envsubst once per template per environment; the envsub
// package driven per file through its API; kubectl kustomize of each
// overlay; kustenv --version against node -e 0.
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

/** Run a command `runs` times after one warm-up (none with warm = false): wall time and peak RSS (GNU time). */
function measure(label, command, cwd, runs, warm = true) {
  const times = [];
  let rss = 0;
  const first = warm ? 0 : 1;
  for (let i = first; i <= runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', 'bash', '-c', command], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status}): ${r.stderr.slice(-500)}`);
    const kb = Number(r.stderr.trim().split('\n').pop());
    if (i > 0) {
      times.push(ms);
      rss = Math.max(rss, kb);
    }
  }
  times.sort((a, b) => a - b);
  return { label, median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1], rssMiB: rss / 1024 };
}

const envsubstLoop = (baseDir) =>
  `set -e; for env in ${ENVS.join(' ')}; do mkdir -p out/$env; ( set -a; . overlays/$env/values.env; set +a; for f in ${baseDir}/*.yaml; do envsubst < "$f" > "out/$env/$(basename "$f")"; done ); done`;
// envsub as its README's CLI usage shows (`envsub templateFile outputFile`), once per file, values in the environment.
const envsubBin = path.join(root, 'node_modules', 'envsub', 'bin', 'envsub.js');
const envsubPerFile = (baseDir) =>
  `set -e; for env in ${ENVS.join(' ')}; do mkdir -p out-envsub/$env; ( set -a; . overlays/$env/values.env; set +a; for f in ${baseDir}/*.yaml; do node ${envsubBin} "$f" "out-envsub/$env/$(basename "$f")" > /dev/null; done ); done`;
// The same package through its promise API in one process: no process per file.
const envsubDriver = path.join(root, 'bench', 'envsub-driver.mjs');
const envsubInProcess = (baseDir) => `node ${envsubDriver} ${baseDir} ${ENVS.join(',')}`;
const kustenv = (cmd) => `node ${bin} ${cmd} --quiet`;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kustenv-bench-'));
const sizes = [
  { name: 'S', setup: (d) => examples(d), base: 'base-example', overlays: 'overlays-example', runs: runsArg ?? 9, envsubFriendly: false },
  { name: 'M', setup: (d) => generate(d, 200, 1), base: 'base', overlays: 'overlays', runs: runsArg ?? 5, envsubFriendly: true },
  { name: 'L', setup: (d) => generate(d, 2000, 2), base: 'base', overlays: 'overlays', runs: runsArg ?? 3, envsubFriendly: true },
];
if (withXL || onlySizes?.includes('XL')) sizes.push({ name: 'XL', setup: (d) => generate(d, 20000, 3), base: 'base', overlays: 'overlays', runs: runsArg ?? 1, envsubFriendly: false, renderOnly: true });

const results = [];
try {
  const startup = [measure('node -e 0', 'node -e 0', work, 15), measure('kustenv --version', `node ${bin} --version`, work, 15)];
  results.push({ size: '-', rows: startup });
  for (const size of sizes) {
    if (onlySizes && !onlySizes.includes(size.name)) continue;
    const dir = path.join(work, size.name);
    size.setup(dir);
    const rows = [measure('kustenv render', kustenv('render'), dir, size.runs)];
    if (!size.renderOnly) {
      rows.push(measure('kustenv check', kustenv('check'), dir, size.runs));
      if (size.envsubFriendly) {
        rows.push(measure('envsubst loop', envsubstLoop(size.base), dir, size.runs));
        // A node process per file: minutes on L, so measured once there, without warm-up.
        if (envsubCli) rows.push(measure('envsub CLI per file', envsubPerFile(size.base), dir, size.name === 'L' ? 1 : size.runs, size.name !== 'L'));
        rows.push(measure('envsub API, one process', envsubInProcess(size.base), dir, size.runs));
      }
      rows.push(measure('kubectl kustomize (one overlay)', `kubectl kustomize ${size.overlays}/staging > /dev/null`, dir, size.runs));
    }
    results.push({ size: size.name, templates: fs.readdirSync(path.join(dir, size.base)).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').length, rows });
    fs.rmSync(dir, { recursive: true, force: true });
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

// Report: a Markdown table, ratios against kustenv render of the same size (startup: against node).
const lines = ['| size | command | median ms | min–max ms | ratio | peak RSS MiB |', '|---|---|---:|---:|---:|---:|'];
for (const group of results) {
  const ref = group.size === '-' ? group.rows[0].median : group.rows[0].median;
  for (const r of group.rows) {
    const ratio = group.size === '-' ? `${(r.median / ref).toFixed(2)} × node` : `${(r.median / ref).toFixed(2)} × render`;
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
const report = `${lines.join('\n')}\n\nTargets:\n${targets.join('\n')}\n`;
process.stdout.write(`\nkustenv ${JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version}, node ${process.version}, ${os.cpus().length} cores\n\n${report}`);
const outDir = path.join(root, 'bench', 'results');
fs.mkdirSync(outDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
fs.writeFileSync(path.join(outDir, `${stamp}.json`), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results, targets }, null, 2)}\n`);
