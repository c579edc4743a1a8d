// Where the last good snapshot of a whole-source read is kept, so a restarted subgraph answers at once:
// in Redis when REDIS_URL is set (shared by replicas), else in a file under SNAPSHOT_DIR (default
// var/snapshots; `off` keeps none). The snapshot holds names, so like every cached copy of source
// data it is sealed with CACHE_KEY (cacheCipher.ts), gzip-compressed first. Its key is an HMAC of the
// kind, the format version and the source's identity (e.g. FK ORG's URL and organisation), so another
// format or another municipality's snapshot is never found; the sealed body is bound to that key and
// repeats the three, checked again on reading.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGzip, gunzip } from 'node:zlib';
import type { PersistedSnapshot, SnapshotPersistence } from './backgroundSnapshot.js';
import { CacheCipher, cacheKeyFromEnv } from '../../platform/cacheCipher.js';
import { createStore } from '../../platform/store.js';
import type { Env } from '../../platform/env.js';

const DEFAULT_DIR = fileURLToPath(new URL('../../var/snapshots/', import.meta.url));

export interface SnapshotIdentity {
  /** What is kept: `fkorg-hierarchy`. */
  kind: string;
  /** Bumped whenever the persisted shape changes in a way older code cannot read. */
  format: number;
  /** Which source it came from: its base URL and whatever else narrows it (organisation UUID). */
  source: string;
}

interface Envelope<R> extends PersistedSnapshot<R> {
  kind: string;
  format: number;
  source: string;
}

interface Blobs {
  get(key: string): Promise<Buffer | undefined>;
  set(key: string, value: Buffer): Promise<void>;
  close(): Promise<void>;
}

/** The persistence for `identity` the environment asks for, or undefined when none. */
export function snapshotPersistence<R>(identity: SnapshotIdentity, maxAgeMs: number, env: Env = process.env): SnapshotPersistence<R> | undefined {
  const blobs = env.REDIS_URL ? redisBlobs(env, maxAgeMs) : env.SNAPSHOT_DIR === 'off' ? undefined : fileBlobs(env.SNAPSHOT_DIR || DEFAULT_DIR);
  return blobs && sealedSnapshots(identity, blobs, new CacheCipher(cacheKeyFromEnv(env)));
}

export function sealedSnapshots<R>(identity: SnapshotIdentity, blobs: Blobs, cipher: CacheCipher): SnapshotPersistence<R> {
  const key = `${identity.kind}-v${identity.format}-${cipher.name('snapshot', identity.kind, String(identity.format), identity.source)}`;
  return {
    async load() {
      const sealed = await blobs.get(key);
      const zipped = sealed && cipher.openBytes(key, sealed);
      if (!zipped) return undefined;
      const envelope = JSON.parse((await promisify(gunzip)(zipped)).toString('utf8')) as Envelope<R>;
      const same = envelope.kind === identity.kind && envelope.format === identity.format && envelope.source === identity.source;
      return same && typeof envelope.at === 'number' ? { at: envelope.at, read: envelope.read } : undefined;
    },
    async save({ at, read }) {
      const envelope: Envelope<R> = { ...identity, at, read };
      const zipped: Buffer[] = [];
      await pipeline(Readable.from(jsonPieces(envelope)), createGzip(), async (gz: AsyncIterable<Buffer>) => {
        for await (const chunk of gz) zipped.push(chunk);
      });
      await blobs.set(key, cipher.sealBytes(key, Buffer.concat(zipped)));
    },
    close: () => blobs.close(),
  };
}

const PIECE_CHARS = 1 << 16;

/**
 * JSON.stringify(value) in pieces of about 64 KiB: objects and arrays down to `depth` are written
 * member by member, what lies below each in one piece. A whole FK ORG hierarchy as one string (and
 * that again as one Buffer) cost the organisation subgraph some 200 MB at each save at 100,000
 * employments; in pieces the gzip stream takes it as it comes.
 */
export function* jsonPieces(value: unknown, depth = 3): Generator<string> {
  let buffered = '';
  for (const part of members(value, depth)) {
    buffered += part;
    if (buffered.length >= PIECE_CHARS) {
      yield buffered;
      buffered = '';
    }
  }
  if (buffered !== '') yield buffered;
}

function* members(value: unknown, depth: number): Generator<string> {
  const json = value as { toJSON?: unknown } | null;
  if (depth === 0 || typeof value !== 'object' || value === null || typeof json?.toJSON === 'function') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      const item: unknown = value[i];
      // As JSON.stringify: what JSON cannot hold is null in an array.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
      else yield* members(item, depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [name, item] of Object.entries(value)) {
    // ... and left out of an object.
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(name)}:`;
    first = false;
    yield* members(item, depth - 1);
  }
  yield '}';
}

/** Through the project's store (keyv on Redis), base64 as keyv keeps strings; kept `maxAgeMs`. */
function redisBlobs(env: Env, maxAgeMs: number): Blobs {
  const store = createStore('snapshot', env);
  return {
    get: async (key) => {
      const text = await store.get<string>(key);
      return typeof text === 'string' ? Buffer.from(text, 'base64') : undefined;
    },
    set: (key, value) => store.set(key, value.toString('base64'), maxAgeMs),
    close: () => store.close(),
  };
}

/** One file per key, replaced whole (written aside, then renamed) so a reader never sees half of one. */
function fileBlobs(dir: string): Blobs {
  return {
    async get(key) {
      try {
        return await readFile(join(dir, `${key}.bin`));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async set(key, value) {
      await mkdir(dir, { recursive: true });
      const temp = join(dir, `${key}.${process.pid}.tmp`);
      await writeFile(temp, value, { mode: 0o600 });
      await rename(temp, join(dir, `${key}.bin`));
    },
    close: async () => undefined,
  };
}
