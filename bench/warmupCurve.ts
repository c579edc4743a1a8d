// `npm run bench:warmup [-- --size 1000 --blocks 6 --runs 20]`: how the subtree query's CPU per
// employment settles as the processes answer it again and again. One stack; the subtree closest to
// `--size` is read `--blocks` times `--runs` times in a row, and each block's CPU per query is read per
// process from /proc, split into the main thread and V8's helper threads (JIT compilation, concurrent
// GC). The full benchmark's warm-up per size (bench/options.ts) is chosen from this curve.
import { parseArgs } from 'node:util';
import { SUBGRAPHS } from '../platform/topology.js';
import { threadCpuNs } from './deploy/procStats.js';
import { withToolStack } from './deploy/toolStack.js';
import { readSubtree } from './scenarios/subtree.js';
import { textTable } from './report/render.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    size: { type: 'string', default: '1000' },
    blocks: { type: 'string', default: '6' },
    runs: { type: 'string', default: '20' },
    employees: { type: 'string', default: '50000' },
    'latency-ms': { type: 'string', default: '20' },
  },
});
const size = Number(values.size);
const blocks = Number(values.blocks);
const runs = Number(values.runs);

await withToolStack(
  { name: 'warmup', employees: Number(values.employees), latencyMs: Number(values['latency-ms']), nominals: [size], gatewayEnv: { MAX_QUERY_COST: '1000000' } },
  async (stack, token) => {
    const w = stack.simulators.ready.workload;
    const subtree = w.subtrees[0];
    const pids: Record<string, number> = { gateway: stack.gateway.child.pid!, ...Object.fromEntries(SUBGRAPHS.map((n) => [n, stack.subgraphs[n].child.pid!])) };
    const rows: string[][] = [];
    for (let block = 0; block < blocks; block++) {
      const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, threadCpuNs(pid)]));
      const latencies: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const { errors } = await readSubtree(stack.gateway.url, token, w, subtree.unitId);
        if (errors.length) throw new Error(errors.slice(0, 3).join('; '));
        latencies.push(performance.now() - t0);
      }
      let main = 0;
      let helpers = 0;
      const perProcess = Object.entries(pids).map(([name, pid]) => {
        const after = threadCpuNs(pid);
        const m = (after.main - before[name].main) / runs / 1e6;
        const h = (after.helpers - before[name].helpers) / runs / 1e6;
        main += m;
        helpers += h;
        return (m + h).toFixed(1);
      });
      latencies.sort((a, b) => a - b);
      rows.push([
        `${block * runs + 1} to ${(block + 1) * runs}`,
        latencies[Math.floor(runs / 2)].toFixed(1),
        ...perProcess,
        main.toFixed(1),
        helpers.toFixed(1),
        ((1000 * (main + helpers)) / subtree.employments).toFixed(0),
      ]);
    }
    const title = `Subtree of ${subtree.employments} employments (${subtree.name}), ${runs} runs a block, one after another: CPU ms per query`;
    console.log(textTable({ title, header: ['runs', 'p50 ms', ...Object.keys(pids), 'main threads', 'V8 helper threads', 'µs per employment'], rows }));
  },
);
