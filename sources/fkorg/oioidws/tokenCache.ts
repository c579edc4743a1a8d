// The token is reused until shortly before it expires, then renewed; concurrent callers share one
// renewal, and a failed renewal fails every caller waiting for it (the next call tries again).
// [KOMBIT] StsTokenServiceCache.cs caches per CVR + WSP endpoint id until ValidTo - CacheClockSkew
// (default 60 s, StsTokenServiceConfiguration.cs); one cache here serves one CVR and one service.
import type { IssuedToken } from './stsClient.js';

export interface TokenSource {
  issue(): Promise<IssuedToken>;
}

export interface TokenCacheOptions {
  /** Renew this long before the token expires. Default 60 s. */
  renewBeforeMs?: number;
  now?: () => number;
}

export class TokenCache {
  private token: IssuedToken | undefined;
  private pending: Promise<IssuedToken> | undefined;
  private readonly renewBeforeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: TokenSource,
    options: TokenCacheOptions = {},
  ) {
    this.renewBeforeMs = options.renewBeforeMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** When `token` is due for renewal: `renewBeforeMs` before it expires, but never before half its lifetime (a token shorter than the margin is still reused). */
  renewAt(token: IssuedToken): number {
    const lifetime = token.expiresAt - token.createdAt;
    return token.expiresAt - Math.min(this.renewBeforeMs, lifetime / 2);
  }

  async get(): Promise<IssuedToken> {
    const token = this.token;
    if (token && this.now() < this.renewAt(token)) return token;
    this.pending ??= this.source.issue().then(
      (issued) => {
        this.token = issued;
        this.pending = undefined;
        return issued;
      },
      (err: unknown) => {
        this.pending = undefined;
        throw err;
      },
    );
    return this.pending;
  }

  /** Forgets the cached token (the next call asks the STS). */
  clear(): void {
    this.token = undefined;
  }
}
