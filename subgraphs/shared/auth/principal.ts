// Who is asking, as proven by a verified bearer token. Built by the verifier (verifier.ts) in the
// gateway and again in every subgraph; nothing else may construct one from request data.
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

/** True when the principal holds every scope of at least one of the alternatives (OR of ANDs, as in @requiresScopes). */
export function satisfies(principal: Principal | undefined, alternatives: ReadonlyArray<ReadonlyArray<string>>): boolean {
  if (!principal) return false;
  return alternatives.some((all) => all.every((s) => principal.scopes.has(s)));
}

export function hasScope(principal: Principal | undefined, scope: string): boolean {
  return principal?.scopes.has(scope) ?? false;
}
