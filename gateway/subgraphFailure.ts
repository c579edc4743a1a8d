// A subgraph that cannot be reached, drops the connection or does not answer in time is an expected
// failure (a replica restarting, a subgraph lost), not a bug: the client gets a stable code it can act
// on instead of a masked INTERNAL_SERVER_ERROR. For a mutation both codes mean "outcome unknown":
// retry with the same idempotency key.
import { GraphQLError } from 'graphql';
import { GatewayErrorCode } from '../platform/errors.js';

/** Statuses a proxy or load balancer in front of a subgraph answers when no instance is there. */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

function responseStatus(error: GraphQLError): number | undefined {
  const response = error.extensions?.response as { status?: unknown } | undefined;
  return typeof response?.status === 'number' ? response.status : undefined;
}

/**
 * What the gateway reports for a failed subgraph fetch. Errors the subgraph answered (a GraphQL error
 * response, an HTTP error status other than the gateway statuses) and unreadable bodies pass through
 * unchanged, to be masked and logged as unexpected.
 */
export function subgraphFailure(subgraph: string, error: unknown): unknown {
  if (error instanceof GraphQLError) {
    const status = responseStatus(error);
    return status !== undefined && UNAVAILABLE_STATUSES.has(status) ? unavailable(subgraph) : error;
  }
  if (!(error instanceof Error) || error instanceof SyntaxError) return error;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') {
    return new GraphQLError(`The ${subgraph} service did not answer in time`, {
      extensions: { code: GatewayErrorCode.SUBGRAPH_TIMEOUT, subgraph },
    });
  }
  // Connection refused or reset, or the body cut off: the subgraph went away.
  return unavailable(subgraph);
}

// No originalError: the cause is logged where the fetch failed, and the client sees only the code.
function unavailable(subgraph: string): GraphQLError {
  return new GraphQLError(`The ${subgraph} service is unavailable; retry shortly`, {
    extensions: { code: GatewayErrorCode.SUBGRAPH_UNAVAILABLE, subgraph },
  });
}
