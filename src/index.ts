/** kustenv's public API: the same pipeline as the CLI, returning results. */
export { check, render } from './api.js';
export type { EnvironmentResult, RenderOptions, RunResult, VariableReport } from './api.js';
export type { RunOptions } from './options.js';
export type { Diagnostic, Severity, ValueSource } from './types.js';
export { parsePlaceholders, expandPlaceholders } from './pipeline/placeholders.js';
export { VERSION } from './version.js';
