/** kustenv's public API: the same pipeline as the CLI, returning results. */
export { check, render } from './api.js';
export { diff, diffAgainst } from './diff.js';
export type { AgainstResult, DiffOptions, DiffResult, EnvironmentDiff, TemplateChange } from './diff.js';
export { apply, build } from './cluster.js';
export { vars, toDotenv } from './vars.js';
export type { VarsResult } from './vars.js';
export { init } from './init.js';
export { generate, rotate } from './generate.js';
export type { GenerateOptions, GenerateResult } from './generate.js';
export { verify } from './verify.js';
export type { LiveKey, LiveObject, VerifyOptions, VerifyResult, VerifySummary } from './verify.js';
export type { InitResult } from './init.js';
export type { ApplyOptions, ApplyResult, BuildOptions, BuildResult } from './cluster.js';
export type { EnvironmentResult, RenderOptions, RunResult, StoreReport, VariableInfo, VariableReport } from './api.js';
export type { RunOptions } from './options.js';
export type { Diagnostic, Severity, SourceConfig, StoreSpec, ValueSource } from './types.js';
export { parsePlaceholders, expandPlaceholders } from './pipeline/placeholders.js';
export { VERSION } from './version.js';
