/**
 * The action's inputs as the runner passes them: `INPUT_<NAME>` environment
 * variables, the name upper-cased with spaces turned into `_` (as
 * @actions/core's getInput reads them).
 */

/** One input, trimmed; '' when the workflow did not give it. */
export function getInput(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/**
 * A list input: one item per line, never split on spaces (`--set LOG_LEVEL=warn now`
 * stays one argument, a path with a space stays one path). Blank lines are
 * skipped, and each line is trimmed. Written as a YAML block sequence
 * (every line `- item`), the `- ` is taken off.
 */
export function getListInput(env: NodeJS.ProcessEnv, name: string): string[] {
  const lines = getInput(env, name)
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length && lines.every((l) => /^- /.test(l)) ? lines.map((l) => l.slice(2).trim()).filter(Boolean) : lines;
}

/** Environment names: separated by spaces, commas or lines (a name holds none of them). */
function getNamesInput(env: NodeJS.ProcessEnv, name: string): string[] {
  return getInput(env, name)
    .split(/[\s,]+/)
    .map((n) => n.replace(/^-$/, ''))
    .filter(Boolean);
}

/** Commands that take one environment: the action runs them once per environment. */
const ONE_ENVIRONMENT = new Set(['build', 'apply', 'verify', 'generate', 'rotate']);

/**
 * The kustenv argument lists one step runs: one for commands that take
 * several environments, one per environment for the others. `--github`
 * comes before `args`, which may end with `-- kubectl arguments`.
 */
export function plannedRuns(env: NodeJS.ProcessEnv): { runs: { environment?: string; args: string[] }[]; error?: string } {
  const command = getInput(env, 'command') || 'render';
  const environments = getNamesInput(env, 'environments');
  const config = getInput(env, 'config');
  // `--option=value`, one word: a value that starts with `-` stays the value, never becomes an option of its own.
  const common = [...(config ? [`--config=${config}`] : []), ...getListInput(env, 'env-files').map((f) => `--env-file=${f}`), '--github'];
  const args = getListInput(env, 'args');
  if (!/^[a-z]+$/.test(command)) return { runs: [], error: 'the command input takes a kustenv command: render, check, diff, vars, build, apply, verify, generate or rotate' };
  // An environment name never starts with `-`: one that does would be read as an option (`--set=TOKEN=…`, `--cwd=…`).
  if (environments.some((e) => e.startsWith('-'))) return { runs: [], error: 'the environments input takes environment names; a name that starts with - is not one (give options in the args input)' };
  if (ONE_ENVIRONMENT.has(command)) {
    if (!environments.length) return { runs: [], error: `${command} takes an environment: give the environments input` };
    return { runs: environments.map((e) => ({ environment: e, args: [command, e, ...common, ...args] })) };
  }
  return { runs: [{ args: [command, ...environments, ...common, ...args] }] };
}

/**
 * The step's outputs from each run's: `changed` is true when any run changed
 * something; other true/false outputs are true when every run's is; lists
 * (space-separated) are joined, each item once. `exit-code`: the step's.
 */
export function mergeOutputs(each: Map<string, string>[]): Map<string, string> {
  const keys = [...new Set(each.flatMap((m) => [...m.keys()]))];
  const out = new Map<string, string>();
  for (const key of keys) {
    const values = each.map((m) => m.get(key)).filter((v): v is string => v !== undefined);
    if (values.every((v) => v === 'true' || v === 'false')) {
      out.set(key, String(key === 'changed' ? values.includes('true') : values.every((v) => v === 'true')));
    } else out.set(key, [...new Set(values.flatMap((v) => v.split(' ')).filter(Boolean))].join(' '));
  }
  return out;
}

/** `name=value` lines (as kustenv writes them) into a map; a later line wins. */
export function parseOutputs(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return out;
}
