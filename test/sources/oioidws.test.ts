// OIOIDWS end to end over real HTTP: FkOrgSoapClient asks the STS simulator for a holder-of-key SAML
// token, signs every request with it, and the FK ORG simulator in its verifying mode (WspGuard) checks
// each request and signs each answer, which the client checks in turn. Token reuse and renewal are
// counted in Issue requests against an injected clock; every way a request can be wrong is refused by
// the simulator with a SOAP 1.2 security Fault and reaches the caller as SourceProtocolError; a tampered
// or unsigned answer is refused by the client. The simulators are this project's, not KOMBIT's.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPrivateKey } from 'node:crypto';
import { request } from 'undici';
import { FkOrgSoapClient } from '../../sources/fkorg/FkOrgSoapClient.js';
import { SourceProtocolError, SourceUnavailableError } from '../../sources/errors.js';
import type { SecuredRequest, SoapSecurity } from '../../sources/fkorg/security.js';
import { startFkOrgSimulator, type FkOrgSimulator } from '../../sources/fkorg/simulator.js';
import { SECURITY_FAULT_REASON } from '../../sources/fkorg/oioidws/namespaces.js';
import { OioidwsSecurity } from '../../sources/fkorg/oioidws/oioidwsSecurity.js';
import { signRequest } from '../../sources/fkorg/oioidws/signer.js';
import { StsClient, type IssuedToken } from '../../sources/fkorg/oioidws/stsClient.js';
import { startStsSimulator, type StsSimulator } from '../../sources/fkorg/oioidws/stsSimulator.js';
import { makeTestIdentity, type TestIdentity } from '../../sources/fkorg/oioidws/testIdentity.js';
import { TokenCache } from '../../sources/fkorg/oioidws/tokenCache.js';
import { WspGuard, type RefusalKind } from '../../sources/fkorg/oioidws/wspGuard.js';
import { sampleMunicipality } from '../support/stack.js';

const SERVICE_ENTITY_ID = 'http://stoettesystemerne.dk/service/organisation/3';
const snapshot = sampleMunicipality(20).org;
const CVR = snapshot.organisation.cvr;
const [UNIT, OTHER_UNIT] = snapshot.units.map((u) => u.id);

// One clock for the STS, the cache, the signer and the guard; tests move it forward.
let offset = 0;
const now = () => Date.now() + offset;

let stsId: TestIdentity;
let clientId: TestIdentity;
let serviceId: TestIdentity;
let strangerId: TestIdentity;
let sts: StsSimulator;
let guard: WspGuard;
let sim: FkOrgSimulator;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  [stsId, clientId, serviceId, strangerId] = ['Test STS', 'Test Kommune FOCES', 'Test FK ORG', 'Someone else'].map((cn) => makeTestIdentity(cn));
  sts = await startStsSimulator({ identity: stsId, now });
  guard = new WspGuard({ stsCertificate: stsId.cert, serviceCertificate: serviceId.cert, serviceKey: serviceId.keyPem, serviceEntityId: SERVICE_ENTITY_ID, now });
  sim = await startFkOrgSimulator({ snapshot, oioidws: guard });
});
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
  await sim?.close();
  await sts?.close();
});
afterEach(() => {
  offset = 0;
});

function stsClient(options: { stsUrl?: string; stsCert?: TestIdentity; lifetimeMinutes?: number } = {}): StsClient {
  return new StsClient({
    stsUrl: options.stsUrl ?? sts.url,
    stsEntityId: sts.entityId,
    stsCert: (options.stsCert ?? stsId).cert,
    serviceEntityId: SERVICE_ENTITY_ID,
    client: { cert: clientId.cert, key: createPrivateKey(clientId.keyPem) },
    cvr: CVR,
    lifetimeMinutes: options.lifetimeMinutes ?? 120,
    now,
  });
}

function oioidws(options: { tokens?: TokenCache; key?: TestIdentity; signerNow?: () => number; serviceCert?: TestIdentity | null } = {}) {
  const tokens = options.tokens ?? new TokenCache(stsClient(), { now });
  const security = new OioidwsSecurity({
    tokens,
    clientKey: createPrivateKey((options.key ?? clientId).keyPem),
    serviceCert: options.serviceCert === null ? undefined : (options.serviceCert ?? serviceId).cert,
    now: options.signerNow ?? now,
  });
  return { tokens, security };
}

function client(security: SoapSecurity, baseUrl = sim.url): FkOrgSoapClient {
  const c = new FkOrgSoapClient({ baseUrl, security, timeoutMs: 5_000 });
  closers.push(() => c.close());
  return c;
}

async function unitName(c: FkOrgSoapClient, id = UNIT): Promise<string | undefined> {
  return (await c.units([id])).get(id)?.versions.at(-1)?.name;
}

const expectedName = (id: string) => snapshot.units.find((u) => u.id === id)!.versions.at(-1)!.name;

describe('the whole path', () => {
  it('gets a token for the service and the CVR, signs every request, and the verifying simulator serves and signs the answers', async () => {
    const issued = sts.issued;
    const requests = sts.requests.length;
    const accepted = guard.accepted;
    const refusals = guard.refusals.length;
    const calls = sim.calls.length;
    const c = client(oioidws().security);
    expect(await unitName(c)).toBe(expectedName(UNIT));
    expect(sts.issued - issued).toBe(1);
    const rst = sts.requests.slice(requests);
    expect(rst).toHaveLength(1);
    expect(rst[0].appliesTo).toBe(SERVICE_ENTITY_ID);
    expect(rst[0].cvr).toBe(CVR);
    expect(rst[0].clientCert.raw.equals(clientId.cert.raw)).toBe(true);
    // units() makes several SOAP calls (the unit, then what it refers to): every one accepted, none refused.
    expect(sim.calls.length - calls).toBeGreaterThanOrEqual(2);
    expect(guard.accepted - accepted).toBe(sim.calls.length - calls);
    expect(guard.refusals.length).toBe(refusals);
  });
});

describe('token cache', () => {
  it('uses one token for many calls', async () => {
    const issued = sts.issued;
    const c = client(oioidws().security);
    for (let i = 0; i < 5; i++) expect(await unitName(c)).toBe(expectedName(UNIT));
    expect(sts.issued - issued).toBe(1);
  });

  it('renews the token a minute before it expires, not earlier', async () => {
    const tokens = new TokenCache(stsClient({ lifetimeMinutes: 10 }), { now, renewBeforeMs: 60_000 });
    const c = client(oioidws({ tokens }).security);
    const issued = sts.issued;
    await unitName(c);
    expect(sts.issued - issued).toBe(1);
    offset = 8.9 * 60_000; // 8 min 54 s: still more than a minute left
    await unitName(c);
    expect(sts.issued - issued).toBe(1);
    offset = 9.1 * 60_000; // less than a minute left: renewed
    expect(await unitName(c)).toBe(expectedName(UNIT));
    expect(sts.issued - issued).toBe(2);
    await unitName(c);
    expect(sts.issued - issued).toBe(2);
  });

  it('shares one Issue among concurrent callers, first and at renewal', async () => {
    const tokens = new TokenCache(stsClient({ lifetimeMinutes: 10 }), { now });
    const c = client(oioidws({ tokens }).security);
    const before = sts.requests.length;
    let held = sts.hold();
    const first = Promise.all(Array.from({ length: 10 }, () => unitName(c)));
    await vi.waitFor(() => expect(sts.requests.length - before).toBe(1));
    held.release();
    expect(await first).toEqual(Array(10).fill(expectedName(UNIT)));
    expect(sts.requests.length - before).toBe(1);

    offset = 9.5 * 60_000;
    held = sts.hold();
    const renewed = Promise.all(Array.from({ length: 10 }, (_, i) => unitName(c, i % 2 ? UNIT : OTHER_UNIT)));
    await vi.waitFor(() => expect(sts.requests.length - before).toBe(2));
    held.release();
    expect(await renewed).toEqual(Array.from({ length: 10 }, (_, i) => expectedName(i % 2 ? UNIT : OTHER_UNIT)));
    expect(sts.requests.length - before).toBe(2);
  });

  it('turns an STS failure into SourceUnavailable for every waiting caller, and asks again on the next call', async () => {
    const c = client(oioidws().security);
    const before = sts.requests.length;
    sts.fail('fault');
    try {
      const results = await Promise.allSettled([unitName(c), unitName(c), unitName(c)]);
      for (const r of results) {
        expect(r.status).toBe('rejected');
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(SourceUnavailableError);
        expect(((r as PromiseRejectedResult).reason as Error).message).toMatch(/could not be secured: the STS refused to issue a token/);
      }
      expect(sts.requests.length - before).toBe(1);
      sts.fail('unavailable');
      await expect(unitName(c)).rejects.toBeInstanceOf(SourceUnavailableError);
      expect(sts.requests.length - before).toBe(2);
    } finally {
      sts.fail(null);
    }
    expect(await unitName(c)).toBe(expectedName(UNIT));
    expect(sts.requests.length - before).toBe(3);
  });
});

describe('the verifying simulator refuses', () => {
  async function expectRefused(c: FkOrgSoapClient, kind: RefusalKind): Promise<void> {
    const refusals = guard.refusals.length;
    const calls = sim.calls.length;
    const err = await unitName(c).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceProtocolError);
    expect((err as SourceProtocolError).fault).toEqual({ code: 'Sender', reason: SECURITY_FAULT_REASON });
    expect((err as SourceProtocolError).retryable).toBe(false);
    expect(guard.refusals.slice(refusals).map((r) => r.kind)).toEqual([kind]);
    // Refused before the service saw it.
    expect(sim.calls.length).toBe(calls);
  }

  it('an unsigned request', async () => {
    await expectRefused(client({ secure: async (envelope: string) => ({ body: envelope, headers: {} }) }), 'unsigned');
    expect(guard.refusals.at(-1)!.code).toBe('InvalidSecurity');
  });

  it('a request whose timestamp has expired', async () => {
    // The signer's clock is 10 minutes behind: its 5-minute timestamp expired 5 minutes ago.
    await expectRefused(client(oioidws({ signerNow: () => Date.now() - 10 * 60_000 }).security), 'timestamp-expired');
    expect(guard.refusals.at(-1)!.code).toBe('MessageExpired');
  });

  it('a request carrying an expired token', async () => {
    offset = -3 * 60 * 60_000; // issued three hours ago for two hours
    const stale = await stsClient().issue();
    offset = 0;
    expect(stale.expiresAt).toBeLessThan(Date.now());
    await expectRefused(client(signingWith(stale, clientId)), 'token-expired');
  });

  it('a replayed request', async () => {
    const { security } = oioidws();
    let recorded: SecuredRequest | undefined;
    let replay = false;
    const replaying: SoapSecurity = {
      async secure(envelope, action) {
        if (replay && recorded) return recorded;
        const secured = await security.secure(envelope);
        recorded ??= secured;
        return secured;
      },
      verifyResponse: (xml, action, req) => security.verifyResponse(xml, action, req),
    };
    const c = client(replaying);
    expect(await unitName(c)).toBe(expectedName(UNIT));
    replay = true;
    await expectRefused(c, 'replay');
  });

  it('a request whose body was changed after signing', async () => {
    const { security } = oioidws();
    const altering: SoapSecurity = {
      async secure(envelope) {
        const secured = await security.secure(envelope);
        expect(secured.body).toContain(UNIT);
        return { ...secured, body: secured.body.replace(UNIT, OTHER_UNIT) };
      },
    };
    await expectRefused(client(altering), 'bad-signature');
    expect(guard.refusals.at(-1)!.code).toBe('FailedCheck');
  });

  it('a request signed with a key other than the one the token is bound to', async () => {
    await expectRefused(client(oioidws({ key: strangerId }).security), 'bad-signature');
  });

  it('a token not issued by the STS the service trusts', async () => {
    const otherStsId = makeTestIdentity('Another STS');
    const otherSts = await startStsSimulator({ identity: otherStsId });
    closers.push(() => otherSts.close());
    const tokens = new TokenCache(stsClient({ stsUrl: otherSts.url, stsCert: otherStsId }));
    await expectRefused(client(oioidws({ tokens }).security), 'untrusted-token');
    expect(otherSts.issued).toBe(1);
    expect(guard.refusals.at(-1)!.code).toBe('FailedAuthentication');
  });
});

function signingWith(token: IssuedToken, key: TestIdentity): SoapSecurity {
  return {
    async secure(envelope) {
      const { body, messageId } = signRequest(envelope, token, createPrivateKey(key.keyPem), Date.now());
      return { body, headers: {}, messageId };
    },
  };
}

describe('the client refuses answers', () => {
  it('tampered with on the way', async () => {
    // A proxy that changes the unit's name in the signed answer.
    const name = expectedName(UNIT);
    const proxy: Server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const upstream = await request(`${sim.url}${req.url}`, { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: Buffer.concat(chunks) });
      const text = (await upstream.body.text()).replace(`>${name}<`, '>Forfalsket enhed<');
      res.writeHead(upstream.statusCode, { 'content-type': 'application/soap+xml; charset=utf-8' }).end(text);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => proxy.close(() => r())));
    const base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const err = await unitName(client(oioidws().security, base)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceProtocolError);
    expect((err as Error).message).toMatch(/answer refused: signature does not verify/);
    // Without response verification the forged name would have been read.
    expect(await unitName(client(oioidws({ serviceCert: null }).security, base))).toBe('Forfalsket enhed');
  });

  it('signed with another key than the service certificate', async () => {
    const err = await unitName(client(oioidws({ serviceCert: strangerId }).security)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceProtocolError);
    expect((err as Error).message).toMatch(/answer refused: signature does not verify/);
  });

  it('not signed at all', async () => {
    const plain = await startFkOrgSimulator({ snapshot });
    closers.push(() => plain.close());
    const err = await unitName(client(oioidws().security, plain.url)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceProtocolError);
    expect((err as Error).message).toMatch(/answer refused: the answer is not signed/);
  });
});
