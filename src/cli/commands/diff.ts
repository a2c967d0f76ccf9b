import { reviewOutputs, stepSummary } from '../github.js';
import { type CliCommand, envsArg } from '../context.js';
import { reportAgainst, reportDiff } from '../report.js';

export const diffCommand: CliCommand = {
  command: 'diff [envs..]',
  describe: 'what render would change on disk, secret values masked',
  builder: (y) =>
    envsArg(y)
      .option('exit-code', { type: 'boolean', describe: 'exit 1 when there are differences' })
      .option('show-values', { type: 'boolean', describe: 'show secret values (local use only)' })
      .option('against', { type: 'string', describe: 'instead: the reviewer view of the template changes since the merge base with this git ref' })
      .example('$0 diff staging', 'the masked diff of the staging patch')
      .example('$0 diff --exit-code', 'exit 1 when any patch would change')
      .example('$0 diff --against origin/main --format markdown', 'a pull-request comment about the template change'),
  run: async (a, ctx) => {
    // `--against` with an empty value (an unset CI variable) is refused, never a silent plain diff.
    if (a.against !== undefined) {
      const [{ review }, { maskedReviewMarkdown }] = await Promise.all([import('../../commands/review.js'), import('../reporters/markdown.js')]);
      const result = await review(String(a.against), ctx.options);
      ctx.announce(result, result.root ?? ctx.options.cwd!);
      reportAgainst(ctx.out, result);
      return ctx.runnerFiles(result.status, result.status === 2 ? '' : `${maskedReviewMarkdown(result)}\n`, reviewOutputs(result, ctx.workspace));
    }
    const { diff } = await import('../../commands/diff.js');
    const result = await diff({ ...ctx.options, showValues: ctx.showValues });
    const status = result.status === 0 && a.exitCode && result.diffs.some((d) => d.changed) ? 1 : result.status;
    ctx.announce(result, result.root);
    reportDiff(ctx.out, result, status);
    const differs = result.status === 0 ? result.diffs.filter((d) => d.changed).map((d) => ctx.inWorkspace(result.root, d.output)) : [];
    return ctx.runnerFiles(status, stepSummary('diff', result, result.diffs, ctx.workspace), { changed: differs.length > 0, files: [], differs });
  },
};
