import { type CliCommand, clusterArgs } from '../context.js';
import { reportVerify } from '../report.js';

export const verifyCommand: CliCommand = {
  command: 'verify <env>',
  describe: 'compare the live cluster with the rendered Secrets and ConfigMaps (kubectl get); no value shown',
  builder: (y) =>
    clusterArgs(y)
      .positional('env', { type: 'string', describe: 'environment' })
      .example('$0 verify prod --context prod-cluster', 'missing, different, extra and old keys, per object'),
  run: async (a, ctx) => {
    const [{ verify }, { verifySummary }] = await Promise.all([import('../../commands/verify.js'), import('../reporters/markdown.js')]);
    const env = String(a.env);
    const result = await verify(env, { ...ctx.options, ...ctx.cluster, kubectlArgs: ctx.kubectlArgs });
    ctx.announce(result, result.root ?? ctx.options.cwd!);
    reportVerify(ctx.out, result);
    return ctx.runnerFiles(result.status, verifySummary(result), { changed: false, files: [], environment: env, 'in-sync': result.status === 0 });
  },
};
