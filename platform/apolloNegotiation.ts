// Apollo Server picks a response's media type from the request's Accept header with `negotiator`
// (requestPipeline.js, for legacy incremental delivery, on every request; ApolloServer.js
// chooseContentTypeForSingleResultResponse, whenever an Accept header is sent), which parses the
// header from scratch each time: 3 % of a subgraph's CPU in the throughput benchmark (docs/benchmarks.md).
// The answer depends only on the header and the types offered, so it is kept per pair. A client
// chooses its own Accept header, so the memo is bounded and starts over when full.
import { createRequire } from 'node:module';
import { setBounded } from './collections.js';

interface NegotiatorPrototype {
  mediaType(this: { request: { headers: { accept?: string } } }, available?: string[]): string | undefined;
}

const MAX_ENTRIES = 256;
const own = createRequire(import.meta.url);

/** The `negotiator` module Apollo Server loads. */
export function apolloNegotiatorPath(): string {
  return createRequire(own.resolve('@apollo/server')).resolve('negotiator');
}

const prototype = (own(apolloNegotiatorPath()) as { prototype: NegotiatorPrototype }).prototype;
const negotiate = prototype.mediaType;
const memo = new Map<string, string | undefined>();

prototype.mediaType = function mediaType(available) {
  // Without a list negotiator answers with the client's own preference: not worth a key.
  if (!Array.isArray(available)) return negotiate.call(this, available);
  const accept = this.request.headers.accept;
  // \n cannot occur in a header value (node:http refuses it), so no two pairs share a key.
  const key = `${accept ?? ''}\n${accept === undefined ? 'none' : 'sent'}\n${available.join('\n')}`;
  if (memo.has(key)) return memo.get(key);
  const answer = negotiate.call(this, available);
  setBounded(memo, key, answer, MAX_ENTRIES);
  return answer;
};
