import path from 'node:path';
import { styleText } from 'node:util';
import yargs, { type Argv } from 'yargs';
import type { RunOptions } from '../options.js';
import { closest } from '../pipeline/hints.js';
import { isDns1123Label, isEnvironmentName, isSafeArgument, isVariableName } from '../pipeline/validate-names.js';
import { SecretSet } from '../secret-set.js';
import type { Diagnostic } from '../types.js';
import { annotations, maskCommands, stepOutputs, workspacePath, writeRunnerFiles } from './github.js';
import { VERSION } from '../version.js';
import { PROJECT_COMMANDS, nameOf } from './commands/index.js';
import type { CliContext, CliIO } from './context.js';
import type { Out, Paint } from './report.js';

export type { CliIO } from './context.js';

/** Every command, in the order help lists them. */
export const COMMANDS = [...PROJECT_COMMANDS.map(nameOf), 'completion', 'version'];
/** Commands that take exactly one environment. */
const ONE_ENV = ['build', 'apply', 'generate', 'rotate', 'verify'];
const SHELLS = ['bash', 'zsh', 'fish'];
/** Options every command takes; a command's help lists them after its own. */
const POSITIONALS = ['envs', 'env', 'vars', 'shell'];
const GLOBAL_OPTIONS = ['config', 'cwd', 'env-file', 'set', 'format', 'quiet', 'verbose', 'color', 'github', 'empty-is-value', 'help', 'version'];

function cliParser(args: string[], columns?: number): Argv {
  // A command's help lists its own options first, then the global ones.
  const ownFirst = <T>(build: (y: Argv) => Argv<T>) => (y: Argv) => {
    const built = build(y);
    const options = (built as unknown as { getOptions(): { key: Record<string, unknown>; alias: Record<string, string[]> } }).getOptions();
    const aliases = new Set(Object.values(options.alias).flat());
    const own = Object.keys(options.key).filter((k) => !GLOBAL_OPTIONS.includes(k) && !aliases.has(k) && !POSITIONALS.includes(k) && k.length > 1 && !/[A-Z]/.test(k));
    return built.group(own, 'Options:').group(GLOBAL_OPTIONS, 'Global options:');
  };
  const parser = yargs(args).scriptName('kustenv');
  // yargs renders the whole help text after a command's handler, only to keep it for a later
  // showHelp() (about 17 ms of every run); kustenv never shows help after a command ran.
  (parser as unknown as { getInternalMethods(): { getUsageInstance(): { cacheHelpMessage(): void } } }).getInternalMethods().getUsageInstance().cacheHelpMessage = () => {};
  for (const c of PROJECT_COMMANDS) parser.command(c.command, c.describe, ownFirst(c.builder));
  return parser
    .usage('$0 <command> [options]\n\nRender ${VAR} templates into per-environment Kustomize patches: validated, git-ignored, masked.')
    .command('version', 'print the version', ownFirst((y) => y))
    .command('completion [shell]', 'print a shell completion script: commands, options and environment names', ownFirst((y) =>
      y
        .positional('shell', { type: 'string', choices: SHELLS, describe: 'the shell' })
        .option('environments', { type: 'boolean', hidden: true, describe: "print this project's environment names (for the scripts)" })
        .example('$0 completion bash >> ~/.bashrc', 'bash')
        .example('$0 completion zsh > "${fpath[1]}/_kustenv"', 'zsh')
        .example('$0 completion fish > ~/.config/fish/completions/kustenv.fish', 'fish'),
    ))
    .option('config', { type: 'string', requiresArg: true, describe: 'config file (default: kustenv.yaml in the working folder or a parent)' })
    .option('cwd', { type: 'string', requiresArg: true, describe: 'working folder' })
    .option('env-file', { type: 'string', array: true, requiresArg: true, describe: "[ENV=]FILE: env file, above the config's sources (repeatable, later wins); ENV= for that environment only" })
    .option('set', { type: 'string', array: true, requiresArg: true, describe: 'NAME=VALUE, above every other source (repeatable)' })
    .option('format', { alias: 'o', choices: ['text', 'json', 'markdown', 'dotenv'], default: 'text', describe: 'output format (markdown: diff --against; dotenv: vars)' })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'print errors and results only' })
    .option('verbose', { type: 'boolean', describe: 'also say where each variable came from, and each store\'s calls and time (never a value)' })
    .option('color', { type: 'boolean', default: true, describe: 'colour on a terminal (--no-color, or NO_COLOR, turns it off)' })
    .option('github', { type: 'boolean', describe: 'GitHub Actions mode (on by itself when GITHUB_ACTIONS=true)' })
    .option('empty-is-value', { type: 'boolean', describe: 'GitHub mode: an empty environment variable is a value (by default it counts as unset, as a missing repository secret)' })
    .parserConfiguration({ 'populate--': true })
    .demandCommand(1, `name a command: ${COMMANDS.slice(0, -1).join(', ')} or ${COMMANDS[COMMANDS.length - 1]}`)
    .strict()
    .help()
    .version(VERSION)
    .exitProcess(false)
    .showHelpOnFail(false)
    .wrap(Math.min(100, columns || 100));
}

/**
 * Run the CLI on `args` and return the exit code. The only place that
 * prints; it never calls process.exit.
 */
export async function main(args: string[], io: CliIO): Promise<number> {
  // A completion script from an older kustenv (yargs' protocol) asks this way: it gets nothing, and no command runs.
  if (args.includes('--get-yargs-completions')) return 0;
  let usageError: string | undefined;
  let output = '';
  let argv: Record<string, unknown> | undefined;
  try {
    argv = (await cliParser(args, io.columns)
      .fail((msg, err) => {
        usageError = msg ?? err?.message ?? 'invalid arguments';
      })
      .parseAsync(args, {}, (_err, _argv, out) => {
        output = out;
      })) as Record<string, unknown>;
  } catch (e) {
    usageError ??= (e as Error).message;
  }
  const command = String((argv?._ as unknown[] | undefined)?.[0] ?? '');
  if (usageError) usageError = await friendlierUsage(usageError, args, io.cwd);
  if (!usageError && argv?.format === 'markdown' && !(command === 'diff' && argv.against)) usageError = '--format markdown goes with diff --against';
  if (!usageError && argv?.format === 'dotenv' && command !== 'vars') usageError = '--format dotenv goes with vars';
  if (!usageError && argv?.['--'] && (argv['--'] as unknown[]).length && command !== 'apply' && command !== 'verify') usageError = 'arguments after -- are for kubectl, with apply and verify only';
  const context = argv?.context as string | undefined;
  const namespace = argv?.namespace as string | undefined;
  // Names that reach kubectl are checked before anything runs (and never echoed).
  if (!usageError && context !== undefined && !isSafeArgument(context)) usageError = '--context takes a context name (not empty, not starting with "-")';
  if (!usageError && namespace !== undefined && !isDns1123Label(namespace)) usageError = '--namespace takes a namespace name (a DNS-1123 label)';
  const envFileArgs = (argv?.envFile as string[] | undefined) ?? [];
  if (!usageError && envFileArgs.length && command !== 'init') {
    // An unscoped --env-file feeds every environment of the run: the command must name them.
    const { envFileArg } = await import('../io/load-values.js');
    const named = ((argv!.envs as string[] | undefined) ?? []).length > 0 || typeof argv!.env === 'string';
    if (!named && envFileArgs.some((f) => envFileArg(f).env === undefined)) {
      usageError = '--env-file FILE applies to every environment of the run, and this command names none: name the environments, or write --env-file ENV=FILE [env-file-unscoped]';
    }
  }
  if (usageError) {
    io.stderr(`kustenv: ${withoutArguments(usageError, args)}\nRun kustenv --help for usage.\n`);
    return 2;
  }
  if (output) {
    // --help or --version
    io.stdout(output.endsWith('\n') ? output : `${output}\n`);
    return 0;
  }
  const a = argv!;
  if (command === 'version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (command === 'completion') return completion(a, io);
  // No kustenv.yaml here or above, and no base/: say where kustenv looked, and how to start.
  if (command !== 'init' && !a.config) {
    const notHere = await noProjectMessage(path.resolve(io.cwd, a.cwd ? String(a.cwd) : '.'));
    if (notHere) {
      io.stderr(`kustenv: ${notHere}\n`);
      return 2;
    }
  }
  const colorAllowed = a.color !== false && !(io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '');
  const painter = (on: boolean): Paint => (on ? (s, c) => styleText(c, s) : (s) => s);
  const paint = painter(io.isTTY && colorAllowed);
  const github = Boolean(a.github) || io.env.GITHUB_ACTIONS === 'true';
  const workspace = io.env.GITHUB_WORKSPACE ?? io.cwd;
  const showValues = Boolean(a.showValues);
  // Every printer goes through the run's one SecretSet: known once the command returns, before anything is printed.
  let secrets = new SecretSet();
  // In GitHub mode only the workflow-command writer may start a line with `::` (a file name with a newline must not).
  const plain = (t: string) => (github ? neutralizeCommands(t) : t);
  const out: Out = {
    stdout: (t) => io.stdout(plain(showValues ? t : secrets.mask(t))),
    stderr: (t) => io.stderr(plain(secrets.mask(t))),
    paint,
    paintStdout: painter(Boolean(io.stdoutIsTTY) && colorAllowed),
    quiet: Boolean(a.quiet),
    verbose: Boolean(a.verbose),
    format: a.format as Out['format'],
    github,
  };
  // GitHub mode: masks first, before any other output (also when the run failed), then each problem once, as a workflow command; all on stderr, so stdout stays data.
  const announce = (r: { secrets?: SecretSet; diagnostics: Diagnostic[] }, root: string) => {
    secrets = r.secrets ?? secrets;
    if (!github) return;
    io.stderr(maskCommands(secrets.runnerMasks()));
    io.stderr(secrets.mask(annotations(r.diagnostics, root, workspace)));
  };
  const inWorkspace = (root: string | undefined, file: string) => workspacePath(root ?? io.cwd, workspace, file);
  // GitHub mode: the step summary and outputs; a runner file that cannot be written is exit 2, naming the variable.
  const runnerFiles = (status: number, summary: string, outputs: Parameters<typeof stepOutputs>[0]): number => {
    if (!github) return status;
    const failed = writeRunnerFiles(io.env, secrets.mask(summary), secrets.mask(stepOutputs(outputs)));
    if (!failed) return status;
    io.stderr(`kustenv: ${failed}\n`);
    return 2;
  };
  const options: RunOptions = {
    ...progressLine(io, out),
    cwd: path.resolve(io.cwd, a.cwd ? String(a.cwd) : '.'),
    config: a.config as string | undefined,
    environments: (a.envs as string[] | undefined) ?? [],
    envFiles: (a.envFile as string[] | undefined) ?? [],
    set: (a.set as string[] | undefined) ?? [],
    env: io.env,
    allowUnignored: Boolean(a.allowUnignored),
    review: github,
    emptyIsUnset: github && !a.emptyIsValue,
  };
  const ctx: CliContext = {
    io,
    out,
    options,
    cluster: { ...(context !== undefined ? { context } : {}), ...(namespace !== undefined ? { namespace } : {}) },
    github,
    workspace,
    showValues,
    kubectlArgs: ((a['--'] as unknown[] | undefined) ?? []).map(String),
    useSecrets: (found) => {
      secrets = found ?? secrets;
    },
    announce,
    runnerFiles,
    inWorkspace,
  };
  const chosen = PROJECT_COMMANDS.find((c) => nameOf(c) === command);
  if (!chosen) {
    io.stderr(`kustenv: unknown command ${command}\n`);
    return 2;
  }
  try {
    return await chosen.run(a, ctx);
  } catch (e) {
    // A bug, not a user error: a short message, never the stack (it may hold values).
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr(`kustenv: internal error: ${(e as Error).name}${code ? ` ${code}` : ''}\n`);
    // KUSTENV_DEBUG=1: where it happened (stack frames only: a message could quote data).
    if (io.env.KUSTENV_DEBUG) io.stderr(`${String((e as Error).stack ?? '').split('\n').slice(1).join('\n')}\n`);
    return 2;
  }
}

/**
 * A usage message with every argument that is not a plain name or flag
 * taken out: a mistyped argument may be a value (`DB_PASSWORD=…`).
 */
function withoutArguments(message: string, args: string[]): string {
  const isName = (x: string) => isEnvironmentName(x) || isVariableName(x);
  // `--format=VALUE` is one argument; yargs quotes only its VALUE.
  const values = args.flatMap((x) => (/^--?[A-Za-z][A-Za-z-]*=/.test(x) ? [x.slice(x.indexOf('=') + 1)] : [])).filter((v) => v && !isName(v));
  const risky = [...args.filter((x) => !isName(x) && !/^--?[A-Za-z][A-Za-z-]*$/.test(x)), ...values].sort((x, y) => y.length - x.length);
  let shown = message;
  for (const x of risky) if (x.length) shown = shown.split(x).join('(an argument not shown)');
  return shown;
}

/**
 * A printed line that would start with `::` (after blanks, which the runner
 * trims) starts with `(::)` instead, so the runner never reads it as a
 * workflow command.
 */
function neutralizeCommands(text: string): string {
  return text.replace(/(^|\r\n|\r|\n)([ \t]*)::/g, '$1$2(::)');
}

// ---- Help for mistakes: usage errors that say what was meant ----

/** The long option names a command's help lists (its own, then the global ones), without `--`. */
async function flagsOf(command?: string): Promise<string[]> {
  const args = command ? [command, '--help'] : ['--help'];
  let text = '';
  await cliParser(args)
    .fail(() => {})
    .parseAsync(args, {}, (_e, _a, out) => {
      text = out;
    });
  // Option lines only (`  -o, --format  …`), not options named in descriptions.
  return [...new Set([...text.matchAll(/^ {2}(?:-\w, | {4})--([a-z][a-z-]*)/gm)].map((m) => m[1]))];
}

/** Options that take a value: the word after them is theirs. */
const VALUE_OPTIONS = new Set(['--config', '--cwd', '--env-file', '--set', '--format', '-o', '--context', '--namespace', '-n', '--kustomize', '--into', '--against', '--dry-run']);

/** The words of `args` that are not options nor option values. */
function positionals(args: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const x = args[i];
    if (x === '--') break;
    if (x.startsWith('-')) {
      // apply's --dry-run takes a value; render's is a switch.
      if (!x.includes('=') && VALUE_OPTIONS.has(x) && (x !== '--dry-run' || words[0] === 'apply')) i++;
      continue;
    }
    words.push(x);
  }
  return words;
}

/** yargs' usage message, made into what the user meant: the nearest command or option, or the environments to choose from. */
async function friendlierUsage(message: string, args: string[], cwd: string): Promise<string> {
  const words = positionals(args);
  const command = words[0];
  if (command !== undefined && !COMMANDS.includes(command)) {
    const near = closest(command, COMMANDS);
    return `unknown command "${command}"${near ? `; did you mean ${near}?` : ''} (commands: ${COMMANDS.join(', ')})`;
  }
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (unknown && command) {
    const flags = await flagsOf(command);
    const names = unknown[1].split(', ');
    const said = args.filter((x) => x.startsWith('-') && x !== '--').map((x) => x.replace(/^--?(no-)?/, '').split('=')[0]);
    const parts: string[] = [];
    for (const name of names) {
      // yargs names an option in both spellings (dry-run and dryRun): keep the one typed.
      const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      const flat = (x: string) => x.replace(/-/g, '').toLowerCase();
      if (!name.includes('-') && names.some((o) => o !== name && o.includes('-') && flat(o) === flat(name))) continue;
      if (!said.includes(name) && said.includes(kebab)) continue;
      if (said.includes(kebab) || said.includes(name)) {
        const typed = said.includes(name) ? name : kebab;
        const near = closest(typed, flags);
        parts.push(`unknown option --${typed}${near ? `; did you mean --${near}?` : ''}`);
      } else parts.push(`unexpected argument "${name}" for ${command}`);
    }
    return [...new Set(parts)].join('; ');
  }
  if (command && ONE_ENV.includes(command) && words.length < 2) {
    const envs = await environmentNames(cwd, args);
    return `name the environment: kustenv ${command} ENV${command === 'rotate' ? ' VAR...' : ''}${envs.length ? `, where ENV is one of: ${envs.join(', ')}` : ''}`;
  }
  if (command === 'rotate' && words.length < 3) return 'name the variables to rotate: kustenv rotate ENV VAR...';
  return message;
}

/** The project's environment names, from the config or the overlay folders; no store is asked. Empty when there is no project. */
async function environmentNames(cwd: string, args: string[]): Promise<string[]> {
  const { discoverEnvironments, loadProject } = await import('../io/load-config.js');
  const at = (flag: string) => {
    const i = args.findIndex((x) => x === flag || x.startsWith(`${flag}=`));
    if (i < 0) return undefined;
    return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
  };
  try {
    const dir = path.resolve(cwd, at('--cwd') ?? '.');
    const loaded = loadProject(dir, at('--config'));
    // A project that does not load (a folder with a name that is no environment name, say) still completes its plain names.
    return loaded.project ? loaded.project.environments.map((e) => e.name) : discoverEnvironments(path.join(dir, 'overlays')).filter(isEnvironmentName);
  } catch {
    return [];
  }
}

/** Why there is no project in `dir`, or undefined when there is one. */
async function noProjectMessage(dir: string): Promise<string | undefined> {
  const [{ findConfig }, fs] = await Promise.all([import('../io/load-config.js'), import('node:fs')]);
  if (findConfig(dir) || fs.existsSync(path.join(dir, 'base'))) return undefined;
  return `no kustenv project in ${dir}: no kustenv.yaml there or in a parent folder, and no base/ folder; to start one here, run: kustenv init`;
}

// ---- Shell completion: a hand-written script per shell; environment names come from `kustenv completion --environments` ----

async function completion(a: Record<string, unknown>, io: CliIO): Promise<number> {
  if (a.environments) {
    const names = await environmentNames(path.resolve(io.cwd, a.cwd ? String(a.cwd) : '.'), a.config ? ['--config', String(a.config)] : []);
    if (names.length) io.stdout(`${names.join('\n')}\n`);
    return 0;
  }
  const shell = a.shell as string | undefined;
  if (!shell) {
    io.stderr(`kustenv: name the shell: kustenv completion ${SHELLS.join('|')}\nRun kustenv completion --help for usage.\n`);
    return 2;
  }
  const global = await flagsOf();
  const perCommand: Record<string, string[]> = {};
  for (const c of COMMANDS) perCommand[c] = (await flagsOf(c)).filter((f) => f !== 'help');
  const { completionScript } = await import('./completion.js');
  io.stdout(completionScript(shell as 'bash' | 'zsh' | 'fish', { commands: COMMANDS, global, perCommand, envCommands: ['render', 'check', 'diff', 'vars', ...ONE_ENV] }));
  return 0;
}

// ---- Progress: one line on a terminal, rewritten in place and cleared before any other output ----

/** `progress` for RunOptions: only when stderr is a terminal, not in CI, not --quiet; else nothing. */
function progressLine(io: CliIO, out: Out): Pick<RunOptions, 'progress'> {
  if (!io.isTTY || io.env.CI === 'true' || io.env.GITHUB_ACTIONS === 'true' || out.quiet) return {};
  let shown = false;
  const line = out.stderr;
  const clear = () => {
    if (shown) line('\r\u001b[K');
    shown = false;
  };
  // Whatever is printed next starts on a clean line.
  for (const stream of ['stdout', 'stderr'] as const) {
    const print = out[stream];
    out[stream] = (t) => {
      clear();
      print(t);
    };
  }
  return {
    progress: (message) => {
      line(`\r\u001b[K${out.paint(message, 'dim')}`);
      shown = true;
    },
  };
}
