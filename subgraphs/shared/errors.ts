// The error codes clients can rely on. Every error that leaves a subgraph or the gateway carries one of
// these in `extensions.code`; messages are for humans and may change, codes may not.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  SOURCE_UNAVAILABLE: 'SOURCE_UNAVAILABLE',
  SOURCE_TIMEOUT: 'SOURCE_TIMEOUT',
  SOURCE_PROTOCOL_ERROR: 'SOURCE_PROTOCOL_ERROR',
  SOURCE_REJECTED: 'SOURCE_REJECTED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const KNOWN_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  // Apollo Server's own stable codes.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function badInput(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extra } });
}

export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} ${id} was not found`, { extensions: { code: ErrorCode.NOT_FOUND } });
}

/** Source clients throw errors with a stable `code` and a `source` name; they become GraphQL errors here. */
interface SourceErrorLike {
  code: string;
  source?: string;
  message: string;
}

function isSourceError(error: unknown): error is SourceErrorLike {
  const code = error instanceof Error ? (error as unknown as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SOURCE_');
}

/**
 * The one place where anything thrown in a resolver becomes what the client sees: known GraphQL errors
 * pass through, source errors keep their code with a message that names the source but not its
 * internals, and anything else is masked as INTERNAL_SERVER_ERROR (and logged by the caller).
 */
export function toClientError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
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
  if (typeof code === 'string' && KNOWN_CODES.has(code)) {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

function sourceMessage(error: SourceErrorLike): string {
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
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isSourceError(original)) return false;
  if (original instanceof GraphQLError) {
    const code = original.extensions?.code;
    return !(typeof code === 'string' && KNOWN_CODES.has(code));
  }
  return true;
}
