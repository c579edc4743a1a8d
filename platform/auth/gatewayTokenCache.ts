// The gateway's tokens for the subgraphs, one per caller and subgraph, reused while it has time left.
//
// A token carries only the subgraph and the caller the gateway verified (sub, azp, client_kind, scope),
// so two requests of the same caller would get tokens that differ in nothing but their times and id.
// Reusing one saves the gateway an Ed25519 signature per request and subgraph, and each subgraph a
// verification (it keeps verified tokens by hash: gatewayToken.ts). Nothing a subgraph relies on
// changes: the audience still names one subgraph, the lifetime is the same, and the request id the
// audit trail records arrives as `x-request-id`, as it always has. A token is used for a request only
// after that request's own client token was verified for the same caller.
import type { GatewaySigningKey } from './gatewayKeys.js';
import { signGatewayToken } from './gatewayToken.js';
import type { Principal } from './principal.js';
import { setBounded } from '../collections.js';

/** Callers kept at most; past it the cache starts afresh (each caller then costs one signature more). */
const CALLER_LIMIT = 10_000;

interface Signed {
  token: Promise<string>;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface GatewayTokenCacheOptions {
  signingKey: GatewaySigningKey;
  /** The lifetime each token is signed for (gatewayTokenSeconds). */
  lifetimeSeconds: number;
  /**
   * A token is signed anew once it has no more than this left (SUBGRAPH_TIMEOUT_MS): a subgraph
   * checks it on arrival, so a fetch sent with it must not outlive it.
   */
  renewWithinMs: number;
  /** Milliseconds since the epoch; Date.now by default (tests move time). */
  now?: () => number;
}

/**
 * The claims a token carries for its caller, as one key: equal keys, interchangeable tokens. JSON, so
 * no subject or client id can be made to run into the next claim.
 */
function callerKey(p: Principal): string {
  return JSON.stringify([p.subject, p.clientId, p.clientKind, [...p.scopes].join(' ')]);
}

export class GatewayTokenCache {
  private readonly byCaller = new Map<string, Map<string, Signed>>();
  private readonly now: () => number;

  constructor(private readonly options: GatewayTokenCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The token for `subgraph` on behalf of `principal`: the cached one while it has time left, else a new one. */
  tokenFor(principal: Principal, subgraph: string): Promise<string> {
    const now = this.now();
    const key = callerKey(principal);
    let bySubgraph = this.byCaller.get(key);
    const cached = bySubgraph?.get(subgraph);
    if (cached && cached.expiresAt - now > this.options.renewWithinMs) return cached.token;
    if (!bySubgraph) {
      setBounded(this.byCaller, key, (bySubgraph = new Map()), CALLER_LIMIT);
    }
    const issuedAt = Math.floor(now / 1000);
    const { lifetimeSeconds, signingKey } = this.options;
    const token = signGatewayToken(signingKey, { subgraph, principal, lifetimeSeconds, issuedAt });
    bySubgraph.set(subgraph, { token, expiresAt: (issuedAt + lifetimeSeconds) * 1000 });
    return token;
  }
}
