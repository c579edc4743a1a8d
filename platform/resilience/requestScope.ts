// What the resilience layer knows about the subgraph request a source read belongs to, without the
// resolvers passing anything down: when the request started (its source reads share one time budget)
// and which sources answered from the stale-if-error cache (reported in the response's extensions).
// Source clients are per process and shared by all requests; AsyncLocalStorage follows each
// request's async calls, DataLoader batches included (a loader is made per request).
import { AsyncLocalStorage } from 'node:async_hooks';

export interface StaleData {
  /** The source's name as in error extensions: `KMD Opus`, `FK ORG`. */
  source: string;
  /** Age of the oldest cached value served, in whole seconds. */
  ageSeconds: number;
}

export interface RequestScope {
  startedAt: number;
  /** Per source, the oldest age served. */
  stale: Map<string, number>;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` (the handling of one request) in a fresh scope. */
export function runInRequestScope<T>(fn: () => T, now: () => number = Date.now): T {
  return storage.run({ startedAt: now(), stale: new Map() }, fn);
}

/** Runs `fn` outside any request (background work started while a request runs must not inherit its deadline). */
export function outsideRequestScope<T>(fn: () => T): T {
  return storage.exit(fn);
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/** Adds one note to per-source notes: each source keeps the oldest age, in whole seconds. */
export function addStaleNote(stale: Map<string, number>, { source, ageSeconds }: StaleData): void {
  stale.set(source, Math.max(stale.get(source) ?? 0, Math.max(0, Math.floor(ageSeconds))));
}

/** Per-source notes as `extensions.staleData` lists them, one entry per source. */
export function staleEntries(stale: ReadonlyMap<string, number> | undefined): StaleData[] {
  return stale ? [...stale].map(([source, ageSeconds]) => ({ source, ageSeconds })) : [];
}

/** Records that the current request got cached data of `source`, `ageSeconds` old. No-op outside a request. */
export function noteStaleData(note: StaleData): void {
  const scope = storage.getStore();
  if (scope) addStaleNote(scope.stale, note);
}

/** What the current request was served from the cache, one entry per source. */
export function staleDataOf(scope: RequestScope | undefined): StaleData[] {
  return staleEntries(scope?.stale);
}
