#!/usr/bin/env node
// Drives the envsub package once per template per environment, through its
// promise API as its README shows (envsub({templateFile, outputFile})), with
// each environment's values in the process environment, as a CI script would.
// Usage: node bench/envsub-driver.mjs BASE_DIR dev,staging,prod
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseEnv } from 'node:util';

const require = createRequire(import.meta.url);
const envsub = require('envsub');
const [baseDir, envList] = process.argv.slice(2);
const templates = fs.readdirSync(baseDir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
for (const env of envList.split(',')) {
  const values = parseEnv(fs.readFileSync(path.join('overlays', env, 'values.env'), 'utf8'));
  Object.assign(process.env, values);
  const out = path.join('out-envsub', env);
  fs.mkdirSync(out, { recursive: true });
  for (const t of templates) {
    await envsub({ templateFile: path.join(baseDir, t), outputFile: path.join(out, t), options: { protect: false } });
  }
}
