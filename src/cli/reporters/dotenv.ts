/** The dotenv reporter (`vars --format dotenv`): a `.env.example` with names, descriptions as comments and non-secret literal defaults; never a value. */
import type { VarsResult } from '../../commands/vars.js';
import type { Reporter } from '../report.js';

export const dotenvReporter: Partial<Reporter> = {
  vars(out, result) {
    if (result.status === 0) out.stdout(toDotenv(result));
  },
};

/** The `.env.example` text. */
export function toDotenv(result: VarsResult): string {
  const lines = ['# Variables of the kustenv templates (kustenv vars --format dotenv).', '# Fill in a copy, and keep that copy out of git.', ''];
  for (const v of result.variables) {
    if (v.description) lines.push(...v.description.split('\n').map((l) => `# ${l}`));
    if (v.secret) lines.push('# secret');
    lines.push(`${v.name}=${v.secret || v.default === undefined ? '' : quoteDotenv(v.default)}`, '');
  }
  return lines.join('\n');
}

function quoteDotenv(value: string): string {
  return /^[A-Za-z0-9_./:@-]*$/.test(value) ? value : JSON.stringify(value);
}
