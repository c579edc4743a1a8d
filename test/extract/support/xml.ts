// Literal extract files for the store tests: one element per field, as KMD writes them (see
// test/fixtures/opus-extract/). Absent fields are left out; `attrs` adds attributes to the record.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractFileName } from '../../../sources/opus/extract/fileName.js';

type Fields = Record<string, string | number | boolean | null | undefined>;

function children(fields: Fields): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([name, v]) => (name === 'protectedAddress' ? '' : `    <${name}>${String(v)}</${name}>\n`))
    .join('');
}

export function orgUnit(id: string, fields: Fields, lastChanged = '2020-01-01'): string {
  return `  <orgUnit id="${id}" client="851" lastChanged="${lastChanged}">\n${children(fields)}  </orgUnit>\n`;
}

export function employee(id: string, fields: Fields, opts: { lastChanged?: string; action?: string; protectedAddress?: string } = {}): string {
  const action = opts.action ? ` action="${opts.action}"` : '';
  let body = children(fields);
  if (opts.protectedAddress !== undefined) body = `    <address protected="true">${opts.protectedAddress}</address>\n${body}`;
  return `  <employee id="${id}" client="851" lastChanged="${opts.lastChanged ?? '2020-01-01'}"${action}>\n${body}  </employee>\n`;
}

/** Writes ZLPE<at>_delta.xml into dir and returns its path. */
export async function extractFile(dir: string, at: string, records: string[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, extractFileName(new Date(at)));
  await writeFile(path, `<?xml version="1.0" encoding="UTF-8"?>\n<kmd>\n${records.join('')}</kmd>\n`);
  return path;
}
