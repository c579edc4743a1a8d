// The machine's speed at the moment, as a number: a fixed piece of CPU work (JSON and SHA-256, the
// kinds of work the stack does most) timed in the benchmark's own process before the stack starts and
// after it has stopped. On this shared machine the same code runs a third to three quarters slower in
// some spells than in others, and every CPU and latency figure of a run moves with it; the calibration
// lets a reader tell a slow spell from a slower build. Not a target.
import { createHash } from 'node:crypto';
import { median, round } from './stats.js';

const DOCUMENT = JSON.stringify(
  Array.from({ length: 2_000 }, (_, i) => ({ employmentNumber: String(10_000_000 + i), name: `Medarbejder ${i} Ærø-Østergård`, from: '2026-01-01', to: null, amount: i * 12.5, tags: ['a', 'b', 'c'] })),
);
const BYTES = Buffer.alloc(1 << 20, 7);

function work(): number {
  let sink = 0;
  for (let i = 0; i < 40; i++) sink += JSON.stringify(JSON.parse(DOCUMENT)).length;
  for (let i = 0; i < 40; i++) sink += createHash('sha256').update(BYTES).digest()[0];
  return sink;
}

/** Milliseconds the fixed work takes: the median of `rounds`, after one unmeasured round. */
export function calibrate(rounds = 7): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  return round(median(times), 1);
}
