// How to reach the sources (Opus, FK ORG, the extract store), from the environment. Every variable is
// listed in the README's table.
import { readFileSync } from 'node:fs';
import { checkCallTimeouts, resilienceConfigFromEnv, type ResilienceConfig } from '../platform/resilience/config.js';
import { intFromEnv, type Env } from '../platform/env.js';
import { readClassesFile, type ClassesConfig } from './fkorg/classes.js';
import { DEFAULT_DECODED_OBJECTS } from './fkorg/decodedObjects.js';
import { oioidwsFromEnv } from './fkorg/oioidws/config.js';
import { isUuid } from './fkorg/wire.js';
import type { SoapSecurity } from './fkorg/security.js';
import type { SqlDatabase } from './opus/extract/store/database.js';
import type { OpusMode } from './opus/coverage.js';

function tlsFromEnv(env: Env, prefix: string) {
  const cert = env[`${prefix}_TLS_CERT`];
  const key = env[`${prefix}_TLS_KEY`];
  const ca = env[`${prefix}_TLS_CA`];
  if (!cert && !key && !ca) return undefined;
  if (!cert || !key) throw new Error(`${prefix}_TLS_CERT and ${prefix}_TLS_KEY must be given together (mutual TLS)`);
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8'), ca: ca ? readFileSync(ca, 'utf8') : undefined };
}

export interface SourceConfig {
  opus: {
    baseUrl: string;
    kommunekode: string;
    maxBatchSize: number;
    gatewayMaxBatchSize?: number;
    /** Batches of one multi-employee read sent at the same time. */
    maxConcurrency?: number;
    timeoutMs: number;
    tls?: { cert: string; key: string; ca?: string };
  };
  org: {
    baseUrl: string;
    maxBatchSize: number;
    /** FKORG_DECODED_OBJECTS: decoded `list` objects kept by content (sources/fkorg/decodedObjects.ts); 0 for none. */
    decodedObjects?: number;
    timeoutMs: number;
    tls?: { cert: string; key: string; ca?: string };
    /** FKORG_KLASSIFIKATION_URL: Klassifikation's service root, when not FKORG_URL. */
    klassifikationUrl?: string;
    /** FKORG_ORGANISATION_UUID: the Organisation objects the hierarchy is limited to (also part of the snapshot's identity). */
    organisationUuids?: string[];
    /** FKORG_CLASSES_FILE: the municipality's classification classes (sources/fkorg/classes.ts). */
    classesConfig?: ClassesConfig;
    /** OIOIDWS (FKORG_STS_*, FKORG_CLIENT_*, ...; sources/fkorg/oioidws/config.ts); none when unset. */
    security?: SoapSecurity;
  };
  /** Retries, deadline, circuit breaker, stale-if-error; the defaults when not given. */
  resilience?: ResilienceConfig;
  /**
   * The Opus extract store (change feed): EXTRACT_DATABASE_URL, or a database the caller opened and
   * closes itself (tests, the embedded PGlite of `npm start`). None: `changes` answers SOURCE_NOT_AVAILABLE.
   */
  extract?: { databaseUrl: string } | { database: SqlDatabase };
  /** OPUS_SOURCE: read Opus through the Dataservice (default) or from the extract store (`extract`, needs `extract`). */
  opusSource?: OpusMode;
}

export function sourceConfigFromEnv(env: Env = process.env): SourceConfig {
  const opusSource = opusSourceFromEnv(env);
  const opusUrl = env.OPUS_URL;
  const orgUrl = env.FKORG_URL;
  if (!opusUrl) throw new Error('OPUS_URL is not set (the Opus Dataservice base URL)');
  if (!orgUrl) throw new Error('FKORG_URL is not set (the FK ORG service base URL)');
  const kommunekode = env.OPUS_KOMMUNEKODE;
  if (!kommunekode || !/^\d{3,4}$/.test(kommunekode)) throw new Error('OPUS_KOMMUNEKODE must be the 3-4 digit kommunekode (Opus ClientID)');
  const opusTimeoutMs = intFromEnv(env, 'OPUS_TIMEOUT_MS', 10_000, 100, 120_000);
  const orgTimeoutMs = intFromEnv(env, 'FKORG_TIMEOUT_MS', 10_000, 100, 120_000);
  const resilience = resilienceConfigFromEnv(env);
  checkCallTimeouts(resilience, { OPUS_TIMEOUT_MS: opusTimeoutMs, FKORG_TIMEOUT_MS: orgTimeoutMs });
  return {
    resilience,
    opus: {
      baseUrl: opusUrl,
      kommunekode,
      maxBatchSize: intFromEnv(env, 'OPUS_MAX_BATCH', 100, 1, 1000),
      // What KMD's gateway accepts per call; OPUS_MAX_BATCH may not exceed it.
      gatewayMaxBatchSize: intFromEnv(env, 'OPUS_GATEWAY_MAX_BATCH', 100, 1, 1000),
      // Batches beyond this many wait for a free slot: each wave adds a round trip to a large read.
      maxConcurrency: intFromEnv(env, 'OPUS_MAX_CONCURRENCY', 8, 1, 64),
      timeoutMs: opusTimeoutMs,
      tls: tlsFromEnv(env, 'OPUS'),
    },
    org: {
      baseUrl: orgUrl,
      maxBatchSize: intFromEnv(env, 'FKORG_MAX_BATCH', 100, 1, 1000),
      decodedObjects: intFromEnv(env, 'FKORG_DECODED_OBJECTS', DEFAULT_DECODED_OBJECTS, 0, 1_000_000),
      timeoutMs: orgTimeoutMs,
      tls: tlsFromEnv(env, 'FKORG'),
      security: oioidwsFromEnv(env, { timeoutMs: orgTimeoutMs }),
      organisationUuids: organisationUuidsFromEnv(env),
      klassifikationUrl: env.FKORG_KLASSIFIKATION_URL || undefined,
      classesConfig: env.FKORG_CLASSES_FILE ? readClassesFile(env.FKORG_CLASSES_FILE) : undefined,
    },
    extract: env.EXTRACT_DATABASE_URL ? { databaseUrl: env.EXTRACT_DATABASE_URL } : undefined,
    opusSource,
  };
}

/** OPUS_SOURCE: `dataservice` (default) or `extract`, which reads the store at EXTRACT_DATABASE_URL. */
export function opusSourceFromEnv(env: Env): OpusMode {
  const mode = env.OPUS_SOURCE || 'dataservice';
  if (mode !== 'dataservice' && mode !== 'extract') throw new Error(`OPUS_SOURCE must be dataservice or extract, got "${mode.slice(0, 20)}"`);
  if (mode === 'extract' && !env.EXTRACT_DATABASE_URL) throw new Error('OPUS_SOURCE=extract needs EXTRACT_DATABASE_URL (the PostgreSQL holding the Opus extracts)');
  return mode;
}

/** FKORG_ORGANISATION_UUID: one UUID, or several separated by commas (the municipality and, e.g., its utility). */
export function organisationUuidsFromEnv(env: Env): string[] | undefined {
  const raw = env.FKORG_ORGANISATION_UUID?.trim();
  if (!raw) return undefined;
  const ids = raw.split(',').map((s) => s.trim().toLowerCase());
  const bad = ids.filter((id) => !isUuid(id));
  if (bad.length > 0) throw new Error(`FKORG_ORGANISATION_UUID must be one or more Organisation UUIDs separated by commas; not a UUID: ${bad.map((b) => JSON.stringify(b.slice(0, 40))).join(', ')}`);
  return [...new Set(ids)];
}
