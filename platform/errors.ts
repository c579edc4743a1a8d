// The error codes clients can rely on. Every error that leaves a subgraph or the gateway carries one of
// these in `extensions.code`; messages are for humans and may change, codes may not.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from './logging.js';
import { isSourceError, type SourceErrorShape } from './resilience/failures.js';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  SOURCE_UNAVAILABLE: 'SOURCE_UNAVAILABLE',
  SOURCE_TIMEOUT: 'SOURCE_TIMEOUT',
  SOURCE_PROTOCOL_ERROR: 'SOURCE_PROTOCOL_ERROR',
  SOURCE_REJECTED: 'SOURCE_REJECTED',
  /** The data needs a source this deployment has not configured (e.g. the extract store behind `changes`). */
  SOURCE_NOT_AVAILABLE: 'SOURCE_NOT_AVAILABLE',
  /** The audit log could not be written, so personal data was withheld or a mutation refused. */
  AUDIT_UNAVAILABLE: 'AUDIT_UNAVAILABLE',
  /** The access report needs an audit sink that can be searched (PostgreSQL or the file), and this one cannot. */
  AUDIT_LOG_NOT_QUERYABLE: 'AUDIT_LOG_NOT_QUERYABLE',
  /** The idempotency key was used before for a request with other arguments. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** An earlier request with the same idempotency key is still running; retry shortly. */
  IDEMPOTENT_REQUEST_IN_PROGRESS: 'IDEMPOTENT_REQUEST_IN_PROGRESS',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The gateway's own refusals and its view of subgraphs it could not use. */
export const GatewayErrorCode = {
  // gateway/limits
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_ROOT_FIELDS: 'TOO_MANY_ROOT_FIELDS',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  PAGE_TOO_LARGE: 'PAGE_TOO_LARGE',
  INTROSPECTION_DISABLED: 'INTROSPECTION_DISABLED',
  // gateway/persisted
  PERSISTED_QUERY_NOT_IN_SAFELIST: 'PERSISTED_QUERY_NOT_IN_SAFELIST',
  // gateway/operationResolution.ts (the code Apollo Server uses for the same case)
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  // gateway/subgraphFailure.ts: a subgraph that could not be reached or did not answer in time
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  SUBGRAPH_TIMEOUT: 'SUBGRAPH_TIMEOUT',
} as const;

/**
 * Every code a client can meet in `extensions.code`, from any layer (README: "Errors"). Anything else
 * leaving a resolver is masked as INTERNAL_SERVER_ERROR.
 */
export const KNOWN_CODES: ReadonlySet<string> = new Set<string>([
  ...Object.values(ErrorCode),
  ...Object.values(GatewayErrorCode),
  // Apollo Server's own stable codes.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  // The HTTP layer's refusals (http.ts): before any GraphQL is read.
  'PAYLOAD_TOO_LARGE',
]);

export function badInput(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extra } });
}

export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} ${id} was not found`, { extensions: { code: ErrorCode.NOT_FOUND } });
}

/**
 * The one place where anything thrown in a resolver becomes what the client sees: known GraphQL errors
 * pass through, source errors keep their code with a message that names the source but not its
 * internals, and anything else is masked as INTERNAL_SERVER_ERROR (and logged by the caller).
 */
export function toClientError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (isCodelessRequestError(error)) return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isSourceError(original)) {
    return {
      message: sourceMessage(original),
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: original.code, ...(original.source ? { source: original.source } : {}) },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && KNOWN_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    // What a subgraph's HTTP answer held (its URL, its body) and server internals stay on the server.
    const { stacktrace: _s, exception: _e, response: _r, http: _h, serviceName: _n, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/**
 * Apollo Server refuses a few requests with an HTTP 4xx but no code (a persisted query of another
 * version, a hash that does not match its text). They are the client's mistake, worded for clients;
 * without this they would be masked as INTERNAL_SERVER_ERROR on a 400.
 */
function isCodelessRequestError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.originalError || error.extensions?.code !== undefined) return false;
  const status = (error.extensions?.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function sourceMessage(error: Error & SourceErrorShape): string {
  if (typeof error.clientMessage === 'string') return error.clientMessage;
  const source = error.source ?? 'A source system';
  switch (error.code) {
    case ErrorCode.SOURCE_TIMEOUT:
      return `${source} did not answer in time`;
    case ErrorCode.SOURCE_UNAVAILABLE:
      return `${source} is unavailable`;
    case ErrorCode.SOURCE_REJECTED:
      return `${source} rejected the request: ${error.message}`;
    default:
      return `${source} answered with something that could not be read`;
  }
}

/** True when the error should be logged with its stack (it was masked for the client). */
export function isUnexpected(error: unknown): boolean {
  if (isCodelessRequestError(error)) return false;
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isSourceError(original)) return false;
  // The code the client sees is the outer error's: Apollo's validation and syntax errors carry it
  // there, around graphql-js's own error that has none.
  const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
  if (code !== undefined) return !(typeof code === 'string' && KNOWN_CODES.has(code)) || code === ErrorCode.INTERNAL_SERVER_ERROR;
  return true;
}

/** Apollo Server's `formatError` for the gateway and every subgraph: log what was masked, answer with toClientError. */
export function clientErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isUnexpected(error)) logger.error({ err: error, path: formatted.path?.join('.') }, 'unexpected error');
    return toClientError(formatted, error);
  };
}
