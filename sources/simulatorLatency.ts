// Both simulators stand for a source that answers a call `latencyMs` after it arrived. A source's
// response time includes its own work, so a simulator prepares a read's answer while that time runs
// and sends it when the time is up; only work that takes longer than the latency delays the answer.
// Before, the answer was prepared after the wait, which charged the simulator's own CPU (up to a
// millisecond per 100-employee read, and calls queue in its one thread) to whatever called it.
export class SimulatedLatency {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Resolves once `ms` have passed since `since` (a `performance.now()` reading), at once if they have. */
  until(since: number, ms: number): Promise<void> {
    const left = since + ms - performance.now();
    if (left <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, left);
      this.timers.add(t);
    });
  }

  /** Stops every wait for good (the simulator is closing; those calls are never answered). */
  cancelAll(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
