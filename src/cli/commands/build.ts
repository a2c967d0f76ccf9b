import { type CliCommand, clusterArgs } from '../context.js';
import { reportBuild } from '../report.js';

export const buildCommand: CliCommand = {
  command: 'build <env>',
  describe: 'kubectl kustomize the overlay as render would leave it, then check it (Secret values masked)',
  builder: (y) =>
    clusterArgs(y)
      .positional('env', { type: 'string', describe: 'environment' })
      .option('kustomize', { type: 'string', describe: 'run this kustomize binary (KUSTOMIZE build DIR) instead of kubectl kustomize' })
      .option('show-values', { type: 'boolean', describe: 'show Secret values (local use only)' })
      .example('$0 build staging', 'the built overlay, checked, secrets masked'),
  run: async (a, ctx) => {
    const { build } = await import('../../commands/build.js');
    const env = String(a.env);
    const result = await build(env, { ...ctx.options, ...ctx.cluster, kustomize: a.kustomize as string | undefined, showValues: ctx.showValues });
    ctx.announce(result, result.root ?? ctx.options.cwd!);
    reportBuild(ctx.out, env, result);
    return ctx.runnerFiles(result.status, '', { changed: false, files: [], environment: env, built: result.status === 0 });
  },
};
