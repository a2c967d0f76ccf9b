import yargs from 'yargs';
import { check, render, type RunResult } from '../api.js';
import { formatDiagnostic } from '../diagnostics.js';
import type { RunOptions } from '../options.js';
import { VERSION } from '../version.js';

/** Where the CLI reads and writes: the process's streams, or memory in tests. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** stderr is a terminal (colour may be used). */
  isTTY: boolean;
  cwd: string;
}

type Paint = (s: string, color: 'red' | 'yellow' | 'dim' | 'green') => string;
const CODES = { red: 31, yellow: 33, dim: 2, green: 32 } as const;

function cliParser(args: string[]) {
  return yargs(args)
    .scriptName('kustenv')
    .usage('$0 <command> [options]\n\nRender ${VAR} templates into per-environment Kustomize patches, validated and git-ignored.')
    .command('render [envs..]', 'render, validate and write each environment\'s patch (all environments if none named)', (y) =>
      y
        .option('dry-run', { type: 'boolean', describe: 'print what would be written, secrets masked; write nothing' })
        .option('allow-unignored', { type: 'boolean', describe: 'write outputs even where git does not ignore them' })
        .example('$0 render', 'render every environment under overlays/')
        .example('$0 render staging prod --env-file .env.ci', 'render two environments, with an extra dotenv file')
        .example('$0 render dev --dry-run', 'show the masked patch, write nothing'),
    )
    .command('check [envs..]', 'render and validate in memory; write nothing', (y) =>
      y.example('$0 check', 'validate every environment').example('$0 check prod --set IMAGE_TAG=1.2.3', 'validate prod with one value given'),
    )
    .option('config', { type: 'string', describe: 'config file (default: kustenv.yaml in the working folder or a parent)' })
    .option('cwd', { type: 'string', describe: 'working folder' })
    .option('env-file', { type: 'string', array: true, describe: 'dotenv file, above the config\'s envFiles (repeatable, later wins)' })
    .option('set', { type: 'string', array: true, describe: 'NAME=VALUE, above every other source (repeatable)' })
    .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'print errors only' })
    .option('verbose', { type: 'boolean', describe: 'print more about each step (never values)' })
    .option('color', { type: 'boolean', default: true, describe: 'colour on a terminal (--no-color, or NO_COLOR, turns it off)' })
    .demandCommand(1, 'name a command: render or check')
    .strict()
    .help()
    .version(VERSION)
    .exitProcess(false)
    .showHelpOnFail(false)
    .wrap(Math.min(100, process.stdout.columns || 100));
}

/**
 * Run the CLI on `args` and return the exit code. The only place that
 * prints; it never calls process.exit.
 */
export async function main(args: string[], io: CliIO): Promise<number> {
  let usageError: string | undefined;
  let output = '';
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = (await cliParser(args)
      .fail((msg, err) => {
        usageError = msg ?? err?.message ?? 'invalid arguments';
      })
      .parseAsync(args, {}, (_err, _argv, out) => {
        output = out;
      })) as Record<string, unknown>;
  } catch (e) {
    usageError ??= (e as Error).message;
  }
  if (usageError) {
    io.stderr(`kustenv: ${usageError}\nRun kustenv --help for usage.\n`);
    return 2;
  }
  if (output) {
    // --help or --version
    io.stdout(output.endsWith('\n') ? output : `${output}\n`);
    return 0;
  }
  const argv = parsed!;
  const command = String((argv._ as unknown[])[0]);
  const useColor = io.isTTY && argv.color !== false && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '');
  const paint: Paint = useColor ? (s, c) => `\u001b[${CODES[c]}m${s}\u001b[0m` : (s) => s;

  const options: RunOptions = {
    cwd: argv.cwd ? String(argv.cwd) : io.cwd,
    config: argv.config as string | undefined,
    environments: (argv.envs as string[] | undefined) ?? [],
    envFiles: (argv.envFile as string[] | undefined) ?? [],
    set: (argv.set as string[] | undefined) ?? [],
    env: io.env,
    allowUnignored: Boolean(argv.allowUnignored),
  };
  if (options.cwd && !options.cwd.startsWith('/')) options.cwd = `${io.cwd}/${options.cwd}`;

  let result: RunResult;
  try {
    result = command === 'render' ? await render({ ...options, dryRun: Boolean(argv.dryRun) }) : await check(options);
  } catch (e) {
    // A bug, not a user error: a short message, never the stack (it may hold values).
    io.stderr(`kustenv: internal error: ${(e as Error).name}${(e as NodeJS.ErrnoException).code ? ` ${(e as NodeJS.ErrnoException).code}` : ''}\n`);
    return 2;
  }
  report(command, result, argv, io, paint);
  return result.status;
}

function report(command: string, result: RunResult, argv: Record<string, unknown>, io: CliIO, paint: Paint): void {
  const quiet = Boolean(argv.quiet);
  if (argv.format === 'json') {
    io.stdout(`${JSON.stringify(toJson(command, result), null, 2)}\n`);
  }
  for (const d of result.diagnostics) {
    if (quiet && d.severity !== 'error') continue;
    io.stderr(`${formatDiagnostic(d, paint)}\n`);
  }
  if (argv.format === 'json' || result.status !== 0) return;
  for (const env of result.environments) {
    if (command === 'render' && argv.dryRun) {
      io.stdout(`# ${env.changed ? 'would write' : 'unchanged'}: ${env.output}\n${env.masked}`);
      continue;
    }
    if (quiet) continue;
    const what = command === 'check' ? 'ok' : env.written ? 'wrote' : 'unchanged';
    const secrets = env.variables.filter((v) => v.secret).length;
    io.stderr(`${paint(what, 'green')} ${env.output} (${env.documents} document${env.documents === 1 ? '' : 's'}, ${env.variables.length} variables, ${secrets} secret)\n`);
    if (argv.verbose) {
      for (const v of env.variables) {
        const from = !v.source ? 'unset' : v.source.file ? `${v.source.kind} ${v.source.file}` : v.source.kind === 'set' ? '--set' : 'process environment';
        io.stderr(`  ${v.name}${v.secret ? ' (secret)' : ''}: ${from}\n`);
      }
    }
  }
}

/** The `--format json` document: facts, never values. */
function toJson(command: string, result: RunResult) {
  return {
    version: 1,
    command,
    status: result.status,
    environments: result.environments.map((e) => ({
      name: e.name,
      production: e.production,
      output: e.output,
      documents: e.documents,
      changed: e.changed,
      written: e.written,
      variables: e.variables,
    })),
    diagnostics: result.diagnostics,
  };
}
