// Reads a process's Prometheus /metrics. Each subgraph runs in its own process, so its
// kommunegraf_source_calls_total says exactly which source calls that subgraph made: the benchmark
// counts calls per plan step through the same counters production dashboards use.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1]] = l[2].replace(/\\(.)/g, '$1');
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return samples;
}

export async function scrape(baseUrl: string): Promise<Sample[]> {
  const res = await fetch(new URL('/metrics', baseUrl), { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`GET ${baseUrl}/metrics answered ${res.status}`);
  return parseMetrics(await res.text());
}

/** Source calls and the keys they carried, by `source operation` (e.g. `opus read-employee-data`). */
export interface SourceCounts {
  calls: Record<string, number>;
  keys: Record<string, number>;
  /** GraphQL requests the process answered (for a subgraph: fetches the gateway sent it). */
  requests: number;
}

export function sourceCounts(samples: Sample[]): SourceCounts {
  const calls: Record<string, number> = {};
  const keys: Record<string, number> = {};
  let requests = 0;
  for (const s of samples) {
    const op = `${s.labels.source} ${s.labels.operation}`;
    if (s.name === 'kommunegraf_source_calls_total') calls[op] = (calls[op] ?? 0) + s.value;
    else if (s.name === 'kommunegraf_source_batch_size_sum') keys[op] = (keys[op] ?? 0) + s.value;
    else if (s.name === 'kommunegraf_graphql_requests_total') requests += s.value;
  }
  return { calls, keys, requests };
}

/** What happened between two readings. */
export function difference(after: SourceCounts, before: SourceCounts): SourceCounts {
  const sub = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - (b[k] ?? 0)]).filter(([, v]) => (v as number) !== 0));
  return { calls: sub(after.calls, before.calls), keys: sub(after.keys, before.keys), requests: after.requests - before.requests };
}

export function gauge(samples: Sample[], name: string): number | undefined {
  return samples.find((s) => s.name === name && Object.keys(s.labels).length === 0)?.value;
}
