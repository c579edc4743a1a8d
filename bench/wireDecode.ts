// Microbenchmark of the Opus wire decoding: how long the client takes to turn one read-employee-data
// answer (every area, a full batch of the sample municipality's employments) into the domain model.
// The body is encoded once by the simulator's own encoder and stringified once; each sample then times
// JSON.parse plus the decode the client runs (header, then every employee), as OpusHttpClient does.
//
//   npx tsx bench/wireDecode.ts [--employments 100] [--rounds 15] [--iterations 200] [--compare <module>]
//
// --compare loads a second wire module and runs the two interleaved, round by round, so machine noise
// hits both alike; for example the hand-written decoder from before the schemas, saved next to the
// current one (and deleted afterwards):
//
//   git show 443aad5:sources/opus/wire.ts > sources/opus/wire.before.ts
//   npx tsx bench/wireDecode.ts --compare sources/opus/wire.before.ts
//
// Reported: µs per employment, the median of the rounds (each round the mean of --iterations decodes),
// and JSON.parse alone, the floor under every decoder.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateMunicipality } from '../sources/sample/generate.js';
import { OPUS_AREAS, type EmploymentAreas, type OpusArea } from '../sources/opus/OpusSource.js';
import * as current from '../sources/opus/wire.js';
import { median, round } from './stats.js';

/** What a wire module must offer to be measured: the calls the client makes on a read-employee-data answer. */
interface WireDecoder {
  readHeaderFromWire: (body: Record<string, unknown>) => { status: string };
  employmentFromWire: (v: unknown, path: string, areas: readonly OpusArea[]) => EmploymentAreas;
}

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    employments: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '15' },
    iterations: { type: 'string', default: '200' },
    compare: { type: 'string' },
  },
});
const employments = Number(values.employments);
const rounds = Number(values.rounds);
const iterations = Number(values.iterations);

const sample = generateMunicipality({ employees: employments, seed: 1 });
const areas = [...OPUS_AREAS];
const body = JSON.stringify({
  Header: { Status: '0', Tekst: '' },
  Medarbejdere: sample.opus.employments.map((e) => current.employmentToWire(e, new Set(areas), null)),
});

/** One decode of the whole answer, as OpusHttpClient.readEmploymentBatch does it. */
function decodeOnce(wire: WireDecoder): number {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  if (wire.readHeaderFromWire(parsed).status !== '0') throw new Error('unexpected status');
  const list = parsed.Medarbejdere as unknown[];
  let n = 0;
  for (let i = 0; i < list.length; i++) n += wire.employmentFromWire(list[i], `Medarbejdere[${i}]`, areas).employmentNumber.length;
  return n;
}

/** µs per employment over `count` decodes. */
function time(wire: WireDecoder, count: number): number {
  let sink = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) sink += decodeOnce(wire);
  const ns = Number(process.hrtime.bigint() - started);
  if (sink === 0) throw new Error('nothing decoded');
  return ns / 1000 / count / employments;
}

const decoders: Array<[string, WireDecoder]> = [['current', current]];
if (values.compare) decoders.push([values.compare, (await import(pathToFileURL(resolve(values.compare)).href)) as WireDecoder]);

// Every decoder must give the same model before any is timed.
const decodeAll = (w: WireDecoder) => JSON.stringify((JSON.parse(body).Medarbejdere as unknown[]).map((m, i) => w.employmentFromWire(m, `Medarbejdere[${i}]`, areas)));
const reference = decodeAll(current);
for (const [name, w] of decoders) if (decodeAll(w) !== reference) throw new Error(`${name} decodes differently from the current wire module`);

/** JSON.parse alone, the floor under every decoder. */
const parseOnly: WireDecoder = { readHeaderFromWire: () => ({ status: '0' }), employmentFromWire: () => ({ employmentNumber: '1' }) };
decoders.push(['JSON.parse alone', parseOnly]);

for (const [, w] of decoders) time(w, iterations * 3); // warm-up: let the JIT settle
const samples = new Map<string, number[]>(decoders.map(([name]) => [name, []]));
for (let r = 0; r < rounds; r++) for (const [name, w] of decoders) samples.get(name)!.push(time(w, iterations));

console.log(`Opus read-employee-data decode: ${employments} employments, all ${areas.length} areas, body ${Math.round(body.length / 1024)} KiB, ${rounds} rounds of ${iterations}`);
for (const [name, s] of samples) {
  console.log(`  ${name.padEnd(36)} ${round(median(s), 2).toFixed(2)} µs per employment (median; min ${round(Math.min(...s), 2).toFixed(2)}, max ${round(Math.max(...s), 2).toFixed(2)})`);
}
