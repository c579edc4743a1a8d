// Each employment's read-employee-data entry (a MedarbejderData) as JSON text, by areas and virkning,
// so a repeated read costs a lookup instead of building and stringifying the entry again. The
// benchmark's simulators turn it on (OpusSimulatorOptions.wireCache): they stand for a remote Opus
// whose CPU is not ours, and on the benchmark's two cores their work otherwise competes with the
// processes measured. The text is what JSON.stringify of the built entry gives, so an answer is the
// same bytes with or without it (test/sources/opus-wire-cache.test.ts). Any update empties it.
import type { Employment, Period } from '../../model.js';
import type { OpusArea } from '../OpusSource.js';
import { employmentToWire } from '../wire/areasToWire.js';
import { setBounded } from '../../../platform/collections.js';

export class WireFragments {
  private readonly byKey = new Map<string, string>();

  /** `limit` entries at most; past it the cache starts over (a benchmark reads far fewer). */
  constructor(private readonly limit = 200_000) {}

  /** The entries of one answer's employments: what besides the employment keys them is worked out once. */
  entries(employments: Iterable<Employment>, areas: ReadonlySet<OpusArea>, virkning: Period | null): string[] {
    // The areas in the order given: the entry's members follow it.
    const kind = `|${[...areas].join('+')}|${virkning ? `${virkning.from}/${virkning.to}` : ''}`;
    const out: string[] = [];
    for (const e of employments) {
      const key = e.employmentNumber + kind;
      let json = this.byKey.get(key);
      if (json === undefined) {
        json = JSON.stringify(employmentToWire(e, areas, virkning));
        setBounded(this.byKey, key, json, this.limit);
      }
      out.push(json);
    }
    return out;
  }

  clear(): void {
    this.byKey.clear();
  }
}

/** An answer body that is JSON text already. */
export class JsonText {
  constructor(readonly text: string) {}
}
