// Cursor pages of persons over Opus, which lists employments, not persons.
//
// The rule: a person belongs to a filter when at least one of their employments is listed under it,
// and is shown at their lowest listed medarbejdernummer (the anchor). Pages walk the listed
// employments in ascending order; the cursor is the anchor of the page's last person. A listed
// employment is skipped when its person was already met earlier in the walk (a lower listed
// employment after the cursor), or has an employment at or before the cursor that is listed too
// (that person belonged to an earlier page). So every person appears exactly once across the pages,
// at one well-defined position, however their employment numbers interleave.
import type { PersonRead } from '../../sources/opus/OpusSource.js';
import { compareEmploymentNumbers } from '../../sources/opus/wire.js';
import type { SubgraphContext } from '../shared/context.js';
import { loadEmployments } from '../shared/employments.js';
import { FILTER_AREAS, listedUnder, type ListFilter } from './filter.js';

export interface PersonAtAnchor {
  anchor: string;
  person: PersonRead;
}

export interface PersonPage {
  persons: PersonAtAnchor[];
  hasNextPage: boolean;
  /** Where the next page starts: the last person's anchor (the cursor given when the page is empty). */
  endPosition: string | null;
}

/** Most numbers one list-employees call is asked for (the Opus gateway's page size). */
const MAX_CHUNK = 1000;

/** A person may hold several listed employments; a quarter more saves a second round for most pages. */
function chunkFor(missing: number): number {
  return Math.min(MAX_CHUNK, missing + Math.ceil(missing / 4) + 2);
}

export async function pagePersons(ctx: SubgraphContext, filter: ListFilter, first: number, after: string | null): Promise<PersonPage> {
  // One person more than asked tells whether another page follows.
  const want = first + 1;
  const found: PersonAtAnchor[] = [];
  const met = new Set<string>();
  let position = after;
  for (;;) {
    const listed = await ctx.sources.opus.listEmployments(filter, position, chunkFor(want - found.length));
    if (listed.numbers.length === 0) break;
    const read = await loadEmployments(ctx, listed.numbers, ['Persondata'], filter.registeredAt);
    const firstMet: PersonAtAnchor[] = [];
    listed.numbers.forEach((anchor, i) => {
      const person = read[i]?.person;
      if (!person || met.has(person.cpr)) return;
      met.add(person.cpr);
      firstMet.push({ anchor, person });
    });
    const kept = after === null ? firstMet : await withoutEarlierPersons(ctx, firstMet, filter, after);
    found.push(...kept);
    position = listed.numbers.at(-1)!;
    if (found.length >= want || !listed.hasMore) break;
  }
  const persons = found.slice(0, first);
  return { persons, hasNextPage: found.length > first, endPosition: persons.at(-1)?.anchor ?? after };
}

/**
 * Drops persons with a listed employment at or before the cursor: they were on an earlier page.
 * Listed employments after the cursor need no check, the walk met them; those at or before it are
 * judged by the filter's own rule, since Opus lists only forwards.
 */
async function withoutEarlierPersons(ctx: SubgraphContext, candidates: PersonAtAnchor[], filter: ListFilter, cursor: string): Promise<PersonAtAnchor[]> {
  const all = await Promise.all(candidates.map((c) => ctx.loaders.employmentsByCpr.load({ cpr: c.person.cpr, registeredAt: filter.registeredAt })));
  const earlier = all.map((numbers) => numbers.filter((n) => compareEmploymentNumbers(n, cursor) <= 0));
  const numbers = [...new Set(earlier.flat())];
  if (numbers.length === 0) return candidates;
  const read = await loadEmployments(ctx, numbers, FILTER_AREAS, filter.registeredAt);
  const listedBefore = new Set(numbers.filter((_, i) => read[i] !== null && listedUnder(read[i]!, filter)));
  return candidates.filter((_, i) => !earlier[i].some((n) => listedBefore.has(n)));
}
