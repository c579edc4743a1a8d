// Apollo Server hashes every request's query text (the key of its parsed-document cache) with
// @apollo/utils.createhash, which looks crypto up with `module.require("crypto")` on every call. The
// processes run on tsx, whose module hooks see every require(): resolving that one already-loaded
// module was 2.5 % of the gateway's CPU and 3 % of a subgraph's in the throughput benchmark
// (docs/benchmarks.md, "Fixed costs per request"). Loading this module gives each copy of
// @apollo/utils.createhash a require that answers node:crypto at once; the hash is the same.
import crypto from 'node:crypto';
import { createRequire } from 'node:module';

const HASH_MODULE = '@apollo/utils.createhash';
const own = createRequire(import.meta.url);

/** Paths of the copies of @apollo/utils.createhash that Apollo Server and @apollo/gateway load. */
export function apolloHashModules(): string[] {
  const from = [own, createRequire(own.resolve('@apollo/server')), createRequire(own.resolve('@apollo/gateway'))];
  return [...new Set(from.map((r) => r.resolve(HASH_MODULE)))];
}

for (const path of apolloHashModules()) {
  own(path);
  const loaded = own.cache[path];
  if (!loaded) throw new Error(`${HASH_MODULE} did not load from ${path}`);
  const load = loaded.require.bind(loaded);
  loaded.require = ((id: string) => (id === 'crypto' ? crypto : load(id))) as typeof loaded.require;
}
