// Where the candidate's breaker behaves otherwise than ours (not covered by the tests).
import { CircuitBreaker as Ours } from '../../platform/resilience/CircuitBreaker.js';
import { SourceGuard as OursGuard } from '../../platform/resilience/SourceGuard.js';
import { CircuitBreaker as Cock } from './CircuitBreaker.js';
import { SourceGuard as CockGuard } from './SourceGuard.js';

const transient = () => Object.assign(new Error('down'), { code: 'SOURCE_UNAVAILABLE', retryable: true });
const bug = () => new TypeError('bug');
const opts = { source: 'KMD Opus', retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 }, budgetMs: 10_000 };

async function scenario(name: string, make: (now: () => number) => { guard: { write: (op: string, c: () => Promise<unknown>) => Promise<unknown>; breaker: { state: string } } }) {
  let t = 1_000_000;
  const { guard } = make(() => t);
  const fail = (e: () => Error) => guard.write('w', async () => { throw e(); }).catch(() => undefined);
  // 1. A bug (not a source error) in the half-open probe.
  for (let i = 0; i < 3; i++) await fail(transient);
  t += 10_000;
  await fail(bug);
  const afterBugProbe = guard.breaker.state;
  // 2. A call admitted while closed fails while a probe of the half-open breaker is out.
  t += 10_000;
  await guard.write('w', async () => 1);
  let release!: () => void;
  const late = guard.write('w', () => new Promise((_, reject) => (release = () => reject(transient())))).catch(() => undefined);
  for (let i = 0; i < 3; i++) await fail(transient);
  t += 10_000;
  let answer!: () => void;
  const probe = guard.write('w', () => new Promise<void>((resolve) => (answer = resolve)));
  const beforeLate = guard.breaker.state;
  release();
  await late;
  const afterLate = guard.breaker.state;
  answer();
  await probe;
  console.log(`${name}: half-open + bug in probe -> ${afterBugProbe}; late failure of an earlier call: ${beforeLate} -> ${afterLate}, then the probe answers -> ${guard.breaker.state}`);
}

await scenario('ours     ', (now) => ({ guard: new OursGuard({ ...opts, breaker: new Ours({ failureThreshold: 3, cooldownMs: 10_000, halfOpenProbes: 1, now }) }) }));
await scenario('cockatiel', (now) => ({ guard: new CockGuard({ ...opts, breaker: new Cock({ failureThreshold: 3, cooldownMs: 10_000, halfOpenProbes: 1, now }) }) }));
