// What can go wrong when talking to a source system (KMD Opus, FK ORG), as typed errors with a stable
// `code`. The subgraphs turn the code into the GraphQL error code, so codes never change. Messages are
// for people and must never carry personal data (no CPR, no names, no UUID lists): they name the
// source, the operation and what was wrong, nothing else. Each source adds only its own rejection
// (`OpusBusinessError`, `FkOrgRejectedError`).

export type SourceErrorCode = 'SOURCE_UNAVAILABLE' | 'SOURCE_TIMEOUT' | 'SOURCE_PROTOCOL_ERROR' | 'SOURCE_REJECTED' | 'SOURCE_NOT_AVAILABLE';

export abstract class SourceError extends Error {
  abstract readonly code: SourceErrorCode;
  /** Whether the same request may succeed if sent again later. */
  abstract readonly retryable: boolean;

  constructor(
    message: string,
    /** The source's name as clients see it, e.g. `KMD Opus`. */
    readonly source: string,
    /** The call that failed: an Opus endpoint (`read-employee-data`) or `<service>.<operation>` of FK ORG. */
    readonly operation: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The source could not be reached or answered 5xx/408/429 without a usable answer: retry later. */
export class SourceUnavailableError extends SourceError {
  readonly code: SourceErrorCode = 'SOURCE_UNAVAILABLE';
  readonly retryable = true;

  constructor(
    message: string,
    source: string,
    operation: string,
    readonly httpStatus: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, source, operation, options);
  }
}

/** No complete answer within the client's timeout. A subtype of unavailable, so retry logic treats both alike. */
export class SourceTimeoutError extends SourceUnavailableError {
  override readonly code: SourceErrorCode = 'SOURCE_TIMEOUT';

  constructor(
    source: string,
    operation: string,
    readonly timeoutMs: number,
  ) {
    super(`${source} ${operation} did not answer within ${timeoutMs} ms`, source, operation, null);
  }
}

/**
 * The answer could not be understood (wrong content type, bad JSON or XML, unexpected shape, a SOAP
 * Fault) or the source refused the request itself with 4xx. Retrying the same request will not help:
 * a contract, configuration or security problem.
 */
export class SourceProtocolError extends SourceError {
  readonly code: SourceErrorCode = 'SOURCE_PROTOCOL_ERROR';
  readonly retryable = false;
  /** Code/Value and Reason/Text of a SOAP 1.2 Fault, when the answer was one (FK ORG). */
  readonly fault: { code: string; reason: string } | null;

  constructor(
    message: string,
    source: string,
    operation: string,
    readonly httpStatus: number | null = null,
    options?: {
      cause?: unknown;
      fault?: { code: string; reason: string };
    },
  ) {
    super(message, source, operation, options);
    this.fault = options?.fault ?? null;
  }
}


/**
 * The configured source does not carry what was asked (an area the Opus extract lacks, registration
 * time from the Dataservice). Not a failure: asking again gives the same answer, and the breaker
 * counts the source as up. `clientMessage` names the thing and the mode, never a value.
 */
export class SourceNotAvailableError extends SourceError {
  readonly code: SourceErrorCode = 'SOURCE_NOT_AVAILABLE';
  readonly retryable = false;

  constructor(
    readonly clientMessage: string,
    source: string,
    operation: string,
  ) {
    super(clientMessage, source, operation);
  }
}
