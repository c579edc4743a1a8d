// Who is asking, as proven by a verified bearer token. Built by the verifier (verifier.ts) in the
// gateway and from the gateway's token (gatewayToken.ts) in every subgraph; nothing else may construct
// one from request data.
export const CLIENT_KINDS = ['fagsystem', 'analyst', 'frontend'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export interface Principal {
  /** `sub`: the user or service the token was issued to. */
  subject: string;
  /** The OAuth client the token was issued through (`azp` or `client_id`). */
  clientId: string;
  /** fagsystem clients may only run registered operations. */
  clientKind: ClientKind;
  scopes: ReadonlySet<string>;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/** Whether the principal holds every one of `scopes`. */
export function hasAllScopes(principal: Principal | undefined, scopes: ReadonlyArray<string>): boolean {
  return !!principal && scopes.every((s) => principal.scopes.has(s));
}

export function hasScope(principal: Principal | undefined, scope: string): boolean {
  return principal?.scopes.has(scope) ?? false;
}
