// Both simulators stand for a source that answers a call `latencyMs` after it arrived. A source's
// response time includes its own work, so a simulator prepares a read's answer while that time runs
// and sends it when the time is up; only work that takes longer than the latency delays the answer.
// Before, the answer was prepared after the wait, which charged the simulator's own CPU (up to a
// millisecond per 100-employee read, and calls queue in its one thread) to whatever called it.
/**
 * Resolves after every request that has reached the process by now has been taken in: what arrived
 * together is stamped together. A simulator waits for this between stamping a call's arrival and
 * preparing its answer. Without it, of ten calls that arrive at once (a plan step's batches), each
 * was stamped only after the answers of those before it were prepared, in the simulator's one
 * thread: the tenth call's latency started some 3 ms late, a queue a real source, which serves
 * concurrent calls side by side, does not have (docs/benchmarks.md). The answers are still prepared
 * from the state the calls were read in: no timer (an update falling due) runs between a request's
 * body being read and this promise resolving, as both happen in the same turn of the event loop.
 */
export function afterArrivals(): Promise<void> {
  // setImmediate runs after the event loop's poll phase, in which every readable socket was read.
  return new Promise((resolve) => setImmediate(resolve));
}

export class SimulatedLatency {
  private readonly timers = new Set<NodeJS.Timeout>();

  /**
   * Resolves once `ms` have passed since `since` (a `performance.now()` reading), at once if they have.
   * Never sooner: a timer counts from the event loop's clock, read when the loop's turn began, so it
   * can fire up to the length of a busy turn before `since + ms`; it is then set again for what is left.
   */
  until(since: number, ms: number): Promise<void> {
    const due = since + ms;
    if (performance.now() >= due) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const arm = (): void => {
        const left = due - performance.now();
        if (left <= 0) return resolve();
        const t = setTimeout(() => {
          this.timers.delete(t);
          arm();
        }, left);
        this.timers.add(t);
      };
      arm();
    });
  }

  /** Stops every wait for good (the simulator is closing; those calls are never answered). */
  cancelAll(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
