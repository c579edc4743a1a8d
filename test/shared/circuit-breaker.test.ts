// The breaker's rule on its own, with a hand-driven clock: consecutive transient failures open it,
// answers (rejections included) reset the count, the cool-down half-opens it for a limited number of
// probes, and a probe's outcome closes or reopens it.
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../platform/resilience/backoff.js';
import { CircuitBreaker, type BreakerState } from '../../platform/resilience/CircuitBreaker.js';

function breaker(options: { failureThreshold?: number; cooldownMs?: number; halfOpenProbes?: number } = {}) {
  let now = 1_000_000;
  const b = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 10_000, halfOpenProbes: 1, ...options, now: () => now });
  const changes: Array<[BreakerState, BreakerState]> = [];
  b.onStateChange((state, previous) => changes.push([previous, state]));
  return { b, changes, advance: (ms: number) => (now += ms) };
}

const fail = (b: CircuitBreaker) => b.tryAcquire()!.failed();
const succeed = (b: CircuitBreaker) => b.tryAcquire()!.succeeded();

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures and then refuses calls', () => {
    const { b, changes } = breaker();
    fail(b);
    fail(b);
    expect(b.state).toBe('closed');
    fail(b);
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBeNull();
    expect(b.retryAfterMs).toBe(10_000);
    expect(changes).toEqual([['closed', 'open']]);
  });

  it('counts only consecutive failures: an answered call in between resets the count', () => {
    const { b } = breaker();
    for (let i = 0; i < 10; i++) {
      fail(b);
      fail(b);
      succeed(b);
    }
    expect(b.state).toBe('closed');
  });

  it('ignores calls that say nothing about the source (released permits)', () => {
    const { b } = breaker();
    fail(b);
    fail(b);
    b.tryAcquire()!.released();
    fail(b);
    expect(b.state).toBe('open');
  });

  it('half-opens after the cool-down and admits only the configured number of probes', () => {
    const { b, advance } = breaker({ halfOpenProbes: 2 });
    for (let i = 0; i < 3; i++) fail(b);
    advance(9_999);
    expect(b.state).toBe('open');
    advance(1);
    expect(b.state).toBe('half-open');
    const first = b.tryAcquire();
    const second = b.tryAcquire();
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(b.tryAcquire()).toBeNull();
    // A probe that told nothing frees its slot.
    second!.released();
    expect(b.tryAcquire()).not.toBeNull();
  });

  it('closes when a probe is answered and reopens for a fresh cool-down when a probe fails', () => {
    const { b, advance, changes } = breaker();
    for (let i = 0; i < 3; i++) fail(b);
    advance(10_000);
    b.tryAcquire()!.failed();
    expect(b.state).toBe('open');
    expect(b.retryAfterMs).toBe(10_000);
    advance(10_000);
    b.tryAcquire()!.succeeded();
    expect(b.state).toBe('closed');
    expect(changes).toEqual([
      ['closed', 'open'],
      ['open', 'half-open'],
      ['half-open', 'open'],
      ['open', 'half-open'],
      ['half-open', 'closed'],
    ]);
  });

  it('does not let outcomes of calls admitted before a transition move it again', () => {
    const { b } = breaker();
    const late = [b.tryAcquire()!, b.tryAcquire()!, b.tryAcquire()!, b.tryAcquire()!];
    late.slice(0, 3).forEach((p) => p.failed());
    expect(b.state).toBe('open');
    // Admitted while closed, finishing while open: no effect, and reporting twice is ignored too.
    late[3].succeeded();
    late[3].succeeded();
    expect(b.state).toBe('open');
  });
});

describe('backoffDelay (full jitter)', () => {
  const policy = { attempts: 6, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('is uniform below an exponentially growing ceiling, capped at the maximum', () => {
    const ceilings = [1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, policy, () => 0.999999));
    expect(ceilings).toEqual([99, 199, 399, 799, 999]);
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, policy, () => 0))).toEqual([0, 0, 0, 0, 0]);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
  });
});
