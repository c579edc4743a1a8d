// HTTP from the gateway to the subgraphs: pooled keep-alive connections (a new TCP connection per
// plan step would cost more than the step) and a hard timeout per fetch. Sent with undici's request()
// rather than its WHATWG fetch(): fetch builds Request, Headers and web streams for every call, which
// cost about a third of the gateway's CPU per request in the benchmark (docs/benchmarks.md); the
// subgraphs are ours, answer JSON and never redirect or compress, so none of that is needed. And not
// with request() either, but platform/httpPost.ts: no body stream or AbortSignal per fetch.
import { Agent } from 'undici';
import { postText } from '../platform/httpPost.js';

/** A subgraph's answer as the gateway reads it: status, content type and the whole body. */
export interface SubgraphAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface SubgraphHttp {
  /** POSTs `body`; rejects with a TimeoutError when the whole exchange takes longer than the timeout. */
  post(url: string, headers: Record<string, string>, body: string): Promise<SubgraphAnswer>;
  close(): Promise<void>;
}

export function subgraphHttp(options: { connections: number; timeoutMs: number }): SubgraphHttp {
  const agent = new Agent({ connections: options.connections, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000, pipelining: 1 });
  return {
    async post(url, headers, body) {
      // One deadline for the whole exchange, body included: a TimeoutError (subgraphFailure.ts).
      const res = await postText(agent, url, headers, body, { timeoutMs: options.timeoutMs });
      const type = res.headers['content-type'];
      return { status: res.status, contentType: (Array.isArray(type) ? type[0] : type) ?? '', body: res.body };
    },
    close: () => agent.close(),
  };
}
