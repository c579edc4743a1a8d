// What each gateway does for every request in the throughput and scale scenarios, written into every
// result file, so a reader of the numbers knows what was compared. Keep it true to the code and to
// peers/hiveGateway.config.ts.
export function perRequestWork(maxDepth: number): Record<string, string[]> {
  return {
    'our gateway': [
      "verifies the bearer JWT with jose: signature against the issuer's JWKS (fetched once, cached), issuer, audience, algorithm, expiry; a verified token is remembered by its SHA-256 for up to 60 s",
      `limits: depth (${maxDepth}) and aliases counted by graphql-armor's validation rules, then one walk over the operation for root fields, page sizes and the demand-control cost (@cost/@listSize of the supergraph)`,
      'persisted-query safelist check (applies to fagsystem tokens; the benchmark sends frontend tokens with the full query text)',
      "plans with @apollo/query-planner (plan and response shape made once per operation) and executes the plans itself (gateway/execution/) over keep-alive HTTP to the subgraphs, a plan step's entity fetches to one subgraph in one request",
      'signs an EdDSA (Ed25519) token per subgraph for the verified caller, reused for that caller\'s requests while it has more than the subgraph timeout left (so about once per caller, subgraph and 30 s), and sends it and x-request-id with every subgraph call; collects the subgraphs\' staleData extensions',
      'Prometheus metrics (request counter, latency histogram) and one JSON log line per request (LOG_LEVEL=info, the default)',
    ],
    'Hive Gateway (both planners)': [
      "verifies the bearer JWT with its JWT plugin: signature against the same JWKS (jwks-rsa, cached), issuer, audience, algorithms, expiry; every request",
      `refuses operations deeper than ${maxDepth} (maxDepth); no alias, root-field, page-size or cost limits`,
      'plans with its JS planner or with Hive Router\'s Rust planner (plans cached), executes over keep-alive HTTP to the subgraphs',
      'signs the same EdDSA token per subgraph and caller with the same key and the same reuse (a propagateHeaders hook with our GatewayTokenCache), sends it and x-request-id with every subgraph call; inflight deduplication of identical subgraph requests off',
      'no metrics and no log line per request (its defaults)',
    ],
    'subgraphs (the same processes for every gateway)': [
      'verify the gateway\'s EdDSA token (remembered by its SHA-256 while valid), check every field\'s scopes, batch source reads per request with DataLoaders',
      'write an audit record (JSON lines, fsync) for every request that reads salary data',
      'read Opus and FK ORG from the simulators over HTTP, each call delayed by the configured latency',
    ],
  };
}
