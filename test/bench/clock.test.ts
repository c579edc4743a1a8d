// The benchmark puts source calls timed in the simulators' process beside requests timed in its own
// (bench/deploy/clock.ts): both must read one clock.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { monotonicMs } from '../../bench/deploy/clock.js';

describe('monotonicMs', () => {
  it('is the machine monotonic clock, read alike in another process', () => {
    const here = monotonicMs(performance.now());
    expect(Math.abs(here - Number(process.hrtime.bigint()) / 1e6)).toBeLessThan(1);

    const before = monotonicMs(performance.now());
    const child = Number(execFileSync(process.execPath, ['-e', 'console.log(Number(process.hrtime.bigint()) / 1e6)'], { encoding: 'utf8' }));
    const after = monotonicMs(performance.now());
    expect(child).toBeGreaterThan(before);
    expect(child).toBeLessThan(after);
  });
});
