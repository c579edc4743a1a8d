// What the gateway makes of subgraph answers the schema does not allow, or that come with errors:
// values of the wrong type, nulls in non-null fields, unknown __typenames, entity errors with paths,
// a failed fetch, a wrong number of entities. Our subgraphs never answer so; a fault in one could. The
// gateway's own execution must answer exactly as @apollo/gateway does. Both run here in Apollo Server
// over a small supergraph whose two subgraphs are stand-ins answering what each case says.
import { ApolloServer } from '@apollo/server';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { composeServices } from '@apollo/composition';
import { GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FederatedGateway } from '../../gateway/execution/federatedGateway.js';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const composed = composeServices([
  {
    name: 'units',
    url: 'http://units.invalid/graphql',
    typeDefs: parse(`${LINK}
      type Query { units: [Unit!]! unit(id: ID!): Unit }
      type Unit @key(fields: "id") { id: ID! name: String! kind: Kind count: Int }
      enum Kind { TEAM DEPT }`),
  },
  {
    name: 'people',
    url: 'http://people.invalid/graphql',
    typeDefs: parse(`${LINK}
      type Unit @key(fields: "id") { id: ID! staff: [Person!]! lead: Person }
      type Person { name: String! age: Int }`),
  },
]);
if (!composed.supergraphSdl) throw new Error(`composition failed: ${composed.errors?.map((e) => e.message).join('; ')}`);
const supergraphSdl = composed.supergraphSdl;

type Answer = (request: { query?: string; variables?: Record<string, unknown> }) => Promise<{ data?: unknown; errors?: unknown[] }> | { data?: unknown; errors?: unknown[] };

/** Both runtimes over stand-in subgraphs; the client's view of each answer. */
async function bothAnswer(answers: Record<'units' | 'people', Answer>, query: string, variables?: Record<string, unknown>): Promise<string> {
  const buildService = ({ name }: { name: string }): GraphQLDataSource<Record<string, any>> => ({
    process: async ({ request }) => (await answers[name as 'units' | 'people'](request)) as never,
  });
  const texts: string[] = [];
  for (const gateway of [new FederatedGateway({ supergraphSdl, buildService }), new ApolloGateway({ supergraphSdl, buildService })]) {
    const server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
    await server.start();
    try {
      const response = await server.executeOperation({ query, variables });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      texts.push(JSON.stringify(response.body.singleResult));
    } finally {
      await server.stop();
    }
  }
  expect(texts[0]).toBe(texts[1]);
  return texts[0];
}

const UNITS = [
  { __typename: 'Unit', id: 'u1', name: 'One', kind: 'TEAM', count: 1 },
  { __typename: 'Unit', id: 'u2', name: 'Two', kind: 'DEPT', count: 2 },
];
const units = (list: unknown[]): Answer => () => ({ data: { units: list } });
const staff = (each: (rep: Record<string, unknown>, i: number) => unknown, errors?: unknown[]): Answer => (request) => ({
  data: { _entities: (request.variables!.representations as Array<Record<string, unknown>>).map(each) },
  ...(errors ? { errors } : {}),
});
const person = (name: string | null, age: unknown = 40) => ({ name, age });
const QUERY = '{ units { id name kind count staff { name age } lead { name } } }';

describe('subgraph answers the schema does not allow, through both runtimes', () => {
  it('answers well-formed data the same', async () => {
    const text = await bothAnswer({ units: units(UNITS), people: staff((r) => ({ staff: [person(`p-${r.id}`)], lead: null })) }, QUERY);
    expect(JSON.parse(text).data.units[1].staff[0].name).toBe('p-u2');
  });

  it('reports an enum value or an Int of the wrong kind beside the data, nulled', async () => {
    const text = await bothAnswer(
      { units: units([{ ...UNITS[0], kind: 'NOPE', count: 'many' }, UNITS[1]]), people: staff(() => ({ staff: [], lead: person('x', 1.5) })) },
      QUERY,
    );
    const body = JSON.parse(text);
    expect(body.data.units[0].kind).toBeNull();
    expect(body.extensions.valueCompletion.map((e: { path: unknown[] }) => e.path)).toEqual([
      ['units', 0, 'kind'],
      ['units', 0, 'count'],
    ]);
  });

  it('nulls up to the nearest nullable field when a non-null one is null', async () => {
    // A person without a name: the staff list is non-null of non-null, so the unit goes, and with it the whole list.
    const text = await bothAnswer({ units: units(UNITS), people: staff((r, i) => ({ staff: [person(i === 1 ? null : 'a')], lead: person(null) })) }, QUERY);
    expect(JSON.parse(text).data).toBeNull();
    await bothAnswer({ units: units(UNITS), people: staff(() => ({ staff: [], lead: person(null) })) }, '{ units { id lead { name age } } }');
  });

  it('refuses an unknown __typename', async () => {
    await bothAnswer({ units: units([{ ...UNITS[0], __typename: 'Nope' }]), people: staff(() => ({ staff: [], lead: null })) }, QUERY);
  });

  it('places an entity fetch\'s errors at the entities\' paths, and keeps the entities that came', async () => {
    const errors = [
      { message: 'no staff for u1', path: ['_entities', 0, 'staff'], extensions: { code: 'SOURCE_UNAVAILABLE' } },
      { message: 'no code', path: ['_entities', 1] },
    ];
    const text = await bothAnswer({ units: units(UNITS), people: staff((r, i) => (i === 0 ? null : { staff: [person('b')], lead: null }), errors) }, '{ units { id staff { name } lead { name } } }');
    expect(JSON.parse(text).errors.map((e: { path: unknown[] }) => e.path)).toEqual([
      ['units', 0, 'staff'],
      ['units', 1],
    ]);
  });

  it('keeps the root fetch\'s data when the entity fetch fails, and reports the failure', async () => {
    const failing: Answer = () => {
      throw new GraphQLError('people is down', { extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
    };
    await bothAnswer({ units: units(UNITS), people: failing }, '{ units { id name lead { name } } }');
    await bothAnswer({ units: units(UNITS), people: staff(() => ({ staff: [], lead: null }), undefined) }, '{ units { id name lead { name } } }');
  });

  it('reports a root field error with its path and the partial data', async () => {
    await bothAnswer(
      { units: () => ({ data: { unit: null }, errors: [{ message: 'gone', path: ['unit'], extensions: { code: 'NOT_FOUND' } }] }), people: staff(() => ({ staff: [] })) },
      'query Q($id: ID!) { unit(id: $id) { id staff { name } } }',
      { id: 'u9' },
    );
  });

  it('answers two entity fetches to one subgraph in one plan step the same, sent as one request or as two', async () => {
    // The gateway merges them into one operation (`_entities0`, `_entities1`); @apollo/gateway sends two.
    const requests: string[] = [];
    const people: Answer = (request) => {
      requests.push(request.query!);
      const data: Record<string, unknown> = {};
      const errors: unknown[] = [];
      for (const [name, value] of Object.entries(request.variables ?? {})) {
        const suffix = /^representations(\d*)$/.exec(name)?.[1];
        if (suffix === undefined) continue;
        const reps = value as Array<Record<string, unknown>>;
        data[`_entities${suffix}`] = reps.map((r) => (r.id === 'u2' ? null : { staff: [person(`p-${r.id}`)], lead: person('boss') }));
        reps.forEach((r, i) => r.id === 'u2' && errors.push({ message: 'u2 is locked', path: [`_entities${suffix}`, i], extensions: { code: 'FORBIDDEN' } }));
      }
      return { data, errors };
    };
    const unitsAnswer: Answer = () => ({ data: { units: UNITS, unit: UNITS[1] } });
    const text = await bothAnswer({ units: unitsAnswer, people }, '{ units { id staff { name } } unit(id: "u2") { id lead { name } } }');
    expect(requests.filter((q) => q.includes('_entities0'))).toHaveLength(1);
    expect(requests.filter((q) => !q.includes('_entities0'))).toHaveLength(2);
    expect(JSON.parse(text).errors.map((e: { path: unknown[] }) => e.path)).toEqual([['units', 1], ['unit']]);
  });

  it('answers aliases named like Object.prototype\'s members, and no answer reaches a prototype', async () => {
    // A plain object inherits `constructor`, `toString`, `__proto__`...: such a response key is read
    // and written as the object's own only. The answers are parsed JSON, as they arrive over HTTP.
    const answered = (json: string): Answer => () => JSON.parse(json);
    const text = await bothAnswer(
      { units: answered('{"data":{"units":[{"__typename":"Unit","constructor":"One","toString":"u1","valueOf":1,"hasOwnProperty":"TEAM","id":"u1"}]}}'), people: staff(() => ({ staff: [], lead: null })) },
      '{ units { constructor: name toString: id valueOf: count hasOwnProperty: kind } }',
    );
    expect(JSON.parse(text).data.units).toEqual([{ constructor: 'One', toString: 'u1', valueOf: 1, hasOwnProperty: 'TEAM' }]);
    // Objects under such keys, from an entity fetch: merged into the entity, never into Object or its prototype.
    const people = answered('{"data":{"_entities":[{"constructor":{"name":"boss"}},{"constructor":{"name":"head"}}]}}');
    const merged = await bothAnswer({ units: units(UNITS), people }, '{ units { id constructor: lead { name } } }');
    expect(JSON.parse(merged).data.units.map((u: { constructor: unknown }) => u.constructor)).toEqual([{ name: 'boss' }, { name: 'head' }]);
    const own = new ApolloServer({ gateway: new FederatedGateway({ supergraphSdl, buildService: ({ name }) => ({ process: async () => JSON.parse(name === 'units' ? JSON.stringify({ data: { units: UNITS } }) : '{"data":{"_entities":[{"__proto__":{"name":"boss","polluted":"yes"}},{"__proto__":null}]}}') }) }) });
    await own.start();
    try {
      const response = await own.executeOperation({ query: '{ units { id __proto__: lead { name } } }' });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      expect(JSON.stringify(response.body.singleResult.data)).toBe('{"units":[{"id":"u1","__proto__":{"name":"boss"}},{"id":"u2","__proto__":null}]}');
    } finally {
      await own.stop();
    }
    expect(Object.hasOwn(Object.prototype, 'polluted') || Object.hasOwn(Object.prototype, 'name')).toBe(false);
    expect(Object.name).toBe('Object');
  });

  it('refuses a wrong number of entities', async () => {
    await bothAnswer({ units: units(UNITS), people: () => ({ data: { _entities: [{ staff: [], lead: null }] } }) }, '{ units { id lead { name } } }');
  });
});
