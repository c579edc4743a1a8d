// Candidate (issue 18): platform/resilience/SourceGuard.ts on cockatiel's policies. Reads: a timeout
// policy with what is left of the request's budget, around a retry policy, around the breaker.
// Writes: the breaker only. Same interface, errors and codes. Measured against ours by
// bench/guardOverhead.ts --compare bench/cockatiel; the tests run against it with
// `npx vitest run --config bench/cockatiel/vitest.config.ts <test files>`; differences.ts shows two
// breaker behaviours the tests do not reach.
import { BrokenCircuitError, handleWhen, retry, TaskCancelledError, timeout, TimeoutStrategy, type IBackoffFactory } from 'cockatiel';
import { backoffCeiling, type RetryPolicy } from '../../platform/resilience/backoff.js';
import { classify, SourceCircuitOpenError, SourceDeadlineError } from '../../platform/resilience/failures.js';
import { currentRequestScope } from '../../platform/resilience/requestScope.js';
import type { CircuitBreaker } from './CircuitBreaker.js';

export interface GuardOptions {
  source: string;
  retry: RetryPolicy;
  budgetMs: number;
  breaker: CircuitBreaker;
  random?: () => number;
  /** Told every wait before a retry (cockatiel waits itself). */
  sleep?: (ms: number) => Promise<void>;
}

export class SourceGuard {
  readonly source: string;
  readonly breaker: CircuitBreaker;
  private readonly random: () => number;

  constructor(private readonly options: GuardOptions) {
    const { attempts, baseDelayMs, maxDelayMs } = options.retry;
    if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError('retry.attempts must be a positive integer');
    if (!(baseDelayMs >= 0 && maxDelayMs >= baseDelayMs)) throw new RangeError('retry delays must satisfy 0 <= baseDelayMs <= maxDelayMs');
    if (!(options.budgetMs > 0)) throw new RangeError('budgetMs must be positive');
    this.source = options.source;
    this.breaker = options.breaker;
    this.random = options.random ?? Math.random;
  }

  async read<T>(operation: string, call: () => Promise<T>): Promise<T> {
    const { retry: policy, budgetMs } = this.options;
    const deadline = (currentRequestScope()?.startedAt ?? Date.now()) + budgetMs;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new SourceDeadlineError(this.source, operation, budgetMs);
    // Per read: the deadline is the request's, and whether to retry depends on the wait, which is
    // drawn here, before cockatiel's backoff is asked for it.
    let lastError: unknown;
    let failures = 0;
    let wait = 0;
    const drawn: IBackoffFactory<unknown> = { next: () => ({ duration: wait, next: drawn.next }) };
    const retries = retry(
      handleWhen((error) => {
        if (error instanceof BrokenCircuitError) return false;
        lastError = error;
        if (classify(error) !== 'transient' || ++failures >= policy.attempts) return false;
        wait = Math.floor(this.random() * backoffCeiling(failures, policy));
        // A retry that could not finish within the budget only delays the failure.
        return Date.now() + wait < deadline;
      }),
      { maxAttempts: policy.attempts - 1, backoff: drawn },
    );
    if (this.options.sleep) retries.onRetry(({ delay }) => void this.options.sleep!(delay));
    try {
      return await timeout(remaining, TimeoutStrategy.Aggressive).execute(() => retries.execute(() => this.breaker.execute(call)));
    } catch (error) {
      if (error instanceof TaskCancelledError) throw new SourceDeadlineError(this.source, operation, budgetMs, { cause: lastError });
      // Opened while this read was retrying: its own last failure says more than "open".
      if (error instanceof BrokenCircuitError) throw lastError ?? this.openError(operation);
      throw error;
    }
  }

  async write<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await this.breaker.execute(call);
    } catch (error) {
      throw error instanceof BrokenCircuitError ? this.openError(operation) : error;
    }
  }

  private openError(operation: string) {
    return new SourceCircuitOpenError(this.source, operation, this.breaker.retryAfterMs);
  }
}
