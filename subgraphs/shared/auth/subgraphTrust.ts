// What a subgraph run from the environment trusts: gateway tokens signed with a key in
// GATEWAY_PUBLIC_KEYS, and, for running one subgraph alone in development,
// SUBGRAPH_ACCEPT_CLIENT_TOKENS=true adds clients' own OIDC tokens (analyst and frontend only).
import type { Logger } from '../../../platform/logging.js';
import { authConfigFromEnv } from '../../../platform/auth/config.js';
import { gatewayPublicKeysFromEnv, warnOfDevelopmentKey } from '../../../platform/auth/gatewayKeys.js';
import { createGatewayTokenVerifier } from '../../../platform/auth/gatewayToken.js';
import { createVerifier, type TokenVerifier } from '../../../platform/auth/verifier.js';
import type { Env } from '../../../platform/env.js';

export function acceptClientTokensFromEnv(env: Env = process.env): boolean {
  const raw = env.SUBGRAPH_ACCEPT_CLIENT_TOKENS ?? 'false';
  if (raw !== 'true' && raw !== 'false') throw new Error(`SUBGRAPH_ACCEPT_CLIENT_TOKENS must be true or false, got "${raw}"`);
  if (raw === 'true' && env.NODE_ENV === 'production') {
    throw new Error('SUBGRAPH_ACCEPT_CLIENT_TOKENS=true lets clients past the gateway and its limits, and is refused when NODE_ENV=production');
  }
  return raw === 'true';
}

export function subgraphTrustFromEnv(subgraph: string, env: Env, logger: Logger): { verifier: TokenVerifier; acceptClientTokens: boolean } {
  const acceptClientTokens = acceptClientTokensFromEnv(env);
  const publicKeys = gatewayPublicKeysFromEnv(env);
  if (publicKeys.development) warnOfDevelopmentKey(logger, 'GATEWAY_PUBLIC_KEYS');
  if (acceptClientTokens) {
    logger.warn('SUBGRAPH_ACCEPT_CLIENT_TOKENS=true: this subgraph also answers analyst and frontend tokens sent to it directly, past every gateway limit, and allows introspection; development only');
  }
  return {
    verifier: createGatewayTokenVerifier({
      subgraph,
      publicKeys,
      // The OIDC settings are read only when the flag is on: a subgraph behind the gateway needs none.
      clientTokens: acceptClientTokens ? createVerifier(authConfigFromEnv(env)) : undefined,
    }),
    acceptClientTokens,
  };
}
