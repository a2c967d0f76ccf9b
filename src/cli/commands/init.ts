import { type CliCommand } from '../context.js';
import { reportInit } from '../report.js';

export const initCommand: CliCommand = {
  command: 'init',
  describe: 'scaffold kustenv.yaml, base/, overlays/, schemas/ and the .gitignore lines; never overwrites',
  builder: (y) => y.example('$0 init', 'create whatever is missing in this folder'),
  run: async (_a, ctx) => {
    const { init } = await import('../../commands/init.js');
    const result = await init({ cwd: ctx.options.cwd });
    reportInit(ctx.out, result);
    return result.status;
  },
};
