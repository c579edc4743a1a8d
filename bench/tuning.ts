// `npm run bench:tuning -- --variant LOG_LEVEL=warn [--variant NAME=VALUE,...]`: our gateway as
// configured, next to gateways with more environment, over the same subgraphs, taking turns round by
// round with the frontend mix. Gateway CPU per request is the number to compare: requests per second
// on 2 shared cores mostly follow the subgraphs and the simulators.
import { parseArgs } from 'node:util';
import { SUBGRAPHS } from '../platform/topology.js';
import { withToolStack } from './deploy/toolStack.js';
import { mixBodies } from './queries.js';
import { runThroughput, type GatewayUnderTest } from './scenarios/throughput.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    variant: { type: 'string', multiple: true, default: [] },
    employees: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    'latency-ms': { type: 'string', default: '20' },
  },
});
const variants = values.variant.map((v) => {
  // Split at the first '=' only: a value may hold one (NODE_OPTIONS=--max-semi-space-size=64).
  const pairs = v.split(',');
  if (pairs.some((kv) => kv.indexOf('=') < 1)) throw new Error(`--variant takes NAME=VALUE[,NAME=VALUE], got "${v}"`);
  const env: Record<string, string> = Object.fromEntries(pairs.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  return { name: v, env };
});

await withToolStack({ name: 'tuning', employees: Number(values.employees), latencyMs: Number(values['latency-ms']) }, async (stack, token) => {
  const gateways: GatewayUnderTest[] = [{ name: 'as configured', url: stack.gateway.url, pid: stack.gateway.child.pid }];
  for (const v of variants) {
    const g = await stack.startGateway(v.env, v.name);
    gateways.push({ name: v.name, url: g.url, pid: g.child.pid });
  }
  const results = await runThroughput(
    gateways,
    {
      subgraphPids: Object.fromEntries(SUBGRAPHS.map((n) => [n, stack.subgraphs[n].child.pid])),
      otherPids: { simulators: stack.simulators.child.pid },
      subgraphRequests: () => stack.sourceCounts(),
    },
    token,
    mixBodies(stack.simulators.ready.workload, 5_000),
    { connections: 50, durationSec: Number(values.duration), warmupSec: 3, rounds: Number(values.rounds) },
  );
  for (const g of results) {
    const perRound = g.rounds.map((r) => r.gatewayCpuMsPerRequest).join(', ');
    console.log(`${g.name.padEnd(24)} gateway CPU ${g.gatewayCpuMsPerRequest} ms/req (rounds ${perRound}), ${g.rps} RPS, p50 ${g.p50Ms} ms, failed ${g.failed}`);
  }
});
