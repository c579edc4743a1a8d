// Exponential backoff with full jitter: the wait before retry n is uniform in [0, min(max, base * 2^(n-1))).
// Full jitter spreads the retries of many callers that failed together over the whole window, so a
// source that comes back is not hit by all of them at the same instant.

export interface RetryPolicy {
  /** Calls per read in total, the first included; 1 means no retry. */
  attempts: number;
  /** Upper bound of the first wait. */
  baseDelayMs: number;
  /** Upper bound of any wait. */
  maxDelayMs: number;
}

/** The exponential bound of the wait before retry `retry` (1 = after the first failure): min(max, base·2ⁿ⁻¹). */
export function backoffCeiling(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
}

/** The wait before retry `retry` (1 = the wait after the first failed call). `random` is in [0, 1). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return Math.floor(random() * backoffCeiling(retry, policy));
}
