// Microbenchmark of what the source guard adds to one source call: `SourceGuard.read` and `.write`
// around a call that answers at once (so only the guard is timed), inside a request scope as in a
// subgraph, with the breaker closed and the default settings (3 attempts, 25 s budget).
//
//   npx tsx bench/guardOverhead.ts [--rounds 15] [--iterations 20000] [--compare <dir>]
//
// --compare loads a second guard from <dir> (a SourceGuard.ts and a CircuitBreaker.ts with the same
// exports as platform/resilience/) and runs the two interleaved, round by round, so machine noise hits
// both alike; for example the guard on cockatiel's policies that was measured against ours,
// restored from history next to the current one (and deleted afterwards):
//
//   git archive 459ce52 bench/cockatiel | tar -x
//   npx tsx bench/guardOverhead.ts --compare bench/cockatiel
//
// Reported: µs per guarded call, the median of the rounds (each round the mean of --iterations calls
// one after the other), for an answered read, a read the source rejects (not retried) and a write;
// the bare call (`await call()`) beside them is the floor.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as oursBreaker from '../platform/resilience/CircuitBreaker.js';
import { resilienceConfigFromEnv } from '../platform/resilience/config.js';
import { runInRequestScope } from '../platform/resilience/requestScope.js';
import * as oursGuard from '../platform/resilience/SourceGuard.js';
import { median, round } from './stats.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { rounds: { type: 'string', default: '15' }, iterations: { type: 'string', default: '20000' }, compare: { type: 'string' } },
});
const rounds = Number(values.rounds);
const iterations = Number(values.iterations);

interface Guard {
  read<T>(operation: string, call: () => Promise<T>): Promise<T>;
  write<T>(operation: string, call: () => Promise<T>): Promise<T>;
}
type Modules = [breaker: { CircuitBreaker: new (o: oursBreaker.BreakerOptions) => unknown }, guard: { SourceGuard: new (o: never) => Guard }];

const config = resilienceConfigFromEnv({});
const guardOf = ([breaker, guard]: Modules): Guard =>
  new guard.SourceGuard({ source: 'KMD Opus', retry: config.retry, budgetMs: config.budgetMs, breaker: new breaker.CircuitBreaker(config.breaker) } as never);

const guards: Array<[string, Guard]> = [['ours (platform/resilience)', guardOf([oursBreaker, oursGuard] as unknown as Modules)]];
if (values.compare) {
  const load = (file: string) => import(pathToFileURL(resolve(values.compare!, file)).href);
  guards.push([values.compare, guardOf((await Promise.all([load('CircuitBreaker.ts'), load('SourceGuard.ts')])) as Modules)]);
}
const bare: Guard = { read: (_, call) => call(), write: (_, call) => call() };
guards.push(['bare call', bare]);

const answer = { employments: 1 };
const answered = async () => answer;
const rejection = Object.assign(new Error('Opus: ukendt ansættelse'), { code: 'SOURCE_REJECTED', source: 'KMD Opus', retryable: false });
const rejected = async (): Promise<never> => {
  throw rejection;
};

const cases: Array<[string, (g: Guard) => Promise<unknown>]> = [
  ['read, answered', (g) => g.read('readEmployments', answered)],
  ['read, rejected', (g) => g.read('readEmployments', rejected).catch((e: unknown) => e)],
  ['write, answered', (g) => g.write('updateCommunication', answered)],
];

/** µs per call over `count` calls one after the other, in one request scope. */
function time(run: () => Promise<unknown>, count: number): Promise<number> {
  return runInRequestScope(async () => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i++) await run();
    return Number(process.hrtime.bigint() - started) / 1000 / count;
  });
}

// Every guard must give the same outcomes before any is timed.
for (const [name, g] of guards) {
  if ((await g.read('r', answered)) !== answer || (await g.write('w', answered)) !== answer) throw new Error(`${name}: wrong answer`);
  if ((await g.read('r', rejected).catch((e: unknown) => e)) !== rejection) throw new Error(`${name}: wrong rejection`);
}

console.log(`Guarded source call, ${rounds} rounds of ${iterations} calls, µs per call (median; min, max)`);
for (const [label, run] of cases) {
  for (const [, g] of guards) await time(() => run(g), iterations); // warm-up: let the JIT settle
  const samples = new Map<string, number[]>(guards.map(([name]) => [name, []]));
  for (let r = 0; r < rounds; r++) for (const [name, g] of guards) samples.get(name)!.push(await time(() => run(g), iterations));
  console.log(`  ${label}`);
  for (const [name, s] of samples) console.log(`    ${name.padEnd(30)} ${round(median(s), 2).toFixed(2).padStart(6)} (${round(Math.min(...s), 2).toFixed(2)}, ${round(Math.max(...s), 2).toFixed(2)})`);
}
