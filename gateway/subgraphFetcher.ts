// HTTP from the gateway to the subgraphs: pooled keep-alive connections (a new TCP connection per
// plan step would cost more than the step) and a hard timeout per fetch.
import type { Fetcher } from '@apollo/utils.fetcher';
import { Agent, fetch } from 'undici';

export function keepAliveFetcher(options: { connections: number; timeoutMs: number }): { fetcher: Fetcher; close(): Promise<void> } {
  const agent = new Agent({ connections: options.connections, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000, pipelining: 1 });
  const fetcher = ((url: string, init?: Record<string, unknown>) =>
    fetch(url, { ...(init as object), dispatcher: agent, signal: AbortSignal.timeout(options.timeoutMs) })) as unknown as Fetcher;
  return { fetcher, close: () => agent.close() };
}
