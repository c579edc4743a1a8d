// Conformance of everything on the FK ORG wire against KOMBIT's SF1500 v6 WSDL/XSD set
// (../shared/sf1500-v6, see test/support/sf1500.ts). The client and the simulator share one wire module,
// so their own tests cannot see a mistake they share; here the real FkOrgSoapClient talks to the
// simulator through a capturing proxy, and every request body, RequestHeader block, SOAP action and
// answer that went over the wire is judged by the WSDLs and XSDs themselves. First the client alone
// (every object type and operation, every kind of answer), then a browse through the whole graph.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import type { OrgSnapshot } from '../../sources/model.js';
import { FkOrgSoapClient } from '../../sources/fkorg/FkOrgSoapClient.js';
import { FkOrgRejectedError } from '../../sources/fkorg/errors.js';
import { SourceError } from '../../sources/errors.js';
import { startFkOrgSimulator, type FkOrgSimulator } from '../../sources/fkorg/simulator.js';
import { generateMunicipality } from '../../sources/sample/generate.js';
import { buildRequestEnvelope, soapContentType } from '../../sources/fkorg/soap.js';
import { SAGDOK_NS, serviceNamespace, soapAction } from '../../sources/fkorg/wire.js';
import { timestampOf } from '../../sources/fkorg/virkning.js';
import { waitForReady, type Stack } from '../../gateway/stack.js';
import { post } from '../support/http.js';
import { testStack } from '../support/stack.js';
import { checkExchanges, formatFindings, groupFindings, sf1500OrSkip, type CheckReport, type Finding } from '../support/sf1500.js';
import { startSoapCapture, type CapturedExchange, type SoapCaptureProxy } from '../support/soapCapture.js';

const haveSet = sf1500OrSkip('FK ORG conformance against the SF1500 v6 WSDL/XSD set');

// The project's own schema for what it puts in LokalUdvidelse (a strict wildcard in SagDokObjekt.xsd).
const extraSchemas = [fileURLToPath(new URL('../../sources/fkorg/lokaludvidelse.xsd', import.meta.url))];

const UNKNOWN = ['ffffffff-0000-4000-8000-000000000001', 'ffffffff-0000-4000-8000-000000000002'];

const isRequestFinding = (f: Finding) => / request( header)?\)$/.test(f.message) || / SOAP action /.test(f.message);

function statusOf(x: CapturedExchange): string | null {
  return /<(?:\w+:)?StatusKode[^>]*>\s*(\d+)\s*</.exec(x.responseBody ?? '')?.[1] ?? null;
}

function summary(report: CheckReport, exchanges: number): string {
  return `${exchanges} exchanges, ${report.documents} documents validated in ${Math.round(report.validationMs)} ms, ${report.findings.length} findings in ${groupFindings(report.findings).length} distinct failures`;
}

/** Runs `fn`, expecting it to fail with `type`; the traffic it causes is what matters here. */
async function failsWith(fn: () => Promise<unknown>, type: abstract new (...args: any[]) => Error): Promise<void> {
  await expect(fn()).rejects.toBeInstanceOf(type);
}

describe.skipIf(!haveSet)('FK ORG client and simulator against the SF1500 v6 WSDL/XSD set', () => {
  let snapshot: OrgSnapshot;
  let sim: FkOrgSimulator;
  let proxy: SoapCaptureProxy;
  let client: FkOrgSoapClient;
  let scoped: FkOrgSoapClient;
  /** Exchanges sent deliberately wrong to provoke Sender faults: only their answers are judged. */
  let provoked: CapturedExchange[] = [];
  let report: CheckReport;
  let faultReport: CheckReport;

  beforeAll(async () => {
    snapshot = generateMunicipality({ employees: 300, seed: 1 }).org;
    // Pages of 40 while the client asks 50: the hierarchy takes several pages, each capped by the service.
    sim = await startFkOrgSimulator({ snapshot, pageSize: 40 });
    proxy = await startSoapCapture({ target: sim.url });
    client = new FkOrgSoapClient({ baseUrl: proxy.url, hierarchyPageSize: 50, maxBatchSize: 100 });
    scoped = new FkOrgSoapClient({ baseUrl: proxy.url, organisationUuids: [snapshot.organisation.id], municipalityCvr: snapshot.organisation.cvr });

    const { units, functions, users, persons, interestGroups, itSystems } = snapshot;
    const ids = <T extends { id: string }>(xs: readonly T[]) => xs.map((x) => x.id);
    const anyKey = (c: unknown) => (typeof c === 'string' ? c : (c as { key: string }).key);

    // soeg on Klasse: a client that knows no classes yet looks a unit type up by its key first
    const fresh = new FkOrgSoapClient({ baseUrl: proxy.url });
    try {
      await fresh.findUnits({ unitTypeKey: anyKey(units[0].versions[0].unitType) }, 0, 5);
    } finally {
      await fresh.close();
    }

    // fremsoegobjekthierarki, paged
    const tree = await client.hierarchy();
    expect(tree.units).toHaveLength(units.length);
    expect(tree.functions).toHaveLength(functions.length);

    // laes: found, not found (44)
    const withAddresses = units.find((u) => u.addresses.length > 2)!;
    expect((await client.readUnit(withAddresses.id))?.addresses.length).toBe(withAddresses.addresses.length);
    expect(await client.readUnit(units[0].id)).toBeDefined();
    expect(await client.readUnit(UNKNOWN[0])).toBeUndefined();

    // laes and list with the other valid-time filters FK ORG takes (the client always asks for the whole
    // history): none, the state now; dated, a window. The simulator answers part of the history.
    const bound = (name: string, inner: string) => `<${name} xmlns="${SAGDOK_NS}">${inner}</${name}>`;
    const dated = (d: string) => bound('TidsstempelDatoTid', timestampOf(d));
    const reorganised = units.find((u) => u.versions.length > 1) ?? units[0];
    const unitsUrl = `${proxy.url}/organisation/organisationenhed/6/`;
    for (const [operation, input] of [
      ['laes', 'LaesInput'],
      ['list', 'ListInput'],
    ] as const) {
      // now; a year of the first version; a year before the unit (an object with no registration in it)
      const windows = [['2021-01-01', '2021-12-31'], ['1990-01-01', '1990-12-31']].map(([from, to]) => bound('VirkningFraFilter', dated(from)) + bound('VirkningTilFilter', dated(to)));
      for (const filters of ['', ...windows]) {
        const action = soapAction('organisationenhed', operation);
        const body = `<${input} xmlns="${serviceNamespace('organisationenhed')}">${bound('UUIDIdentifikator', reorganised.id)}${filters}</${input}>`;
        const res = await request(unitsUrl, { method: 'POST', headers: { 'content-type': soapContentType(action) }, body: buildRequestEnvelope({ action, to: unitsUrl, body }) });
        expect(res.statusCode).toBe(200);
        await res.body.text();
      }
    }

    // list on every type: all found, partial (some unknown), none found (44); batches of 100
    expect((await client.units([...ids(units), ...UNKNOWN])).size).toBe(units.length);
    expect((await client.unitRecords(ids(units))).size).toBe(units.length);
    expect((await client.unitCores(ids(units))).size).toBe(units.length);
    expect((await client.functions([...ids(functions), UNKNOWN[0]])).size).toBe(functions.length);
    expect((await client.users([...ids(users), UNKNOWN[0]])).size).toBe(users.length);
    expect((await client.persons([...ids(persons), UNKNOWN[1]])).size).toBe(persons.length);
    expect((await client.interestGroups([...ids(interestGroups), UNKNOWN[0]])).size).toBe(interestGroups.length);
    expect((await client.itSystems([...ids(itSystems), UNKNOWN[0]])).size).toBe(itSystems.length);
    expect((await client.organisations([snapshot.organisation.id, UNKNOWN[0]])).size).toBe(1);
    // Klassifikation's Klasse: the classes the data points at
    expect((await client.classes([...ids(snapshot.classes), UNKNOWN[0]])).size).toBe(snapshot.classes.length);
    for (const load of [
      () => client.units(UNKNOWN),
      () => client.addresses(UNKNOWN),
      () => client.functions(UNKNOWN),
      () => client.users(UNKNOWN),
      () => client.persons(UNKNOWN),
      () => client.interestGroups(UNKNOWN),
      () => client.itSystems(UNKNOWN),
      () => client.organisations(UNKNOWN),
      () => client.classes(UNKNOWN),
    ]) {
      expect((await load()).size).toBe(0);
    }

    // soeg on every criterion the client has, paging until the end
    const root = units.find((u) => u.versions.at(-1)!.parentId === null)!;
    // A KLE number, whether the model keeps KLE as strings or as classes with a key.
    const kle = units.flatMap((u) => u.kle as unknown[]).map(anyKey)[0];
    // Unit types are classes now (a key), strings before.
    const unitType = anyKey(units.at(-1)!.versions.at(-1)!.unitType);
    const manager = functions.find((f) => JSON.stringify(f).includes('Leder'))!;
    const allPages = async (find: (offset: number) => Promise<{ items: string[]; next: number | null }>) => {
      const out: string[] = [];
      for (let offset: number | null = 0, n = 0; offset !== null && n < 100; n++) {
        const page = await find(offset);
        out.push(...page.items);
        offset = page.next;
      }
      return out;
    };
    const name = root.versions.at(-1)!.name.slice(1, 4);
    await allPages((o) => client.findUnits({ name }, o, 2));
    await allPages((o) => client.findUnits({ opusId: root.opusId }, o, 10));
    expect((await allPages((o) => client.findUnits({ parentId: root.id }, o, 3))).length).toBeGreaterThan(0);
    await allPages((o) => client.findUnits({ unitTypeKey: unitType }, o, 5));
    if (kle) await allPages((o) => client.findUnits({ kle }, o, 5));
    await allPages((o) => client.findUnits({ parentId: UNKNOWN[0] }, o, 5));
    expect((await allPages((o) => client.findFunctions({ type: 'Leder' }, o, 20))).length).toBeGreaterThan(1);
    await allPages((o) => client.findFunctions({ type: 'Stilling' }, o, 500));
    await allPages((o) => client.findFunctions({ unitId: manager.unitIds[0] }, o, 10));
    if (manager.userIds[0]) await allPages((o) => client.findFunctions({ userId: manager.userIds[0] }, o, 10));
    await allPages((o) => client.findInterestGroups({}, o, 4));
    await allPages((o) => client.findInterestGroups({ unitId: root.id }, o, 4));
    // Person by CPR-NummerTekst (GenerelleDefinitioner's element, not sagdok's), Bruger by TilknyttedePersoner
    const person = snapshot.persons.find((p) => snapshot.users.some((u) => u.personId === p.id))!;
    expect(await allPages((o) => client.findPersons({ cpr: person.cpr }, o, 10))).toEqual([person.id.toLowerCase()]);
    expect((await allPages((o) => client.findUsers({ personId: person.id }, o, 10))).length).toBeGreaterThan(0);
    // With the municipality's Organisation (Tilhoerer in every soeg) and CVR
    await allPages((o) => scoped.findUnits({ name: 'a' }, o, 10));
    await scoped.units(ids(units).slice(0, 5));

    // StandardRetur refusals (40, 49, 50)
    sim.setFault('organisationenhed.list', { status: 40, times: 1 });
    await failsWith(() => client.units([root.id]), FkOrgRejectedError);
    sim.setFault('organisationenhed.laes', { status: 40, times: 1 });
    await failsWith(() => client.readUnit(root.id), FkOrgRejectedError);
    sim.setFault('organisationfunktion.soeg', { status: 50, times: 1 });
    await failsWith(() => client.findFunctions({ type: 'Leder' }, 0, 10), FkOrgRejectedError);
    sim.setFault('organisationsystem.fremsoegobjekthierarki', { status: 49, times: 1 });
    await failsWith(() => client.hierarchy(), FkOrgRejectedError);
    sim.setFault('adresse', { status: 40, times: 1 });
    await failsWith(() => client.addresses([UNKNOWN[0]]), FkOrgRejectedError);
    sim.setFault('klasse.list', { status: 40, times: 1 });
    await failsWith(() => client.classes([snapshot.classes[0].id]), FkOrgRejectedError);

    // SOAP Faults: Receiver (injected), Sender (requests the simulator cannot take)
    sim.setFault('person.list', { soapFault: true, times: 1 });
    await failsWith(() => client.persons([persons[0].id]), SourceError);
    sim.setFault('organisationsystem', { soapFault: true, times: 1 });
    await failsWith(() => client.hierarchy(), SourceError);
    const before = proxy.exchanges.length;
    const goodEnvelope = proxy.exchanges.find((x) => x.path.includes('/organisationenhed/') && x.requestBody.includes('ListInput'))!;
    const unitUrl = new URL(goodEnvelope.path, proxy.url).toString();
    for (const [contentType, body] of [
      ['text/xml; charset=utf-8', goodEnvelope.requestBody],
      ['application/soap+xml; charset=utf-8', goodEnvelope.requestBody.replace(/ListInput/g, 'UkendtInput')],
      ['application/soap+xml; charset=utf-8', '<not-xml'],
    ] as const) {
      const res = await request(unitUrl, { method: 'POST', headers: { 'content-type': contentType }, body });
      await res.body.text();
    }
    provoked = proxy.exchanges.slice(before);
    expect(provoked).toHaveLength(3);

    const provokedSet = new Set(provoked);
    const judged = proxy.exchanges.filter((x) => !provokedSet.has(x));
    report = await checkExchanges(judged, { requester: 'client', responder: 'simulator', extraSchemas });
    faultReport = await checkExchanges(provoked, { responder: 'simulator', only: 'response', extraSchemas });
    console.info(`[fkorg-conformance] client: ${summary(report, judged.length)}`);
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await scoped?.close();
    await proxy?.close();
    await sim?.close();
  });

  it('exercised every operation and every kind of answer', () => {
    const ops = new Set(proxy.exchanges.map((x) => `${x.path.split('/').at(-3)} ${/<(?:\w+:)?(\w+Input)\b/.exec(x.requestBody)?.[1]}`));
    for (const type of ['organisationenhed', 'organisationfunktion', 'bruger', 'person', 'adresse', 'interessefaellesskab', 'itsystem', 'organisation', 'klasse']) expect(ops).toContain(`${type} ListInput`);
    for (const op of ['organisationenhed LaesInput', 'organisationenhed SoegInput', 'organisationfunktion SoegInput', 'interessefaellesskab SoegInput', 'klasse SoegInput', 'organisationsystem FremsoegObjekthierarkiInput']) expect(ops).toContain(op);
    expect(proxy.exchanges.filter((x) => x.requestBody.includes('FremsoegObjekthierarkiInput') && statusOf(x) === '20').length).toBeGreaterThan(2);
    const statuses = new Set(proxy.exchanges.map(statusOf));
    for (const s of ['20', '40', '44', '49', '50']) expect(statuses).toContain(s);
    expect(proxy.exchanges.filter((x) => /Fault>/.test(x.responseBody ?? '')).length).toBeGreaterThanOrEqual(4);
  });

  it('sends only requests whose body, RequestHeader and SOAP action the WSDL/XSD set accepts', () => {
    const findings = report.findings.filter(isRequestFinding);
    expect(formatFindings(findings), `${findings.length} request findings`).toBe('');
  });

  it('gets only answers whose body the WSDL/XSD set accepts, each the output of the operation asked', () => {
    const findings = report.findings.filter((f) => !isRequestFinding(f) && f.check !== 'fault');
    expect(formatFindings(findings), `${findings.length} answer findings`).toBe('');
  });

  it('finds the mistakes it is there to find', async () => {
    // The defects this suite was written against, put back into real exchanges: each must be found.
    const hierarchy = proxy.exchanges.find((x) => x.requestBody.includes('FremsoegObjekthierarkiInput') && statusOf(x) === '20')!;
    const groups = proxy.exchanges.find((x) => x.path.includes('/interessefaellesskab/') && x.requestBody.includes('ListInput') && statusOf(x) === '20')!;
    const units = proxy.exchanges.find((x) => x.path.includes('/organisationenhed/') && x.requestBody.includes('ListInput') && statusOf(x) === '20')!;
    const mutated = [
      { ...hierarchy, responseBody: null, requestHeaders: { ...hierarchy.requestHeaders, 'content-type': String(hierarchy.requestHeaders['content-type']).replace('organisationssystem', 'organisationsystem') } },
      { ...hierarchy, requestBody: hierarchy.requestBody.replace(/sd:(FoersteResultatReference|MaksimalAntalKvantitet)/g, '$1'), responseBody: null },
      { ...groups, requestBody: groups.requestBody, responseBody: groups.responseBody!.replace(/InteressefaellesskabTypeTekst/g, 'InteressefaellesskabTypeNavn') },
      { ...units, responseBody: units.responseBody!.replace(/sd:StandardRetur/g, 'StandardRetur') },
      { ...units, responseBody: units.responseBody!.replace(/(<sd:EnhedNavn>[^<]*<\/sd:EnhedNavn>)(<\/Egenskab>)(<sd:LokalUdvidelse>.*?<\/sd:LokalUdvidelse>)/, '$1$3$2') },
    ];
    const found = await checkExchanges(mutated, { requester: 'client', responder: 'simulator', extraSchemas });
    expect(new Set(found.findings.map((f) => f.exchange))).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(found.findings.some((f) => f.check === 'action')).toBe(true);
  });

  it('gets SOAP 1.2 Faults with Code/Value, Reason/Text and the HTTP status of the fault code', () => {
    const findings = [...report.findings.filter((f) => f.check === 'fault'), ...faultReport.findings];
    expect(faultReport.judged.size).toBeGreaterThan(0);
    expect(formatFindings(findings), `${findings.length} fault findings`).toBe('');
  });
});

describe.skipIf(!haveSet)('a browse through the whole graph against the SF1500 v6 WSDL/XSD set', () => {
  let stack: Stack;
  let auth: Record<string, string>;
  let capture: SoapCaptureProxy;
  beforeAll(async () => {
    // The simulator's port is known only once the stack runs: the proxy holds requests until then.
    capture = await startSoapCapture();
    stack = await testStack({ employees: 300, fkorgClient: { baseUrl: capture.url }, waitForReady: false });
    capture.target = stack.sources.fkorg.url;
    await waitForReady(stack.url, 60_000);
    auth = await stack.headers();
  });
  afterAll(async () => {
    await stack?.close();
    await capture?.close();
  });

  async function query(q: string, variables?: Record<string, unknown>): Promise<any> {
    const res = await post(stack.url, q, variables, auth);
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    return res.body.data;
  }

  it('answers units, tree, addresses, managers, positions, KLE, interest groups, IT users and searches', async () => {
    const all = await query(
      '{ orgUnits(first: 60) { totalCount nodes { id opusId name shortName unitType { key name } validFrom validTo kle addresses { type value darId } parent { id } children { id } ancestors { id } history { name validFrom parent { id } } } } }',
    );
    expect(all.orgUnits.nodes.length).toBeGreaterThan(5);
    const root = all.orgUnits.nodes.find((n: any) => n.parent === null);
    const descendants = await query('query($id: ID!) { orgUnit(id: $id) { descendants(first: 5) { nodes { id name } pageInfo { endCursor hasNextPage } } } }', { id: root.id });
    await query('query($id: ID!, $after: String) { orgUnit(id: $id) { descendants(first: 5, after: $after, maxDepth: 2) { nodes { id } } } }', {
      id: root.id,
      after: descendants.orgUnit.descendants.pageInfo.endCursor,
    });
    // One kind of staff question per query, to stay under the gateway's cost limit.
    for (const fields of [
      'managers { id name title inherited unit { id } user { id userName name itSystems { name shortName } } }',
      'positions { id title validFrom holders { id userName name } }',
      'itUsers { id userName name itSystems { name } }',
      'interestGroups { id name type units { id name } members { id userName } }',
    ]) {
      await query(`{ orgUnits(first: 10) { nodes { id ${fields} } } }`);
    }
    const kle = all.orgUnits.nodes.flatMap((n: any) => n.kle)[0] ?? '00';
    await query('query($kle: String) { byName: orgUnits(filter: { name: "a" }) { totalCount nodes { id } } byType: orgUnits(filter: { unitTypes: ["afdeling", "institution"] }) { totalCount } byKle: orgUnits(filter: { kle: $kle }) { totalCount nodes { kle } } sub: orgUnits(filter: { subtree: "' + root.id + '" }, first: 3) { nodes { id } } }', { kle });
    await query('query($n: ID!) { employment(employmentNumber: $n) { employee { manager { name inherited unit { name } } } } }', { n: stack.municipality.opus.employments[0].employmentNumber });
    expect(capture.exchanges.length).toBeGreaterThan(0);
  });

  it('sent and got only FK ORG messages the WSDL/XSD set accepts', async () => {
    const report = await checkExchanges(capture.exchanges, { requester: 'organisation subgraph', responder: 'simulator', extraSchemas });
    console.info(`[fkorg-conformance] graph browse: ${summary(report, capture.exchanges.length)}`);
    expect(formatFindings(report.findings), `${report.findings.length} findings`).toBe('');
  });
});
