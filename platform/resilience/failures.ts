// How a source error is read, whichever source threw it (here and in ../errors.ts), and the two errors
// the resilience layer raises itself. Both sources' errors carry `code`, `source`, `retryable` and (for HTTP answers)
// `httpStatus`; nothing here imports a source's error classes, so one rule serves both.

/**
 * - `transient`: the source was down, overloaded or too slow (unavailable, timeout, HTTP 5xx). The same
 *   request may succeed later: retried (reads only), counted by the circuit breaker, and the case for
 *   stale-if-error.
 * - `answered`: the source answered and the answer is final: a business rejection (SOURCE_REJECTED),
 *   a 4xx refusal or an unreadable 2xx answer. Never retried; for the breaker the source is up.
 * - `other`: not a source error at all (a bug, bad arguments): passed through untouched.
 */
export type FailureKind = 'transient' | 'answered' | 'other';

/**
 * What every source error carries: the sources' own classes (sources/errors.ts) and the errors the
 * resilience layer raises for a source (open breaker, spent deadline) alike.
 */
export interface SourceErrorShape {
  code: string;
  /** The source's name as clients see it, e.g. `KMD Opus`. */
  source?: string;
  /** Set where the error knows better than the default text what a client should read. */
  clientMessage?: string;
  retryable?: boolean;
  httpStatus?: number | null;
  /** SOAP 1.2 Fault code (FK ORG), e.g. `s:Receiver`. */
  fault?: { code: string } | null;
}

export function isSourceError(error: unknown): error is Error & SourceErrorShape {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('SOURCE_');
}

export function classify(error: unknown): FailureKind {
  if (!isSourceError(error)) return 'other';
  if (error.code === 'SOURCE_REJECTED') return 'answered';
  if (error.retryable === true) return 'transient';
  // A SOAP Fault arrives with HTTP 500: a Receiver fault is the service failing (may pass), a Sender
  // fault is our request being wrong (will not).
  const status = error.httpStatus ?? null;
  if (status !== null && status >= 500) return /(^|:)Sender$/.test(error.fault?.code ?? '') ? 'answered' : 'transient';
  return 'answered';
}

/** Thrown without calling the source while its circuit breaker is open. */
export class SourceCircuitOpenError extends Error {
  readonly code = 'SOURCE_UNAVAILABLE';
  readonly retryable = false;
  /** What the client is told (the default message for SOURCE_UNAVAILABLE says nothing about "soon"). */
  readonly clientMessage: string;

  constructor(
    readonly source: string,
    readonly operation: string,
    readonly retryAfterMs: number,
  ) {
    super(`${source} ${operation} not called: the circuit breaker is open for another ${retryAfterMs} ms`);
    this.name = 'SourceCircuitOpenError';
    this.clientMessage = `${source} is temporarily unavailable; try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`;
  }
}

/** The request's time budget for source reads ran out, retries included. */
export class SourceDeadlineError extends Error {
  readonly code = 'SOURCE_TIMEOUT';
  readonly retryable = false;

  constructor(
    readonly source: string,
    readonly operation: string,
    readonly budgetMs: number,
    options?: { cause?: unknown },
  ) {
    super(`${source} ${operation} did not complete within the ${budgetMs} ms budget for source reads`, options);
    this.name = 'SourceDeadlineError';
  }
}
