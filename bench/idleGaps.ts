// Microbenchmark: the CPU one HTTP exchange costs when exchanges follow each other at once, and when
// the processes sit idle between them, as every process of the subtree query does while a source call
// or another process's step is under way. The client is the gateway's own subgraph client
// (gateway/subgraphFetcher.ts); the server, in a process of its own, answers a 5 KB JSON body with
// node:http. CPU is read per process: the client's with process.cpuUsage(), the server's from
// /proc/<pid>/task/*/schedstat (nanoseconds, every thread), so no 10 ms ticks blur it.
//
//   npm run bench:idle [-- --rounds 3]
//
// Reported per idle gap: µs of CPU per exchange in client and server (median of the rounds, each round
// taking every gap in turn) and the ratio to the exchanges sent back to back.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { subgraphHttp } from '../gateway/subgraphFetcher.js';
import { threadCpuNs } from './deploy/procStats.js';
import { median, round } from './stats.js';

if (process.argv[2] === '--serve') {
  const body = JSON.stringify({ data: { items: Array.from({ length: 100 }, (_, i) => ({ id: `item-${i}`, name: `Name ${i}`, n: i })) } });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as { port: number }).port));
} else {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { rounds: { type: 'string', default: '3' } } });
  const rounds = Number(values.rounds);
  const child = spawn(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname, '--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.once('message', (p) => resolve(p as number)));
  const url = `http://127.0.0.1:${port}/graphql`;
  const http = subgraphHttp({ connections: 8, timeoutMs: 10_000 });
  const request = JSON.stringify({ query: 'query { items { id name n } }', variables: {} });
  const exchange = () => http.post(url, { 'content-type': 'application/json' }, request);
  /** Nanoseconds the server process has run, all its threads. */
  const serverNs = () => {
    const { main, helpers } = threadCpuNs(child.pid!);
    return main + helpers;
  };

  const gaps = [0, 1, 5, 20, 80];
  // Each gap runs for about two seconds; back to back, 2,000 exchanges.
  const count = (gap: number) => (gap === 0 ? 2000 : Math.max(25, Math.round(2000 / gap)));
  for (let i = 0; i < 500; i++) await exchange();
  const samples = new Map<number, { client: number[]; server: number[] }>(gaps.map((g) => [g, { client: [], server: [] }]));
  for (let r = 0; r < rounds; r++) {
    for (const gap of gaps) {
      const n = count(gap);
      const client0 = process.cpuUsage();
      const server0 = serverNs();
      for (let i = 0; i < n; i++) {
        await exchange();
        if (gap) await sleep(gap);
      }
      const client = process.cpuUsage(client0);
      samples.get(gap)!.client.push((client.user + client.system) / n);
      samples.get(gap)!.server.push((serverNs() - server0) / 1000 / n);
    }
  }
  await http.close();
  child.kill();

  const base = samples.get(0)!;
  const [client0, server0] = [median(base.client), median(base.server)];
  console.log(`CPU per HTTP exchange (gateway's subgraph client, node:http server, 5 KB answer), median of ${rounds} rounds; Node ${process.version}`);
  console.log('idle gap ms  client µs  x back to back  server µs  x back to back');
  for (const gap of gaps) {
    const s = samples.get(gap)!;
    const [c, v] = [median(s.client), median(s.server)];
    console.log(`${String(gap).padStart(11)}  ${String(round(c, 0)).padStart(9)}  ${String(round(c / client0, 2)).padStart(14)}  ${String(round(v, 0)).padStart(9)}  ${String(round(v / server0, 2)).padStart(14)}`);
  }
}
