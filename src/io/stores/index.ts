/**
 * Secret stores as sources (docs/stores.md): which store is asked for what, once per
 * run, a bounded number at a time, each call under its time-out. Values never
 * leave this module except as the result; messages hold names only.
 */
import { error } from '../../diagnostics.js';
import type { Code } from '../../codes.js';
import { SecretSet } from '../../secret-set.js';
import { isSafeArgument } from '../../pipeline/validate-names.js';
import { DEFAULTS, MAX_ANSWER_BYTES } from '../../options.js';
import type { Diagnostic, EnvironmentConfig, SourceConfig, StoreSpec, ValueSource } from '../../types.js';
import { runProgramAsync } from '../spawn.js';
import { WHOLE_SECRET } from './aws-secrets-manager.js';
import { driverFor, sourceLabel } from './registry.js';
import { MalformedAnswer, type StoreDriver } from './driver.js';

/** The driver of a store spec (the config parser accepts only kinds that have one). */
const driverOf = (store: StoreSpec): StoreDriver => driverFor(store.kind)!;

export { sourceLabel };

/** `ANTHROPIC_API_KEY` -> `anthropic-api-key`, `K8S_TOKEN` -> `k8s-token`; camelCase `dbPassword` -> `db-password`. */
export function kebabCase(name: string): string {
  const words = /[a-z]/.test(name) ? name.replace(/([a-z0-9])([A-Z])/g, '$1-$2') : name;
  return words
    .replace(/_+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** The store's name for a variable: `map`, else lower kebab case (the command source uses the variable's own name). */
export function storeName(variable: string, source: SourceConfig): string {
  // `as: VAR` gives VAR the whole secret, and this source gives no other variable by kebab case or map.
  if (source.store.kind === 'aws-secrets-manager' && source.store.as !== undefined) return source.store.as === variable ? WHOLE_SECRET : `${WHOLE_SECRET} ${variable}`;
  return source.map[variable] ?? (driverOf(source.store).ownNames ? variable : kebabCase(variable));
}

/** One CLI call, for `--verbose`: names and time, never values. */
export interface StoreCall {
  source: string;
  program: string;
  /** The store name asked for, for per-name stores. */
  name?: string;
  ms: number;
}

type Answer = Map<string, string> | string | undefined;


/** A store failed: the run stops with exit 2. */
class StoreFailure extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/**
 * One run's store state: answers shared by every environment (a source
 * written identically is asked once), the bound on calls at once, and the
 * switch that stops every call when one fails.
 */
export class StoreSession {
  readonly calls: StoreCall[] = [];
  /** Per source label, the variables it gave a value (names only). */
  readonly found = new Map<string, Set<string>>();
  private readonly answers = new Map<string, Promise<Answer>>();
  /** Values that a CLI's error line must not show besides the run's secrets: the other sources' values of the names used. */
  private readonly hidden = new SecretSet();
  /** The run's secrets: every store answer joins them. */
  private secrets = new SecretSet();
  private readonly abort = new AbortController();
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly options: { cwd: string; env: NodeJS.ProcessEnv; /** The config file, relative to the project root. */ configFile?: string; concurrency?: number }) {}

  /** Values from other sources, to hide in a store's error line too. */
  hide(values: Iterable<string>): void {
    this.hidden.addValues(values);
  }

  /** Use the run's SecretSet: every store answer joins it, and error lines are masked through it. */
  useSecrets(secrets: SecretSet): void {
    secrets.addValues(this.secrets.all());
    this.secrets = secrets;
  }

  /**
   * Values for `needed` (variables no higher source set) from the
   * environment's sources, the last source first (later wins), each asked
   * only for what is still unset.
   */
  async read(env: EnvironmentConfig, needed: string[]): Promise<{ values: Map<string, { value: string; source: ValueSource }> } | { errors: Diagnostic[] }> {
    const values = new Map<string, { value: string; source: ValueSource }>();
    let remaining = needed;
    try {
      for (const source of [...env.sources].reverse()) {
        if (!remaining.length) break;
        const driver = driverOf(source.store);
        const label = sourceLabel(source.store);
        const found = (variable: string, value: string | undefined) => {
          if (value === undefined) return;
          values.set(variable, { value, source: { kind: 'store', store: label } });
          this.found.set(label, (this.found.get(label) ?? new Set()).add(variable));
        };
        if (driver.bulk) {
          const answer = (await this.ask(source, env.name)) as Map<string, string> | undefined;
          for (const v of remaining) found(v, answer?.get(storeName(v, source)));
        } else {
          const answers = await Promise.all(remaining.map((v) => this.ask(source, env.name, storeName(v, source))));
          remaining.forEach((v, i) => found(v, answers[i] as string | undefined));
        }
        remaining = remaining.filter((v) => !values.has(v));
      }
    } catch (e) {
      if (e instanceof StoreFailure) return { errors: [e.diagnostic] };
      throw e;
    }
    return { values };
  }

  /** The answer of one call, shared by every environment that asks the same. */
  private ask(source: SourceConfig, env: string, name?: string): Promise<Answer> {
    const driver = driverOf(source.store);
    // The same call, however the config spelled it, is made once.
    const key = JSON.stringify([driver.program(source.store), driver.args(source.store, name), source.timeout]);
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.call(source, env, name);
      this.answers.set(key, answer);
    }
    return answer;
  }

  private async call(source: SourceConfig, env: string, name: string | undefined): Promise<Answer> {
    await this.slot();
    const driver = driverOf(source.store);
    const program = driver.program(source.store);
    const label = sourceLabel(source.store);
    const fail = (message: string, code: Code): never => {
      this.abort.abort(); // one failure stops the run: end every other call now
      const at = this.options.configFile && source.at ? { file: this.options.configFile, line: source.at.line, col: source.at.col } : {};
      throw new StoreFailure(error(code, `${label}: ${message}`, { ...at, env }));
    };
    try {
      if (this.abort.signal.aborted) fail('stopped: another store failed', 'store-stopped');
      // Names and paths go to the CLI as option values: none may pass for an option.
      if (name !== undefined && !isSafeArgument(name)) fail('a store name (from map, or the variable) is empty, starts with "-" or holds control characters', 'bad-store-name');
      if (Object.entries(source.store).some(([k, v]) => k !== 'kind' && k !== 'argv' && typeof v === 'string' && !isSafeArgument(v))) fail('a store setting is empty, starts with "-" or holds control characters', 'bad-store-name');
      const started = performance.now();
      const r = await runProgramAsync(program, driver.args(source.store, name), {
        cwd: this.options.cwd,
        env: this.options.env,
        timeoutMs: source.timeout * 1000,
        signal: this.abort.signal,
        maxBytes: MAX_ANSWER_BYTES,
      });
      this.calls.push({ source: label, program, ...(name ? { name } : {}), ms: Math.round(performance.now() - started) });
      const asked = name ? ` asked for ${name}` : '';
      const said = `: ${this.lastLine(r.stderr)}`;
      if (r.aborted) fail('stopped: another store failed', 'store-stopped');
      if (r.startError === 'ENOENT') fail(`cannot run ${program}: it is not installed, or not on PATH`, 'store-not-installed');
      if (r.startError) fail(`cannot run ${program} (${r.startError})`, 'store-failed');
      if (r.timedOut) fail(`${program}${asked} gave no answer within ${source.timeout} s; it was stopped, with every process it started (raise "timeout" on the source)${said}`, 'store-timeout');
      if (r.tooLarge) fail(`${program}${asked} printed more than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB; it was stopped`, 'store-malformed');
      if (r.signal) fail(`${program}${asked} was killed by ${r.signal}${said}`, 'store-failed');
      if (r.status !== 0) {
        if (driver.notFound(r.stderr)) return undefined;
        fail(`${program} failed (exit ${r.status})${asked}${said}`, 'store-failed');
      }
      if (r.notUtf8) fail(`${program}'s answer${name ? ` for ${name}` : ''} is not UTF-8 text`, 'store-malformed');
      try {
        const answer = driver.parse(r.stdout, source.store);
        this.secrets.addValues(typeof answer === 'string' ? [answer] : answer.values()); // all of it, used or not
        return answer;
      } catch (e) {
        if (e instanceof MalformedAnswer) fail(`${program}'s answer${name ? ` for ${name}` : ''} is not what kustenv expects: ${e.message}${said}`, 'store-malformed');
        throw e;
      }
    } finally {
      this.release();
    }
  }

  /** The CLI's last stderr line, with every store value seen so far hidden, and cut short. */
  private lastLine(stderr: string): string {
    // The last line that says something: az may end with a lone `}` of an inner-error block.
    const line = stderr.split(/\r?\n/).map((l) => l.trim()).filter((l) => /[A-Za-z]{2}/.test(l)).pop() ?? '(nothing on stderr)';
    const shown = this.hidden.mask(this.secrets.mask(line));
    return shown.length > 1000 ? `${shown.slice(0, 1000)}…` : shown;
  }

  private async slot(): Promise<void> {
    if (this.active < (this.options.concurrency ?? DEFAULTS.storeConcurrency)) this.active++;
    else await new Promise<void>((r) => this.queue.push(r)); // release() hands its slot over
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.active--;
  }
}
