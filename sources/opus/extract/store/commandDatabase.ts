// The database the extract commands use: EXTRACT_DATABASE_URL (as the subgraphs read it), else DATABASE_URL.
import { postgresDatabase, type SqlDatabase } from './database.js';

export function commandDatabase(env: NodeJS.ProcessEnv = process.env): SqlDatabase {
  const url = env.EXTRACT_DATABASE_URL || env.DATABASE_URL;
  if (!url) {
    console.error('Set EXTRACT_DATABASE_URL or DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test');
    process.exit(2);
  }
  return postgresDatabase(url, { max: 2 });
}
