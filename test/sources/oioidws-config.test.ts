// OIOIDWS configuration: unset means no OIOIDWS; a PKCS#12 or PEM client certificate configures a
// working client (checked end to end against the simulators); every missing, unreadable or wrong
// setting stops startup with a message that names the variable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FkOrgSoapClient } from '../../sources/fkorg/FkOrgSoapClient.js';
import { startFkOrgSimulator, type FkOrgSimulator } from '../../sources/fkorg/simulator.js';
import { oioidwsFromEnv } from '../../sources/fkorg/oioidws/config.js';
import { OioidwsSecurity } from '../../sources/fkorg/oioidws/oioidwsSecurity.js';
import { startStsSimulator, type StsSimulator } from '../../sources/fkorg/oioidws/stsSimulator.js';
import { makeTestIdentity, toPkcs12 } from '../../sources/fkorg/oioidws/testIdentity.js';
import { WspGuard } from '../../sources/fkorg/oioidws/wspGuard.js';
import { sourceConfigFromEnv } from '../../sources/config.js';
import { sampleMunicipality } from '../support/stack.js';

const snapshot = sampleMunicipality(10).org;
const SERVICE = 'http://stoettesystemerne.dk/service/organisation/3';
let dir: string;
let sts: StsSimulator;
let sim: FkOrgSimulator;
let guard: WspGuard;
let env: Record<string, string>;
const file = (name: string, data: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'oioidws-config-'));
  const [stsId, clientId, serviceId, otherId] = ['STS', 'Kommune', 'FK ORG', 'Other'].map((cn) => makeTestIdentity(cn));
  sts = await startStsSimulator({ identity: stsId });
  guard = new WspGuard({ stsCertificate: stsId.cert, serviceCertificate: serviceId.cert, serviceKey: serviceId.keyPem, serviceEntityId: SERVICE });
  sim = await startFkOrgSimulator({ snapshot, oioidws: guard });
  env = {
    FKORG_STS_URL: sts.url,
    FKORG_STS_ENTITY_ID: sts.entityId,
    FKORG_STS_CERT: file('sts.cer', stsId.cert.raw),
    FKORG_SERVICE_ENTITY_ID: SERVICE,
    FKORG_SERVICE_CERT: file('service.pem', serviceId.certPem),
    FKORG_CLIENT_CERT: file('client.p12', toPkcs12(clientId, 'hemmelig')),
    FKORG_CLIENT_CERT_PASSWORD: 'hemmelig',
    FKORG_CVR: snapshot.organisation.cvr,
  };
  file('client.pem', clientId.certPem);
  file('client.key', clientId.keyPem);
  file('other.key', otherId.keyPem);
  file('garbage.cer', 'not a certificate');
});
afterAll(async () => {
  await sim?.close();
  await sts?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('oioidwsFromEnv', () => {
  it('is off when no variable is set', () => {
    expect(oioidwsFromEnv({})).toBeUndefined();
    expect(oioidwsFromEnv({ FKORG_URL: 'https://organisation.stoettesystemerne.dk/' })).toBeUndefined();
  });

  it.each([
    ['a PKCS#12 file with its password', {}],
    ['a PEM certificate and key', { FKORG_CLIENT_CERT: 'client.pem', FKORG_CLIENT_KEY: 'client.key', FKORG_CLIENT_CERT_PASSWORD: '' }],
  ])('configures a working client from %s', async (_, overrides: Record<string, string>) => {
    const resolved = Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, v.endsWith('.pem') || v.endsWith('.key') ? join(dir, v) : v]));
    const security = oioidwsFromEnv({ ...env, ...resolved });
    expect(security).toBeInstanceOf(OioidwsSecurity);
    const issued = sts.issued;
    const accepted = guard.accepted;
    const client = new FkOrgSoapClient({ baseUrl: sim.url, security });
    try {
      const unit = snapshot.units[0];
      expect((await client.units([unit.id])).get(unit.id)?.versions.at(-1)?.name).toBe(unit.versions.at(-1)!.name);
    } finally {
      await client.close();
    }
    expect(sts.issued - issued).toBe(1);
    expect(guard.accepted).toBeGreaterThan(accepted);
    expect(sts.requests.at(-1)!.cvr).toBe(snapshot.organisation.cvr);
  });

  it.each([
    ['FKORG_STS_URL', { FKORG_STS_URL: undefined }],
    ['FKORG_STS_URL', { FKORG_STS_URL: 'not a url' }],
    ['FKORG_STS_ENTITY_ID', { FKORG_STS_ENTITY_ID: '' }],
    ['FKORG_SERVICE_ENTITY_ID', { FKORG_SERVICE_ENTITY_ID: undefined }],
    ['FKORG_CVR', { FKORG_CVR: undefined }],
    ['FKORG_CVR', { FKORG_CVR: '12345678' }],
    ['FKORG_TOKEN_LIFETIME_MINUTES', { FKORG_TOKEN_LIFETIME_MINUTES: '1000' }],
    ['FKORG_STS_CERT', { FKORG_STS_CERT: undefined }],
    ['FKORG_STS_CERT', { FKORG_STS_CERT: '/nonexistent/sts.cer' }],
    ['FKORG_STS_CERT', { FKORG_STS_CERT: 'garbage.cer' }],
    ['FKORG_SERVICE_CERT', { FKORG_SERVICE_CERT: '/nonexistent/service.pem' }],
    ['FKORG_CLIENT_CERT', { FKORG_CLIENT_CERT: undefined }],
    ['FKORG_CLIENT_CERT', { FKORG_CLIENT_CERT: '/nonexistent/client.p12' }],
    ['FKORG_CLIENT_CERT', { FKORG_CLIENT_CERT: 'garbage.cer' }],
    ['FKORG_CLIENT_CERT_PASSWORD', { FKORG_CLIENT_CERT_PASSWORD: 'forkert' }],
    ['FKORG_CLIENT_KEY', { FKORG_CLIENT_CERT: 'client.pem', FKORG_CLIENT_CERT_PASSWORD: '' }],
    ['FKORG_CLIENT_KEY', { FKORG_CLIENT_CERT: 'client.pem', FKORG_CLIENT_KEY: 'other.key' }],
    ['FKORG_CLIENT_KEY', { FKORG_CLIENT_CERT: 'client.pem', FKORG_CLIENT_KEY: '/nonexistent/client.key' }],
  ])('names %s when it is wrong: %o', (variable, overrides: Record<string, string | undefined>) => {
    const merged: Record<string, string | undefined> = { ...env };
    for (const [k, v] of Object.entries(overrides)) merged[k] = v && /^[a-z]+\.(pem|key|cer)$/.test(v) ? join(dir, v) : v;
    let error: unknown;
    try {
      oioidwsFromEnv(merged);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message.startsWith(variable)).toBe(true);
  });
});

describe('sourceConfigFromEnv', () => {
  const base = { OPUS_URL: 'http://127.0.0.1:1', FKORG_URL: 'http://127.0.0.1:2', OPUS_KOMMUNEKODE: '0999' };

  it('passes OIOIDWS to the FK ORG client configuration, and none when unset', () => {
    expect(sourceConfigFromEnv(base).org.security).toBeUndefined();
    expect(sourceConfigFromEnv({ ...base, ...env }).org.security).toBeInstanceOf(OioidwsSecurity);
  });

  it('stops at startup when a certificate is missing', () => {
    expect(() => sourceConfigFromEnv({ ...base, ...env, FKORG_CLIENT_CERT: '/nonexistent/client.p12' })).toThrow(/^FKORG_CLIENT_CERT: cannot read/);
  });
});
