// Idempotency records in this process's memory (npm start, tests): every step is synchronous on one
// Map, so it is atomic in JavaScript. A restarted or second instance knows none of them. Answers are
// kept as JSON, as PostgreSQL and Redis keep them, so a replay looks the same from every store.
import type { IdempotencyRecord, IdempotencyStore } from './record.js';

interface Entry {
  record: Omit<IdempotencyRecord, 'result'>;
  resultJson?: string;
  expiresAt: number;
}

export function memoryIdempotencyStore(): IdempotencyStore {
  const entries = new Map<string, Entry>();
  let sweptAt = Date.now();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) entries.delete(key);
    return entry && entry.expiresAt > Date.now() ? entry : undefined;
  };
  // Expired records nobody asks for again are dropped once a minute.
  const sweep = () => {
    if (Date.now() - sweptAt < 60_000) return;
    sweptAt = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= sweptAt) entries.delete(key);
  };
  const copy = ({ record, resultJson }: Pick<Entry, 'record' | 'resultJson'>): IdempotencyRecord =>
    resultJson === undefined ? { ...record } : { ...record, result: JSON.parse(resultJson) };
  return {
    kind: 'memory',
    async claim(key, init, leaseMs, retentionMs) {
      sweep();
      const existing = live(key);
      if (existing) return { claimed: false, record: copy(existing) };
      const entry: Entry = { record: { ...init, state: 'pending', attempt: 1, leaseUntil: Date.now() + leaseMs }, expiresAt: Date.now() + retentionMs };
      entries.set(key, entry);
      return { claimed: true, record: copy(entry) };
    },
    async takeover(key, leaseMs) {
      const entry = live(key);
      if (!entry || entry.record.state !== 'pending' || entry.record.leaseUntil > Date.now()) return undefined;
      entry.record.attempt += 1;
      entry.record.leaseUntil = Date.now() + leaseMs;
      return copy(entry);
    },
    async complete(key, attempt, result, retentionMs) {
      const entry = live(key);
      if (!entry || entry.record.state !== 'pending' || entry.record.attempt !== attempt) return false;
      entry.record = { ...entry.record, state: 'done', leaseUntil: Date.now() };
      entry.resultJson = JSON.stringify(result ?? null);
      entry.expiresAt = Date.now() + retentionMs;
      return true;
    },
    async release(key, attempt) {
      const entry = live(key);
      if (!entry || entry.record.state !== 'pending' || entry.record.attempt !== attempt) return false;
      entry.record.leaseUntil = Date.now();
      return true;
    },
    close: async () => undefined,
  };
}
