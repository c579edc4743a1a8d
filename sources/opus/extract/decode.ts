// Bytes to text for the XML parser. saxes parses strings only and ignores the declared encoding, so
// the declaration is sniffed here. UTF-8 is decoded strictly: a latin1 file that forgot its
// declaration must fail loudly, not turn every æ, ø and å into U+FFFD in the names it imports.

/** A byte sequence the declared encoding cannot decode; `linesBefore` counts newlines in the text not yet yielded. */
export class ExtractEncodingError extends Error {
  constructor(
    message: string,
    readonly linesBefore: number,
    /** The decodable text before the bad byte (not yet yielded), so the reader can say which element it is in. */
    readonly prefix: string = '',
  ) {
    super(message);
    this.name = 'ExtractEncodingError';
  }
}

type Encoding = 'utf-8' | 'latin1' | 'windows-1252';

const ENCODING_NAMES: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'iso-8859-1': 'latin1',
  'iso8859-1': 'latin1',
  'iso_8859-1': 'latin1',
  latin1: 'latin1',
  'latin-1': 'latin1',
  l1: 'latin1',
  // Files edited on Windows are often declared ISO-8859-1 but are really this; it differs only in 0x80-0x9F.
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
};

const DECLARATION = /^<\?xml\s[^?]*?encoding\s*=\s*["']([^"']*)["']/;
const SNIFF_BYTES = 512;
const BOM = [0xef, 0xbb, 0xbf];

export async function* decodeExtract(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    yield* decodeFrom(iterator);
  } finally {
    // Closes the file when the consumer stops early or decoding fails.
    await iterator.return?.();
  }
}

async function* decodeFrom(iterator: AsyncIterator<Buffer>): AsyncGenerator<string> {
  let head: Buffer = Buffer.alloc(0);
  let ended = false;
  while (head.length < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head = head.length === 0 ? next.value : Buffer.concat([head, next.value]);
  }

  const hasBom = BOM.every((b, i) => head[i] === b);
  if (hasBom) head = head.subarray(BOM.length);
  const encoding = hasBom ? 'utf-8' : declaredEncoding(head);

  const decode = encoding === 'utf-8' ? utf8Decoder() : singleByteDecoder(encoding);
  if (head.length > 0) yield decode(head);
  if (!ended) {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield decode(next.value);
    }
  }
  const rest = decode(null);
  if (rest) yield rest;
}

function declaredEncoding(head: Buffer): Encoding {
  // The declaration is ASCII in every encoding this reads, so latin1 is a safe way to look at it.
  const match = DECLARATION.exec(head.toString('latin1', 0, Math.min(head.length, SNIFF_BYTES)));
  if (!match) return 'utf-8';
  const encoding = ENCODING_NAMES[match[1]!.trim().toLowerCase()];
  if (!encoding) throw new ExtractEncodingError('unsupported encoding in the XML declaration (expected UTF-8 or ISO-8859-1)', 0);
  return encoding;
}

/** `null` flushes. */
type ChunkDecoder = (chunk: Buffer | null) => string;

function singleByteDecoder(encoding: 'latin1' | 'windows-1252'): ChunkDecoder {
  // One byte per character: no character spans two chunks, so chunks decode independently.
  if (encoding === 'latin1') return (chunk) => (chunk ? chunk.toString('latin1') : '');
  const decoder = new TextDecoder('windows-1252');
  return (chunk) => (chunk ? decoder.decode(chunk) : '');
}

function utf8Decoder(): ChunkDecoder {
  // The incomplete character at a chunk's end is carried over by hand instead of with a streaming
  // TextDecoder, so every decoded piece starts on a character boundary and a bad byte can be located.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let carry: Buffer | null = null;
  return (chunk) => {
    if (chunk === null) {
      if (carry && carry.length > 0) throw new ExtractEncodingError('not valid UTF-8: the file ends inside a character', 0);
      return '';
    }
    const bytes: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const complete = completeLength(bytes);
    carry = complete < bytes.length ? Buffer.from(bytes.subarray(complete)) : null;
    const body = bytes.subarray(0, complete);
    try {
      return decoder.decode(body);
    } catch {
      const bad = firstInvalidOffset(body);
      const prefix = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body.subarray(0, bad));
      throw new ExtractEncodingError('not valid UTF-8 (is the file latin1 without an encoding declaration?)', countNewlines(body, bad), prefix);
    }
  };
}

/** Length of the prefix that ends on a character boundary. */
function completeLength(bytes: Buffer): number {
  let i = bytes.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && (bytes[i]! & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return bytes.length;
  const lead = bytes[i]!;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + length > bytes.length ? i : bytes.length;
}

/** Binary search: a streaming decode of a prefix fails exactly when the prefix holds an invalid byte. */
function firstInvalidOffset(bytes: Buffer): number {
  let ok = 0;
  let bad = bytes.length;
  while (bad - ok > 1) {
    const mid = (ok + bad) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, mid), { stream: true });
      ok = mid;
    } catch {
      bad = mid;
    }
  }
  return ok;
}

function countNewlines(bytes: Buffer, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1)) count++;
  return count;
}
