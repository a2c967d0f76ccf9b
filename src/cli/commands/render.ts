import { stepSummary } from '../github.js';
import { type CliCommand, envsArg } from '../context.js';
import { reportRun } from '../report.js';

/** `render` and `check`: one run, written or not. */
const run = (command: 'render' | 'check'): CliCommand['run'] => async (a, ctx) => {
  const { render, check } = await import('../../commands/render.js');
  const dryRun = command === 'render' && Boolean(a.dryRun);
  const result = command === 'render' ? await render({ ...ctx.options, dryRun }) : await check(ctx.options);
  ctx.announce(result, result.root);
  reportRun(ctx.out, command, result, dryRun);
  const diffs = result.environments.map((e) => ({ name: e.name, unified: e.review ?? '' }));
  const written = result.status === 0 ? result.environments.filter((e) => e.written).map((e) => ctx.inWorkspace(result.root, e.output)) : [];
  return ctx.runnerFiles(result.status, stepSummary(command, result, diffs, ctx.workspace), { changed: written.length > 0, files: written, environments: result.environments.map((e) => e.name) });
};

export const renderCommand: CliCommand = {
  command: 'render [envs..]',
  describe: "render, validate and write each environment's patch",
  builder: (y) =>
    envsArg(y)
      .option('dry-run', { type: 'boolean', describe: 'print what would be written, secrets masked; write nothing' })
      .option('allow-unignored', { type: 'boolean', describe: 'write outputs even where git does not ignore them' })
      .example('$0 render', 'render every environment under overlays/')
      .example('$0 render staging prod --env-file .env.ci', 'two environments, with an extra dotenv file')
      .example('$0 render dev --dry-run', 'show the masked patch, write nothing'),
  run: run('render'),
};

export const checkCommand: CliCommand = {
  command: 'check [envs..]',
  describe: 'render and validate in memory; write nothing',
  builder: (y) => envsArg(y).example('$0 check', 'validate every environment').example('$0 check prod --set IMAGE_TAG=1.2.3', 'validate prod with one value given'),
  run: run('check'),
};
