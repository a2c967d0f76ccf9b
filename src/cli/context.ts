/** What every CLI command gets: the parsed arguments, the masking printers, the run's options and the runner files. */
import type { Argv } from 'yargs';
import type { RunOptions } from '../options.js';
import type { SecretSet } from '../secret-set.js';
import type { Diagnostic } from '../types.js';
import type { stepOutputs } from './github.js';
import type { Out } from './report.js';

/** Where the CLI reads and writes: the process's streams, or memory in tests. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** stderr is a terminal (colour may be used). */
  isTTY: boolean;
  /** stdout is a terminal: `diff` colours its lines there. */
  stdoutIsTTY?: boolean;
  /** The terminal's width, for help text. Default: 100. */
  columns?: number;
  cwd: string;
  /** stdin and stderr are a terminal: `apply` may ask there. */
  interactive?: boolean;
  /** Ask a question on the terminal and return the answer. */
  ask?: (question: string) => Promise<string>;
}

/** The parsed command line (yargs' argv, camel-cased keys). */
export type Args = Record<string, unknown>;

export interface CliContext {
  io: CliIO;
  /** Prints through the run's SecretSet (stdout unmasked only with --show-values). */
  out: Out;
  /** The options every command takes, from the global flags. */
  options: RunOptions;
  /** `--context` and `--namespace`, checked. */
  cluster: { context?: string; namespace?: string };
  github: boolean;
  workspace: string;
  showValues: boolean;
  /** Arguments after `--`, for kubectl. */
  kubectlArgs: string[];
  /** The run's secrets are known: printers mask through them from now on. */
  useSecrets: (secrets: SecretSet | undefined) => void;
  /** GitHub mode: the masks first, then each problem once, as a workflow command. */
  announce: (result: { secrets?: SecretSet; diagnostics: Diagnostic[] }, root: string) => void;
  /** GitHub mode: the step summary and outputs; returns the exit code (2 when a runner file cannot be written). */
  runnerFiles: (status: number, summary: string, outputs: Parameters<typeof stepOutputs>[0]) => number;
  /** A path relative to the project root, as the runner's files show it (relative to GITHUB_WORKSPACE). */
  inWorkspace: (root: string | undefined, file: string) => string;
}

/** One command of the CLI: its yargs definition, and how it runs. Registered explicitly in cli/main.ts. */
export interface CliCommand {
  /** yargs' command string: `render [envs..]`. */
  command: string;
  describe: string;
  builder: (y: Argv) => Argv;
  /** Compose the command from the stages, report, and return the exit code. */
  run: (a: Args, ctx: CliContext) => Promise<number>;
}

/** The `[envs..]` positional. */
export const envsArg = (y: Argv) => y.positional('envs', { type: 'string', array: true, describe: 'environments (default: all)' });

/** `--context` and `--namespace`/`-n`, as kubectl spells them; passed on to kubectl. */
export const clusterArgs = (y: Argv) =>
  y.option('context', { type: 'string', describe: 'kubectl context' }).option('namespace', { alias: 'n', type: 'string', describe: 'kubectl namespace (for objects that name none)' });
