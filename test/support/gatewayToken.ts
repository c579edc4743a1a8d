// Tokens a subgraph accepts, signed as the stack's gateway signs them: for tests that must talk to a
// subgraph port directly (an `_entities` call, a subgraph's own limits), where a client's token is refused.
import { randomUUID } from 'node:crypto';
import type { Stack } from '../../gateway/stack.js';
import { signGatewayToken } from '../../platform/auth/gatewayToken.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ALL_SCOPES } from '../../platform/auth/scopes.js';
import type { SubgraphName } from '../../platform/topology.js';

export interface GatewayTokenOptions {
  subject?: string;
  clientId?: string;
  clientKind?: Principal['clientKind'];
  /** Every scope by default. */
  scopes?: readonly string[];
  tokenId?: string;
  lifetimeSeconds?: number;
  /** Seconds since the epoch. */
  issuedAt?: number;
}

/** A gateway token for `subgraph`, as the stack's gateway would sign it for a caller like `principal`. */
export function gatewayTokenFor(stack: Pick<Stack, 'signingKey'>, subgraph: SubgraphName | string, principal: GatewayTokenOptions = {}): Promise<string> {
  return signGatewayToken(stack.signingKey, {
    subgraph,
    tokenId: principal.tokenId ?? `test-${randomUUID()}`,
    principal: {
      subject: principal.subject ?? 'test-user',
      clientId: principal.clientId ?? 'kommunegraf-test',
      clientKind: principal.clientKind ?? 'frontend',
      scopes: new Set(principal.scopes ?? ALL_SCOPES),
      expiresAt: 0,
    },
    lifetimeSeconds: principal.lifetimeSeconds,
    issuedAt: principal.issuedAt,
  });
}

/** `{ authorization: 'Bearer <gateway token>' }` for a request straight to `subgraph`. */
export async function gatewayHeadersFor(stack: Pick<Stack, 'signingKey'>, subgraph: SubgraphName | string, principal: GatewayTokenOptions = {}): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await gatewayTokenFor(stack, subgraph, principal)}` };
}
