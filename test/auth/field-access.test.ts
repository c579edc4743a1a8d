// The negative matrix: every field the subgraph SDLs guard with @access, asked for through the gateway
// by a token that lacks one of its scopes, comes back null with FORBIDDEN on its path, while the
// rest of the query still answers. New guarded fields join the matrix by themselves.
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isCompositeType,
  isNonNullType,
  Kind,
  parse,
  valueFromASTUntyped,
  type GraphQLField,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { SUBGRAPHS } from '../../subgraphs/index.js';
import { ALL_SCOPES, type Scope } from '../../platform/auth/scopes.js';
import { versionOn } from '../../subgraphs/shared/dates.js';
import { personIds } from '../../platform/personId.js';
import { post } from '../support/http.js';
import { testStack } from '../support/stack.js';

interface Guarded {
  subgraph: string;
  type: string;
  field: string;
  scopes: Scope[];
}

const schemaDir = new URL('../../schema/', import.meta.url);

function guardedFields(): Guarded[] {
  const out: Guarded[] = [];
  for (const subgraph of SUBGRAPHS) {
    const doc = parse(readFileSync(new URL(`${subgraph}.graphql`, schemaDir), 'utf8'));
    for (const def of doc.definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      for (const field of (def as ObjectTypeDefinitionNode | ObjectTypeExtensionNode).fields ?? []) {
        // Hidden from the API: only the gateway asks for it (for a @requires), never a client.
        if (field.directives?.some((d) => d.name.value === 'inaccessible')) continue;
        const access = field.directives?.find((d) => d.name.value === 'access');
        const scopes = access?.arguments?.find((a) => a.name.value === 'scopes');
        const list = scopes ? (valueFromASTUntyped(scopes.value) as Scope[]) : [];
        if (list.length) out.push({ subgraph, type: def.name.value, field: field.name.value, scopes: list });
      }
    }
  }
  return out;
}

const api = buildSchema(readFileSync(new URL('api.graphql', schemaDir), 'utf8'));
const guarded = guardedFields();

let stack: Stack;
let employmentNumber: string;
let cpr: string;
let unitId: string;
let unitOpusId: string;
beforeAll(async () => {
  stack = await testStack({ employees: 60 });
  const m = stack.municipality;
  // One with an FK ORG user, so fields of ItUser are reached through Employee.itUsers.
  const open = m.opus.employments.find((e) => e.contract.end === null && m.org.users.some((u) => u.employmentNumber === e.employmentNumber && u.to === null))!;
  employmentNumber = open.employmentNumber;
  cpr = open.person.cpr;
  const unit = m.org.units.find((u) => versionOn(u.versions, m.today))!;
  unitId = unit.id;
  unitOpusId = unit.opusId;
});
afterAll(() => stack?.close());

interface Entry {
  /** Scopes the path down to the type needs by itself. */
  needs: Scope[];
  build: (inner: string) => string;
}

/** How a query reaches a field of each type from the root; the first whose path needs no missing scope is used. */
const ENTRY: Record<string, Entry[]> = {
  Query: [{ needs: [], build: (inner) => `query { ${inner} }` }],
  Mutation: [{ needs: [], build: (inner) => `mutation { ${inner} }` }],
  Employment: [{ needs: ['employee:read'], build: (inner) => `query { employment(employmentNumber: "${employmentNumber}") { employmentNumber ${inner} } }` }],
  Employee: [{ needs: ['employee:read'], build: (inner) => `query { employment(employmentNumber: "${employmentNumber}") { employmentNumber employee { id ${inner} } } }` }],
  OrgUnit: [
    { needs: ['org:read'], build: (inner) => `query { orgUnit(id: "${unitId}") { id ${inner} } }` },
    { needs: ['employee:read'], build: (inner) => `query { employment(employmentNumber: "${employmentNumber}") { employmentNumber orgUnit { opusId ${inner} } } }` },
  ],
  WorkforceStatistics: [{ needs: ['statistics:read'], build: (inner) => `query { workforceStatistics(from: "2026-01-01", to: "2026-01-31") { id ${inner} } }` }],
  ItUser: [{ needs: ['employee:read', 'org:read'], build: (inner) => `query { employment(employmentNumber: "${employmentNumber}") { employmentNumber employee { id itUsers { id ${inner} } } } }` }],
};

/** Values for required arguments, by `Type.field.argument`. */
const ARGUMENTS: Record<string, () => string> = {
  'Query.employment.employmentNumber': () => `"${employmentNumber}"`,
  'Query.employmentsByNumber.employmentNumbers': () => `["${employmentNumber}"]`,
  'Query.employee.id': () => `"${personIds().fromCpr(cpr)}"`,
  'Query.employeesByCpr.cprs': () => `["${cpr}"]`,
  'Mutation.updateCommunication.employmentNumber': () => `"${employmentNumber}"`,
  'Mutation.updateCommunication.input': () => '{ mobilePhone: "20 12 34 56" }',
  'Mutation.updateCommunication.idempotencyKey': () => '"field-access-matrix"',
  'Mutation.updatePersonalData.employmentNumber': () => `"${employmentNumber}"`,
  // Not a Danish postal code: with the scope, refused as bad input and nothing sent.
  'Mutation.updatePersonalData.input': () => '{ address: { postalCode: "0999" } }',
  'Mutation.updatePersonalData.idempotencyKey': () => '"field-access-matrix"',
  'Query.orgUnit.id': () => `"${unitId}"`,
  'Query.orgUnitByOpusId.opusId': () => `"${unitOpusId}"`,
  'Mutation.submitOneOffPayments.employmentNumber': () => `"${employmentNumber}"`,
  // Without an idempotency key nothing is sent, even with every scope.
  'Mutation.submitOneOffPayments.payments': () => '[{ wageType: "1234", sequence: 1, quantity: 1, startDate: "2026-11-01" }]',
  // A lønart that is not one: with the scope, refused as bad input and nothing sent.
  'Mutation.submitOneOffPaymentsBulk.submissions': () => `[{ employmentNumber: "${employmentNumber}", payments: [{ wageType: "12", sequence: 1, quantity: 1, startDate: "2026-11-01" }] }]`,
  'Mutation.submitOneOffPaymentsBulk.idempotencyKey': () => '"field-access-matrix"',
  'Mutation.submitFixedPayItems.employmentNumber': () => `"${employmentNumber}"`,
  // Stopping an item nobody has: with the scope, Opus refuses it and nothing changes.
  'Mutation.submitFixedPayItems.items': () => '[{ action: STOP, wageType: "1120", validFrom: "1990-01-01", validTo: "1990-12-31" }]',
  'Mutation.submitFixedPayItems.idempotencyKey': () => '"field-access-matrix"',
  'OrgUnit.absenceStatistics.from': () => '"2026-01-01"',
  'OrgUnit.absenceStatistics.to': () => '"2026-01-31"',
  'Query.workforceStatistics.from': () => '"2026-01-01"',
  'Query.workforceStatistics.to': () => '"2026-01-31"',
  'OrgUnit.workforceStatistics.from': () => '"2026-01-01"',
  'OrgUnit.workforceStatistics.to': () => '"2026-01-31"',
};

function selection(type: string, field: GraphQLField<unknown, unknown>): string {
  const args = field.args
    .filter((a) => isNonNullType(a.type) && a.defaultValue === undefined)
    .map((a) => {
      const value = ARGUMENTS[`${type}.${field.name}.${a.name}`];
      if (!value) throw new Error(`Add a value for the required argument ${type}.${field.name}(${a.name}:) to ARGUMENTS`);
      return `${a.name}: ${value()}`;
    });
  const sub = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${field.name}${args.length ? `(${args.join(', ')})` : ''}${sub}`;
}

/** The query, and whether its path to the field avoids the missing scope (else the path itself is forbidden). */
function queryFor(g: Guarded, missing: Scope): { query: string; pathAllowed: boolean } {
  const entries = ENTRY[g.type];
  if (!entries) throw new Error(`No entry path for type ${g.type}: add one to ENTRY`);
  const entry = entries.find((e) => !e.needs.includes(missing)) ?? entries[0];
  const type = api.getType(g.type);
  const field = type && 'getFields' in type ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>)[g.field] : undefined;
  if (!field) throw new Error(`${g.type}.${g.field} is not in schema/api.graphql`);
  return { query: entry.build(selection(g.type, field)), pathAllowed: !entry.needs.includes(missing) };
}

describe('field-level access', () => {
  it('finds the guarded fields of every subgraph', () => {
    expect(new Set(guarded.map((g) => g.subgraph))).toEqual(new Set(SUBGRAPHS));
  });

  const cases = guarded.flatMap((g) => g.scopes.map((missing) => ({ ...g, missing, name: `${g.type}.${g.field} without ${missing}` })));
  it.each(cases)('$name: null and FORBIDDEN on its path', async (g) => {
    const { query, pathAllowed } = queryFor(g, g.missing);
    const without = await post(stack.url, query, undefined, await stack.headers({ scopes: ALL_SCOPES.filter((s) => s !== g.missing) }));
    expect(without.status).toBe(200);
    const forbidden = (without.body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN');
    expect(forbidden, JSON.stringify(without.body.errors)).toHaveLength(1);
    expect(forbidden[0].extensions?.requiredScopes).toContain(g.missing);
    // Where the path to the field is readable, exactly the field is null and its parent still answers.
    if (pathAllowed) expect(forbidden[0].path?.at(-1)).toBe(g.field);
    let node: any = without.body.data;
    for (const step of forbidden[0].path!.slice(0, -1)) node = node?.[step];
    expect(node, 'the parent of the forbidden field').not.toBeNull();
    expect(node[forbidden[0].path!.at(-1)!]).toBeNull();

    // With every scope the same query is not forbidden (so the matrix cannot pass by refusing everything).
    const withAll = await post(stack.url, query, undefined, await stack.headers());
    expect((withAll.body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN')).toEqual([]);
  });
});
