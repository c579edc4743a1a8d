// Writing an Opus extract file from a snapshot, the way KMD's nightly job would. Records are
// serialised one at a time into a stream, so memory does not grow with the municipality; the file
// appears under its final name only when complete, so a reader polling the directory never picks up
// half a file.
import { mkdir, rename, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { OpusSnapshot } from '../../model.js';
import { extractFileName } from './fileName.js';
import { extractDate, orgUnitsOn, toExtractEmployee } from './mapping.js';
import { employeeXml, orgUnitXml, XML_DECLARATION } from './xml.js';

/** Records are joined into chunks of about this size: one stream write per record is slow. */
const CHUNK_CHARS = 64 * 1024;

/** Writes `ZLPE<UTC timestamp of at>_delta.xml` into `dir` (created if missing) and returns its path. */
export async function writeOpusExtract(snapshot: OpusSnapshot, dir: string, at: Date): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, extractFileName(at));
  const partial = `${path}.partial`;
  try {
    await pipeline(Readable.from(extractChunks(snapshot, at)), createWriteStream(partial, { encoding: 'utf8' }));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return path;
}

function* extractChunks(snapshot: OpusSnapshot, at: Date): Generator<string> {
  const date = extractDate(at);
  let chunk = `${XML_DECLARATION}<kmd>\n`;
  for (const unit of orgUnitsOn(snapshot, date)) {
    chunk += orgUnitXml(unit);
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  for (const employment of snapshot.employments) {
    chunk += employeeXml(toExtractEmployee(employment, snapshot.kommunekode, date));
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</kmd>\n`;
}
