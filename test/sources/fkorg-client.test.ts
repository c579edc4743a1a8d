// FkOrgSoapClient against the FK ORG simulator over real HTTP (SOAP 1.2): every object type round-trips
// to the same domain objects (versions and the inclusive/exclusive date conversion included), list
// batching and the Adresse look-up make the expected number of calls, soeg and fremsoegobjekthierarki
// page without gaps, and every way FK ORG can fail maps to the right typed error.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'undici';
import type { OrgAddress, OrgClass, OrgSnapshot, OrgUnit } from '../../sources/model.js';
import { nameBasedUuid } from '../../sources/uuid.js';
import { KlasseCatalog } from '../../sources/fkorg/classes.js';
import { FkOrgSoapClient } from '../../sources/fkorg/FkOrgSoapClient.js';
import { SourceError, SourceProtocolError, SourceUnavailableError } from '../../sources/errors.js';
import { FkOrgRejectedError } from '../../sources/fkorg/errors.js';
import { unitFromWire } from '../../sources/fkorg/mapping.js';
import { laesInput } from '../../sources/fkorg/requests.js';
import type { SoapSecurity } from '../../sources/fkorg/security.js';
import { buildRequestEnvelope, soapContentType } from '../../sources/fkorg/soap.js';
import { startFkOrgSimulator, type FkOrgSimulator } from '../../sources/fkorg/simulator.js';
import { ADDRESS_ROLE_OF, SAGDOK_NS, serviceNamespace, soapAction, type AddressKind } from '../../sources/fkorg/wire.js';
import { child, children, parseXml, text, XmlSyntaxError, type XmlNode } from '../../sources/fkorg/xml.js';
import { OPEN_START, intervalToPeriod, periodToVirkningXml, timestampOf, virkningToInterval } from '../../sources/fkorg/virkning.js';

const ORG = '9b7b3dfe-0000-4000-8000-000000000000';
const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ROOT = U(1);
const BOERN = U(2);
const TEKNIK = U(3);
const DAGTILBUD = U(4);
const TEAM = U(5);
const USER_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const USER_B = 'aaaaaaaa-0000-4000-8000-000000000002';
const PERSON_A = 'bbbbbbbb-0000-4000-8000-000000000001';
const PERSON_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const LEDER = 'cccccccc-0000-4000-8000-000000000001';
const STILLING = 'cccccccc-0000-4000-8000-000000000002';
const MED = 'dddddddd-0000-4000-8000-000000000001';
const ROLLEKATALOG = 'eeeeeeee-0000-4000-8000-000000000001';
const UNKNOWN = 'ffffffff-0000-4000-8000-000000000099';
const EXTRA_UNITS = 250;

const allAddressTypes: OrgAddress[] = [
  { type: 'Postadresse', value: 'Rådhuspladsen 1, 1550 København V', darId: '0a3f50a0-4be3-32b8-e044-0003ba298018' },
  { type: 'Email', value: 'kommune@test.dk' },
  { type: 'Telefon', value: '33663366' },
  { type: 'EAN', value: '5798000123456' },
  { type: 'P-nummer', value: '1003388324' },
  { type: 'SE', value: '29189846' },
  { type: 'CVR', value: '29189846' },
  { type: 'Lokation', value: 'Bygning A, 2. sal' },
];

// The classes the data points at (Enhedstype, Funktionstype, KLE): Klasse objects the simulator serves.
const classes = new Map<string, OrgClass>();
const cls = (key: string, name: string): OrgClass => {
  const id = nameBasedUuid(`test-klasse\n${key}\n${name}`);
  if (!classes.has(id)) classes.set(id, { id, key, name });
  return classes.get(id)!;
};
const kles = (...numbers: string[]) => numbers.map((n) => cls(n, `KLE ${n}`));
/** The municipality's classes configured up front (FKORG_CLASSES_FILE), so no Klasse call mixes into the counts below. */
const knownClasses = () => ({ classes: Object.fromEntries([...classes.values()].map((c) => [c.id, { key: c.key, name: c.name }])) });
const LEDER_TYPE = cls('Leder', 'Leder');
const STILLING_TYPE = cls('Stilling', 'Stilling');
const ROLE_TYPE = cls('Tillidsrepræsentant', 'Tillidsrepræsentant');
const ROLE = 'cccccccc-0000-4000-8000-000000000003';

const units: OrgUnit[] = [
  {
    id: ROOT,
    opusId: '1000',
    versions: [{ from: '2020-01-01', to: null, name: 'Testkommune', shortName: 'TK', parentId: null, unitType: cls('kommune', 'Kommune') }],
    addresses: allAddressTypes,
    kle: kles('00.01.00'),
    costCenter: '100000',
  },
  {
    id: BOERN,
    opusId: '1100',
    versions: [{ from: '2020-01-01', to: null, name: 'Børn og Unge', shortName: 'BU', parentId: ROOT, unitType: cls('forvaltning', 'Forvaltning') }],
    addresses: [
      { type: 'Email', value: 'bu@test.dk' },
      { type: 'Telefon', value: '33660000' },
    ],
    kle: [],
    costCenter: '110000',
  },
  {
    id: TEKNIK,
    opusId: '1200',
    versions: [{ from: '2020-01-01', to: null, name: 'Teknik & Miljø', shortName: 'T&M', parentId: ROOT, unitType: cls('forvaltning', 'Forvaltning') }],
    addresses: [{ type: 'Email', value: 'kommune@test.dk' }],
    kle: kles('01.00.00'),
    costCenter: '',
  },
  {
    // Re-organised on 2025-01-01: renamed, moved from Børn og Unge to Teknik & Miljø, made a team.
    id: DAGTILBUD,
    opusId: '1110',
    versions: [
      { from: '2020-01-01', to: '2024-12-31', name: 'Dagtilbud Nord', shortName: 'DN', parentId: BOERN, unitType: cls('afdeling', 'Afdeling') },
      { from: '2025-01-01', to: null, name: 'Dagtilbud <Nord> & Co', shortName: 'DNC', parentId: TEKNIK, unitType: cls('team', 'Team (tværgående)') },
    ],
    addresses: [{ type: 'Postadresse', value: 'Nørregade 7, 1165 København K', darId: '0a3f50a1-0000-32b8-e044-0003ba298018' }],
    kle: kles('28.00.00', '28.01.04'),
    costCenter: '111000',
  },
  {
    id: TEAM,
    opusId: '1111',
    versions: [{ from: '2021-03-15', to: '2026-06-30', name: 'Team Øst', shortName: 'TØ', parentId: DAGTILBUD, unitType: cls('team', 'Team') }],
    addresses: [],
    kle: kles('28.01.04'),
    costCenter: '111100',
  },
  ...Array.from({ length: EXTRA_UNITS }, (_, i): OrgUnit => ({
    id: U(100 + i),
    opusId: String(5000 + i),
    versions: [{ from: '2022-01-01', to: null, name: `Institution ${i}`, shortName: `I${i}`, parentId: TEKNIK, unitType: cls('institution', 'Institution') }],
    addresses: [{ type: 'Email', value: `inst${i}@test.dk` }],
    kle: [],
    costCenter: String(900000 + i),
  })),
];

const snapshot: OrgSnapshot = {
  organisation: { id: ORG, name: 'Testkommune', cvr: '29189846', kommunekode: '101' },
  units,
  functions: [
    { id: LEDER, from: '2020-01-01', to: null, type: 'Leder', functionType: LEDER_TYPE, name: 'Direktør', userIds: [USER_A], unitIds: [BOERN] },
    { id: STILLING, from: '2021-02-01', to: '2025-08-31', type: 'Stilling', functionType: STILLING_TYPE, name: 'Pædagog', userIds: [USER_A, USER_B], unitIds: [DAGTILBUD] },
    { id: ROLE, from: '2022-01-01', to: null, type: 'role', functionType: ROLE_TYPE, name: 'Tillidsrepræsentant', userIds: [USER_B], unitIds: [DAGTILBUD] },
  ],
  users: [
    { id: USER_A, from: '2019-05-01', to: null, userName: 'kaje', personId: PERSON_A, employmentNumber: '12345' },
    { id: USER_B, from: '2021-02-01', to: '2025-08-31', userName: 'b.hansen', personId: PERSON_B, employmentNumber: null },
  ],
  persons: [
    { id: PERSON_A, cpr: '0101801234', name: 'Karen Jensen' },
    { id: PERSON_B, cpr: '3112999876', name: 'Bo Hansen' },
  ],
  interestGroups: [{ id: MED, from: '2022-01-01', to: null, name: 'Hoved-MED', type: 'MED-udvalg', unitIds: [BOERN, TEKNIK], userIds: [USER_A] }],
  itSystems: [{ id: ROLLEKATALOG, name: 'OS2rollekatalog', shortName: 'RK', userIds: [USER_A, USER_B] }],
  classes: [...classes.values()],
};

const HIERARCHY_PAGE = 40;
const securedRequests: IncomingHttpHeaders[] = [];
let sim: FkOrgSimulator;
let client: FkOrgSoapClient;
const clientCalls: Array<{ service: string; operation: string; size: number }> = [];

beforeAll(async () => {
  sim = await startFkOrgSimulator({
    snapshot,
    maxBatchSize: 100,
    pageSize: HIERARCHY_PAGE,
    onRequest: ({ headers }) => {
      if (headers['x-sts-token']) securedRequests.push(headers);
    },
  });
  client = new FkOrgSoapClient({ classesConfig: knownClasses(), baseUrl: sim.url, onCall: (service, operation, size) => clientCalls.push({ service, operation, size }) });
});

afterEach(() => {
  sim.resetCalls();
  clientCalls.length = 0;
  sim.setFault('*', null);
  sim.setFault('organisationenhed.list', null);
});

afterAll(async () => {
  await client.close();
  await sim.close();
});

const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
/** A unit as the client reads it back: with its owner (Tilhoerer) and each address's Rolle. */
const asRead = (u: OrgUnit): OrgUnit => ({ ...u, organisationId: ORG, addresses: u.addresses.map((a) => ({ ...a, roleId: ADDRESS_ROLE_OF[a.type as AddressKind] })) });

describe('round trip', () => {
  it('laes returns the unit exactly, with both versions of the re-organised unit', async () => {
    const unit = await client.readUnit(DAGTILBUD);
    expect(unit).toStrictEqual(asRead(units[3]));
    expect(sim.calls.map((c) => `${c.service}.${c.operation}`)).toEqual(['organisationenhed.laes', 'adresse.list']);
  });

  it('writes inclusive `to` as the exclusive next day in Danish time, and open ends as GraenseIndikator', async () => {
    const url = `${sim.url}/organisation/organisationenhed/6/`;
    const action = soapAction('organisationenhed', 'laes');
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': soapContentType(action) },
      body: buildRequestEnvelope({ action, to: url, body: laesInput('organisationenhed', DAGTILBUD) }),
    });
    const xml = await res.body.text();
    expect(res.statusCode).toBe(200);
    // Version 1 ends 2024-12-31 inclusive: TilTidspunkt is local midnight starting 2025-01-01 (winter time).
    expect(xml).toContain('<sd:TilTidspunkt><sd:TidsstempelDatoTid>2025-01-01T00:00:00+01:00</sd:TidsstempelDatoTid></sd:TilTidspunkt>');
    expect(xml).toContain('<sd:TilTidspunkt><sd:GraenseIndikator>true</sd:GraenseIndikator></sd:TilTidspunkt>');
    expect(xml).toContain('<sd:EnhedNavn>Dagtilbud &lt;Nord&gt; &amp; Co</sd:EnhedNavn>');
    expect(xml).toContain(`<sd:Opgaver><sd:Virkning>`);
    expect(xml).toContain(`<sd:UUIDIdentifikator>${kles('28.01.04')[0].id}</sd:UUIDIdentifikator>`);
  });

  it('reads UTC timestamps and within-day bounds into the same Danish days', () => {
    const virkning = (fra: string, til: string) => `<Virkning><FraTidspunkt>${fra}</FraTidspunkt><TilTidspunkt>${til}</TilTidspunkt></Virkning>`;
    const ts = (t: string) => `<TidsstempelDatoTid>${t}</TidsstempelDatoTid>`;
    const doc = parseXml(
      `<FiltreretOejebliksbillede><ObjektType><UUIDIdentifikator>${U(9)}</UUIDIdentifikator></ObjektType><Registrering><Tidspunkt>2025-01-01T00:00:00Z</Tidspunkt><LivscyklusKode>Rettet</LivscyklusKode>` +
        `<AttributListe><Egenskab>${virkning(ts('2023-12-31T23:00:00Z'), ts('2024-06-30T22:00:00Z'))}<BrugervendtNoegleTekst>9</BrugervendtNoegleTekst><EnhedNavn>A</EnhedNavn></Egenskab>` +
        `<Egenskab>${virkning(ts('2024-06-30T22:00:00Z'), ts('2024-09-01T10:30:00+02:00'))}<BrugervendtNoegleTekst>9</BrugervendtNoegleTekst><EnhedNavn>B</EnhedNavn></Egenskab></AttributListe>` +
        `</Registrering></FiltreretOejebliksbillede>`,
    );
    const decoded = unitFromWire(children(doc, 'FiltreretOejebliksbillede')[0], 'x', new KlasseCatalog().context());
    expect(decoded?.unit.versions.map((v) => [v.from, v.to, v.name])).toEqual([
      ['2024-01-01', '2024-06-30', 'A'],
      // Ends within 2024-09-01, so that day still counts.
      ['2024-07-01', '2024-09-01', 'B'],
    ]);
  });

  it('joins stretches of one Egenskab that a same-valued re-registration splits, but keeps real changes', () => {
    const v = (fra: string, til: string | null) =>
      `<Virkning><FraTidspunkt><TidsstempelDatoTid>${fra}T00:00:00+01:00</TidsstempelDatoTid></FraTidspunkt><TilTidspunkt>${til ? `<TidsstempelDatoTid>${til}T00:00:00+01:00</TidsstempelDatoTid>` : '<GraenseIndikator>true</GraenseIndikator>'}</TilTidspunkt></Virkning>`;
    const ref = (name: string, from: string, to: string | null, id: string) => `<${name}>${v(from, to)}<ReferenceID><UUIDIdentifikator>${id}</UUIDIdentifikator></ReferenceID></${name}>`;
    const teamOest = cls('team', 'Team Øst');
    const doc = parseXml(
      `<FiltreretOejebliksbillede><ObjektType><UUIDIdentifikator>${U(9)}</UUIDIdentifikator></ObjektType><Registrering><Tidspunkt>2025-01-01T00:00:00Z</Tidspunkt><LivscyklusKode>Rettet</LivscyklusKode>` +
        `<AttributListe><Egenskab>${v('2020-01-01', null)}<BrugervendtNoegleTekst>9</BrugervendtNoegleTekst><EnhedNavn>A</EnhedNavn></Egenskab></AttributListe>` +
        `<TilstandListe><Gyldighed>${v('2020-01-01', '2023-01-01')}<GyldighedStatusKode>Aktiv</GyldighedStatusKode></Gyldighed><Gyldighed>${v('2023-01-01', null)}<GyldighedStatusKode>Aktiv</GyldighedStatusKode></Gyldighed></TilstandListe>` +
        `<RelationListe>${ref('Overordnet', '2020-01-01', '2022-01-01', ROOT)}${ref('Overordnet', '2022-01-01', '2024-01-01', ROOT)}${ref('Overordnet', '2024-01-01', null, BOERN)}` +
        `${ref('Enhedstype', '2020-01-01', null, teamOest.id)}</RelationListe>` +
        `</Registrering></FiltreretOejebliksbillede>`,
    );
    const decoded = unitFromWire(children(doc, 'FiltreretOejebliksbillede')[0], 'x', new KlasseCatalog({ classes: { [teamOest.id]: teamOest } }).context());
    expect(decoded?.unit.opusId).toBe('9');
    expect(decoded?.unit.versions).toEqual([
      { from: '2020-01-01', to: '2023-12-31', name: 'A', shortName: 'A', parentId: ROOT, unitType: cls('team', 'Team Øst') },
      { from: '2024-01-01', to: null, name: 'A', shortName: 'A', parentId: BOERN, unitType: cls('team', 'Team Øst') },
    ]);
  });

  it('writes Danish midnight with the offset of that night, across both DST switches', () => {
    expect(['2025-03-30', '2025-03-31', '2025-10-26', '2025-10-27'].map(timestampOf)).toEqual([
      '2025-03-30T00:00:00+01:00',
      '2025-03-31T00:00:00+02:00',
      '2025-10-26T00:00:00+02:00',
      '2025-10-27T00:00:00+01:00',
    ]);
    for (const p of [
      { from: '2025-03-30', to: '2025-10-26' },
      { from: '2025-10-27', to: null },
      { from: OPEN_START, to: '2025-03-29' },
    ]) {
      const item = children(parseXml(`<Egenskab>${periodToVirkningXml(p)}</Egenskab>`), 'Egenskab')[0];
      expect(intervalToPeriod(virkningToInterval(item)!)).toEqual(p);
    }
  });

  it('list returns every object type exactly as in the snapshot', async () => {
    const small = units.slice(0, 5);
    expect(await client.units(small.map((u) => u.id))).toStrictEqual(byId(small.map(asRead)));
    expect(await client.functions(snapshot.functions.map((f) => f.id))).toStrictEqual(byId(snapshot.functions));
    expect(await client.users(snapshot.users.map((u) => u.id))).toStrictEqual(byId(snapshot.users));
    expect(await client.persons(snapshot.persons.map((p) => p.id))).toStrictEqual(byId(snapshot.persons));
    expect(await client.interestGroups([MED])).toStrictEqual(byId(snapshot.interestGroups));
    expect(await client.itSystems([ROLLEKATALOG])).toStrictEqual(byId(snapshot.itSystems));
  });
});

describe('valid time: VirkningFraFilter and VirkningTilFilter', () => {
  // Without them FK ORG answers only what is in effect now, so the client asks for the whole history
  // (both GraenseIndikator), as OS2sync's OrganisationFunktionStub.GetLatestRegistrations does.
  const raw = async (input: string) => {
    const url = `${sim.url}/organisation/organisationenhed/6/`;
    const action = soapAction('organisationenhed', 'laes');
    const res = await request(url, { method: 'POST', headers: { 'content-type': soapContentType(action) }, body: buildRequestEnvelope({ action, to: url, body: input }) });
    return res.body.text();
  };
  const laes = (filters: string) => `<LaesInput xmlns="${serviceNamespace('organisationenhed')}"><UUIDIdentifikator xmlns="${SAGDOK_NS}">${DAGTILBUD}</UUIDIdentifikator>${filters}</LaesInput>`;
  const bound = (name: string, inner: string) => `<${name} xmlns="${SAGDOK_NS}">${inner}</${name}>`;

  it('the client asks laes and list for the whole valid-time history', async () => {
    const inputs: XmlNode[] = [];
    const spy = await startFkOrgSimulator({ snapshot, onRequest: ({ envelope }) => inputs.push(envelope.bodyContent) });
    const spyClient = new FkOrgSoapClient({ classesConfig: knownClasses(), baseUrl: spy.url });
    try {
      await spyClient.readUnit(DAGTILBUD);
      await spyClient.units([ROOT, BOERN]);
      expect(inputs.length).toBeGreaterThanOrEqual(3);
      for (const input of inputs) {
        expect(text(child(input, 'VirkningFraFilter'), 'GraenseIndikator')).toBe('true');
        expect(text(child(input, 'VirkningTilFilter'), 'GraenseIndikator')).toBe('true');
      }
    } finally {
      await spyClient.close();
      await spy.close();
    }
  });

  it('the simulator answers the state in effect now without them, every version with both open, and what overlaps a window', async () => {
    const open = bound('GraenseIndikator', 'true');
    const now = await raw(laes(''));
    expect(now).toContain('Dagtilbud &lt;Nord&gt; &amp; Co');
    expect(now).not.toContain('Dagtilbud Nord<');
    expect(now.match(/<Registrering /g)).toHaveLength(1);

    const all = await raw(laes(bound('VirkningFraFilter', open) + bound('VirkningTilFilter', open)));
    expect(all).toContain('Dagtilbud Nord<');
    expect(all).toContain('Dagtilbud &lt;Nord&gt; &amp; Co');

    const stamp = (d: string) => bound('TidsstempelDatoTid', timestampOf(d));
    const mid2024 = await raw(laes(bound('VirkningFraFilter', stamp('2024-06-01')) + bound('VirkningTilFilter', stamp('2024-06-01'))));
    expect(mid2024).toContain('Dagtilbud Nord<');
    expect(mid2024).not.toContain('Dagtilbud &lt;Nord&gt; &amp; Co');
  });
});

describe('batching', () => {
  it('250 units with maxBatchSize 100: 3 OrganisationEnhed list calls and one Adresse list per batch', async () => {
    const ids = units.slice(5).map((u) => u.id);
    const got = await client.units(ids);
    expect(got.size).toBe(EXTRA_UNITS);
    expect(got.get(ids[249])).toStrictEqual(asRead(units[5 + 249]));
    const lists = sim.calls.filter((c) => c.service === 'organisationenhed' && c.operation === 'list');
    expect(lists.map((c) => c.size)).toEqual([100, 100, 50]);
    const addressLists = sim.calls.filter((c) => c.service === 'adresse');
    expect(addressLists.map((c) => c.size).sort((a, b) => b - a)).toEqual([100, 100, 50]);
    expect(clientCalls).toHaveLength(6);
  });

  it('shares an Adresse object between units and types with the same text', async () => {
    await client.units([ROOT, TEKNIK]);
    const addressList = sim.calls.find((c) => c.service === 'adresse');
    // The root's SE and CVR numbers are the same text, and Teknik's email is the root's.
    expect(addressList?.size).toBe(allAddressTypes.length - 1);
  });

  it('44 and unknown ids: absent, and never sent when not UUIDs', async () => {
    expect(await client.readUnit(UNKNOWN)).toBeUndefined();
    expect((await client.units([UNKNOWN])).size).toBe(0);
    const mixed = await client.functions([UNKNOWN, LEDER, 'not-a-uuid', LEDER.toUpperCase()]);
    expect([...mixed.keys()]).toEqual([LEDER, LEDER.toUpperCase()]);
    expect(await client.functions([UNKNOWN])).toStrictEqual(new Map());
    expect(await client.functions(['not-a-uuid'])).toStrictEqual(new Map());
    const sent = sim.calls.filter((c) => c.operation === 'list').map((c) => `${c.service}:${c.size}`);
    expect(sent).toEqual(['organisationenhed:1', 'organisationfunktion:2', 'organisationfunktion:1']);
  });
});

describe('soeg', () => {
  const all = async (find: (offset: number, limit: number) => Promise<{ items: string[]; next: number | null }>, limit: number) => {
    const ids: string[] = [];
    let offset: number | null = 0;
    let pages = 0;
    while (offset !== null) {
      const page = await find(offset, limit);
      ids.push(...page.items);
      offset = page.next;
      pages++;
    }
    return { ids, pages };
  };

  it('finds units by name wildcard (case-insensitive), Opus number, parent, unit type and KLE', async () => {
    expect((await client.findUnits({ name: 'dagtilbud' }, 0, 10)).items).toEqual([DAGTILBUD]);
    expect((await client.findUnits({ name: 'MILJØ' }, 0, 10)).items).toEqual([TEKNIK]);
    expect((await client.findUnits({ name: '<nord> &' }, 0, 10)).items).toEqual([DAGTILBUD]);
    expect((await client.findUnits({ opusId: '1111' }, 0, 10)).items).toEqual([TEAM]);
    // Parent at any time: Dagtilbud moved away from Børn og Unge but was its child until 2024.
    expect((await client.findUnits({ parentId: BOERN }, 0, 10)).items).toEqual([DAGTILBUD]);
    expect((await client.findUnits({ unitTypeKey: 'team' }, 0, 10)).items).toEqual([DAGTILBUD, TEAM]);
    expect((await client.findUnits({ kle: '28.01.04' }, 0, 10)).items).toEqual([DAGTILBUD, TEAM]);
    expect((await client.findUnits({ kle: '28.01.04', parentId: DAGTILBUD }, 0, 10)).items).toEqual([TEAM]);
    expect(await client.findUnits({ name: 'findes ikke' }, 0, 10)).toEqual({ items: [], next: null });
  });

  it('records soeg as one call of size 1 and sends the v6 element names', async () => {
    const bodies: string[] = [];
    const spy = await startFkOrgSimulator({ snapshot, onRequest: ({ envelope }) => bodies.push(JSON.stringify(envelope.bodyContent)) });
    const c = new FkOrgSoapClient({ classesConfig: knownClasses(), baseUrl: spy.url });
    try {
      expect((await c.findUnits({ opusId: '1100', unitTypeKey: 'forvaltning' }, 0, 10)).items).toEqual([BOERN]);
    } finally {
      await c.close();
      await spy.close();
    }
    expect(spy.calls).toMatchObject([{ service: 'organisationenhed', operation: 'soeg', size: 1 }]);
    expect(bodies[0]).toContain('"BrugervendtNoegleTekst":"1100"');
    expect(bodies[0]).toContain(cls('forvaltning', 'Forvaltning').id);
  });

  it('pages without gaps or repeats', async () => {
    const children = units.filter((u) => u.versions.some((v) => v.parentId === TEKNIK)).map((u) => u.id);
    expect(children).toHaveLength(EXTRA_UNITS + 1);
    const { ids, pages } = await all((offset, limit) => client.findUnits({ parentId: TEKNIK }, offset, limit), 60);
    expect(ids).toEqual(children);
    expect(pages).toBe(Math.ceil(children.length / 60));
    const exact = await client.findUnits({ parentId: TEKNIK }, 0, children.length);
    expect(exact.next).toBeNull();
  });

  it('finds functions by unit, user and type, and interest groups by unit', async () => {
    expect((await client.findFunctions({ unitId: DAGTILBUD }, 0, 10)).items).toEqual([STILLING, ROLE]);
    expect((await client.findFunctions({ type: 'Leder' }, 0, 10)).items).toEqual([LEDER]);
    expect((await client.findFunctions({ userId: USER_A }, 0, 10)).items).toEqual([LEDER, STILLING]);
    expect((await client.findFunctions({ type: 'Tillidsrepræsentant' }, 0, 10)).items).toEqual([ROLE]);
    expect((await client.findFunctions({ userId: USER_A, type: 'Stilling' }, 0, 10)).items).toEqual([STILLING]);
    expect((await client.findFunctions({ unitId: BOERN, type: 'Stilling' }, 0, 10)).items).toEqual([]);
    expect((await client.findInterestGroups({ unitId: TEKNIK }, 0, 10)).items).toEqual([MED]);
    expect((await client.findInterestGroups({ unitId: DAGTILBUD }, 0, 10)).items).toEqual([]);
  });

  it('scopes soeg to the organisation when its UUID is configured', async () => {
    const scoped = new FkOrgSoapClient({ classesConfig: knownClasses(), baseUrl: sim.url, organisationUuids: [UNKNOWN] });
    try {
      expect((await scoped.findUnits({ name: 'dagtilbud' }, 0, 10)).items).toEqual([]);
    } finally {
      await scoped.close();
    }
  });
});

describe('hierarchy', () => {
  const withoutAddresses = (unit: OrgUnit) => {
    const { addresses: _addresses, ...u } = asRead(unit);
    return u;
  };

  it('pages through fremsoegobjekthierarki and returns every unit once, with its functions, interest groups and IT systems', async () => {
    const got = await client.hierarchy();
    expect(got.units).toHaveLength(units.length);
    expect(new Set(got.units.map((u) => u.id)).size).toBe(units.length);
    // The snapshot holds the Adresse relations as ids; it resolves none of them.
    expect(byId(got.units.map(({ addressRefs: _refs, ...u }) => u))).toStrictEqual(byId(units.map(withoutAddresses)));
    expect(got.units.find((u) => u.id === DAGTILBUD)?.addressRefs).toEqual([{ id: expect.any(String), type: 'Postadresse', roleId: '80b610c6-314b-485a-a014-a9a1d7070bc4' }]);
    expect(byId(got.functions)).toStrictEqual(byId(snapshot.functions));
    expect(byId(got.interestGroups)).toStrictEqual(byId(snapshot.interestGroups));
    expect(byId(got.itSystems)).toStrictEqual(byId(snapshot.itSystems));
    const pages = sim.calls.filter((c) => c.operation === 'fremsoegobjekthierarki');
    // Full pages until the short last one (255 units, pages of 40: 6 full + 15).
    expect(pages).toHaveLength(Math.ceil(units.length / HIERARCHY_PAGE));
    expect(pages.every((p) => p.size === 1)).toBe(true);
    expect(sim.calls.filter((c) => c.service === 'adresse')).toEqual([]);
  });

  it('fails clearly, after two pages, on a service that answers the first page whatever FoersteResultatReference says', async () => {
    // The request is rewritten on its way out, as a service that ignores the offset would read it.
    const ignoresPaging: SoapSecurity = { secure: async (envelope) => ({ body: envelope.replace(/(<sd:FoersteResultatReference>)\d+/, '$10'), headers: {} }) };
    const pages: string[] = [];
    const reader = new FkOrgSoapClient({
      classesConfig: knownClasses(),
      baseUrl: sim.url,
      hierarchyPageSize: HIERARCHY_PAGE,
      security: ignoresPaging,
      onCall: (_service, operation) => pages.push(operation),
    });
    try {
      await expect(reader.hierarchy()).rejects.toThrow(/answered the same page for FoersteResultatReference 40 as for 0: paging is not honoured/);
      expect(pages.filter((op) => op === 'fremsoegobjekthierarki')).toHaveLength(2);
    } finally {
      await reader.close();
    }
  });

  it('stops walking before the next page once its caller gives up (a background load past its bound)', async () => {
    const abort = new AbortController();
    let pages = 0;
    const reader = new FkOrgSoapClient({
      classesConfig: knownClasses(),
      baseUrl: sim.url,
      hierarchyPageSize: HIERARCHY_PAGE,
      onCall: (_service, operation) => {
        if (operation === 'fremsoegobjekthierarki' && ++pages === 2) abort.abort();
      },
    });
    try {
      await expect(reader.hierarchy({ signal: abort.signal })).rejects.toBeInstanceOf(SourceUnavailableError);
      expect(pages).toBe(2);
    } finally {
      await reader.close();
    }
  });

  it('keeps paging while functions outlast the units, and stops at a page the service capped below the request', async () => {
    const manyFunctions = Array.from({ length: 95 }, (_, i) => ({
      id: `cccccccc-0000-4000-8000-${String(1000 + i).padStart(12, '0')}`,
      from: '2020-01-01',
      to: null,
      type: 'Stilling' as const,
      functionType: STILLING_TYPE,
      name: `Stilling ${i}`,
      userIds: [USER_A],
      unitIds: [TEAM],
    }));
    const small: OrgSnapshot = { ...snapshot, units: units.slice(0, 5), functions: manyFunctions };
    const capped = await startFkOrgSimulator({ snapshot: small, pageSize: 30 });
    const reader = new FkOrgSoapClient({ classesConfig: knownClasses(), baseUrl: capped.url, hierarchyPageSize: 50 });
    try {
      const got = await reader.hierarchy();
      expect(got.units).toHaveLength(5);
      expect(byId(got.functions)).toStrictEqual(byId(manyFunctions));
      // Pages of 30 (the service's cap, not the 50 asked): 30, 30, 30, 5.
      expect(capped.calls.map((c) => c.operation)).toEqual(Array(4).fill('fremsoegobjekthierarki'));
    } finally {
      await reader.close();
      await capped.close();
    }
  });
});

describe('unit records and addresses', () => {
  it('lists units without resolving addresses, and Adresse objects by id', async () => {
    const records = await client.unitRecords([ROOT, DAGTILBUD]);
    expect(sim.calls.map((c) => `${c.service}.${c.operation}:${c.size}`)).toEqual(['organisationenhed.list:2']);
    const root = records.get(ROOT)!;
    expect(root.addressRefs.map((r) => r.type)).toEqual(allAddressTypes.map((a) => a.type));
    const addresses = await client.addresses(root.addressRefs.map((r) => r.id));
    // Adresse carries a postal address's DAR UUID as its BrugervendtNoegle, and its own UUID otherwise.
    expect(root.addressRefs.map((r) => ({ type: r.type, ...addresses.get(r.id) }))).toEqual(
      allAddressTypes.map(({ darId, ...a }) => ({ id: expect.any(String), key: darId ?? expect.any(String), ...a })),
    );
    expect(sim.calls.at(-1)).toMatchObject({ service: 'adresse', operation: 'list', size: allAddressTypes.length - 1 });
  });

  it('lists units without their Adresser and Opgaver in the same call, equal to the full records in everything else', async () => {
    const ids = [ROOT, DAGTILBUD];
    const full = await client.unitRecords(ids);
    sim.resetCalls();
    const cores = await client.unitCores(ids);
    expect(sim.calls.map((c) => `${c.service}.${c.operation}:${c.size}`)).toEqual(['organisationenhed.list:2']);
    for (const id of ids) {
      const { addressRefs, kle, ...rest } = full.get(id)!;
      expect(addressRefs.length + kle.length, id).toBeGreaterThan(0);
      expect(cores.get(id)).toStrictEqual(rest);
    }
  });
});

describe('failures', () => {
  const failure = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      return err as SourceError;
    }
    throw new Error('expected a failure');
  };

  it('SOAP Fault -> SourceProtocolError with the fault', async () => {
    sim.setFault('organisationenhed.list', { soapFault: true });
    const err = await failure(client.units([ROOT]));
    expect(err).toBeInstanceOf(SourceProtocolError);
    expect(err.code).toBe('SOURCE_PROTOCOL_ERROR');
    expect((err as SourceProtocolError).fault).toEqual({ code: 'Receiver', reason: 'Injiceret fejl i servicen.' });
  });

  it('malformed XML -> SourceProtocolError', async () => {
    sim.setFault('organisationenhed.list', { malformed: true });
    const err = await failure(client.units([ROOT]));
    expect(err).toBeInstanceOf(SourceProtocolError);
    expect(err.code).toBe('SOURCE_PROTOCOL_ERROR');
  });

  it('StandardRetur 49 -> FkOrgRejectedError', async () => {
    sim.setFault('organisationenhed.list', { status: 49 });
    const err = await failure(client.units([ROOT]));
    expect(err).toBeInstanceOf(FkOrgRejectedError);
    expect(err.code).toBe('SOURCE_REJECTED');
    expect((err as FkOrgRejectedError).status).toBe('49');
  });

  it('StandardRetur 40 for a list beyond the service limit', async () => {
    const greedy = new FkOrgSoapClient({ classesConfig: knownClasses(), baseUrl: sim.url, maxBatchSize: 150 });
    try {
      const err = await failure(greedy.units(units.slice(5, 155).map((u) => u.id)));
      expect(err).toBeInstanceOf(FkOrgRejectedError);
      expect((err as FkOrgRejectedError).status).toBe('40');
    } finally {
      await greedy.close();
    }
  });

  it('no answer within the timeout -> SOURCE_TIMEOUT', async () => {
    const impatient = new FkOrgSoapClient({ classesConfig: knownClasses(), baseUrl: sim.url, timeoutMs: 200 });
    sim.setFault('*', { timeout: true });
    try {
      const err = await failure(impatient.functions([LEDER]));
      expect(err.code).toBe('SOURCE_TIMEOUT');
      expect(err.retryable).toBe(true);
    } finally {
      await impatient.close();
    }
  });

  it('a slow answer limited to `times` calls slows only those', async () => {
    const impatient = new FkOrgSoapClient({ classesConfig: knownClasses(), baseUrl: sim.url, timeoutMs: 300 });
    sim.setFault('organisationfunktion.list', { latencyMs: 1_000, times: 1 });
    try {
      expect((await failure(impatient.functions([LEDER]))).code).toBe('SOURCE_TIMEOUT');
      expect((await impatient.functions([LEDER])).get(LEDER)?.id).toBe(LEDER);
    } finally {
      await impatient.close();
    }
  });

  it('a dropped connection is retried once; dropped twice -> SOURCE_UNAVAILABLE', async () => {
    sim.setFault('person.list', { reset: true, times: 1 });
    expect((await client.persons([PERSON_A])).get(PERSON_A)).toStrictEqual(snapshot.persons[0]);
    expect(sim.calls.map((c) => c.operation)).toEqual(['list', 'list']);
    sim.resetCalls();
    sim.setFault('person.list', { reset: true });
    try {
      expect((await failure(client.persons([PERSON_A]))).code).toBe('SOURCE_UNAVAILABLE');
      expect(sim.calls).toHaveLength(2);
    } finally {
      sim.setFault('person.list', null);
    }
  });

  it('a security hook that cannot get a token -> SOURCE_UNAVAILABLE, nothing sent', async () => {
    const broken = new FkOrgSoapClient({ classesConfig: knownClasses(), 
      baseUrl: sim.url,
      security: {
        secure: async () => {
          throw new Error('STS unreachable');
        },
      },
    });
    try {
      const err = await failure(broken.units([ROOT]));
      expect(err.code).toBe('SOURCE_UNAVAILABLE');
      expect(err.source).toBe('FK ORG');
      expect(sim.calls).toHaveLength(0);
    } finally {
      await broken.close();
    }
  });

  it('HTTP 503 and refused connections -> SOURCE_UNAVAILABLE', async () => {
    sim.setFault('*', { httpStatus: 503 });
    expect((await failure(client.persons([PERSON_A]))).code).toBe('SOURCE_UNAVAILABLE');
    const closed = await startFkOrgSimulator({ snapshot });
    const url = closed.url;
    await closed.close();
    const nowhere = new FkOrgSoapClient({ classesConfig: knownClasses(), baseUrl: url, timeoutMs: 2000 });
    try {
      expect((await failure(nowhere.persons([PERSON_A]))).code).toBe('SOURCE_UNAVAILABLE');
    } finally {
      await nowhere.close();
    }
  });
});

describe('security', () => {
  it('calls the security hook for every SOAP call and sends its envelope and headers', async () => {
    const seen: string[] = [];
    const security: SoapSecurity = {
      async secure(envelope, action) {
        seen.push(action);
        // Stands in for the wsse:Security header an OIOIDWS implementation inserts and signs.
        return { body: envelope.replace('<s:Header>', '<s:Header><Signed xmlns="urn:test">yes</Signed>'), headers: { 'x-sts-token': 'token-1' } };
      },
    };
    const secured = new FkOrgSoapClient({ classesConfig: knownClasses(), baseUrl: sim.url, security });
    securedRequests.length = 0;
    try {
      expect((await secured.units([BOERN])).get(BOERN)).toStrictEqual(asRead(units[1]));
    } finally {
      await secured.close();
    }
    expect(seen).toEqual([soapAction('organisationenhed', 'list'), soapAction('adresse', 'list')]);
    expect(securedRequests).toHaveLength(2);
    expect(securedRequests[0]['x-sts-token']).toBe('token-1');
    expect(securedRequests[0]['content-type']).toBe(soapContentType(soapAction('organisationenhed', 'list')));
  });
});

describe('xml reader', () => {
  it('strips prefixes, decodes entities and CDATA, keeps text as text and repeats as arrays', () => {
    const doc = parseXml(
      '<?xml version="1.0"?><!-- c --><s:E xmlns:s="urn:s" a="x>y"><s:B><ListOutput><IdListe><UUIDIdentifikator>a</UUIDIdentifikator></IdListe>' +
        '<CPR>0101801234</CPR><N>a &amp; b &lt;c&gt; &#248;&#xE6;</N><D><![CDATA[<raw> & ]]></D><Empty/><R>1</R><R>2</R></ListOutput></s:B></s:E>',
    );
    const out = (doc.E as Record<string, Record<string, Record<string, unknown>>>).B.ListOutput;
    expect(out.IdListe).toEqual({ UUIDIdentifikator: ['a'] });
    expect(out.CPR).toBe('0101801234');
    expect(out.N).toBe('a & b <c> øæ');
    expect(out.D).toBe('<raw> &');
    expect(out.Empty).toBe('');
    expect(out.R).toEqual(['1', '2']);
  });

  it('skips elements it is told to, leaving them empty', () => {
    const doc = parseXml('<o><Brugere><x:Bruger xmlns:x="u"><N>&bad;</N></x:Bruger></Brugere><BrugereX>1</BrugereX><Keep>2</Keep></o>', { skip: (name, parent) => parent === 'o' && name === 'Brugere' });
    expect(doc.o).toEqual({ Brugere: [''], BrugereX: '1', Keep: '2' });
    expect(() => parseXml('<o><Brugere><a/></o>', { skip: (name) => name === 'Brugere' })).toThrow(XmlSyntaxError);
  });

  it('reads elements named like Object.prototype\'s members as plain elements, never touching a prototype', () => {
    const doc = parseXml('<a><constructor>x</constructor><__proto__><polluted>1</polluted></__proto__><toString>1</toString><toString>2</toString><hasOwnProperty/></a>');
    const a = doc.a as Record<string, unknown>;
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(a, '__proto__')?.value).toEqual({ polluted: '1' });
    expect(a.constructor).toBe('x');
    expect(a.toString).toEqual(['1', '2']);
    expect(a.hasOwnProperty).toBe('');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // An end tag must name the open element exactly, whitespace before its '>' allowed.
    expect(parseXml('<ab><b>1</b ></ab  >')).toEqual({ ab: { b: '1' } });
    expect(() => parseXml('<ab></a>')).toThrow(XmlSyntaxError);
    expect(() => parseXml('<a></ab>')).toThrow(XmlSyntaxError);
  });

  it.each([
    ['unbalanced tags', '<a><b></a>'],
    ['truncated', '<a><b>text</b>'],
    ['two roots', '<a/><b/>'],
    ['a DTD', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a bare ampersand', '<a>fish & chips</a>'],
    ['a quote in an element name', '<a"b>x</a"b>'],
    ['a tag inside a tag', '<a<b>x</a>'],
    ['text outside the root', '<a/>junk'],
    ['nothing', '   '],
  ])('refuses %s', (_name, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlSyntaxError);
  });
});

describe('simulator scoping', () => {
  it('refuses calls for another municipality with StandardRetur 40', async () => {
    const other = new FkOrgSoapClient({ classesConfig: knownClasses(), baseUrl: sim.url, municipalityCvr: '12345678' });
    try {
      const err = await other.units([ROOT]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FkOrgRejectedError);
      expect((err as FkOrgRejectedError).status).toBe('40');
    } finally {
      await other.close();
    }
    const same = new FkOrgSoapClient({ classesConfig: knownClasses(), baseUrl: sim.url, municipalityCvr: snapshot.organisation.cvr });
    try {
      expect((await same.units([ROOT])).get(ROOT)).toStrictEqual(asRead(units[0]));
    } finally {
      await same.close();
    }
  });
});
