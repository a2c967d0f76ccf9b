import { type CliCommand, envsArg } from '../context.js';
import { reportVars } from '../report.js';

export const varsCommand: CliCommand = {
  command: 'vars [envs..]',
  describe: 'each variable: where used, secret or not, declared or not, set or missing per environment',
  builder: (y) =>
    envsArg(y)
      .example('$0 vars', 'the table, every environment')
      .example('$0 vars --format dotenv > .env.example', 'names, descriptions and non-secret defaults, no values'),
  run: async (a, ctx) => {
    const { vars } = await import('../../commands/vars.js');
    const result = await vars(ctx.options);
    ctx.useSecrets(result.secrets);
    reportVars(ctx.out, result);
    const missing = [...new Set(result.environments.flatMap((e) => e.variables.filter((v) => v.state === 'missing').map((v) => v.name)))].sort();
    return ctx.runnerFiles(result.status, '', { changed: false, files: [], missing });
  },
};
