// `npm run bench:operations [-- --employees 50000 --requests 200 --concurrency 8]`: CPU per request of
// each operation of the throughput mix, per process, and its p50 latency at that concurrency, one
// operation at a time through our gateway. The
// throughput scenario gives one number for the whole mix; this says which operation, in which process,
// the number is made of. Warmed up first (50 requests each), so compiled plans and caches are in.
// `--only FindUnits --cpu-prof DIR` profiles the processes while one operation runs.
import { parseArgs } from 'node:util';
import { SUBGRAPHS } from '../platform/topology.js';
import { withToolStack } from './deploy/toolStack.js';
import { cpuDuring } from './deploy/procStats.js';
import { frontendMix, mixBodies } from './queries.js';
import { textTable } from './report/render.js';
import { median } from './stats.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    employees: { type: 'string', default: '50000' },
    requests: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '8' },
    'latency-ms': { type: 'string', default: '20' },
    /** Only these operations (comma-separated names), e.g. to profile one. */
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const WARMUP = 50;

const only = values.only ? new Set(values.only.split(',')) : null;
const nodeArgs = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];

await withToolStack({ name: 'operations', employees: Number(values.employees), latencyMs: Number(values['latency-ms']), nodeArgs }, async (stack, token) => {
  const bodies = new Map<string, string[]>();
  for (const b of mixBodies(stack.simulators.ready.workload, 20 * (WARMUP + requests))) {
    const list = bodies.get(b.name) ?? [];
    list.push(b.body);
    bodies.set(b.name, list);
  }
  const pids = {
    gateway: stack.gateway.child.pid!,
    ...Object.fromEntries(SUBGRAPHS.map((n) => [n, stack.subgraphs[n].child.pid!])),
    simulators: stack.simulators.child.pid!,
  };
  const send = async (body: string) => {
    const res = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    const answer = (await res.json()) as { errors?: unknown[] };
    if (!res.ok || answer.errors) throw new Error(`HTTP ${res.status}: ${JSON.stringify(answer.errors ?? answer).slice(0, 300)}`);
  };
  const rows: string[][] = [];
  const weights = new Map(frontendMix().map((m) => [m.name, m.weight]));
  const totalWeight = [...weights.values()].reduce((a, b) => a + b, 0);
  const mixShare: Record<string, number> = {};
  for (const [name, list] of bodies) {
    if (only && !only.has(name)) continue;
    for (const b of list.slice(0, WARMUP)) await send(b);
    let next = WARMUP;
    await stack.simulators.takeCalls();
    const latencies: number[] = [];
    const { cpuMs, systemCpuMs } = await cpuDuring(pids, () =>
      Promise.all(Array.from({ length: concurrency }, async () => {
        while (next < WARMUP + requests) {
          const t0 = performance.now();
          await send(list[next++ % list.length]);
          latencies.push(performance.now() - t0);
        }
      })),
    );
    const per = Object.fromEntries(Object.entries(cpuMs).map(([k, v]) => [k, v / requests]));
    const stackMs = Object.values(per).reduce((a, b) => a + b, 0);
    const taken = (await stack.simulators.takeCalls()).calls;
    const calls = Object.values(taken).reduce((a, b) => a + b, 0) / requests;
    const kernelShare = Object.values(systemCpuMs).reduce((a, b) => a + b, 0) / requests / stackMs;
    for (const [k, v] of Object.entries(per)) mixShare[k] = (mixShare[k] ?? 0) + (v * weights.get(name)!) / totalWeight;
    rows.push([name, String(weights.get(name)), ...Object.keys(pids).map((k) => per[k].toFixed(2)), stackMs.toFixed(2), `${Math.round(100 * kernelShare)} %`, calls.toFixed(1), median(latencies).toFixed(1)]);
  }
  if (!only) rows.push(['the mix, weighted', String(totalWeight), ...Object.keys(pids).map((k) => mixShare[k].toFixed(2)), Object.values(mixShare).reduce((a, b) => a + b, 0).toFixed(2), '', '', '']);
  const title = `CPU ms per request of each operation of the mix: ${requests} requests each, ${concurrency} at a time, ${values.employees} employments, ${values['latency-ms']} ms per source call`;
  console.log(textTable({ title, header: ['operation', 'weight', ...Object.keys(pids), 'all', 'of which kernel', 'source calls', 'p50 ms'], rows }));
});
