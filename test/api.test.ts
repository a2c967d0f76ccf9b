import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { ROOT } from './helpers/cli.js';
import { project } from './helpers/testdir.js';

test('the package imports by its name and exports the pipeline, typed', () => {
  const dir = project({ envs: ['dev'] });
  // Resolve "kustenv" the way a user's project does: through node_modules of a folder that depends on it.
  const script = `
    import { check, render, diff, diffAgainst, build, apply, vars, generate, rotate, verify, VERSION } from 'kustenv';
    const r = await check({ cwd: ${JSON.stringify(dir)}, env: { TOKEN: 't' } });
    console.log(JSON.stringify({ status: r.status, envs: r.environments.map((e) => e.name), fns: [render, diff, diffAgainst, build, apply, vars, generate, rotate, verify].map((f) => typeof f), VERSION }));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.status, 0);
  assert.equal(out.envs, ['dev']);
  assert.equal(out.fns, Array(9).fill('function'));
  assert.match(out.VERSION, /^\d+\.\d+\.\d+$/);
});

test.run();
