// Extract files are named ZLPE<YYYYMMDDHHMMSS>_delta.xml. Despite "delta", each file is a full
// snapshot; the timestamp is the only way to order them, so it is read as UTC and validated strictly
// (a file named with month 13 is someone else's file, not an extract to process).
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';

const FILE_NAME = /^ZLPE(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_delta\.xml$/;

export function extractFileName(at: Date): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, '').replace(/[-T:]/g, '');
  return `ZLPE${stamp}_delta.xml`;
}

/** The file's timestamp, or null when the name (a bare name or a path) is not an extract's. */
export function parseExtractFileName(name: string): Date | null {
  const match = FILE_NAME.exec(basename(name));
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls over out-of-range parts (Feb 30 -> Mar 2); a round trip catches that.
  const valid =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s;
  return valid ? date : null;
}

export interface ExtractFile {
  path: string;
  name: string;
  timestamp: Date;
}

/** The extract files in `dir`, oldest first; other files are skipped. */
export async function listExtracts(dir: string): Promise<ExtractFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: ExtractFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const timestamp = parseExtractFileName(entry.name);
    if (timestamp) files.push({ path: join(dir, entry.name), name: entry.name, timestamp });
  }
  return files.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
}
