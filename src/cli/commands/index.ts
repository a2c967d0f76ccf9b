/** Every project command of the CLI, in the order help lists them. A new command is one module here and one line below. */
import type { CliCommand } from '../context.js';
import { applyCommand } from './apply.js';
import { buildCommand } from './build.js';
import { diffCommand } from './diff.js';
import { generateCommand, rotateCommand } from './generate.js';
import { initCommand } from './init.js';
import { checkCommand, renderCommand } from './render.js';
import { varsCommand } from './vars.js';
import { verifyCommand } from './verify.js';

export const PROJECT_COMMANDS: CliCommand[] = [renderCommand, checkCommand, diffCommand, varsCommand, buildCommand, applyCommand, generateCommand, rotateCommand, verifyCommand, initCommand];

/** A command's name: the first word of its yargs command string. */
export const nameOf = (c: CliCommand): string => c.command.split(' ')[0];
