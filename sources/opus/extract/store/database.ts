// One SQL interface over the two PostgreSQLs the extract store runs on: the server at DATABASE_URL
// (production, CI and the tests of these paths) and the embedded `@electric-sql/pglite` that `npm start`
// uses so a newcomer needs no services. The same SQL runs on both; only this file knows the difference.
import pg from 'pg';

export interface SqlRows<T> {
  rows: T[];
}

export interface SqlClient {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<SqlRows<T>>;
}

export interface SqlDatabase extends SqlClient {
  /** Runs `work` in one transaction (BEGIN ... COMMIT, ROLLBACK on any error) on one connection. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Several statements in one string (migrations); no parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  readonly kind: 'postgres' | 'pglite';
}

/** `url` with `schema` as the session's search_path: a store in a schema of its own (tests, the benchmark). */
export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export function postgresDatabase(connectionString: string, options: { max?: number } = {}): SqlDatabase {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 8, connectionTimeoutMillis: 5_000 });
  return {
    kind: 'postgres',
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await pool.query(sql, params)).rows as T[] }),
    exec: async (sql) => void (await pool.query(sql)),
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await work({ query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as T[] }) });
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** An embedded PostgreSQL: in memory when `dataDir` is not given, else kept in that folder. */
export async function pgliteDatabase(dataDir?: string): Promise<SqlDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await db.query<T>(sql, params)).rows }),
    exec: async (sql) => void (await db.exec(sql)),
    // PGlite runs one connection; its transaction() holds it for the callback.
    transaction: (work) => db.transaction((tx) => work({ query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await tx.query<T>(sql, params)).rows }) })),
    close: () => db.close(),
  };
}
