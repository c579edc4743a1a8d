// The token the gateway signs for each subgraph it calls on a client's behalf, and the subgraphs'
// verifier of it. A subgraph answers only these: a client's own token sent straight to a subgraph
// port would skip every gateway limit (safelist, depth, aliases, cost, body size).
//
// EdDSA (Ed25519) and not a shared secret: the subgraphs hold only the public key, so a compromised
// subgraph can read tokens but cannot mint one for another subgraph. The audience is the subgraph's
// name, so a token sent to payroll is refused by employee.
//
// Signed and checked with node:crypto directly rather than jose: jose goes through WebCrypto, which
// cost 225 µs per signature and 280 µs per verification against node:crypto's 44 and 129 µs, paid on
// every subgraph call. The format is plain compact JWS (RFC 7515, alg EdDSA per RFC 8037), so any JWT
// library reads these tokens; the checks below are the ones jose's jwtVerify made.
import { hash as digestOf, randomUUID, sign as signBytes, verify as verifyBytes } from 'node:crypto';
import type { GatewayPublicKeys, GatewaySigningKey } from './gatewayKeys.js';
import { CLIENT_KINDS, type ClientKind, type Principal } from './principal.js';
import { AuthenticationError, type TokenVerifier } from './verifier.js';
import { setBounded } from '../collections.js';

export const GATEWAY_ISSUER = 'kommunegraf-gateway';
/**
 * Lifetime of a gateway token. A subgraph checks it when a request arrives, so it must cover the
 * gateway's whole request: the gateway re-signs a cached token with less than SUBGRAPH_TIMEOUT_MS
 * left (gatewayTokenCache.ts), and signs for at least twice SUBGRAPH_TIMEOUT_MS (gatewayTokenSeconds).
 */
export const GATEWAY_TOKEN_SECONDS = 60;
/** The longest lifetime a subgraph accepts (exp - iat): a leaked token must not be good for long. */
const MAX_LIFETIME_SECONDS = 15 * 60;
const CLOCK_TOLERANCE_SECONDS = 5;
const CACHE_LIMIT = 10_000;
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;
/** Client kinds a subgraph accepts directly with SUBGRAPH_ACCEPT_CLIENT_TOKENS: fagsystem safelists live in the gateway. */
const DIRECT_CLIENT_KINDS: ReadonlySet<ClientKind> = new Set(['analyst', 'frontend']);

/** The lifetime the gateway signs for: 60 s, or twice the subgraph timeout when that is longer. */
export function gatewayTokenSeconds(subgraphTimeoutMs: number): number {
  return Math.min(MAX_LIFETIME_SECONDS, Math.max(GATEWAY_TOKEN_SECONDS, Math.ceil((2 * subgraphTimeoutMs) / 1000)));
}

export interface GatewayTokenRequest {
  /** The subgraph the token is for (its `aud`). */
  subgraph: string;
  /**
   * The token's own id (`jti`, RFC 7519 §4.1.7); a new UUID by default. Not the request id: one token
   * serves its caller's requests to this subgraph for most of its lifetime (gatewayTokenCache.ts), and
   * each request's id travels as `x-request-id`.
   */
  tokenId?: string;
  /** The caller the gateway verified. */
  principal: Principal;
  lifetimeSeconds?: number;
  /** Seconds since the epoch; now by default. */
  issuedAt?: number;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signGatewayToken(key: GatewaySigningKey, request: GatewayTokenRequest): Promise<string> {
  const iat = request.issuedAt ?? Math.floor(Date.now() / 1000);
  const { principal } = request;
  const header = base64url({ alg: 'EdDSA', typ: 'JWT', kid: key.kid });
  const payload = base64url({
    azp: principal.clientId,
    client_kind: principal.clientKind,
    scope: [...principal.scopes].join(' '),
    iss: GATEWAY_ISSUER,
    aud: request.subgraph,
    sub: principal.subject,
    jti: request.tokenId ?? randomUUID(),
    iat,
    exp: iat + (request.lifetimeSeconds ?? GATEWAY_TOKEN_SECONDS),
  });
  const signature = signBytes(null, Buffer.from(`${header}.${payload}`), key.privateKey).toString('base64url');
  return Promise.resolve(`${header}.${payload}.${signature}`);
}

interface GatewayClaims {
  iss?: unknown;
  aud?: unknown;
  sub?: unknown;
  azp?: unknown;
  jti?: unknown;
  iat?: unknown;
  exp?: unknown;
  nbf?: unknown;
  scope?: unknown;
  client_kind?: unknown;
}

/** The JSON object in one base64url part of a token; undefined when it is not one. */
function jsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const ONLY_GATEWAY = 'This subgraph answers only the gateway';

function principalOf(payload: GatewayClaims): Principal {
  const kind = payload.client_kind as ClientKind;
  if (!CLIENT_KINDS.includes(kind)) throw new AuthenticationError(`${ONLY_GATEWAY}: the token's client_kind is not one of ${CLIENT_KINDS.join(', ')}`, 'invalid');
  if (typeof payload.sub !== 'string' || payload.sub === '' || typeof payload.azp !== 'string' || typeof payload.scope !== 'string') {
    throw new AuthenticationError(`${ONLY_GATEWAY}: the token lacks sub, azp or scope`, 'invalid');
  }
  return { subject: payload.sub, clientId: payload.azp, clientKind: kind, scopes: new Set(payload.scope.split(' ').filter(Boolean)), expiresAt: payload.exp as number };
}

const refuse = (reason: string) => new AuthenticationError(`${ONLY_GATEWAY}: ${reason}`, 'invalid');

export interface GatewayVerifierOptions {
  /** This subgraph's name: the audience its tokens must carry. */
  subgraph: string;
  publicKeys: GatewayPublicKeys;
  /**
   * SUBGRAPH_ACCEPT_CLIENT_TOKENS (development only): also accept a client's own OIDC token through
   * this verifier, of client kind analyst or frontend.
   */
  clientTokens?: TokenVerifier;
}

/** The subgraph's verifier: gateway tokens for this subgraph, and nothing else (but see `clientTokens`). */
export function createGatewayTokenVerifier(options: GatewayVerifierOptions): TokenVerifier {
  // Verified tokens by hash: a plan step's several fetches to this subgraph carry the same token.
  const verified = new Map<string, Principal>();

  /** Signature, key, issuer, audience and times, as jose's jwtVerify checked them; the parts come from BEARER. */
  const verifyGatewayToken = (header: Record<string, unknown>, payload: GatewayClaims, signed: string, signature: string): Principal => {
    const key = typeof header.kid === 'string' ? options.publicKeys.keys.get(header.kid) : undefined;
    // `crit` names extensions a verifier must understand (RFC 7515 §4.1.11); these tokens have none.
    if (header.alg !== 'EdDSA' || !key || header.crit !== undefined) throw refuse('the token is not signed with a gateway key this subgraph knows');
    if (!verifyBytes(null, Buffer.from(signed), key, Buffer.from(signature, 'base64url'))) throw refuse("the token's signature does not verify against the gateway's keys");
    for (const claim of ['exp', 'iat'] as const) if (typeof payload[claim] !== 'number') throw refuse(`the gateway token's ${claim} claim is not accepted`);
    for (const claim of ['sub', 'jti'] as const) if (typeof payload[claim] !== 'string') throw refuse(`the gateway token's ${claim} claim is not accepted`);
    const audience = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audience.includes(options.subgraph)) throw refuse("the gateway token's aud claim is not accepted");
    const now = Math.floor(Date.now() / 1000);
    const [exp, iat] = [payload.exp as number, payload.iat as number];
    if (exp <= now - CLOCK_TOLERANCE_SECONDS) throw refuse('the gateway token has expired');
    if (iat > now + CLOCK_TOLERANCE_SECONDS) throw refuse("the gateway token's iat claim is not accepted");
    if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > now + CLOCK_TOLERANCE_SECONDS)) throw refuse("the gateway token's nbf claim is not accepted");
    if (exp - iat > MAX_LIFETIME_SECONDS) throw refuse(`the gateway token lives longer than ${MAX_LIFETIME_SECONDS} s`);
    return principalOf(payload);
  };

  const verifyClientToken = async (authorization: string): Promise<Principal> => {
    const principal = await options.clientTokens!.verify(authorization);
    if (!DIRECT_CLIENT_KINDS.has(principal.clientKind)) {
      throw new AuthenticationError(`${ONLY_GATEWAY} for ${principal.clientKind} clients: their registered operations are enforced there`, 'invalid');
    }
    return principal;
  };

  return {
    async verify(authorization) {
      if (!authorization) throw new AuthenticationError(`${ONLY_GATEWAY}: a bearer token is required`, 'missing');
      const token = BEARER.exec(authorization.trim())?.[1];
      if (!token) throw new AuthenticationError(`${ONLY_GATEWAY}: the Authorization header must be "Bearer <JWT>"`, 'invalid');
      const hash = digestOf('sha256', token, 'base64url');
      const hit = verified.get(hash);
      if (hit && hit.expiresAt * 1000 > Date.now()) return hit;

      const [headerPart, payloadPart, signature] = token.split('.');
      const header = jsonPart(headerPart);
      const payload = jsonPart(payloadPart) as GatewayClaims | undefined;
      if (!header || !payload) throw refuse('the token is not a valid JWT');
      if (payload.iss !== GATEWAY_ISSUER) {
        if (options.clientTokens) return verifyClientToken(authorization);
        throw refuse('send requests to the gateway, not to a subgraph');
      }
      const principal = verifyGatewayToken(header, payload, `${headerPart}.${payloadPart}`, signature);
      setBounded(verified, hash, principal, CACHE_LIMIT);
      return principal;
    },
  };
}
