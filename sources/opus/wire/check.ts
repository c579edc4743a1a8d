// Checking a wire value against its declared schema. Each schema is compiled once, at module load,
// into one JIT-compiled check (typebox/compile); the success path is that one call. Only when it fails
// are the errors collected and turned into a WireShapeError naming the offending field, as
// `Medarbejdere[0].Kontraktindhold.Stilling: expected a string`.
import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';

/** A wire value did not have the expected shape. `path` names the field, never its value. */
export class WireShapeError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path}: expected ${expected}`);
    this.name = 'WireShapeError';
  }
}

/** Checks a value at `path` against `schema`; returns it typed, or throws a WireShapeError. */
export type Checker<S extends TSchema> = (v: unknown, path: string) => Static<S>;

export function checker<S extends TSchema>(schema: S): Checker<S> {
  const compiled = Compile(schema);
  return (v, path) => {
    if (compiled.Check(v)) return v as Static<S>;
    throw shapeError(schema, compiled.Errors(v), path);
  };
}

/**
 * The most specific error: the deepest field, and there the union itself rather than each of its
 * branches, so "a code (string or integer)" is reported instead of "a string".
 */
function shapeError(root: TSchema, errors: TLocalizedValidationError[], path: string): WireShapeError {
  if (errors.length === 0) return new WireShapeError(path, 'the declared shape');
  let best = errors[0];
  for (const e of errors) {
    const depth = e.instancePath.length - best.instancePath.length;
    if (depth > 0 || (depth === 0 && e.keyword === 'anyOf' && best.keyword !== 'anyOf')) best = e;
  }
  let at = fieldPath(path, best.instancePath);
  let schema = schemaAt(root, best.schemaPath);
  if (best.keyword === 'required') {
    const missing = (best.params as { requiredProperties: string[] }).requiredProperties[0];
    at = at === '' ? missing : `${at}.${missing}`;
    schema = (schema as { properties?: Record<string, TSchema> } | undefined)?.properties?.[missing];
  }
  return new WireShapeError(at, describe(schema));
}

/** JSON pointer `/Medarbejdere/0/Stilling` below `path` as `path.Medarbejdere[0].Stilling`. */
function fieldPath(path: string, pointer: string): string {
  let out = path;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(key) ? `[${key}]` : out === '' ? key : `.${key}`;
  }
  return out;
}

function schemaAt(root: TSchema, schemaPath: string): TSchema | undefined {
  let s: unknown = root;
  for (const key of schemaPath.replace(/^#/, '').split('/').slice(1)) s = (s as Record<string, unknown> | undefined)?.[key];
  return s as TSchema | undefined;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
  null: 'null',
};

/** What a schema expects, in words: its description, or its type or allowed values. */
function describe(schema: TSchema | undefined): string {
  const s = schema as { description?: string; type?: string; enum?: unknown[]; const?: unknown } | undefined;
  if (s?.description) return s.description;
  if (s?.enum) return `one of ${s.enum.join(', ')}`;
  if (s?.const !== undefined) return JSON.stringify(s.const);
  return (s?.type && TYPE_NAMES[s.type]) ?? 'the declared shape';
}

/** A list the caller walks itself, each item checked on its own. */
export function list(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new WireShapeError(path, 'an array');
  return v;
}
