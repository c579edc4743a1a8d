// Load from autocannon: a fixed sequence of request bodies, sent over a number of keep-alive
// connections, every response checked (HTTP status and GraphQL errors), so a gateway that answers
// fast with errors cannot look good.
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  token: string;
  bodies: ReadonlyArray<{ body: string }>;
  connections: number;
  /** Seconds to run, or `amount` requests. */
  durationSec?: number;
  amount?: number;
}

export interface LoadResult {
  requests: number;
  durationSec: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Responses that were not HTTP 200 with data and no errors, plus socket errors and timeouts. */
  failed: number;
  firstFailure?: string;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  let next = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationSec ?? 10 }),
    // Well above any answer here; a stuck request shows as a timeout, not as a hang.
    timeout: 30,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        // Every gateway gets the same bodies in the same order.
        setupRequest: (request) => ({ ...request, body: options.bodies[next++ % options.bodies.length].body }),
        onResponse: (status, body) => {
          // Cheap enough at these rates; a GraphQL error anywhere in the answer counts as a failure.
          if (status === 200 && !body.includes('"errors"') && body.startsWith('{"data"')) return;
          failed++;
          firstFailure ??= `HTTP ${status}: ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  const requests = result['2xx'] + result.non2xx;
  return {
    requests,
    durationSec: result.duration,
    rps: requests / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: result.latency.average,
    failed: failed + result.errors + result.timeouts,
    firstFailure: firstFailure ?? (result.errors + result.timeouts > 0 ? `${result.errors} socket errors, ${result.timeouts} timeouts` : undefined),
  };
}
