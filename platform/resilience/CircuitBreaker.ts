// One circuit breaker per source and process. Rule: it opens after `failureThreshold` consecutive
// failed calls (transient failures only: unavailable, timeout, 5xx); any call the source answers
// resets the count. Consecutive failures rather than a failure ratio: a flaky source that still
// answers most calls is better served by retries than by refusing everything, while a source that is
// down fails every call and trips the breaker within one or two reads.
//
// Open: every call fails fast, the source is not called. After `cooldownMs` the breaker half-opens
// and lets at most `halfOpenProbes` calls through at a time: the first one the source answers closes
// it, a failed one opens it again for another cool-down.

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
  halfOpenProbes: number;
  now?: () => number;
}

/** Permission for one call; report its outcome exactly once. */
export interface BreakerPermit {
  /** The source answered (a business rejection counts: the source is up). */
  succeeded(): void;
  /** Transient failure: unavailable, timeout, 5xx. */
  failed(): void;
  /** The call said nothing about the source's health (e.g. a bug before sending). */
  released(): void;
}

export type StateListener = (state: BreakerState, previous: BreakerState) => void;

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probes = 0;
  // Bumped on every transition: outcomes of calls admitted under an earlier state are stale news.
  private generation = 0;
  private readonly listeners = new Set<StateListener>();
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    if (!Number.isInteger(options.failureThreshold) || options.failureThreshold < 1) throw new RangeError('failureThreshold must be a positive integer');
    if (!Number.isInteger(options.halfOpenProbes) || options.halfOpenProbes < 1) throw new RangeError('halfOpenProbes must be a positive integer');
    if (!(options.cooldownMs >= 0)) throw new RangeError('cooldownMs must not be negative');
    this.now = options.now ?? Date.now;
  }

  /** The state now (an open breaker whose cool-down has passed reads as half-open). */
  get state(): BreakerState {
    this.advance();
    return this.current;
  }

  /** Milliseconds until an open breaker half-opens; 0 otherwise. */
  get retryAfterMs(): number {
    this.advance();
    return this.current === 'open' ? Math.max(0, this.openedAt + this.options.cooldownMs - this.now()) : 0;
  }

  /** Called on every transition; returns the unsubscribe function. */
  onStateChange(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A permit to call the source, or null: fail fast without calling it. */
  tryAcquire(): BreakerPermit | null {
    this.advance();
    if (this.current === 'open') return null;
    if (this.current === 'half-open') {
      if (this.probes >= this.options.halfOpenProbes) return null;
      this.probes++;
    }
    const generation = this.generation;
    const probe = this.current === 'half-open';
    let done = false;
    const settle = (outcome: 'success' | 'failure' | 'neutral') => {
      if (done) return;
      done = true;
      if (generation !== this.generation) return;
      if (probe) this.probes--;
      this.record(outcome);
    };
    return { succeeded: () => settle('success'), failed: () => settle('failure'), released: () => settle('neutral') };
  }

  private record(outcome: 'success' | 'failure' | 'neutral') {
    if (outcome === 'neutral') return;
    if (this.current === 'half-open') {
      this.transition(outcome === 'success' ? 'closed' : 'open');
      return;
    }
    if (outcome === 'success') {
      this.failures = 0;
      return;
    }
    if (++this.failures >= this.options.failureThreshold) this.transition('open');
  }

  private advance() {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.cooldownMs) this.transition('half-open');
  }

  private transition(next: BreakerState) {
    const previous = this.current;
    this.current = next;
    this.generation++;
    this.failures = 0;
    this.probes = 0;
    if (next === 'open') this.openedAt = this.now();
    for (const listener of this.listeners) listener(next, previous);
  }
}
