// Every call to a source goes through its guard. Reads: the circuit breaker, retries of transient
// failures with jittered exponential backoff, and one deadline for all attempts. Writes: the breaker
// only. A write is never sent twice from here: a timed-out write may have been applied, and whether
// to repeat it (with the same OpdateringsID) is the caller's decision.
//
// Kept over cockatiel's policies (measured in docs/benchmarks.md, "Source guard"): the same
// guard on cockatiel was 55 lines shorter with this file and CircuitBreaker.ts, but only with glue for
// the request-wide deadline, the injectable clock and the probe limit, and its breaker still differs
// (a bug in a probe closes it, a late failure of an earlier call reopens it). Per guarded read ours adds about 3 µs and
// cockatiel's about 9 µs (bench/guardOverhead.ts), both noise against a 20 ms source call.
import { backoffDelay, type RetryPolicy } from './backoff.js';
import type { BreakerPermit, CircuitBreaker } from './CircuitBreaker.js';
import { classify, SourceCircuitOpenError, SourceDeadlineError } from './failures.js';
import { currentRequestScope } from './requestScope.js';

export interface GuardOptions {
  /** The source's name as its errors carry it: `KMD Opus`, `FK ORG`. */
  source: string;
  retry: RetryPolicy;
  /**
   * Time all source reads of one subgraph request may take, retries and backoff included, counted
   * from the request's start (from the read's start outside a request). Kept below the gateway's
   * subgraph timeout, so a client gets SOURCE_TIMEOUT instead of a gateway timeout.
   */
  budgetMs: number;
  breaker: CircuitBreaker;
  /** Injected in tests to pin the backoff schedule. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SourceGuard {
  readonly source: string;
  readonly breaker: CircuitBreaker;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: GuardOptions) {
    const { attempts, baseDelayMs, maxDelayMs } = options.retry;
    if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError('retry.attempts must be a positive integer');
    if (!(baseDelayMs >= 0 && maxDelayMs >= baseDelayMs)) throw new RangeError('retry delays must satisfy 0 <= baseDelayMs <= maxDelayMs');
    if (!(options.budgetMs > 0)) throw new RangeError('budgetMs must be positive');
    this.source = options.source;
    this.breaker = options.breaker;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? realSleep;
  }

  async read<T>(operation: string, call: () => Promise<T>): Promise<T> {
    const { retry, budgetMs } = this.options;
    const deadline = (currentRequestScope()?.startedAt ?? Date.now()) + budgetMs;
    let lastError: unknown;
    for (let attempt = 1; ; attempt++) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new SourceDeadlineError(this.source, operation, budgetMs, { cause: lastError });
      const permit = this.breaker.tryAcquire();
      // Opened while this read was retrying: its own last failure says more than "open".
      if (!permit) throw lastError ?? this.openError(operation);
      try {
        return await withinDeadline(this.attempt(call, permit), remaining, () => new SourceDeadlineError(this.source, operation, budgetMs));
      } catch (error) {
        if (error instanceof SourceDeadlineError) throw error;
        lastError = error;
        if (classify(error) !== 'transient' || attempt >= retry.attempts) throw error;
        const delay = backoffDelay(attempt, retry, this.random);
        // A retry that could not finish within the budget only delays the failure.
        if (Date.now() + delay >= deadline) throw error;
        await this.sleep(delay);
      }
    }
  }

  async write<T>(operation: string, call: () => Promise<T>): Promise<T> {
    const permit = this.breaker.tryAcquire();
    if (!permit) throw this.openError(operation);
    return this.attempt(call, permit);
  }

  /** One call with its outcome reported to the breaker, also when the deadline has stopped waiting for it. */
  private attempt<T>(call: () => Promise<T>, permit: BreakerPermit): Promise<T> {
    let pending: Promise<T>;
    try {
      pending = call();
    } catch (error) {
      pending = Promise.reject(error);
    }
    return pending.then(
      (value) => {
        permit.succeeded();
        return value;
      },
      (error: unknown) => {
        const kind = classify(error);
        if (kind === 'transient') permit.failed();
        else if (kind === 'answered') permit.succeeded();
        else permit.released();
        throw error;
      },
    );
  }

  private openError(operation: string) {
    return new SourceCircuitOpenError(this.source, operation, this.breaker.retryAfterMs);
  }
}

/** `pending`, or `onTimeout()` thrown after `ms`. The call itself runs on until its own timeout. */
function withinDeadline<T>(pending: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([pending, expired]).finally(() => clearTimeout(timer));
}
