// The Opus extract store: a 50,000-employee extract ingested into PostgreSQL (one transaction, streamed),
// the next day's extract with 1 % of the employments changed, and the change feed read through the
// gateway 500 events a page. Ingestion runs as `npm run extract:ingest` does, in a process of its own,
// so its time and peak RSS are its own. The store is a schema of its own in DATABASE_URL, made afresh.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { baseEnv, spawnNode } from '../deploy/child.js';
import { MiB, procStats } from '../deploy/procStats.js';
import { percentile, round } from '../stats.js';
import { addDays } from '../../sources/days.js';
import { withSearchPath } from '../../sources/opus/extract/store/database.js';
import { writeOpusExtract } from '../../sources/opus/extract/writer.js';
import { generateMunicipality } from '../../sources/sample/generate.js';

export const EXTRACT_SCHEMA = 'bench_extract';

export interface ExtractSettings {
  employees: number;
  seed: number;
  today: string;
  /** Share of employments changed in the second day's extract. */
  changeShare: number;
  pageSize: number;
  /** Most feed pages read. */
  maxPages: number;
}

export interface ExtractResult {
  settings: ExtractSettings;
  employments: number;
  ingestSec: number;
  ingestPeakRssMiB: number;
  changed: number;
  diffSec: number;
  diffPeakRssMiB: number;
  /** Events the second extract gave. */
  diffEvents: number;
  pages: number;
  pageP50Ms: number;
  pageP99Ms: number;
}

/** The store's connection string: DATABASE_URL (or the local server) with the benchmark's own schema. */
export function extractStoreUrl(databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'): { admin: string; store: string } {
  return { admin: databaseUrl, store: withSearchPath(databaseUrl, EXTRACT_SCHEMA) };
}

/** Drops and creates the benchmark's schema, so every run starts from an empty store. */
export async function freshExtractSchema(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${EXTRACT_SCHEMA} CASCADE; CREATE SCHEMA ${EXTRACT_SCHEMA}`);
  } finally {
    await client.end();
  }
}

/** `npm run extract:ingest -- file` in a child process: wall time and the peak RSS the kernel saw. */
async function ingest(file: string, storeUrl: string): Promise<{ sec: number; peakRssMiB: number }> {
  const t0 = performance.now();
  const child = spawnNode(['--import', 'tsx', 'sources/opus/extract/store/ingestCommand.ts', file], { name: 'extract:ingest', env: { ...baseEnv(), DATABASE_URL: storeUrl } });
  let peak = 0;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, procStats(child.pid).peakRssBytes);
    } catch {
      // exited between the check and the read
    }
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.process.once('exit', (c) => resolve(c)));
  clearInterval(timer);
  if (code !== 0) throw new Error(`extract:ingest ${file} exited with ${code}\n${child.output()}`);
  return { sec: round((performance.now() - t0) / 1000, 1), peakRssMiB: round(peak / MiB, 1) };
}

export async function runExtract(settings: ExtractSettings, ctx: { gatewayUrl: string; token: string; storeUrl: string; log: (m: string) => void }): Promise<ExtractResult> {
  const dir = await mkdtemp(join(tmpdir(), 'kommunegraf-extract-'));
  try {
    const m = generateMunicipality({ employees: settings.employees, seed: settings.seed, today: settings.today });
    const first = await writeOpusExtract(m.opus, dir, new Date(`${settings.today}T03:00:00Z`));
    // The next day: a share of the employments get a new work e-mail, every other of them a new title.
    const every = Math.round(1 / settings.changeShare);
    let changed = 0;
    m.opus.employments.forEach((e, i) => {
      if (i % every !== 0) return;
      changed++;
      e.communication.workEmail = `ny.${e.employmentNumber}@eksempel.dk`;
      if (changed % 2 === 0) e.contract.position = `${e.contract.position} (konstitueret)`;
    });
    const second = await writeOpusExtract(m.opus, dir, new Date(`${addDays(settings.today, 1)}T03:00:00Z`));

    ctx.log(`extract: ingesting ${m.opus.employments.length.toLocaleString('en-US')} employments`);
    const day1 = await ingest(first, ctx.storeUrl);
    ctx.log(`extract: ingesting the next day (${changed} employments changed)`);
    const day2 = await ingest(second, ctx.storeUrl);

    const client = new pg.Client({ connectionString: ctx.storeUrl });
    await client.connect();
    let diffEvents = 0;
    try {
      diffEvents = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM opus_change_event WHERE extract_id = (SELECT max(id) FROM opus_extract_file)')).rows[0].n;
    } finally {
      await client.end();
    }

    ctx.log(`extract: reading the change feed, ${settings.pageSize} events a page`);
    const query = `query Changes($after: String) { changes(first: ${settings.pageSize}, after: $after) { nodes { cursor type entityKey effectiveFrom fields } pageInfo { endCursor hasNextPage } } }`;
    const times: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < settings.maxPages; page++) {
      const t0 = performance.now();
      const res = await fetch(ctx.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.token}` },
        body: JSON.stringify({ query, variables: { after } }),
      });
      const body = (await res.json()) as { data?: { changes: { nodes: unknown[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } }; errors?: unknown[] };
      times.push(performance.now() - t0);
      if (body.errors || !body.data) throw new Error(`changes page ${page}: ${JSON.stringify(body.errors)}`);
      after = body.data.changes.pageInfo.endCursor;
      if (!body.data.changes.pageInfo.hasNextPage) break;
    }
    return {
      settings,
      employments: m.opus.employments.length,
      ingestSec: day1.sec,
      ingestPeakRssMiB: day1.peakRssMiB,
      changed,
      diffSec: day2.sec,
      diffPeakRssMiB: day2.peakRssMiB,
      diffEvents,
      pages: times.length,
      pageP50Ms: round(percentile(times, 50), 1),
      pageP99Ms: round(percentile(times, 99), 1),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
