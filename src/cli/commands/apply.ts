import type { SecretSet } from '../../secret-set.js';
import { type CliCommand, clusterArgs } from '../context.js';
import { reportApply, showDiffs } from '../report.js';

export const applyCommand: CliCommand = {
  command: 'apply <env>',
  describe: 'render, check and diff, then kubectl apply -k the overlay (server-side)',
  builder: (y) =>
    clusterArgs(y)
      .positional('env', { type: 'string', describe: 'environment' })
      .option('yes', { alias: 'y', type: 'boolean', describe: 'apply without asking (needed without a terminal)' })
      .option('dry-run', { type: 'string', choices: ['server', 'client', 'none'], describe: "kubectl's --dry-run: server checks everything and stores nothing" })
      .option('server-dry-run', { type: 'boolean', hidden: true, describe: 'the same as --dry-run=server' })
      .option('client-side', { type: 'boolean', describe: 'client-side apply (copies Secrets into an annotation: not recommended)' })
      .example('$0 apply staging', 'show the masked diff, ask, then apply')
      .example('$0 apply prod --yes -- --context prod-cluster', 'in CI: no question; arguments after -- go to kubectl'),
  run: async (a, ctx) => {
    const { apply } = await import('../../commands/apply.js');
    const { io, out } = ctx;
    const env = String(a.env);
    const dryRun = a.serverDryRun ? 'server' : (a.dryRun as 'server' | 'client' | 'none' | undefined);
    const result = await apply(env, {
      ...ctx.options,
      ...ctx.cluster,
      yes: Boolean(a.yes),
      interactive: Boolean(io.interactive && io.ask),
      ...(dryRun ? { dryRun } : {}),
      clientSide: Boolean(a.clientSide),
      kubectlArgs: ctx.kubectlArgs,
      confirm: async (diffs, found: SecretSet) => {
        ctx.useSecrets(found);
        showDiffs(out, diffs);
        const answer = await io.ask!(`Apply ${env} with kubectl? [y/N] `);
        return /^y(es)?$/i.test(answer.trim());
      },
    });
    ctx.announce(result, result.root ?? ctx.options.cwd!);
    if (a.yes && out.format !== 'json') showDiffs(out, result.diffs);
    reportApply(out, env, result);
    const changedPatches = result.diffs.filter((d) => d.changed).map((d) => ctx.inWorkspace(result.root, d.output));
    return ctx.runnerFiles(result.status, '', { changed: result.applied && changedPatches.length > 0, files: result.applied ? changedPatches : [], environment: env, applied: result.applied });
  },
};
