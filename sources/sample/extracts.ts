// The sample municipality's Opus extracts for two consecutive days: the day before its re-organisation
// and the day it takes effect, so the change feed built from them has every kind of event (units
// renamed, moved, created and closed; employments re-placed, hired and leaving). Written as KMD's
// nightly job would (one full snapshot per file), with the writer the extract tests use.
import { writeOpusExtract } from '../opus/extract/writer.js';
import { addDays } from '../days.js';
import type { Municipality } from '../model.js';

/** KMD's nightly run time the sample's files carry (UTC), as in `npm run generate`. */
const NIGHTLY = 'T03:00:00Z';

/** Writes the two files into `dir` and returns their paths, the older first. */
export async function writeSampleExtracts(m: Municipality, dir: string): Promise<[string, string]> {
  const before = addDays(m.reorganisationDate, -1);
  const first = await writeOpusExtract(m.opus, dir, new Date(`${before}${NIGHTLY}`));
  const second = await writeOpusExtract(m.opus, dir, new Date(`${m.reorganisationDate}${NIGHTLY}`));
  return [first, second];
}
