/** The action's entry point: the runner runs its bundle, action/dist/index.mjs, with node. */
import { runAction } from './main.js';

process.exitCode = await runAction(process.env, process.cwd(), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
