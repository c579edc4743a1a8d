// Reading an Opus extract as a stream of records. A municipality's file runs to hundreds of
// megabytes, so it is parsed chunk by chunk with saxes and each record is handed on as soon as its
// closing tag is read: memory holds one record and one chunk, whatever the file size.
import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { decodeExtract, ExtractEncodingError } from './decode.js';
import { ExtractFormatError } from './errors.js';
import { parseExtractFileName } from './fileName.js';
import { buildEmployee, buildOrgUnit, type ParsedRecord, type RecordOptions } from './records.js';
import type { ExtractEmployee, ExtractOrgUnit, ExtractRecord } from './types.js';

export { listExtracts, parseExtractFileName, type ExtractFile } from './fileName.js';

export interface ReadExtractOptions {
  /** Disclose protected addresses (navne- og adressebeskyttelse). Off unless the caller holds that right. */
  includeProtectedAddresses?: boolean;
  /** Keep elements the reader does not know (`extra` on the record) instead of skipping them. */
  keepUnknownElements?: boolean;
}

const ROOT = 'kmd';
const RECORD_DEPTH = 2;
const FIELD_DEPTH = 3;

export async function* readOpusExtract(file: string, opts: ReadExtractOptions = {}): AsyncGenerator<ExtractRecord> {
  const options: RecordOptions = {
    file,
    includeProtectedAddresses: opts.includeProtectedAddresses ?? false,
    keepUnknownElements: opts.keepUnknownElements ?? false,
  };
  const parser = new SaxesParser({ xmlns: false, fileName: file, position: true });
  let ready: ExtractRecord[] = [];
  let depth = 0;
  let record: ParsedRecord | null = null;
  let field: { name: string; line: number; attributes: Record<string, string>; text: string } | null = null;
  // Names of the open elements, so an error can say which element it is in.
  const open: string[] = [];
  const innermost = () => open[open.length - 1] ?? null;

  const fail = (reason: string, line: number = parser.line): never => {
    throw new ExtractFormatError(file, line, reason, { element: innermost() });
  };

  parser.on('error', (error) => {
    // saxes prefixes its message with file:line:column; ExtractFormatError adds its own.
    fail(error.message.replace(/^.*?:\d+:\d+: /, ''));
  });

  parser.on('opentag', (tag: SaxesTagPlain) => {
    depth++;
    open.push(tag.name);
    if (depth === 1) {
      if (tag.name !== ROOT) fail(`root element is <${tag.name}>, expected <${ROOT}>`);
    } else if (depth === RECORD_DEPTH) {
      // Anything else at this level (a header, a trailer) is not ours to interpret.
      if (tag.name === 'orgUnit' || tag.name === 'employee') {
        record = { name: tag.name, line: parser.line, attributes: { ...tag.attributes }, fields: new Map() };
      }
    } else if (depth === FIELD_DEPTH && record) {
      field = { name: tag.name, line: parser.line, attributes: { ...tag.attributes }, text: '' };
    }
  });

  const onText = (text: string) => {
    if (field && depth === FIELD_DEPTH) field.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('closetag', () => {
    if (depth === FIELD_DEPTH && record && field) {
      record.fields.set(field.name, { text: field.text, line: field.line, attributes: field.attributes });
      field = null;
    } else if (depth === RECORD_DEPTH && record) {
      const done: ParsedRecord = record;
      record = null;
      ready.push(
        done.name === 'orgUnit'
          ? { kind: 'orgUnit', orgUnit: buildOrgUnit(done, options), line: done.line }
          : { kind: 'employee', employee: buildEmployee(done, options), line: done.line },
      );
    }
    depth--;
    open.pop();
  });

  try {
    for await (const text of decodeExtract(createReadStream(file, { highWaterMark: 64 * 1024 }))) {
      parser.write(text);
      const batch = ready;
      ready = [];
      yield* batch;
    }
    parser.close();
  } catch (error) {
    if (error instanceof ExtractFormatError) throw error;
    if (error instanceof ExtractEncodingError) {
      const line = parser.line + error.linesBefore;
      // Parsing the good text before the bad byte tells which element the byte is in.
      try {
        if (error.prefix) parser.write(error.prefix);
      } catch {
        // A format error in that text too: the encoding error is reported.
      }
      throw new ExtractFormatError(file, line, error.message, { cause: error, element: innermost() });
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string') throw error;
    throw new ExtractFormatError(file, parser.line, (error as Error).message, { cause: error, element: innermost() });
  }
  yield* ready;
}

export interface LoadedExtract {
  file: string;
  /** From the file name; null when the file is not named like an extract. */
  timestamp: Date | null;
  orgUnits: Map<string, ExtractOrgUnit>;
  employees: Map<string, ExtractEmployee>;
}

/** The whole file in memory, keyed by id, in file order; for diffing two days. */
export async function loadOpusExtract(file: string, opts: ReadExtractOptions = {}): Promise<LoadedExtract> {
  const orgUnits = new Map<string, ExtractOrgUnit>();
  const employees = new Map<string, ExtractEmployee>();
  for await (const record of readOpusExtract(file, opts)) {
    // A duplicate would silently hide one of two conflicting records; Opus writes each id once.
    if (record.kind === 'orgUnit') {
      if (orgUnits.has(record.orgUnit.id)) throw new ExtractFormatError(file, record.line, 'duplicate orgUnit id', { element: 'orgUnit' });
      orgUnits.set(record.orgUnit.id, record.orgUnit);
    } else {
      if (employees.has(record.employee.id)) throw new ExtractFormatError(file, record.line, 'duplicate employee id', { element: 'employee' });
      employees.set(record.employee.id, record.employee);
    }
  }
  return { file, timestamp: parseExtractFileName(file), orgUnits, employees };
}
