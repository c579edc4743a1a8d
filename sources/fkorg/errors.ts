// What can go wrong when talking to FK ORG, as typed errors with a stable `code`. The subgraphs turn the
// code into the GraphQL error code, so codes never change. Messages name the service and operation and
// what was wrong; never UUID lists, names or CPR numbers.

export type FkOrgErrorCode = 'SOURCE_UNAVAILABLE' | 'SOURCE_TIMEOUT' | 'SOURCE_PROTOCOL_ERROR' | 'SOURCE_REJECTED';

export const SOURCE_NAME = 'FK ORG';

export abstract class FkOrgSourceError extends Error {
  abstract readonly code: FkOrgErrorCode;
  /** Whether the same request may succeed if sent again later. */
  abstract readonly retryable: boolean;
  readonly source = SOURCE_NAME;

  constructor(
    message: string,
    /** `<service>.<operation>`, e.g. `organisationenhed.list`. */
    readonly operation: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** FK ORG could not be reached, or answered 502/503/504/408/429 without a SOAP answer: retry later. */
export class FkOrgUnavailableError extends FkOrgSourceError {
  readonly code: FkOrgErrorCode = 'SOURCE_UNAVAILABLE';
  readonly retryable = true;

  constructor(
    message: string,
    operation: string,
    readonly httpStatus: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, operation, options);
  }
}

/** No complete answer within the client's timeout. A subtype of unavailable, so retry logic treats both alike. */
export class FkOrgTimeoutError extends FkOrgUnavailableError {
  override readonly code: FkOrgErrorCode = 'SOURCE_TIMEOUT';

  constructor(
    operation: string,
    readonly timeoutMs: number,
  ) {
    super(`FK ORG ${operation} did not answer within ${timeoutMs} ms`, operation, null);
  }
}

/**
 * The answer could not be understood (not XML, not a SOAP 1.2 envelope, unexpected shape) or was a SOAP
 * Fault. Retrying the same request will not help: a contract, configuration or security problem.
 */
export class FkOrgProtocolError extends FkOrgSourceError {
  readonly code: FkOrgErrorCode = 'SOURCE_PROTOCOL_ERROR';
  readonly retryable = false;

  constructor(
    message: string,
    operation: string,
    readonly httpStatus: number | null = null,
    /** Code/Value and Reason/Text of a SOAP Fault, when the answer was one. */
    readonly fault: { code: string; reason: string } | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, operation, options);
  }
}

/** FK ORG understood the request and answered StandardRetur with a status other than 20 (OK) or 44 (not found). */
export class FkOrgRejectedError extends FkOrgSourceError {
  readonly code: FkOrgErrorCode = 'SOURCE_REJECTED';
  readonly retryable = false;

  constructor(
    operation: string,
    /** StandardRetur.StatusKode, e.g. '40' (bad input), '49' or '50' (service errors). */
    readonly status: string,
    /** StandardRetur.FejlbeskedTekst as FK ORG sent it. */
    readonly text: string,
  ) {
    super(`FK ORG ${operation} answered status ${status}${text ? `: ${text}` : ''}`, operation);
  }
}

export function isFkOrgSourceError(error: unknown): error is FkOrgSourceError {
  return error instanceof FkOrgSourceError;
}
