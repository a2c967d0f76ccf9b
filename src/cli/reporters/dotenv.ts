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
    // Every line break a dotenv parser may see (a lone CR is one for `dotenv`) starts a new comment line; other control characters are dropped.
    if (v.description) lines.push(...v.description.split(/\r\n|[\n\r\u0085\u2028\u2029]/).map((l) => `# ${l.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')}`));
    if (v.secret) lines.push('# secret');
    lines.push(`${v.name}=${v.secret || v.default === undefined ? '' : quoteDotenv(v.default)}`, '');
  }
  return lines.join('\n');
}

function quoteDotenv(value: string): string {
  return /^[A-Za-z0-9_./:@-]*$/.test(value) ? value : JSON.stringify(value);
}
