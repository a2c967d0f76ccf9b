/**
 * The JSON reporter (`--format json`): one document on stdout per command,
 * `{version, kustenv, command, status, ...facts, diagnostics}`. Its shape is
 * documented in docs/json-and-api.md and stable. Names and states, never a value.
 */
import type { EnvironmentDiff } from '../../commands/diff.js';
import { VERSION } from '../../version.js';
import type { Diagnostic } from '../../types.js';
import type { Out, Reporter } from '../report.js';

/** The JSON document every command prints with `--format json`. */
export function json(out: Out, command: string, status: number, body: Record<string, unknown>, diagnostics: Diagnostic[]): void {
  out.stdout(`${JSON.stringify({ version: 1, kustenv: VERSION, command, status, ...body, diagnostics }, null, 2)}\n`);
}

const diffFacts = (d: EnvironmentDiff) => ({ name: d.name, output: d.output, changed: d.changed, added: d.added, removed: d.removed, modified: d.modified });

export const jsonReporter: Reporter = {
  run(out, command, result) {
    const environments = result.environments.map(({ name, production, output, documents, changed, written, variables }) => ({ name, production, output, documents, changed, written, variables }));
    json(out, command, result.status, { variables: result.variables, environments, stores: result.stores ?? [] }, result.diagnostics);
  },
  diff(out, result, status) {
    json(out, 'diff', status, { environments: result.diffs.map(diffFacts) }, result.diagnostics);
  },
  review(out, result) {
    json(out, 'diff', result.status, { against: result.ref, base: result.base, templates: result.templates, schemas: result.schemas, environments: result.environments }, result.diagnostics);
  },
  build(out, env, result) {
    json(out, 'build', result.status, { environment: env }, result.diagnostics);
  },
  apply(out, env, result) {
    // kubectl's own words (masked) go to stderr, as in text: stdout stays the one JSON document.
    if (result.stderr) out.stderr(result.stderr);
    json(out, 'apply', result.status, { environment: env, applied: result.applied, command: result.command ?? null, kubectlExit: result.kubectlExit ?? null, environments: result.diffs.map(diffFacts) }, result.diagnostics);
  },
  vars(out, result) {
    json(out, 'vars', result.status, { variables: result.variables, environments: result.environments }, result.diagnostics);
  },
  generate(out, command, result) {
    json(out, command, result.status, { environment: result.environment, file: result.file ?? null, [command === 'generate' ? 'generated' : 'rotated']: result.generated, hint: result.hint ?? null }, result.diagnostics);
  },
  init(out, result) {
    json(out, 'init', result.status, { created: result.created, updated: result.updated, kept: result.kept, next: result.next ?? null }, []);
  },
  verify(out, result) {
    json(out, 'verify', result.status, { environment: result.environment, context: result.context ?? null, objects: result.objects, summary: result.summary }, result.diagnostics);
  },
};
