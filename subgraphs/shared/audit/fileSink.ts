// The default audit sink: JSON lines appended to a file (owner-readable only) and synced to disk
// before a write resolves.
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { groupCommit } from './groupCommit.js';
import type { AuditRecord, AuditSink } from './record.js';

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
    close: () => handle.close(),
  };
}
