// The `_entities` resolver of subgraphs/shared/entities.ts: the same answers as @apollo/subgraph's for
// every kind of reference, with no promise for a reference resolved to a plain object.
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { leanEntities } from '../../subgraphs/shared/entities.js';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Employment @key(fields: "employmentNumber") { employmentNumber: ID! grade: Int }
  type OrgUnit @key(fields: "opusId") { opusId: ID! name: String }
  type Person @key(fields: "id") { id: ID! }
  interface Node @key(fields: "id") { id: ID! }
  type Document implements Node @key(fields: "id") { id: ID! title: String }
  type Query { ping: Boolean }
`);

function schema(lean: boolean): GraphQLSchema {
  const built = buildSubgraphSchema({
    typeDefs,
    resolvers: {
      // A fresh object, as the subgraphs' reference resolvers answer.
      Employment: { __resolveReference: (ref: { employmentNumber: string }) => ({ employmentNumber: ref.employmentNumber, grade: Number(ref.employmentNumber) % 7 }) },
      // A promise, and null for a unit that does not exist.
      OrgUnit: { __resolveReference: async (ref: { opusId: string }) => (ref.opusId === '0' ? null : { opusId: ref.opusId, name: `Enhed ${ref.opusId}` }) },
      // No reference resolver: the representation itself.
      Node: { __resolveReference: (ref: { id: string }) => ({ __typename: 'Document', id: ref.id, title: 'Referat' }), __resolveType: () => 'Document' },
    } as never,
  });
  return lean ? leanEntities(built) : built;
}

const QUERY = parse(`query($r: [_Any!]!) { _entities(representations: $r) {
  __typename
  ... on Employment { employmentNumber grade }
  ... on OrgUnit { opusId name }
  ... on Person { id }
  ... on Document { id title }
} }`);

async function both(representations: object[]) {
  const run = (s: GraphQLSchema) => execute({ schema: s, document: QUERY, variableValues: { r: representations }, contextValue: {} });
  return { apollo: await run(schema(false)), lean: await run(schema(true)) };
}

describe('leanEntities', () => {
  it('answers object entities as @apollo/subgraph does: resolved, promised, missing and pass-through references', async () => {
    const { apollo, lean } = await both([
      { __typename: 'Employment', employmentNumber: '100' },
      { __typename: 'OrgUnit', opusId: '31502' },
      { __typename: 'OrgUnit', opusId: '0' },
      { __typename: 'Person', id: 'p-1' },
      { __typename: 'Employment', employmentNumber: '101' },
    ]);
    expect(lean).toEqual(apollo);
    expect(lean.errors).toBeUndefined();
    expect(lean.data?._entities).toEqual([
      { __typename: 'Employment', employmentNumber: '100', grade: 2 },
      { __typename: 'OrgUnit', opusId: '31502', name: 'Enhed 31502' },
      null,
      { __typename: 'Person', id: 'p-1' },
      { __typename: 'Employment', employmentNumber: '101', grade: 3 },
    ]);
  });

  it('leaves interface entities and unknown types to @apollo/subgraph', async () => {
    const viaInterface = await both([{ __typename: 'Node', id: 'd-1' }]);
    expect(viaInterface.lean).toEqual(viaInterface.apollo);
    expect(viaInterface.lean.data?._entities).toEqual([{ __typename: 'Document', id: 'd-1', title: 'Referat' }]);

    const unknown = await both([{ __typename: 'Employment', employmentNumber: '1' }, { __typename: 'Nothing', id: 'x' }]);
    expect(unknown.lean).toEqual(unknown.apollo);
    expect(unknown.lean.errors?.[0].message).toMatch(/no object or interface type of that name/);
  });

  it('answers a reference resolved to a plain object without a promise, marked with its type', () => {
    const s = schema(true);
    const entities = s.getQueryType()!.getFields()._entities.resolve!;
    const answers = entities(undefined, { representations: [{ __typename: 'Employment', employmentNumber: '100' }, { __typename: 'OrgUnit', opusId: '1' }] }, {}, { schema: s } as never) as unknown[];
    expect(answers[0]).toEqual({ employmentNumber: '100', grade: 2, __typename: 'Employment' });
    expect(answers[1]).toBeInstanceOf(Promise);
    // @apollo/subgraph's own answers a promise for every reference.
    const apollo = schema(false).getQueryType()!.getFields()._entities.resolve!;
    const theirs = apollo(undefined, { representations: [{ __typename: 'Employment', employmentNumber: '100' }] }, {}, { schema: schema(false) } as never) as unknown[];
    expect(theirs[0]).toBeInstanceOf(Promise);
  });
});
