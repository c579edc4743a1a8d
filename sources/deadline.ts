// The per-call timeout both source clients put on their HTTP requests.

/**
 * Runs `call` with a signal that aborts after `ms`. The timer ends with the call: AbortSignal.timeout()
 * would keep its timer and signal alive for the whole timeout after a call that finished long before.
 */
export async function withDeadline<T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), ms);
  try {
    return await call(deadline.signal);
  } finally {
    clearTimeout(timer);
  }
}
