#!/usr/bin/env node
// One process of test/run.js: runs the given test files with uvu, as uvu's
// own runner does (import every file, then one exec), and writes how long
// each file took (import plus its tests, in ms) to $KUSTENV_TEST_TIMES.
// Run as: node --import tsx test/worker.js FILE...
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

process.env.FORCE_COLOR ??= '1';
globalThis.UVU_DEFER = 1;
const uvu = await import('uvu');
const times = {};
const files = process.argv.slice(2);
for (const [i, file] of files.entries()) {
  const name = path.basename(file);
  globalThis.UVU_INDEX = i;
  globalThis.UVU_QUEUE.push([name]);
  const started = performance.now();
  await import(pathToFileURL(path.resolve(file)).href);
  times[name] = performance.now() - started;
}
// Time each file's tests: wrap the runners its test.run() queued.
for (const group of globalThis.UVU_QUEUE) {
  const name = group[0];
  for (let i = 1; i < group.length; i++) {
    const run = group[i];
    group[i] = async () => {
      const started = performance.now();
      try {
        return await run();
      } finally {
        times[name] = (times[name] ?? 0) + performance.now() - started;
      }
    };
  }
}
await uvu.exec(false);
if (process.env.KUSTENV_TEST_TIMES) fs.writeFileSync(process.env.KUSTENV_TEST_TIMES, JSON.stringify(times));
