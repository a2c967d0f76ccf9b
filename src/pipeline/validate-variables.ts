import { error } from '../diagnostics.js';
import type { VariablesSchema } from '../io/load-schemas.js';
import type { Diagnostic, Loc } from '../types.js';
import { describeSchemaError, relevantErrors, type SchemaError } from './schema-errors.js';

export interface VariablesInput {
  env: string;
  /** The variables the templates use that are set, by name. */
  values: Record<string, string>;
  /** Every variable the templates use, with each place it is used. */
  uses: Map<string, Loc[]>;
  /** The schemas that apply to this environment, in order. */
  schemas: VariablesSchema[];
  /** Variables already reported as unset here: their `required` would say it twice. */
  reportedUnset: ReadonlySet<string>;
}

/**
 * Validate an environment's variables against its schemas, and report
 * variables the templates use that no schema declares. Messages quote the
 * rule and the schema pointer, never the value.
 */
export function validateVariables(input: VariablesInput): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (!input.schemas.length) return diagnostics;
  for (const s of input.schemas) {
    if (s.validate(input.values)) continue;
    for (const e of relevantErrors((s.validate.errors ?? []) as SchemaError[])) {
      const name = variableOf(e);
      if (e.keyword === 'required' && name && input.reportedUnset.has(name)) continue;
      const places = (name && input.uses.get(name)) || [];
      const where = places[0] ? locOf(places[0]) : { file: s.file };
      const also = places.length > 1 ? `; also used at ${places.slice(1).map((p) => `${p.file}:${p.line}:${p.col}`).join(', ')}` : '';
      const rule = `${s.file}${e.schemaPath}`;
      const subject = name ?? 'the variables';
      const what = e.keyword === 'required' && !e.instancePath ? 'is required by the schema and is not set' : describeSchemaError(e, s.schema);
      diagnostics.push(error('variable-schema', `${subject} ${what} (${rule})${also}`, { ...where, variable: name, env: input.env, rule }));
    }
  }
  const declared = declaredBy(input.schemas);
  for (const [name, places] of input.uses) {
    if (declared(name)) continue;
    const files = input.schemas.map((s) => s.file).join(' or ');
    diagnostics.push(error('undeclared-variable', `${name} is used but not declared in ${files} (add it under "properties")`, { ...locOf(places[0]), variable: name, env: input.env }));
  }
  return diagnostics;
}

const locOf = ({ file, line, col }: Loc): Loc => ({ file, line, col });

function variableOf(e: SchemaError): string | undefined {
  if (e.keyword === 'required' && !e.instancePath) return String(e.params.missingProperty);
  if (e.keyword === 'additionalProperties' && !e.instancePath) return String(e.params.additionalProperty);
  const first = e.instancePath.split('/')[1];
  return first ? first.replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

/** A name is declared by `properties` or matched by `patternProperties` of any schema. */
function declaredBy(schemas: VariablesSchema[]): (name: string) => boolean {
  const names = new Set<string>();
  const patterns: RegExp[] = [];
  for (const s of schemas) {
    const props = s.schema.properties;
    if (props && typeof props === 'object') Object.keys(props).forEach((k) => names.add(k));
    const pp = s.schema.patternProperties;
    if (pp && typeof pp === 'object') Object.keys(pp).forEach((p) => patterns.push(new RegExp(p, 'u')));
  }
  return (name) => names.has(name) || patterns.some((p) => p.test(name));
}

/** A name matched by some schema's `patternProperties`. */
export function declaredByPattern(schemas: VariablesSchema[], name: string): boolean {
  return schemas.some((s) => Object.keys((s.schema.patternProperties as object | undefined) ?? {}).some((p) => new RegExp(p, 'u').test(name)));
}

/** The schema of one variable in each schema, for rules that read it (writeOnly, minLength, ...). */
export function propertySchemas(schemas: VariablesSchema[], name: string): Record<string, unknown>[] {
  return schemas
    .map((s) => (s.schema.properties as Record<string, unknown> | undefined)?.[name])
    .filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null);
}
