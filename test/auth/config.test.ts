// Which issuer a process trusts is settled at start: production never runs without a real one.
import { describe, expect, it } from 'vitest';
import { authConfigFromEnv } from '../../platform/auth/config.js';

describe('authentication settings', () => {
  it('refuse to start without an issuer and an audience', () => {
    expect(() => authConfigFromEnv({})).toThrow(/AUTH_ISSUER and AUTH_AUDIENCE/);
    expect(() => authConfigFromEnv({ AUTH_ISSUER: 'https://login.example.dk' })).toThrow(/AUTH_AUDIENCE/);
    expect(() => authConfigFromEnv({ NODE_ENV: 'production' })).toThrow(/AUTH_ISSUER/);
  });

  it('refuse the development issuer in production', () => {
    expect(() => authConfigFromEnv({ NODE_ENV: 'production', AUTH_MODE: 'dev' })).toThrow(/refused when NODE_ENV=production/);
  });

  it('accept an OIDC issuer and take algorithms, tolerance and claim names from the environment', () => {
    const config = authConfigFromEnv({
      NODE_ENV: 'production',
      AUTH_ISSUER: 'https://login.example.dk/realms/kommune',
      AUTH_AUDIENCE: 'kommunegraf',
      AUTH_ALGORITHMS: 'RS256, ES384',
      AUTH_CLOCK_TOLERANCE_SECONDS: '10',
      AUTH_SCOPE_CLAIM: 'scp',
    });
    expect(config).toMatchObject({ mode: 'oidc', issuer: 'https://login.example.dk/realms/kommune', audience: 'kommunegraf', algorithms: ['RS256', 'ES384'], clockToleranceSeconds: 10, scopeClaim: 'scp' });
  });

  it('refuse symmetric or unknown algorithms and malformed URLs', () => {
    const base = { AUTH_ISSUER: 'https://login.example.dk', AUTH_AUDIENCE: 'kommunegraf' };
    expect(() => authConfigFromEnv({ ...base, AUTH_ALGORITHMS: 'HS256' })).toThrow(/asymmetric/);
    expect(() => authConfigFromEnv({ ...base, AUTH_ALGORITHMS: 'none' })).toThrow(/asymmetric/);
    expect(() => authConfigFromEnv({ ...base, AUTH_ISSUER: 'not a url' })).toThrow(/AUTH_ISSUER is not a URL/);
    expect(() => authConfigFromEnv({ ...base, AUTH_JWKS_URL: '::' })).toThrow(/AUTH_JWKS_URL/);
  });

  it('map clients to kinds from AUTH_CLIENT_KINDS and refuse a malformed table at start', () => {
    const base = { AUTH_ISSUER: 'https://login.example.dk', AUTH_AUDIENCE: 'kommunegraf' };
    expect(authConfigFromEnv(base).clientKinds).toEqual(new Map());
    expect(authConfigFromEnv({ ...base, AUTH_CLIENT_KINDS: 'hr-portal=frontend, esdh=fagsystem' }).clientKinds).toEqual(
      new Map([['hr-portal', 'frontend'], ['esdh', 'fagsystem']]),
    );
    expect(() => authConfigFromEnv({ ...base, AUTH_CLIENT_KINDS: 'esdh=superuser' })).toThrow(/AUTH_CLIENT_KINDS.*"esdh=superuser"/);
    expect(() => authConfigFromEnv({ ...base, AUTH_CLIENT_KINDS: 'esdh' })).toThrow(/AUTH_CLIENT_KINDS/);
    expect(() => authConfigFromEnv({ ...base, AUTH_CLIENT_KINDS: 'esdh=fagsystem,esdh=analyst' })).toThrow(/AUTH_CLIENT_KINDS names client "esdh" twice/);
  });
});
