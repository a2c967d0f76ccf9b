#!/usr/bin/env node
// Runs the suite in two processes at once (this project's CI and dev
// machines have two cores) and ends with the one line CI reads:
// "N passed, N failed", summed over both. Each process's uvu output is
// printed whole, when it ends. A process that dies before its summary counts
// as one failed test.
//
// Files are split by past duration (test/durations.json; for a file not in
// it, its size stands in). `node test/run.js --record` rewrites that file
// from this run's timings.
//
//   node test/run.js              the whole suite
//   node test/run.js --quick      the pure stage tests (no disk, no processes), property runs 50
//   node test/run.js PATTERN      files whose name matches PATTERN (a RegExp)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const testDir = path.join(root, 'test');
const args = process.argv.slice(2);
const record = args.includes('--record');
const quick = args.includes('--quick');
const pattern = args.find((a) => !a.startsWith('--'));
const PROCESSES = 2;

/** Test files that touch neither disk nor processes: `npm run test:quick`. */
const QUICK = JSON.parse(fs.readFileSync(path.join(testDir, 'quick.json'), 'utf8'));
const durationsFile = path.join(testDir, 'durations.json');
const durations = fs.existsSync(durationsFile) ? JSON.parse(fs.readFileSync(durationsFile, 'utf8')) : {};

let files = fs.readdirSync(testDir).filter((f) => f.endsWith('.test.ts')).sort();
if (quick) files = files.filter((f) => QUICK.includes(f));
if (pattern) files = files.filter((f) => new RegExp(pattern).test(f));

// Longest first, each onto the process with the least work so far.
const cost = (f) => durations[f] ?? fs.statSync(path.join(testDir, f)).size / 10;
const groups = Array.from({ length: Math.min(PROCESSES, files.length) }, () => ({ files: [], cost: 0 }));
for (const f of [...files].sort((a, b) => cost(b) - cost(a))) {
  const g = groups.reduce((a, b) => (b.cost < a.cost ? b : a));
  g.files.push(f);
  g.cost += cost(f);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kustenv-test-'));
const started = performance.now();
const results = await Promise.all(groups.map((g, i) => runGroup(g.files, path.join(tmp, `times-${i}.json`))));
fs.rmSync(tmp, { recursive: true, force: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const times = {};
for (const r of results) {
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
  Object.assign(times, r.times);
}
if (record) {
  const rounded = Object.fromEntries(Object.entries({ ...durations, ...times }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([f, ms]) => [f, Math.round(ms)]));
  fs.writeFileSync(durationsFile, `${JSON.stringify(rounded, null, 2)}\n`);
}
console.log(`  Wall time: ${((performance.now() - started) / 1000).toFixed(1)} s, ${groups.length} processes\n`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed ? 1 : 0;

function runGroup(group, timesFile) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(testDir, 'worker.js'), ...group.map((f) => path.join('test', f))], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // --quick: the round-trip property with 50 runs instead of 150 (npm test keeps 150).
      env: { ...(quick ? { PROPERTY_RUNS: '50' } : {}), ...process.env, KUSTENV_TEST_TIMES: timesFile },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('close', (code) => {
      process.stdout.write(out);
      process.stderr.write(err);
      const plain = out.replace(/\u001b\[[0-9;]*m/g, '');
      const num = (label) => Number((plain.match(new RegExp(`${label}:\\s+(\\d+)`)) ?? [])[1] ?? NaN);
      const total = num('Total');
      const ok = num('Passed');
      const skip = num('Skipped') || 0;
      let times = {};
      try {
        times = JSON.parse(fs.readFileSync(timesFile, 'utf8'));
      } catch {}
      if (Number.isNaN(total) || Number.isNaN(ok)) {
        // Died before its summary: one failure, whatever ran before.
        console.log(`  (test process for ${group.join(', ')} ended without a summary: exit ${code})`);
        return resolve({ passed: 0, failed: 1, skipped: 0, times });
      }
      let bad = total - ok - skip;
      if (code !== 0 && bad === 0) bad = 1;
      resolve({ passed: ok, failed: bad, skipped: skip, times });
    });
  });
}
