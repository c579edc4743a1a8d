// A drop folder the extracts arrive in by SFTP. Polled rather than fs.watch'ed: change notifications
// are unreliable on network mounts and say nothing about a file still being written. A file is taken
// when its name is an extract's (ZLPE<timestamp>_delta.xml: `.part`/`.tmp` upload names never match)
// and its size and mtime stood still between two polls. Files are taken in timestamp order; a newer
// file waits while an older one is still growing. A refused file is not tried again until it changes;
// any other failure (the database away) is retried at the next poll.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ExtractFormatError } from '../errors.js';
import { parseExtractFileName } from '../fileName.js';
import type { SqlDatabase } from './database.js';
import { ExtractRefusedError } from './errors.js';
import { ingestExtract, type IngestOptions, type IngestResult } from './ingest.js';

export type WatchOutcome =
  | { file: string; result: IngestResult }
  /** Refused (format, order, name): not retried until the file changes. */
  | { file: string; refused: Error }
  /** Anything else: retried at the next poll. */
  | { file: string; failed: Error };

export interface WatchOptions {
  onResult?: (outcome: WatchOutcome) => void;
  /** Between polls; 0 polls only when `poll()` is called. */
  intervalMs?: number;
  ingest?: IngestOptions;
}

export interface ExtractWatcher {
  /** One look at the folder: ingests what is ready, returns what happened. */
  poll(): Promise<WatchOutcome[]>;
  close(): Promise<void>;
}

export function watchExtractDir(db: SqlDatabase, dir: string, options: WatchOptions = {}): ExtractWatcher {
  const previous = new Map<string, string>(); // name -> size:mtime at the last poll
  const handled = new Map<string, string>(); // name -> size:mtime when ingested, found stored or refused
  let running: Promise<WatchOutcome[]> = Promise.resolve([]);
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const report = (outcome: WatchOutcome, into: WatchOutcome[]) => {
    into.push(outcome);
    options.onResult?.(outcome);
  };

  async function pollOnce(): Promise<WatchOutcome[]> {
    const outcomes: WatchOutcome[] = [];
    const files: { name: string; at: number; signature: string }[] = [];
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const at = entry.isFile() ? parseExtractFileName(entry.name) : null;
      if (!at) continue;
      const info = await stat(join(dir, entry.name)).catch(() => null);
      if (info) files.push({ name: entry.name, at: at.getTime(), signature: `${info.size}:${info.mtimeMs}` });
    }
    const present = new Set(files.map((f) => f.name));
    for (const name of [...previous.keys()]) if (!present.has(name)) previous.delete(name);
    for (const name of [...handled.keys()]) if (!present.has(name)) handled.delete(name);

    // Files the store already holds under their name are not read again after a restart.
    const unknown = files.filter((f) => !handled.has(f.name)).map((f) => f.name);
    if (unknown.length > 0) {
      const { rows } = await db.query<{ file_name: string }>('SELECT file_name FROM opus_extract_file WHERE file_name = ANY($1::text[])', [unknown]);
      const stored = new Set(rows.map((r) => r.file_name));
      for (const f of files) if (stored.has(f.name)) handled.set(f.name, f.signature);
    }

    files.sort((a, b) => a.at - b.at);
    for (const file of files) {
      const stable = previous.get(file.name) === file.signature;
      previous.set(file.name, file.signature);
      if (handled.get(file.name) === file.signature) continue;
      if (!stable) break; // still arriving: it and everything newer wait
      const path = join(dir, file.name);
      try {
        const result = await ingestExtract(db, path, options.ingest);
        handled.set(file.name, file.signature);
        report({ file: path, result }, outcomes);
      } catch (error) {
        if (error instanceof ExtractFormatError || error instanceof ExtractRefusedError) {
          handled.set(file.name, file.signature);
          report({ file: path, refused: error }, outcomes);
        } else {
          report({ file: path, failed: error as Error }, outcomes);
          break; // keep the order: nothing newer before this one
        }
      }
    }
    // Remaining files keep their signatures for the next poll's stability check.
    for (const f of files) previous.set(f.name, f.signature);
    return outcomes;
  }

  const poll = () => {
    running = running.then(pollOnce, pollOnce);
    return running;
  };

  const schedule = () => {
    if (closed || !options.intervalMs) return;
    timer = setTimeout(() => {
      poll()
        .catch((error: unknown) => options.onResult?.({ file: dir, failed: error as Error }))
        .finally(schedule);
    }, options.intervalMs);
  };
  schedule();

  return {
    poll,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
