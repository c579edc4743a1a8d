// Many requests finishing at once share one durable write (one fsync or one INSERT) instead of one
// each: callers wait for the batch their records went into.
export function groupCommit<T>(flush: (items: T[]) => Promise<void>): (items: readonly T[]) => Promise<void> {
  let pending: Array<{ items: readonly T[]; resolve: () => void; reject: (e: unknown) => void }> = [];
  let running = false;

  async function drain() {
    running = true;
    while (pending.length) {
      const batch = pending;
      pending = [];
      try {
        await flush(batch.flatMap((b) => b.items));
        for (const b of batch) b.resolve();
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    running = false;
  }

  return (items) =>
    new Promise<void>((resolve, reject) => {
      if (items.length === 0) return resolve();
      pending.push({ items, resolve, reject });
      if (!running) void drain();
    });
}
