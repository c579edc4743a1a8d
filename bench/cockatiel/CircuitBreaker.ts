// Candidate (issue 18): the source's circuit breaker as cockatiel's ConsecutiveBreaker, read the way
// platform/resilience/CircuitBreaker.ts is read: `state` half-open as soon as the cool-down has passed,
// `retryAfterMs`, (state, previous) listeners, the cool-down on an injectable clock, and a half-open
// breaker that refuses calls beyond its probes at once (cockatiel would queue them behind the probe).
import { BrokenCircuitError, circuitBreaker, CircuitState, ConsecutiveBreaker, handleWhen, type CircuitBreakerPolicy, type IBackoffFactory } from 'cockatiel';
import { classify } from '../../platform/resilience/failures.js';

export type BreakerState = 'closed' | 'open' | 'half-open';
export type StateListener = (state: BreakerState, previous: BreakerState) => void;
export interface BreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
  halfOpenProbes: number;
  now?: () => number;
}

const NAMES: Record<CircuitState, BreakerState> = { [CircuitState.Closed]: 'closed', [CircuitState.Open]: 'open', [CircuitState.HalfOpen]: 'half-open', [CircuitState.Isolated]: 'open' };

/** A source's answer that is an error (a rejection): for the breaker the source is up. */
class Answered {
  constructor(readonly error: unknown) {}
}

export class CircuitBreaker {
  private readonly policy: CircuitBreakerPolicy;
  private readonly now: () => number;
  private openedAt = 0;
  private realOpenedAt = 0;
  private probes = 0;

  constructor(private readonly options: BreakerOptions) {
    if (!Number.isInteger(options.failureThreshold) || options.failureThreshold < 1) throw new RangeError('failureThreshold must be a positive integer');
    if (!Number.isInteger(options.halfOpenProbes) || options.halfOpenProbes < 1) throw new RangeError('halfOpenProbes must be a positive integer');
    if (!(options.cooldownMs >= 0)) throw new RangeError('cooldownMs must not be negative');
    this.now = options.now ?? Date.now;
    // cockatiel times the cool-down with Date.now(); this backoff moves it onto `now`.
    const self = this;
    const cooldown: IBackoffFactory<unknown> = {
      next: () => ({
        get duration() {
          return options.cooldownMs - (self.now() - self.openedAt) + (Date.now() - self.realOpenedAt);
        },
        next: () => cooldown.next(undefined),
      }),
    };
    this.policy = circuitBreaker(handleWhen((e) => classify(e) === 'transient'), { breaker: new ConsecutiveBreaker(options.failureThreshold), halfOpenAfter: cooldown });
    this.policy.onBreak(() => {
      this.openedAt = this.now();
      this.realOpenedAt = Date.now();
    });
  }

  get state(): BreakerState {
    const state = this.policy.state;
    if (state === CircuitState.Open && this.now() - this.openedAt >= this.options.cooldownMs) return 'half-open';
    return NAMES[state];
  }

  get retryAfterMs(): number {
    return this.state === 'open' ? Math.max(0, this.openedAt + this.options.cooldownMs - this.now()) : 0;
  }

  onStateChange(listener: StateListener): () => void {
    let previous = NAMES[this.policy.state];
    const subscription = this.policy.onStateChange((next) => {
      listener(NAMES[next], previous);
      previous = NAMES[next];
    });
    return () => subscription.dispose();
  }

  /** `call` through the breaker; BrokenCircuitError without calling it while open. */
  async execute<T>(call: () => Promise<T>): Promise<T> {
    const probe = this.state === 'half-open';
    if (probe && this.probes >= this.options.halfOpenProbes) throw new BrokenCircuitError();
    if (probe) this.probes++;
    try {
      const result = await this.policy.execute(() =>
        call().catch((error: unknown) => {
          if (classify(error) === 'answered') return new Answered(error);
          throw error;
        }),
      );
      if (result instanceof Answered) throw result.error;
      return result;
    } finally {
      if (probe) this.probes--;
    }
  }
}
