// A unit's Adresser and Opgaver (KLE) are most of its FK ORG XML. The request's loader reads units
// without them unless the operation selects a field that needs them, anywhere, fragments included;
// a unit that came without is read again only if such a field still asks (withRelations).
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { OrgSource, OrgUnitCore, OrgUnitRecord } from '../../sources/fkorg/OrgSource.js';
import { createLoaders } from '../../subgraphs/shared/loaders.js';
import { fieldsOf } from '../../subgraphs/shared/operationFields.js';
import type { Sources } from '../../subgraphs/shared/sources.js';
import type { SubgraphContext } from '../../subgraphs/shared/context.js';
import { toParent, withRelations } from '../../subgraphs/organisation/units.js';

const ID = '0c3b8a2e-4d7e-4f6b-9a51-0f7e0a1b2c3d';
const core: OrgUnitCore = { id: ID, opusId: '101', versions: [], costCenter: '' };
const record: OrgUnitRecord = { ...core, addressRefs: [{ id: 'a1', type: 'Email', roleId: null }], kle: [] };

function sourcesCounting() {
  const calls: string[] = [];
  const org = {
    unitRecords: async (ids: readonly string[]) => (calls.push(`unitRecords:${ids.length}`), new Map(ids.map((id) => [id, { ...record, id }]))),
    unitCores: async (ids: readonly string[]) => (calls.push(`unitCores:${ids.length}`), new Map(ids.map((id) => [id, { ...core, id }]))),
  } as unknown as OrgSource;
  return { sources: { org, opus: {} } as unknown as Sources, calls };
}

async function readWith(operation: string | undefined) {
  const { sources, calls } = sourcesCounting();
  const loaders = createLoaders(sources, { batching: true }, { fields: operation === undefined ? undefined : fieldsOf(parse(operation)) });
  const unit = await loaders.orgUnits.load(ID);
  return { unit, calls };
}

describe("a request's FK ORG units", () => {
  it('are read without their relations when the operation selects neither addresses nor KLE', async () => {
    const { unit, calls } = await readWith('{ orgUnits(first: 500) { nodes { name parent { name unitType { key } } } } }');
    expect(calls).toEqual(['unitCores:1']);
    expect(unit).not.toHaveProperty('addressRefs');
  });

  it.each([
    ['addresses', 'query($id: ID!) { orgUnit(id: $id) { addresses { value } } }'],
    ['kle', '{ orgUnits { nodes { name children { kle } } } }'],
    ['kleTasks in a fragment', 'query { orgUnit(id: "x") { ...F } } fragment F on OrgUnit { kleTasks { number } }'],
    ['kle in an inline fragment of an entity fetch', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on OrgUnit { kle } } }'],
  ])('are read whole when the operation selects %s', async (_what, operation) => {
    const { unit, calls } = await readWith(operation);
    expect(calls).toEqual(['unitRecords:1']);
    expect(unit).toHaveProperty('addressRefs');
  });

  it('are read whole where no operation was resolved (resolvers called directly)', async () => {
    expect((await readWith(undefined)).calls).toEqual(['unitRecords:1']);
  });

  it('give a field that needs the relations a second read only for a unit that came without them', async () => {
    const { sources, calls } = sourcesCounting();
    const ctx = { operation: { fields: fieldsOf(parse('{ orgUnits { nodes { name } } }')) } } as SubgraphContext;
    ctx.loaders = createLoaders(sources, { batching: true }, ctx.operation);
    const bare = toParent((await ctx.loaders.orgUnits.load(ID))!, '2026-12-01');
    expect((await withRelations(ctx, bare))?.addressRefs).toEqual(record.addressRefs);
    expect((await withRelations(ctx, toParent(record, '2026-12-01')))?.addressRefs).toEqual(record.addressRefs);
    expect(calls).toEqual(['unitCores:1', 'unitRecords:1']);
  });
});
