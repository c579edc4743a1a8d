// Hive Gateway's config for the benchmark peer, loaded by its own CLI in a child process that
// bench/peers/hiveGateway.ts starts. Everything not set here stays at Hive's defaults; each setting
// below says why it differs. The parent passes its choices through the environment.
import { createRemoteJwksSigningKeyProvider, defineConfig } from '@graphql-hive/gateway';
import { decodeJwt } from 'jose';
import type { AuthConfig } from '../../platform/auth/config.js';
import { gatewaySigningKeyFromEnv } from '../../platform/auth/gatewayKeys.js';
import { gatewayTokenSeconds } from '../../platform/auth/gatewayToken.js';
import { GatewayTokenCache } from '../../platform/auth/gatewayTokenCache.js';
import { principalFromClaims } from '../../platform/auth/verifier.js';
import { RUST_PLANNER_LOADED, type HiveAuth } from './hiveGateway.js';

type UnifiedGraphHandler = typeof import('@graphql-hive/router-runtime').unifiedGraphHandler;

const planner = process.env.HIVE_PEER_PLANNER;
if (planner !== 'js' && planner !== 'rust') throw new Error(`HIVE_PEER_PLANNER must be "js" or "rust", got "${planner}"`);
const subgraphUrls: Record<string, string> = JSON.parse(process.env.HIVE_PEER_SUBGRAPH_URLS ?? '{}');
const auth: HiveAuth | undefined = process.env.HIVE_PEER_AUTH ? JSON.parse(process.env.HIVE_PEER_AUTH) : undefined;
const maxDepth = process.env.HIVE_PEER_MAX_DEPTH ? Number(process.env.HIVE_PEER_MAX_DEPTH) : undefined;
const signingKey = gatewaySigningKeyFromEnv({ NODE_ENV: 'production', GATEWAY_SIGNING_KEY: process.env.HIVE_PEER_GATEWAY_SIGNING_KEY });
const CLAIMS = { scopeClaim: 'scope', clientKindClaim: 'client_kind' } as AuthConfig;

/**
 * The token our subgraphs accept, signed as our gateway signs it (gateway/server.ts): one per caller
 * and subgraph, reused while it has more than the subgraph timeout left (GatewayTokenCache, the same
 * code), for the caller in the client's token. With the JWT plugin on (as in the benchmark) Hive has
 * verified that token before this runs; without it, Hive signs claims it has not verified, which suits
 * a comparison of work on loopback and nothing else.
 */
const subgraphTokens = new GatewayTokenCache({ signingKey, lifetimeSeconds: gatewayTokenSeconds(30_000), renewWithinMs: 30_000 });
function subgraphToken(request: Request, subgraph: string): Promise<string> | undefined {
  const token = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!token) return undefined;
  return subgraphTokens.tokenFor(principalFromClaims(decodeJwt(token), CLAIMS), subgraph);
}

// The Rust planner is loaded here, not through --hive-router-runtime: that flag falls back to the JS
// planner with only a warning when the package cannot load, which would benchmark the wrong thing.
// The log line lets the parent refuse to start unless this handler really ran.
const rustPlanner: UnifiedGraphHandler = async (opts) => {
  const { unifiedGraphHandler } = await import('@graphql-hive/router-runtime');
  const handler = await unifiedGraphHandler(opts);
  opts.log?.info(RUST_PLANNER_LOADED);
  return handler;
};

export const gatewayConfig = defineConfig({
  ...(planner === 'rust' ? { unifiedGraphHandler: rustPlanner } : {}),
  transportEntries: {
    // The supergraph's subgraph URLs are placeholders; our gateway overrides them likewise (buildService).
    ...Object.fromEntries(Object.entries(subgraphUrls).map(([name, location]) => [name, { location }])),
    '*.http': {
      options: {
        // Off: Hive merges identical in-flight subgraph queries by default. Under a synthetic load
        // of one query repeated by many clients that collapses most subgraph calls into one, so it
        // would measure a cache rather than the gateway; our gateway makes every call.
        deduplicateInflightRequests: false,
      },
    },
  },
  // Our subgraphs answer only tokens signed with our gateway's key, for them: Hive signs
  // them with that key as our gateway does (subgraphToken above); Hive forwards no client header by
  // default. x-request-id needs nothing: Hive's default request-id plugin forwards the client's (or a
  // new UUID, as ours does).
  propagateHeaders: {
    fromClientToSubgraphs: async ({ request, subgraphName }) => {
      const token = await subgraphToken(request, subgraphName);
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  },
  // Off: the landing page pulls highlight.js from a CDN and Laboratory (GraphiQL) is a browser tool;
  // neither belongs in a throughput run, and machines here reach no CDN.
  landingPage: false,
  graphiql: false,
  // When asked for, the same per-request work our gateway does before planning: verify the bearer
  // token's signature (JWKS fetched once and cached), issuer, audience, algorithm and expiry, refusing
  // a missing or invalid one; and refuse operations nested too deep.
  ...(auth
    ? {
        jwt: {
          signingKeyProviders: [createRemoteJwksSigningKeyProvider({ jwksUri: auth.jwksUrl })],
          tokenVerification: { issuer: auth.issuer, audience: auth.audience, algorithms: auth.algorithms as never },
          reject: { missingToken: true, invalidToken: true },
        },
      }
    : {}),
  ...(maxDepth !== undefined ? { maxDepth } : {}),
  // Usage reporting, tracing and OpenTelemetry stay off, as by default: they turn on only with Hive
  // or Apollo tokens or OpenTelemetry endpoints, and the parent passes none in the environment.
});
