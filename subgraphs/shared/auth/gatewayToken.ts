// The token the gateway signs for each subgraph it calls on a client's behalf, and the subgraphs'
// verifier of it. A subgraph answers only these: a client's own token sent straight to a subgraph
// port would skip every gateway limit (safelist, depth, aliases, cost, body size).
//
// EdDSA (Ed25519) and not a shared secret: the subgraphs hold only the public key, so a compromised
// subgraph can read tokens but cannot mint one for another subgraph. The audience is the subgraph's
// name, so a token sent to payroll is refused by employee.
import { createHash } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { GatewayPublicKeys, GatewaySigningKey } from './gatewayKeys.js';
import { CLIENT_KINDS, type ClientKind, type Principal } from './principal.js';
import { AuthenticationError, type TokenVerifier } from './verifier.js';

export const GATEWAY_ISSUER = 'kommunegraf-gateway';
/**
 * Lifetime of a gateway token. A subgraph checks it when a request arrives, so it must cover the
 * gateway's whole request: the gateway re-signs a cached token with less than SUBGRAPH_TIMEOUT_MS
 * left, and signs for at least twice SUBGRAPH_TIMEOUT_MS (gatewayTokenSeconds).
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
  /** The client request's id (`jti`). */
  requestId: string;
  /** The caller the gateway verified. */
  principal: Principal;
  lifetimeSeconds?: number;
  /** Seconds since the epoch; now by default. */
  issuedAt?: number;
}

export function signGatewayToken(key: GatewaySigningKey, request: GatewayTokenRequest): Promise<string> {
  const iat = request.issuedAt ?? Math.floor(Date.now() / 1000);
  const { principal } = request;
  return new SignJWT({ azp: principal.clientId, client_kind: principal.clientKind, scope: [...principal.scopes].join(' ') })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: key.kid })
    .setIssuer(GATEWAY_ISSUER)
    .setAudience(request.subgraph)
    .setSubject(principal.subject)
    .setJti(request.requestId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (request.lifetimeSeconds ?? GATEWAY_TOKEN_SECONDS))
    .sign(key.privateKey);
}

const ONLY_GATEWAY = 'This subgraph answers only the gateway';

function principalOf(payload: JWTPayload): Principal {
  const kind = payload.client_kind as ClientKind;
  if (!CLIENT_KINDS.includes(kind)) throw new AuthenticationError(`${ONLY_GATEWAY}: the token's client_kind is not one of ${CLIENT_KINDS.join(', ')}`, 'invalid');
  if (typeof payload.sub !== 'string' || payload.sub === '' || typeof payload.azp !== 'string' || typeof payload.scope !== 'string') {
    throw new AuthenticationError(`${ONLY_GATEWAY}: the token lacks sub, azp or scope`, 'invalid');
  }
  return { subject: payload.sub, clientId: payload.azp, clientKind: kind, scopes: new Set(payload.scope.split(' ').filter(Boolean)), expiresAt: payload.exp ?? 0 };
}

function describe(error: unknown): string {
  if (error instanceof AuthenticationError) return error.message;
  if (error instanceof errors.JWTExpired) return `${ONLY_GATEWAY}: the gateway token has expired`;
  if (error instanceof errors.JWTClaimValidationFailed) return `${ONLY_GATEWAY}: the gateway token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return `${ONLY_GATEWAY}: the token's signature does not verify against the gateway's keys`;
  return `${ONLY_GATEWAY}: the token is not a valid gateway token`;
}

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

  const verifyGatewayToken = async (token: string): Promise<Principal> => {
    const { kid, alg } = decodeProtectedHeader(token);
    const key = typeof kid === 'string' ? options.publicKeys.keys.get(kid) : undefined;
    if (alg !== 'EdDSA' || !key) throw new AuthenticationError(`${ONLY_GATEWAY}: the token is not signed with a gateway key this subgraph knows`, 'invalid');
    const { payload } = await jwtVerify(token, key, {
      issuer: GATEWAY_ISSUER,
      audience: options.subgraph,
      algorithms: ['EdDSA'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'iat', 'sub', 'jti'],
    });
    if (payload.exp! - payload.iat! > MAX_LIFETIME_SECONDS) throw new AuthenticationError(`${ONLY_GATEWAY}: the gateway token lives longer than ${MAX_LIFETIME_SECONDS} s`, 'invalid');
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
      const hash = createHash('sha256').update(token).digest('base64url');
      const hit = verified.get(hash);
      if (hit && hit.expiresAt * 1000 > Date.now()) return hit;

      let issuer: unknown;
      try {
        issuer = decodeJwt(token).iss;
      } catch {
        throw new AuthenticationError(`${ONLY_GATEWAY}: the token is not a valid JWT`, 'invalid');
      }
      if (issuer !== GATEWAY_ISSUER) {
        if (options.clientTokens) return verifyClientToken(authorization);
        throw new AuthenticationError(`${ONLY_GATEWAY}: send requests to the gateway, not to a subgraph`, 'invalid');
      }
      let principal: Principal;
      try {
        principal = await verifyGatewayToken(token);
      } catch (error) {
        throw new AuthenticationError(describe(error), 'invalid');
      }
      if (verified.size >= CACHE_LIMIT) verified.clear();
      verified.set(hash, principal);
      return principal;
    },
  };
}
