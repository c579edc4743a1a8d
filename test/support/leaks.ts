// A leak detector for answers: walks an answer's data beside the client schema and reports every
// non-null value of a field whose @access policy (read from the checked-in subgraph SDLs, the same
// directives guard.ts enforces) asks for a scope the caller does not hold, every CPR-shaped value a
// caller without `employee:cpr` got, and every protected address shown without its scope.
import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isObjectType, Kind, parse, type GraphQLSchema, type StringValueNode, type ListValueNode } from 'graphql';

const SUBGRAPH_SDLS = ['employee', 'organisation', 'absence', 'payroll'].map((name) => new URL(`../../schema/${name}.graphql`, import.meta.url));
const API_SDL = new URL('../../schema/api.graphql', import.meta.url);
/** Ten digits, DDMMYY then four, with or without the hyphen (the same shape the logs mask). */
const CPR_SHAPED = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)/;

/** `Type.field` → the scopes its @access directive asks for, over every subgraph. */
export function accessPolicies(): Map<string, string[]> {
  const policies = new Map<string, string[]>();
  for (const file of SUBGRAPH_SDLS) {
    for (const def of parse(readFileSync(file, 'utf8')).definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      for (const field of def.fields ?? []) {
        const access = field.directives?.find((d) => d.name.value === 'access');
        const scopes = access?.arguments?.find((a) => a.name.value === 'scopes')?.value as ListValueNode | undefined;
        if (scopes) policies.set(`${def.name.value}.${field.name.value}`, scopes.values.map((v) => (v as StringValueNode).value));
      }
    }
  }
  return policies;
}

let api: GraphQLSchema | undefined;
const apiSchema = () => (api ??= buildSchema(readFileSync(API_SDL, 'utf8')));

export interface Leak {
  path: string;
  reason: string;
}

/**
 * The leaks in `data` (an answer to a query without aliases, rooted at `rootType`) for a caller
 * holding `scopes`. `_entities` answers are walked by each entity's `__typename`.
 */
export function findLeaks(data: unknown, scopes: ReadonlySet<string>, rootType = 'Query', policies = accessPolicies()): Leak[] {
  const schema = apiSchema();
  const leaks: Leak[] = [];
  const held = (needed: string[] | undefined) => !needed || needed.every((s) => scopes.has(s));

  const walk = (value: unknown, typeName: string | undefined, path: string) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, typeName, `${path}.${i}`));
    if (typeof value === 'string' && !scopes.has('employee:cpr') && CPR_SHAPED.test(value)) leaks.push({ path, reason: 'a CPR-shaped value without employee:cpr' });
    if (typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const type = schema.getType(typeof record.__typename === 'string' ? record.__typename : (typeName ?? ''));
    if (type?.name === 'HomeAddress' && record.protected === true && !scopes.has('employee:protected-address')) {
      for (const f of ['street', 'postalCode', 'city', 'country']) if (record[f] != null) leaks.push({ path: `${path}.${f}`, reason: 'a protected address without employee:protected-address' });
    }
    for (const [key, child] of Object.entries(record)) {
      if (key === '__typename' || child === null || child === undefined) continue;
      const fieldPath = path ? `${path}.${key}` : key;
      if (key === '_entities') {
        walk(child, undefined, fieldPath);
        continue;
      }
      if (!type || !isObjectType(type)) {
        leaks.push({ path: fieldPath, reason: `no type known to check ${key} against` });
        continue;
      }
      const field = type.getFields()[key];
      if (!field) {
        leaks.push({ path: fieldPath, reason: `${type.name}.${key} is not in the client schema` });
        continue;
      }
      const needed = policies.get(`${type.name}.${key}`);
      if (!held(needed)) leaks.push({ path: fieldPath, reason: `${type.name}.${key} needs ${needed!.join(' and ')}` });
      walk(child, getNamedType(field.type).name, fieldPath);
    }
  };
  walk(data, rootType, '');
  return leaks;
}
