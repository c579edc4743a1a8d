// Bearer token verification with jose against the issuer's JWKS: signature, issuer, audience,
// algorithm, expiry. The gateway verifies every client request with it; subgraphs verify the token the
// gateway signs for them instead (gatewayToken.ts), and use this only when run alone with
// SUBGRAPH_ACCEPT_CLIENT_TOKENS.
import { hash as digestOf } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';
import type { AuthConfig } from './config.js';
import { CLIENT_KINDS, type ClientKind, type Principal } from './principal.js';
import { setBounded } from '../collections.js';

/** RFC 6750's error_description allows printable ASCII without `"` and a backslash: anything else becomes `'` or `?`. */
function challengeText(message: string): string {
  return message.replace(/"/g, "'").replace(/[^\x20-\x7e]|\\/g, '?');
}

export class AuthenticationError extends GraphQLError {
  constructor(message: string, reason: 'missing' | 'invalid' | 'unavailable') {
    const status = reason === 'unavailable' ? 503 : 401;
    const challenge = reason === 'missing' ? 'Bearer' : `Bearer error="invalid_token", error_description="${challengeText(message)}"`;
    super(message, {
      extensions: {
        code: reason === 'unavailable' ? ErrorCode.SOURCE_UNAVAILABLE : ErrorCode.UNAUTHENTICATED,
        // Apollo Server turns this into the HTTP status and headers of the response. It wants a Map;
        // graphql-yoga (in the benchmark's Hive peer) declares the same extension as a plain record.
        http: { status, headers: new Map([['www-authenticate', challenge]]) as unknown as Record<string, string> },
      },
    });
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;
const CACHE_LIMIT = 10_000;
/** A verified token is re-checked at least this often, so a key rotation or revocation bites soon. */
const CACHE_MS = 60_000;

export interface TokenVerifier {
  /** The principal of a valid `Authorization: Bearer` header; throws AuthenticationError otherwise. */
  verify(authorization: string | undefined): Promise<Principal>;
}

async function jwksUrlOf(config: AuthConfig): Promise<URL> {
  if (config.jwksUrl) return new URL(config.jwksUrl);
  const discovery = new URL('.well-known/openid-configuration', config.issuer.endsWith('/') ? config.issuer : `${config.issuer}/`);
  const res = await fetch(discovery, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`OpenID discovery at ${discovery} answered HTTP ${res.status}`);
  const doc = (await res.json()) as { jwks_uri?: unknown; issuer?: unknown };
  if (typeof doc.jwks_uri !== 'string') throw new Error(`OpenID discovery at ${discovery} has no jwks_uri`);
  if (doc.issuer !== config.issuer) throw new Error(`OpenID discovery at ${discovery} names issuer ${String(doc.issuer)}, not ${config.issuer}`);
  return new URL(doc.jwks_uri);
}

export function principalFromClaims(payload: JWTPayload, config: AuthConfig): Principal {
  const raw = payload[config.scopeClaim];
  const scopes = typeof raw === 'string' ? raw.split(' ').filter(Boolean) : Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new AuthenticationError('The token has no subject (sub)', 'invalid');
  const client = [payload.azp, payload.client_id].find((c): c is string => typeof c === 'string');
  const clientId = client ?? payload.sub;
  const kindClaim = payload[config.clientKindClaim];
  // Deny by default: a token that says nothing of its kind gets none (no free queries, no
  // introspection), unless its client is listed in AUTH_CLIENT_KINDS.
  const clientKind = (kindClaim ?? (client !== undefined ? config.clientKinds?.get(client) : undefined)) as ClientKind | undefined;
  if (clientKind === undefined) {
    throw new AuthenticationError(`The token has no ${config.clientKindClaim} claim and its client is not listed in AUTH_CLIENT_KINDS`, 'invalid');
  }
  if (!CLIENT_KINDS.includes(clientKind)) throw new AuthenticationError(`The token's ${config.clientKindClaim} claim must be one of ${CLIENT_KINDS.join(', ')}`, 'invalid');
  return { subject: payload.sub, clientId, clientKind, scopes: new Set(scopes), expiresAt: payload.exp ?? 0 };
}

// A refused issuer or audience names the one expected (issuer URLs and audiences are public, and a
// token minted for the wrong one is the commonest mistake); nothing of the presented token is echoed.
const wrongIssuer = (config: AuthConfig) => `The token's iss claim is not accepted: tokens must be issued by ${config.issuer}`;
const wrongAudience = (config: AuthConfig) => `The token's aud claim is not accepted: tokens must be made out to the audience ${config.audience}`;

/** Another issuer's token does not verify against this issuer's keys either: say so by its unverified iss, only to compare. */
function issuerDiffers(token: string, config: AuthConfig): boolean {
  try {
    return decodeJwt(token).iss !== config.issuer;
  } catch {
    return false;
  }
}

function describe(error: unknown, token: string, config: AuthConfig): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return wrongIssuer(config);
    if (error.claim === 'aud') return wrongAudience(config);
    return `The token's ${error.claim} claim is not accepted`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "The token's signing algorithm is not accepted";
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return issuerDiffers(token, config) ? wrongIssuer(config) : "The token's signature does not verify against the issuer's keys";
  }
  return 'The token is not a valid JWT';
}

export function createVerifier(config: AuthConfig): TokenVerifier {
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
  let keysLoading: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const jwks = () => {
    if (keys) return Promise.resolve(keys);
    keysLoading ??= jwksUrlOf(config)
      .then((url) => (keys = createRemoteJWKSet(url, { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 })))
      .finally(() => (keysLoading = undefined));
    return keysLoading;
  };
  // Verified tokens by hash: signature checks cost more than the rest of a small request.
  const verified = new Map<string, { principal: Principal; until: number }>();

  return {
    async verify(authorization) {
      if (!authorization) throw new AuthenticationError('A bearer token is required (Authorization: Bearer <token>)', 'missing');
      const token = BEARER.exec(authorization.trim())?.[1];
      if (!token) throw new AuthenticationError('The Authorization header must be "Bearer <JWT>"', 'invalid');
      const hash = digestOf('sha256', token, 'base64url');
      const now = Date.now();
      const hit = verified.get(hash);
      if (hit && hit.until > now) return hit.principal;

      let keySet;
      try {
        keySet = await jwks();
      } catch {
        throw new AuthenticationError("The token issuer's keys could not be fetched", 'unavailable');
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keySet, {
          issuer: config.issuer,
          audience: config.audience,
          algorithms: config.algorithms,
          clockTolerance: config.clockToleranceSeconds,
          requiredClaims: ['exp', 'sub'],
        }));
      } catch (error) {
        if (error instanceof errors.JWKSTimeout || (error instanceof Error && /fetch|ECONNREFUSED/i.test(error.message) && !(error instanceof errors.JOSEError))) {
          throw new AuthenticationError("The token issuer's keys could not be fetched", 'unavailable');
        }
        throw new AuthenticationError(describe(error, token, config), 'invalid');
      }
      const principal = principalFromClaims(payload, config);
      setBounded(verified, hash, { principal, until: Math.min(now + CACHE_MS, principal.expiresAt * 1000) }, CACHE_LIMIT);
      return principal;
    },
  };
}
