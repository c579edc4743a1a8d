// Small reads by key from concurrent requests, merged into one source call. Each request has its own
// DataLoaders (they cache per request, which keeps one caller's answers from another's), so under
// load two requests that each read a few employments of the same areas send two calls. Here the reads
// of one kind (the same method and the same arguments besides the keys) that are asked for in the
// same turn of the event loop share one call of at most the source's batch size; each caller gets
// back the keys it asked for, as the call would have answered it alone. A read that already fills a
// batch goes straight to the source, so a merged read never needs more calls, nor waits on more
// than one, than the reads it replaced. A failed call fails each read it carried, as their own calls
// would have. Nothing is kept once the call has answered: this is not a cache.

import { AsyncResource } from 'node:async_hooks';

export type KeyedRead<K, V> = (keys: readonly K[]) => Promise<Map<K, V>>;

interface Waiter<K, V> {
  keys: readonly K[];
  resolve(value: Map<K, V>): void;
  reject(reason: unknown): void;
}

interface Group<K, V> {
  keys: K[];
  waiters: Waiter<K, V>[];
  read: KeyedRead<K, V>;
}

export class ReadCoalescer {
  /** Groups filling up in this turn of the event loop, by kind. */
  private readonly open = new Map<string, Group<unknown, unknown>>();
  private scheduled = false;
  /** Runs the calls in the context this was made in (at start-up), not in the request that came first. */
  private readonly flushLater = AsyncResource.bind(() => this.flush());

  /** @param maxKeys the most keys one merged call carries: the source's batch size. */
  constructor(private readonly maxKeys: number) {}

  /**
   * `read(keys)`, or its share of one call with other reads of the same `kind` asked for in this
   * turn. `kind` must name everything besides the keys that the answer depends on; `read` is the one
   * that makes the call (any waiter's: they are alike but for their keys).
   */
  read<K, V>(kind: string, keys: readonly K[], read: KeyedRead<K, V>): Promise<Map<K, V>> {
    if (keys.length === 0 || keys.length >= this.maxKeys) return read(keys);
    let group = this.open.get(kind) as Group<K, V> | undefined;
    if (group && group.keys.length + keys.length > this.maxKeys) {
      this.open.delete(kind);
      this.send(group);
      group = undefined;
    }
    if (!group) {
      group = { keys: [], waiters: [], read };
      this.open.set(kind, group as Group<unknown, unknown>);
    }
    group.keys.push(...keys);
    const waiting = new Promise<Map<K, V>>((resolve, reject) => group.waiters.push({ keys, resolve, reject }));
    if (!this.scheduled) {
      this.scheduled = true;
      // After the I/O callbacks of this turn: the reads of every request that turn handled are in.
      setImmediate(this.flushLater);
    }
    return waiting;
  }

  private flush(): void {
    this.scheduled = false;
    const groups = [...this.open.values()];
    this.open.clear();
    for (const group of groups) this.send(group);
  }

  private send<K, V>(group: Group<K, V>): void {
    const { waiters } = group;
    // Alone in its group, a read is the call it would have been.
    if (waiters.length === 1) {
      call(group.read, waiters[0].keys).then(waiters[0].resolve, waiters[0].reject);
      return;
    }
    call(group.read, group.keys).then(
      (found) => {
        for (const w of waiters) {
          const own = new Map<K, V>();
          for (const k of w.keys) if (found.has(k)) own.set(k, found.get(k)!);
          w.resolve(own);
        }
      },
      (error: unknown) => {
        for (const w of waiters) w.reject(error);
      },
    );
  }
}

/** `read(keys)`, a synchronous throw included as a rejection. */
async function call<K, V>(read: KeyedRead<K, V>, keys: readonly K[]): Promise<Map<K, V>> {
  return read(keys);
}
