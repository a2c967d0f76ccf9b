#!/bin/sh
':' //; exec node --max-semi-space-size=8 -- "$0" "$@"
// The two lines above: sh runs node with `--` before this file, so node
// stops reading its own options there. Node 20 otherwise takes kustenv's
// `--env-file` as its own anywhere on the line (nodejs/node#54232): it exits
// when the file is missing, waits on a FIFO, and applies the file's
// NODE_OPTIONS. For node, the second line is a string and a comment.
// --max-semi-space-size=8 (MiB; 16 by default): a young generation half as
// large keeps a 2,000-template render's peak memory about 20 MiB lower, at
// the same speed (docs/performance.md).
import { readFileSync } from 'node:fs';

// `kustenv --version` alone needs none of the CLI: answer before loading it.
if (process.argv.length === 3 && process.argv[2] === '--version') {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
  process.exit(0);
}

// Ctrl-C and kill wait for the synchronous write (temporary files, then
// renames) to finish, so every output is wholly old or wholly new; the exit
// removes this run's temporary files. (SIGKILL cannot be caught: the next run
// removes what a killed run left.)
for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1], ['SIGQUIT', 3], ['SIGALRM', 14], ['SIGUSR2', 12]]) {
  process.on(signal, () => process.exit(128 + number));
}

const { createInterface } = await import('node:readline/promises');
const { main } = await import('../dist/kustenv.mjs');

// A reader that stops early (| head) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTTY: Boolean(process.stderr.isTTY),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  columns: process.stdout.columns,
  cwd: process.cwd(),
  interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
  ask: async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
});
