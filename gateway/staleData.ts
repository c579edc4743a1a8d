// Subgraphs that answered part of a query from their stale-if-error cache say so in their response's
// `extensions.staleData`; @apollo/gateway drops subgraph extensions, so the data source collects the
// notes per client request and the subgraphs' own plugin puts them in the client's response:
// `extensions.staleData: [{ source: "KMD Opus", ageSeconds: 120 }]`, one entry per source, the
// oldest age any subgraph served.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { addStaleNote, staleEntries } from '../platform/resilience/requestScope.js';
import { staleDataPlugin } from '../platform/resilience/staleDataPlugin.js';

const notes = new WeakMap<object, Map<string, number>>();

/** Takes the `staleData` of one subgraph response into the client request's notes. Ignores anything malformed. */
export function collectStaleData(context: object, extensions: Record<string, unknown> | undefined): void {
  const reported = extensions?.staleData;
  if (!Array.isArray(reported)) return;
  for (const item of reported) {
    const { source, ageSeconds } = (item ?? {}) as { source?: unknown; ageSeconds?: unknown };
    if (typeof source !== 'string' || source.length > 100 || typeof ageSeconds !== 'number' || !Number.isFinite(ageSeconds) || ageSeconds < 0) continue;
    let perSource = notes.get(context);
    if (!perSource) notes.set(context, (perSource = new Map()));
    addStaleNote(perSource, { source, ageSeconds });
  }
}

/** The notes collected under `from` become `to`'s (an early fetch's, once its answer is used: execution/earlyFetches.ts). */
export function adoptStaleData(from: object, to: object): void {
  const collected = notes.get(from);
  if (!collected) return;
  notes.delete(from);
  let perSource = notes.get(to);
  if (!perSource) notes.set(to, (perSource = new Map()));
  for (const [source, ageSeconds] of collected) addStaleNote(perSource, { source, ageSeconds });
}

export function staleDataResponsePlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return staleDataPlugin<TContext>((context) => staleEntries(notes.get(context)));
}
