// The municipality's registreringsmønstre and organisations, through the gateway: unit types, function
// types and KLE tasks are Klasse UUIDs resolved from Klassifikation (one `list` on Klasse for the classes
// a load meets, then none) or from FKORG_CLASSES_FILE; a class nobody names is shown as `unknown` with its
// UUID and counted, never dropped; functions of other types are roles on the unit and on the user; and
// FKORG_ORGANISATION_UUID limits the graph to the municipality's own Organisation, or serves several.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { parseClassesConfig } from '../../sources/fkorg/classes.js';
import { ANVISNING_CLASSES } from '../../sources/fkorg/wire.js';
import type { Municipality, OrgUnit } from '../../sources/model.js';
import { isValidOn, versionOn } from '../../subgraphs/shared/dates.js';
import { organisationUuidsFromEnv } from '../../sources/config.js';
import { registry } from '../../platform/metrics.js';
import { post } from '../support/http.js';
import { sampleMunicipality, testStack } from '../support/stack.js';

const UTILITY = '0f4d5c3b-2a19-4e87-9b6a-3c2d1e0f9a01';
const UTILITY_ROOT = '0f4d5c3b-2a19-4e87-9b6a-3c2d1e0f9a02';
const WATERWORKS = '0f4d5c3b-2a19-4e87-9b6a-3c2d1e0f9a03';

/** The sample, plus a utility the municipality administers in FK ORG with two units of its own. */
function withUtility(): Municipality {
  const m = sampleMunicipality(300);
  const afdeling = m.org.classes.find((c) => c.key === 'afdeling')!;
  const unit = (id: string, name: string, parentId: string | null): OrgUnit => ({
    id,
    opusId: `F${id.slice(-2)}`,
    organisationId: UTILITY,
    versions: [{ from: '2015-01-01', to: null, name, shortName: name.slice(0, 4), parentId, unitType: afdeling }],
    addresses: [{ type: 'Email', value: `${name.toLowerCase().replace(/\W/g, '')}@forsyning.dk` }],
    kle: [],
    costCenter: '',
  });
  m.org.otherOrganisations = [{ id: UTILITY, name: 'Eksempel Forsyning A/S', cvr: '25313763', kommunekode: 'FORSYNING' }];
  m.org.units.push(unit(UTILITY_ROOT, 'Eksempel Forsyning', null), unit(WATERWORKS, 'Vandværket', UTILITY_ROOT));
  return m;
}

async function unknownClassesCounted(): Promise<number> {
  const metric = await registry.getSingleMetric('kommunegraf_fkorg_unknown_classes_total')!.get();
  return metric.values[0]?.value ?? 0;
}

describe('classes, roles and organisations', () => {
  let stack: Stack;
  let m: Municipality;
  let auth: Record<string, string>;
  // The Tillidsrepræsentant class is left out of Klassifikation, and named only by the configuration.
  let trClassId: string;
  // One unit type is missing everywhere: shown as unknown.
  let lostTypeId: string;

  beforeAll(async () => {
    m = withUtility();
    trClassId = m.org.classes.find((c) => c.key === 'Tillidsrepræsentant')!.id;
    lostTypeId = m.org.classes.find((c) => c.key === 'forvaltning')!.id;
    m.org.classes = m.org.classes.filter((c) => c.id !== trClassId && c.id !== lostTypeId);
    stack = await testStack({
      municipality: m,
      fkorgClient: {
        organisationUuids: [m.org.organisation.id],
        classesConfig: { classes: { [trClassId]: { key: 'TR', name: 'Tillidsrepræsentant (TR)' } } },
      },
    });
    auth = await stack.headers({ scopes: ['org:read', 'employee:read'] });
  });
  afterAll(() => stack?.close());

  async function query<T = any>(q: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await post(stack.url, q, variables, auth);
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    return res.body.data as T;
  }

  it('names unit types from Klassifikation, reading each class once per load, and shows a class nobody names as unknown', async () => {
    const before = stack.sources.fkorg.calls.filter((c) => c.service === 'klasse').length;
    // The first load read the classes its data points at that the Anvisninger do not fix.
    expect(before).toBeGreaterThan(0);
    const data = await query('{ orgUnits(first: 500) { nodes { id unitType { id key name } } } }');
    const today = m.today;
    for (const node of data.orgUnits.nodes) {
      const expected = versionOn(m.org.units.find((u) => u.id === node.id)!.versions, today)!.unitType;
      if (expected.id === lostTypeId) expect(node.unitType).toEqual({ id: lostTypeId, key: lostTypeId, name: 'unknown' });
      else expect(node.unitType).toEqual({ id: expected.id, key: expected.key, name: expected.name });
    }
    expect(data.orgUnits.nodes.some((n: any) => n.unitType.name === 'unknown')).toBe(true);
    expect(data.orgUnits.nodes.some((n: any) => n.unitType.name === 'Skole')).toBe(true);
    // Known now, and the miss remembered until the next load: no further Klasse calls.
    await query('{ orgUnits(first: 500) { nodes { unitType { name } kle } } }');
    expect(stack.sources.fkorg.calls.filter((c) => c.service === 'klasse').length).toBe(before);
    // Counted once per process, however often it is met.
    expect(await unknownClassesCounted()).toBe(1);
  });

  it('gives the Anvisninger their fixed UUIDs: Leder and Stilling, Afdeling and Team', () => {
    const ids = new Set(m.org.classes.map((c) => c.id));
    for (const c of ANVISNING_CLASSES.filter((a) => ['Leder', 'Stilling', 'afdeling', 'team'].includes(a.key))) expect(ids.has(c.id), c.key).toBe(true);
  });

  it('serves roles on the unit and on the user, named by the configuration where Klassifikation has no class', async () => {
    const today = m.today;
    const roles = m.org.functions.filter((f) => f.type === 'role' && isValidOn(f, today));
    expect(roles.length).toBeGreaterThan(0);
    const role = roles[0];
    const unitId = role.unitIds[0];
    const data = await query(`{ orgUnit(id: "${unitId}") { roles { id title type { id key name } validFrom holders { id } units { id } } } }`);
    const expected = roles.filter((r) => r.unitIds.includes(unitId)).sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id));
    expect(data.orgUnit.roles.map((r: any) => r.id)).toEqual(expected.map((r) => r.id));
    const got = data.orgUnit.roles.find((r: any) => r.id === role.id);
    const expectedType = role.functionType.id === trClassId ? { id: trClassId, key: 'TR', name: 'Tillidsrepræsentant (TR)' } : role.functionType;
    expect(got.type).toEqual(expectedType);
    expect(got.units).toEqual([{ id: unitId }]);
    // Neither a manager nor a position.
    const staff = await query(`{ orgUnit(id: "${unitId}") { positions { id } managers { id inherited } } }`);
    expect(staff.orgUnit.positions.map((p: any) => p.id)).not.toContain(role.id);
    expect(staff.orgUnit.managers.map((p: any) => p.id)).not.toContain(role.id);

    const userId = role.userIds[0];
    const user = m.org.users.find((u) => u.id === userId)!;
    const viaPositions = await query(`{ orgUnit(id: "${unitId}") { itUsers { id roles { id type { key } } } } }`);
    const holder = viaPositions.orgUnit.itUsers.find((u: any) => u.id === user.id);
    if (holder) expect(holder.roles.map((r: any) => r.id)).toContain(role.id);
    const trRoles = data.orgUnit.roles.filter((r: any) => r.type.key === 'TR');
    expect(trRoles.length + data.orgUnit.roles.filter((r: any) => r.type.key === 'Arbejdsmiljørepræsentant').length).toBe(data.orgUnit.roles.length);
  });

  it("limits the graph to the configured Organisation: the utility's units are not served", async () => {
    const data = await query('{ organisations { id name key rootUnits { id name } } orgUnits(first: 500) { totalCount nodes { id organisation { id } } } }');
    expect(data.organisations).toEqual([{ id: m.org.organisation.id, name: m.org.organisation.name, key: m.org.organisation.kommunekode, rootUnits: [expect.objectContaining({ id: expect.any(String) })] }]);
    expect(data.orgUnits.nodes.map((n: any) => n.id)).not.toContain(UTILITY_ROOT);
    expect(data.orgUnits.nodes.every((n: any) => n.organisation.id === m.org.organisation.id)).toBe(true);
    const refused = await post(stack.url, `{ orgUnits(filter: { organisation: "${UTILITY}" }) { totalCount } }`, undefined, auth);
    expect(refused.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('several organisations', () => {
  let stack: Stack;
  let m: Municipality;
  beforeAll(async () => {
    m = withUtility();
    stack = await testStack({ municipality: m, fkorgClient: { organisationUuids: [m.org.organisation.id, UTILITY] } });
  });
  afterAll(() => stack?.close());

  it('serves each configured Organisation with its own units, and filters by one', async () => {
    const auth = await stack.headers({ scopes: ['org:read'] });
    const res = await post(
      stack.url,
      `{ organisations { id name cvr rootUnits { id name children { id name } } } utility: orgUnits(filter: { organisation: "${UTILITY}" }) { nodes { id name organisation { name } } } }`,
      undefined,
      auth,
    );
    expect(res.body.errors).toBeUndefined();
    const { organisations, utility } = res.body.data;
    expect(organisations.map((o: any) => o.name)).toEqual(['Eksempel Forsyning A/S', m.org.organisation.name]);
    expect(organisations[0]).toEqual({ id: UTILITY, name: 'Eksempel Forsyning A/S', cvr: '25313763', rootUnits: [{ id: UTILITY_ROOT, name: 'Eksempel Forsyning', children: [{ id: WATERWORKS, name: 'Vandværket' }] }] });
    expect(utility.nodes).toEqual([
      { id: UTILITY_ROOT, name: 'Eksempel Forsyning', organisation: { name: 'Eksempel Forsyning A/S' } },
      { id: WATERWORKS, name: 'Vandværket', organisation: { name: 'Eksempel Forsyning A/S' } },
    ]);
  });
});

describe('configuration', () => {
  it('reads FKORG_ORGANISATION_UUID as one or more UUIDs and names the variable when one is not', () => {
    expect(organisationUuidsFromEnv({})).toBeUndefined();
    expect(organisationUuidsFromEnv({ FKORG_ORGANISATION_UUID: ` ${UTILITY.toUpperCase()} , ${UTILITY_ROOT}` })).toEqual([UTILITY, UTILITY_ROOT]);
    expect(() => organisationUuidsFromEnv({ FKORG_ORGANISATION_UUID: `${UTILITY},kommunen` })).toThrow(/FKORG_ORGANISATION_UUID.*"kommunen"/);
  });

  it('checks FKORG_CLASSES_FILE and says what is wrong where', () => {
    const source = 'FKORG_CLASSES_FILE x.json';
    expect(parseClassesConfig({ classes: { [UTILITY]: { key: 'Leder', name: 'Leder' } }, addressRoles: { [UTILITY_ROOT]: 'Email' } }, source)).toEqual({
      classes: { [UTILITY]: { key: 'Leder', name: 'Leder' } },
      addressRoles: { [UTILITY_ROOT]: 'Email' },
    });
    expect(() => parseClassesConfig([], source)).toThrow(/^FKORG_CLASSES_FILE x\.json: expected a JSON object/);
    expect(() => parseClassesConfig({ classes: { nope: { key: 'a', name: 'b' } } }, source)).toThrow(/classes: "nope" is not a UUID/);
    expect(() => parseClassesConfig({ classes: { [UTILITY]: { key: 'a' } } }, source)).toThrow(/classes\.0f4d5c3b.*expected \{ "key": string, "name": string \}/);
    expect(() => parseClassesConfig({ addressRoles: { [UTILITY]: 'Fax' } }, source)).toThrow(/addressRoles\.0f4d5c3b.*expected one of Postadresse/);
    expect(() => parseClassesConfig({ klasser: {} }, source)).toThrow(/unknown key\(s\) klasser/);
  });
});
