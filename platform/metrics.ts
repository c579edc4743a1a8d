// Prometheus metrics (prom-client), one registry per process, served at /metrics by the gateway and by
// every subgraph. Labels are bounded: component, client kind, error code, source and source operation.
import type { ApolloServerPlugin } from '@apollo/server';
import client from 'prom-client';
import type { Principal } from './auth/principal.js';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'kommunegraf_' });

const requests = new client.Counter({
  name: 'kommunegraf_graphql_requests_total',
  help: 'GraphQL requests answered, by component and client kind.',
  labelNames: ['component', 'client_kind', 'outcome'] as const,
  registers: [registry],
});

const latency = new client.Histogram({
  name: 'kommunegraf_graphql_request_duration_seconds',
  help: 'Time from receiving a GraphQL request to sending its response.',
  labelNames: ['component', 'client_kind'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

const errors = new client.Counter({
  name: 'kommunegraf_graphql_errors_total',
  help: 'GraphQL errors sent to callers, by stable error code.',
  labelNames: ['component', 'code'] as const,
  registers: [registry],
});

const sourceCalls = new client.Counter({
  name: 'kommunegraf_source_calls_total',
  help: 'Calls to a source system (opus, fkorg), by source operation.',
  labelNames: ['source', 'operation'] as const,
  registers: [registry],
});

const batchSizes = new client.Histogram({
  name: 'kommunegraf_source_batch_size',
  help: 'Keys (employments, UUIDs, CPR numbers) per source call.',
  labelNames: ['source', 'operation'] as const,
  buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
  registers: [registry],
});

const unknownClasses = new client.Counter({
  name: 'kommunegraf_fkorg_unknown_classes_total',
  help: 'Klasse UUIDs FK ORG data points at that neither Klassifikation nor FKORG_CLASSES_FILE names (each counted once per process).',
  registers: [registry],
});

export function recordUnknownClass(): void {
  unknownClasses.inc();
}

/** For the source clients' onCall hook. */
export function recordSourceCall(source: string, operation: string, size: number): void {
  sourceCalls.inc({ source, operation });
  batchSizes.observe({ source, operation }, size);
}

const snapshotLoads = new client.Counter({
  name: 'kommunegraf_snapshot_loads_total',
  help: 'Background loads of a whole-source snapshot (fkorg-hierarchy, opus-org-tree), by outcome (ok, failed).',
  labelNames: ['snapshot', 'outcome'] as const,
  registers: [registry],
});

/** Per snapshot, how to read its age now; undefined before the first. */
const snapshotAges = new Map<string, () => number | undefined>();
new client.Gauge({
  name: 'kommunegraf_snapshot_age_seconds',
  help: 'Age of the snapshot requests are answered from (time since it was read from its source).',
  labelNames: ['snapshot'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [snapshot, age] of snapshotAges) {
      const seconds = age();
      if (seconds !== undefined) this.set({ snapshot }, seconds);
    }
  },
});

export function recordSnapshotLoad(snapshot: string, outcome: 'ok' | 'failed'): void {
  snapshotLoads.inc({ snapshot, outcome });
}

/** Reports the snapshot's age at each scrape; returns the function that stops it. */
export function watchSnapshotAge(snapshot: string, ageSeconds: () => number | undefined): () => void {
  snapshotAges.set(snapshot, ageSeconds);
  return () => {
    if (snapshotAges.get(snapshot) === ageSeconds) snapshotAges.delete(snapshot);
  };
}

const executions = new client.Counter({
  name: 'kommunegraf_subgraph_executions_total',
  help: 'Operations a subgraph executed, by executor: compiled (graphql-jit) or graphql-js (before a document is compiled, or one jit cannot compile).',
  labelNames: ['component', 'executor'] as const,
  registers: [registry],
});

const compilations = new client.Counter({
  name: 'kommunegraf_subgraph_compilations_total',
  help: 'Documents a subgraph compiled with graphql-jit, by outcome (compiled, not_compilable: left to graphql-js).',
  labelNames: ['component', 'outcome'] as const,
  registers: [registry],
});

/**
 * What a subgraph's executor did with one execution (subgraphs/shared/compiledExecution.ts): ran it
 * compiled or on graphql-js, compiled its document now (then also `compiled`), or found that jit
 * cannot compile it (then `graphql-js`).
 */
export type ExecutionEvent = 'compiled' | 'graphql-js' | 'compiled-now' | 'not-compilable';

export function recordExecution(component: string, event: ExecutionEvent): void {
  if (event === 'compiled-now') compilations.inc({ component, outcome: 'compiled' });
  else if (event === 'not-compilable') compilations.inc({ component, outcome: 'not_compilable' });
  else executions.inc({ component, executor: event });
}

const earlyFetches = new client.Counter({
  name: 'kommunegraf_gateway_early_fetches_total',
  help: 'Entity fetches the gateway sent before its plan reached them, by why (predicted: from the arguments; remembered: what the same query sent before) and outcome (used; dropped: the plan asked for other entities, or never reached the fetch).',
  labelNames: ['reason', 'outcome'] as const,
  registers: [registry],
});

export function recordEarlyFetch(reason: 'predicted' | 'remembered', outcome: 'used' | 'dropped'): void {
  earlyFetches.inc({ reason, outcome });
}

/** Counts requests, latency and error codes of one component (gateway or a subgraph). */
export function metricsPlugin(component: string): ApolloServerPlugin<{ principal?: Principal }> {
  return {
    async requestDidStart() {
      const end = latency.startTimer({ component });
      return {
        async willSendResponse({ contextValue, response }) {
          const kind = contextValue?.principal?.clientKind ?? 'none';
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const codes = (body?.errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          for (const code of codes) errors.inc({ component, code });
          requests.inc({ component, client_kind: kind, outcome: codes.length === 0 ? 'ok' : body?.data ? 'partial' : 'error' });
          end({ client_kind: kind });
        },
      };
    },
  };
}

/** The /metrics route for the shared node:http layer. */
export async function metricsRoute(req: { url?: string }, res: import('node:http').ServerResponse): Promise<boolean> {
  if (req.url !== '/metrics') return false;
  res.setHeader('content-type', registry.contentType);
  res.end(await registry.metrics());
  return true;
}
