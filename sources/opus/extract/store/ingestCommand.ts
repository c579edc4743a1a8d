// `npm run extract:ingest -- FILE...`: ingests the files oldest first (by the timestamp in their names,
// whatever order they are given in) and says per file what happened. Exit 1 when any was refused.
import { ExtractFormatError } from '../errors.js';
import { parseExtractFileName } from '../fileName.js';
import { commandDatabase } from './commandDatabase.js';
import { describeResult } from './describe.js';
import { ExtractRefusedError } from './errors.js';
import { ingestExtract } from './ingest.js';
import { migrateExtractStore } from './migrate.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('Usage: npm run extract:ingest -- ZLPE<YYYYMMDDHHMMSS>_delta.xml...');
  process.exit(2);
}
// Unnamed files sort first and are refused by name.
const order = (f: string) => parseExtractFileName(f)?.getTime() ?? -Infinity;
files.sort((a, b) => order(a) - order(b));

const db = commandDatabase();
let refused = 0;
try {
  await migrateExtractStore(db);
  for (const file of files) {
    try {
      console.log(describeResult(await ingestExtract(db, file)));
    } catch (error) {
      if (!(error instanceof ExtractFormatError || error instanceof ExtractRefusedError)) throw error;
      refused++;
      console.log(`refused: ${error.message}`);
    }
  }
} finally {
  await db.close();
}
process.exitCode = refused > 0 ? 1 : 0;
