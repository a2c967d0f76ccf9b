import { type CliCommand } from '../context.js';
import { reportGenerate } from '../report.js';

/** `generate` and `rotate`: new values into the generated file, names only on screen. */
const run = (command: 'generate' | 'rotate'): CliCommand['run'] => async (a, ctx) => {
  const { generate, rotate } = await import('../../commands/generate.js');
  const options = { ...ctx.options, into: a.into as string | undefined };
  const result = command === 'generate' ? await generate(String(a.env), options) : await rotate(String(a.env), (a.vars as string[]).map(String), options);
  ctx.announce(result, result.root ?? ctx.options.cwd!);
  reportGenerate(ctx.out, command, result);
  const file = result.status === 0 && result.generated.length && result.file ? [ctx.inWorkspace(ctx.options.cwd, result.file)] : [];
  return ctx.runnerFiles(result.status, '', { changed: file.length > 0, files: file, environment: result.environment, generated: result.status === 0 ? result.generated : [] });
};

export const generateCommand: CliCommand = {
  command: 'generate <env>',
  describe: 'create the missing generatable secrets (x-kustenv-generate) in the generated file; never a value on screen',
  builder: (y) =>
    y
      .positional('env', { type: 'string', describe: 'environment' })
      .option('into', { type: 'string', describe: "file to append to (default: the environment's generatedFile)" })
      .example('$0 generate dev', 'strong values for what dev lacks, kept in overlays/dev/kustenv.generated.env'),
  run: run('generate'),
};

export const rotateCommand: CliCommand = {
  command: 'rotate <env> <vars..>',
  describe: 'replace generated secrets and their dates in the generated file',
  builder: (y) =>
    y
      .positional('env', { type: 'string', describe: 'environment' })
      .positional('vars', { type: 'string', array: true, describe: 'variables to rotate' })
      .option('into', { type: 'string', describe: "the generated file (default: the environment's generatedFile)" })
      .example('$0 rotate prod DB_PASSWORD', 'a new DB_PASSWORD, dated today'),
  run: run('rotate'),
};
