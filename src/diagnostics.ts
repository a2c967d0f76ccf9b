import type { Code } from './codes.js';
import type { Diagnostic, Loc } from './types.js';

/** Where a diagnostic points, and what it is about. */
export type DiagnosticWhere = Partial<Loc> & { variable?: string; env?: string; rule?: string };

/** Build an error diagnostic at an optional location. */
export function error(code: Code, message: string, at: DiagnosticWhere = {}): Diagnostic {
  return { code, severity: 'error', message, ...clean(at) };
}

/** Build a warning diagnostic at an optional location. */
export function warning(code: Code, message: string, at: DiagnosticWhere = {}): Diagnostic {
  return { code, severity: 'warning', message, ...clean(at) };
}

function clean<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const hasErrors = (diagnostics: Diagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');

/** Sort by file, line, column, then environment, and drop repeats, so output is the same every run. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => [d.file ?? '', d.line ?? 0, d.col ?? 0, d.env ?? '', d.code, d.message] as const;
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const k = JSON.stringify(d);
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return unique.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] < kb[i]) return -1;
      if (ka[i] > kb[i]) return 1;
    }
    return 0;
  });
}

/** `file:line:col: error: message [code] (environment staging)` */
export function formatDiagnostic(d: Diagnostic, paint: (s: string, color: 'red' | 'yellow' | 'dim') => string = (s) => s): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}:${d.col ?? 1}` : ''}: ` : '';
  const label = d.severity === 'error' ? paint('error', 'red') : paint('warning', 'yellow');
  const env = d.env ? ` (environment ${d.env})` : '';
  return `${where}${label}: ${d.message}${env} ${paint(`[${d.code}]`, 'dim')}`;
}
