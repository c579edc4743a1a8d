// OIOIDWS from the environment. Nothing set = no OIOIDWS (the simulator, `npm start`); once any of the
// variables is set, all required ones must be, and every certificate is read and checked here, at
// startup, with errors naming the variable. What a client needs follows [OS2SYNC] StubUtil.CreateChannel:
// STS endpoint and entity id, STS certificate, the service's entity id (WspEndpointID) and certificate,
// the client certificate (keystore + password), CVR and token lifetime (OS2sync asks 120 minutes).
import { readFileSync } from 'node:fs';
import { cvrIsValid } from '../../identifiers.js';
import type { SoapSecurity } from '../security.js';
import { CertificateError, readCertificate, readClientIdentity } from './certificates.js';
import { OioidwsSecurity } from './oioidwsSecurity.js';
import { StsClient } from './stsClient.js';
import { TokenCache } from './tokenCache.js';
import type { Env } from '../../../platform/env.js';

export const OIOIDWS_VARIABLES = [
  'FKORG_STS_URL',
  'FKORG_STS_ENTITY_ID',
  'FKORG_STS_CERT',
  'FKORG_SERVICE_ENTITY_ID',
  'FKORG_SERVICE_CERT',
  'FKORG_CLIENT_CERT',
  'FKORG_CLIENT_KEY',
  'FKORG_CLIENT_CERT_PASSWORD',
  'FKORG_CVR',
  'FKORG_TOKEN_LIFETIME_MINUTES',
] as const;

/** A setting is missing or unusable; the message starts with the variable's name. */
export class OioidwsConfigError extends Error {}

function required(env: Env, name: string): string {
  const v = env[name];
  if (v === undefined || v.trim() === '') throw new OioidwsConfigError(`${name} is not set (needed for OIOIDWS once any FKORG_STS_*/FKORG_CLIENT_* variable is set)`);
  return v.trim();
}

function readFile(env: Env, name: string): Buffer {
  const path = required(env, name);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new OioidwsConfigError(`${name}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function url(env: Env, name: string): string {
  const v = required(env, name);
  try {
    new URL(v);
  } catch {
    throw new OioidwsConfigError(`${name} must be a URL, got "${v}"`);
  }
  return v;
}

export interface OioidwsEnvOptions {
  timeoutMs?: number;
  now?: () => number;
}

export function oioidwsFromEnv(env: Env = process.env, options: OioidwsEnvOptions = {}): SoapSecurity | undefined {
  if (!OIOIDWS_VARIABLES.some((n) => env[n] !== undefined && env[n] !== '')) return undefined;
  try {
    const stsUrl = url(env, 'FKORG_STS_URL');
    if (!stsUrl.startsWith('https:') && env.NODE_ENV === 'production') throw new OioidwsConfigError('FKORG_STS_URL must be https in production');
    const stsEntityId = required(env, 'FKORG_STS_ENTITY_ID');
    const serviceEntityId = required(env, 'FKORG_SERVICE_ENTITY_ID');
    const cvr = required(env, 'FKORG_CVR');
    if (!/^\d{8}$/.test(cvr) || !cvrIsValid(cvr)) throw new OioidwsConfigError(`FKORG_CVR must be the municipality's 8-digit CVR number (modulus 11), got "${cvr}"`);
    const lifetimeRaw = env.FKORG_TOKEN_LIFETIME_MINUTES;
    const lifetimeMinutes = lifetimeRaw === undefined || lifetimeRaw === '' ? 120 : Number(lifetimeRaw);
    // [KOMBIT] StsTokenServiceConfiguration.TokenLifeTimeInMinutes: values above 480 give 8 hours anyway.
    if (!Number.isInteger(lifetimeMinutes) || lifetimeMinutes < 5 || lifetimeMinutes > 480) {
      throw new OioidwsConfigError(`FKORG_TOKEN_LIFETIME_MINUTES must be an integer from 5 to 480, got "${lifetimeRaw}"`);
    }
    const stsCert = readCertificate(readFile(env, 'FKORG_STS_CERT'), 'FKORG_STS_CERT');
    const serviceCert = env.FKORG_SERVICE_CERT ? readCertificate(readFile(env, 'FKORG_SERVICE_CERT'), 'FKORG_SERVICE_CERT') : undefined;
    const client = readClientIdentity(readFile(env, 'FKORG_CLIENT_CERT'), env.FKORG_CLIENT_KEY ? readFile(env, 'FKORG_CLIENT_KEY') : undefined, env.FKORG_CLIENT_CERT_PASSWORD, {
      cert: 'FKORG_CLIENT_CERT',
      key: 'FKORG_CLIENT_KEY',
      password: 'FKORG_CLIENT_CERT_PASSWORD',
    });
    const now = options.now ?? Date.now;
    for (const [name, cert] of [['FKORG_CLIENT_CERT', client.cert], ['FKORG_STS_CERT', stsCert], ['FKORG_SERVICE_CERT', serviceCert]] as const) {
      if (cert && Date.parse(cert.validTo) <= now()) throw new OioidwsConfigError(`${name}: the certificate expired on ${cert.validTo}`);
    }
    const sts = new StsClient({ stsUrl, stsEntityId, stsCert, serviceEntityId, client, cvr, lifetimeMinutes, timeoutMs: options.timeoutMs, now });
    return new OioidwsSecurity({ tokens: new TokenCache(sts, { now }), clientKey: client.key, serviceCert, now });
  } catch (err) {
    if (err instanceof CertificateError) throw new OioidwsConfigError(err.message, { cause: err });
    throw err;
  }
}
