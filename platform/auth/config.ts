// Token verification settings, read the same way by the gateway and every subgraph (README:
// "Authentication"). Production refuses to start without an issuer; development may instead trust
// the local development issuer (devIssuer.ts) that `npm start` runs.
import { intFromEnv } from '../env.js';
import { CLIENT_KINDS, type ClientKind } from './principal.js';
import type { Env } from '../env.js';

export interface AuthConfig {
  mode: 'oidc' | 'dev';
  issuer: string;
  audience: string;
  /** JWKS location; when absent, taken from the issuer's OpenID discovery document. */
  jwksUrl?: string;
  algorithms: string[];
  clockToleranceSeconds: number;
  /** Claim holding the granted scopes: a space-separated string or an array. */
  scopeClaim: string;
  /** Claim marking the kind of client: fagsystem, analyst or frontend. */
  clientKindClaim: string;
  /**
   * The kind of a token without that claim, by its client (`azp` or `client_id`): AUTH_CLIENT_KINDS.
   * A token with neither is refused.
   */
  clientKinds?: ReadonlyMap<string, ClientKind>;
}

/** `AUTH_CLIENT_KINDS="hr-portal=frontend,esdh=fagsystem"`: client id = kind, comma-separated. */
export function clientKindsFromEnv(env: Env = process.env): Map<string, ClientKind> {
  const map = new Map<string, ClientKind>();
  for (const entry of (env.AUTH_CLIENT_KINDS ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const [client, kind, ...rest] = entry.split('=').map((p) => p.trim());
    if (!client || !kind || rest.length || !CLIENT_KINDS.includes(kind as ClientKind)) {
      throw new Error(`AUTH_CLIENT_KINDS must list <client id>=<${CLIENT_KINDS.join('|')}> separated by commas; got "${entry}"`);
    }
    if (map.has(client)) throw new Error(`AUTH_CLIENT_KINDS names client "${client}" twice`);
    map.set(client, kind as ClientKind);
  }
  return map;
}

export const DEV_ISSUER_PORT = 4100;
export const DEV_AUDIENCE = 'kommunegraf';
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export function devIssuerUrl(env: Env = process.env): string {
  return env.DEV_ISSUER_URL ?? `http://127.0.0.1:${intFromEnv(env, 'DEV_ISSUER_PORT', DEV_ISSUER_PORT, 0, 65535)}`;
}

export function authConfigFromEnv(env: Env = process.env): AuthConfig {
  const mode = env.AUTH_MODE ?? 'oidc';
  if (mode !== 'oidc' && mode !== 'dev') throw new Error(`AUTH_MODE must be oidc or dev, got "${mode}"`);
  if (mode === 'dev' && env.NODE_ENV === 'production') {
    throw new Error('AUTH_MODE=dev trusts a local development issuer and is refused when NODE_ENV=production');
  }
  const issuer = mode === 'dev' ? devIssuerUrl(env) : env.AUTH_ISSUER;
  const audience = mode === 'dev' ? (env.AUTH_AUDIENCE ?? DEV_AUDIENCE) : env.AUTH_AUDIENCE;
  if (!issuer || !audience) {
    throw new Error('AUTH_ISSUER and AUTH_AUDIENCE must be set (the OIDC issuer whose bearer tokens are accepted); for local development set AUTH_MODE=dev');
  }
  const algorithms = (env.AUTH_ALGORITHMS ?? 'RS256,PS256,ES256').split(',').map((a) => a.trim()).filter(Boolean);
  const unknown = algorithms.filter((a) => !ALGORITHMS.includes(a));
  if (algorithms.length === 0 || unknown.length) throw new Error(`AUTH_ALGORITHMS must list asymmetric JWS algorithms (${ALGORITHMS.join(', ')}), got "${env.AUTH_ALGORITHMS}"`);
  for (const [name, value] of [['AUTH_ISSUER', issuer], ['AUTH_JWKS_URL', env.AUTH_JWKS_URL]] as const) {
    if (value && !URL.canParse(value)) throw new Error(`${name} is not a URL: "${value}"`);
  }
  return {
    mode,
    issuer,
    audience,
    jwksUrl: env.AUTH_JWKS_URL || undefined,
    algorithms,
    clockToleranceSeconds: intFromEnv(env, 'AUTH_CLOCK_TOLERANCE_SECONDS', 30, 0, 300),
    scopeClaim: env.AUTH_SCOPE_CLAIM ?? 'scope',
    clientKindClaim: env.AUTH_CLIENT_KIND_CLAIM ?? 'client_kind',
    clientKinds: clientKindsFromEnv(env),
  };
}
