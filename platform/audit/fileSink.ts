// The default audit sink: JSON lines appended to a file (owner-readable only) and synced to disk
// before a write resolves. Access reports stream the file and filter it (fine for development; use
// PostgreSQL for a log of any size).
import { createReadStream } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { groupCommit } from './groupCommit.js';
import { PageCollector } from './query.js';
import type { AuditFilter, AuditPage, AuditPageRequest, AuditRecord, AuditSink } from './record.js';

async function queryFile(path: string, filter: AuditFilter, page: AuditPageRequest): Promise<AuditPage> {
  const collector = new PageCollector(filter, page);
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let index = 0;
  try {
    for await (const line of lines) {
      let record: AuditRecord;
      try {
        record = JSON.parse(line);
      } catch {
        // A line being appended right now; it is on the next report.
        index++;
        continue;
      }
      if (!collector.offer(index++, record)) break;
    }
  } finally {
    lines.close();
  }
  return collector.result();
}

export async function fileAuditSink(path: string): Promise<AuditSink> {
  await mkdir(dirname(path), { recursive: true });
  const handle: FileHandle = await open(path, 'a', 0o600);
  const write = groupCommit<AuditRecord>(async (records) => {
    await handle.appendFile(records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    await handle.datasync();
  });
  return {
    name: `file:${path}`,
    write,
    query: (filter, page) => queryFile(path, filter, page),
    close: () => handle.close(),
  };
}
