/**
 * Turn ajv errors into sentences that never hold the data being checked.
 * ajv's own messages and some params (`allowedValue(s)` of const and enum)
 * may equal the rejected value, so only the keyword, schema constants such as
 * limits and formats, property names and the schema's own titles are used.
 */

/** The fields of an ajv error that are safe to read (ajv is run without `verbose`). */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  propertyName?: string;
}

/** Drop the noise: errors inside a failed anyOf/oneOf branch, inside propertyNames, and `if`. */
export function relevantErrors(errors: readonly SchemaError[]): SchemaError[] {
  const branches = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  return errors.filter((e) => e.keyword !== 'if' && e.propertyName === undefined && !branches.some((b) => e.schemaPath.startsWith(b)));
}

/** What the error says, in words, for the value at its instance path. */
export function describeSchemaError(e: SchemaError, schema: unknown): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return `needs "${String(p.missingProperty)}"`;
    case 'minLength':
      return `must be at least ${String(p.limit)} characters long`;
    case 'maxLength':
      return `must be at most ${String(p.limit)} characters long`;
    case 'pattern':
      return `does not match the pattern ${String(p.pattern)}`;
    case 'format':
      return `is not a valid ${String(p.format)}`;
    case 'type':
      return `must be of type ${String(p.type)}`;
    case 'const':
    case 'enum':
      return 'is not one of the allowed values';
    case 'not':
      return 'is a value the schema forbids (not)';
    case 'propertyNames':
      return `key "${String(p.propertyName)}" is not a valid key`;
    case 'additionalProperties':
      return `"${String(p.additionalProperty)}" is not allowed`;
    case 'anyOf':
    case 'oneOf':
      return titleAt(schema, e.schemaPath) ?? `matches none of the allowed forms (${e.keyword})`;
    default:
      return `breaks the ${e.keyword} rule`;
  }
}

/** The `title` of the schema object that holds the keyword at `schemaPath`, if any. */
function titleAt(schema: unknown, schemaPath: string): string | undefined {
  const parts = schemaPath.replace(/^#\//, '').split('/').slice(0, -1);
  let node: unknown = schema;
  for (const raw of parts) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  const title = (node as { title?: unknown } | undefined)?.title;
  return typeof title === 'string' ? title : undefined;
}
