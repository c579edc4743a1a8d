// `npm run generate -- --employees N --seed S [--out dir] [--today YYYY-MM-DD]`: writes a sample
// municipality as JSON and as the Opus XML extract KMD would deliver for it, for loading into other
// systems and for trying the extract tooling on realistic volumes.
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import type { Municipality } from '../model.js';
import { writeOpusExtract } from '../opus/extract/writer.js';

const USAGE = `Usage: npm run generate -- [--employees N] [--seed S] [--out DIR] [--today YYYY-MM-DD]

  --employees N        employments to generate, 1..200000 (default 2000)
  --seed S             random seed, 0..4294967295; the same seed gives the same municipality (default 1)
  --out DIR            output directory (default var/sample)
  --today YYYY-MM-DD   the sample's "today" (default: the generator's)
  -h, --help           show this help`;

const MAX_EMPLOYEES = 200_000;
const MAX_SEED = 2 ** 32 - 1;
/** Extract files are written at a fixed time of day so that the same arguments give the same file name. */
const EXTRACT_TIME = 'T03:00:00Z';

interface Options {
  employees: number;
  seed: number;
  out: string;
  today: string | undefined;
}

class UsageError extends Error {}

function parseOptions(argv: string[]): Options | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        employees: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        today: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const today = values.today;
  if (today !== undefined && !isCalendarDate(today)) throw new UsageError(`--today must be a date as YYYY-MM-DD, got "${today}"`);
  const out = values.out ?? join('var', 'sample');
  if (out.trim() === '') throw new UsageError('--out must not be empty');
  return {
    employees: integer('--employees', values.employees, 2000, 1, MAX_EMPLOYEES),
    seed: integer('--seed', values.seed, 1, 0, MAX_SEED),
    out,
    today,
  };
}

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** One status line, rewritten in place on a terminal; silent when stderr is a log file or pipe. */
function progressLine() {
  const tty = process.stderr.isTTY === true;
  let lastDraw = 0;
  const draw = (text: string) => {
    if (tty) process.stderr.write(`\r\x1b[2K${text}`);
  };
  return {
    generating(done: number, total: number) {
      const now = Date.now();
      // Redrawing on every callback would cost more than generating at 200,000 employments.
      if (done < total && now - lastDraw < 100) return;
      lastDraw = now;
      draw(`generating employments ${done.toLocaleString('en')}/${total.toLocaleString('en')} (${Math.floor((done / Math.max(total, 1)) * 100)}%)`);
    },
    phase(text: string) {
      draw(text);
    },
    clear() {
      if (tty) process.stderr.write('\r\x1b[2K');
    },
  };
}

/**
 * JSON text of `value` in pieces: objects are opened up, array elements are stringified one at a
 * time. JSON.stringify of a whole 200,000-employment municipality exceeds V8's string length limit.
 */
function* jsonPieces(value: unknown): Generator<string> {
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) yield `${i === 0 ? '\n' : ',\n'}${JSON.stringify(value[i]) ?? 'null'}`;
    yield value.length > 0 ? '\n]' : ']';
  } else if (value !== null && typeof value === 'object') {
    yield '{';
    let first = true;
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function') continue;
      yield `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      yield* jsonPieces(item);
    }
    yield '}';
  } else {
    yield JSON.stringify(value) ?? 'null';
  }
}

function* chunked(pieces: Iterable<string>, size = 64 * 1024): Generator<string> {
  let chunk = '';
  for (const piece of pieces) {
    chunk += piece;
    if (chunk.length >= size) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}\n`;
}

async function writeJson(path: string, value: unknown): Promise<void> {
  const partial = `${path}.partial`;
  try {
    await pipeline(Readable.from(chunked(jsonPieces(value))), createWriteStream(partial, { encoding: 'utf8' }));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

function summary(municipality: Municipality, files: Array<{ path: string; bytes: number }>, timings: { generate: number; write: number }): string {
  const { opus, org } = municipality;
  const persons = new Set(opus.employments.map((e) => e.person.cpr)).size;
  const absences = opus.employments.reduce((sum, e) => sum + e.absences.length, 0);
  const opusUnits = new Set(opus.orgUnits.map((u) => u.id)).size;
  const n = (value: number) => value.toLocaleString('en');
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    `Sample municipality "${municipality.name}" (seed ${municipality.seed}, today ${municipality.today})`,
    `  units        ${n(org.units.length)} in FK ORG, ${n(opusUnits)} in Opus`,
    `  employments  ${n(opus.employments.length)}`,
    `  persons      ${n(persons)}`,
    `  absences     ${n(absences)}`,
    ...files.map((f, i) => `  ${i === 0 ? 'written' : '       '}      ${f.path} (${mb(f.bytes)})`),
    `  time         ${s(timings.generate + timings.write)} (generate ${s(timings.generate)}, write ${s(timings.write)})`,
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`generate: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  // Loaded only once the arguments are valid, so a typo is reported at once.
  const { generateMunicipality } = await import('./generate.js');
  const progress = progressLine();
  const started = performance.now();
  const municipality = generateMunicipality({
    employees: options.employees,
    seed: options.seed,
    ...(options.today ? { today: options.today } : {}),
    onProgress: (done: number, total: number) => progress.generating(done, total),
  });
  const generated = performance.now();

  await mkdir(options.out, { recursive: true });
  const jsonPath = join(options.out, 'municipality.json');
  progress.phase(`writing ${jsonPath}`);
  await writeJson(jsonPath, municipality);
  progress.phase(`writing the Opus extract to ${options.out}`);
  const extractPath = await writeOpusExtract(municipality.opus, options.out, new Date(`${municipality.today}${EXTRACT_TIME}`));
  const written = performance.now();
  progress.clear();

  const files = await Promise.all([jsonPath, extractPath].map(async (path) => ({ path, bytes: (await stat(path)).size })));
  process.stdout.write(`${summary(municipality, files, { generate: generated - started, write: written - generated })}\n`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`\ngenerate: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
