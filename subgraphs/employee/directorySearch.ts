// `employees(filter: { name | userName | email })`: the person directory (directory.ts) chooses the
// persons and their order; what is shown of them is read fresh from Opus through the request's loaders.
import type { PersonRead } from '../../sources/opus/OpusSource.js';
import { checkLookupSize, parseOpusNumber } from '../shared/arguments.js';
import type { SubgraphContext } from '../shared/context.js';
import { compareEmploymentNumbers } from '../../sources/opus/wire.js';
import { today } from '../shared/dates.js';
import { loadEmployments } from '../shared/employments.js';
import { badInput } from '../../platform/errors.js';
import { compareInRank, directoryOf, fold, rankOf, type DirectoryPerson, type Folded, type Rank } from './directory.js';
import type { EmploymentFilter } from './inputs/EmploymentFilter.js';
import { contractCovers } from './parents.js';

/** Shortest name searched: one letter would match most of the municipality. */
export const MIN_NAME_LENGTH = 2;
const MAX_TEXT = 256;

export interface DirectoryFilter {
  name?: { query: Folded; words: Folded[] };
  userName?: string;
  email?: string;
  units?: Set<string>;
}

/** The directory part of the filter, checked; null when the filter asks nothing of the directory. */
export function parseDirectoryFilter(filter: EmploymentFilter | null | undefined): DirectoryFilter | null {
  if (!filter || (filter.name == null && filter.userName == null && filter.email == null)) return null;
  const out: DirectoryFilter = {};
  const searchedBy = filter.name != null ? 'filter.name' : filter.userName != null ? 'filter.userName' : 'filter.email';
  if (filter.activeOn != null && filter.activeOn !== today()) {
    throw badInput(`filter.activeOn: ${searchedBy} searches persons employed today; leave out activeOn`, { argument: 'filter.activeOn' });
  }
  if (filter.registeredAt != null) throw badInput(`filter.registeredAt: ${searchedBy} searches the current registration`, { argument: 'filter.registeredAt' });
  if (filter.name != null) {
    const text = filter.name.trim();
    if ([...text].length < MIN_NAME_LENGTH) throw badInput(`filter.name: give at least ${MIN_NAME_LENGTH} characters`, { argument: 'filter.name' });
    if (text.length > MAX_TEXT) throw badInput(`filter.name: at most ${MAX_TEXT} characters`, { argument: 'filter.name' });
    const query = fold(text);
    out.name = { query, words: text.split(/[\s-]+/).filter(Boolean).map(fold) };
  }
  if (filter.userName != null) {
    const u = filter.userName.trim();
    if (u === '' || u.length > MAX_TEXT || /\s/.test(u)) throw badInput('filter.userName: not a user name (1-256 characters without spaces)', { argument: 'filter.userName' });
    out.userName = u;
  }
  if (filter.email != null) {
    const e = filter.email.trim();
    if (e.length > MAX_TEXT || !/^[^\s@]+@[^\s@]+$/.test(e)) throw badInput('filter.email: not an e-mail address', { argument: 'filter.email' });
    out.email = e;
  }
  if (filter.orgUnitOpusIds != null) {
    checkLookupSize(filter.orgUnitOpusIds, 'filter.orgUnitOpusIds');
    filter.orgUnitOpusIds.forEach((u, i) => parseOpusNumber(u, `filter.orgUnitOpusIds[${i}]`, 'an Opus org unit number'));
    out.units = new Set(filter.orgUnitOpusIds);
  }
  return out;
}

/** The search's position: rank, then the in-rank order (folded last name, folded names, anchor). */
export interface SearchPosition {
  rank: Rank;
  last: string;
  names: string;
  anchor: string;
}

export function encodePosition(p: SearchPosition): string {
  return `dir:${JSON.stringify([p.rank, p.last, p.names, p.anchor])}`;
}

export function decodePosition(position: string): SearchPosition {
  let parsed: unknown;
  try {
    parsed = position.startsWith('dir:') ? JSON.parse(position.slice(4)) : null;
  } catch {
    parsed = null;
  }
  const [rank, last, names, anchor] = Array.isArray(parsed) ? parsed : [];
  if (![0, 1, 2].includes(rank) || typeof last !== 'string' || typeof names !== 'string' || typeof anchor !== 'string' || !/^\d{1,10}$/.test(anchor)) {
    throw badInput('`after` is not a cursor of this search', { argument: 'after' });
  }
  return { rank, last, names, anchor };
}

function positionOf(person: DirectoryPerson, rank: Rank): SearchPosition {
  return { rank, last: person.lastFolded.t, names: person.parts.map((x) => x.t).join(' '), anchor: person.anchor };
}

/** The order of the ranked list, as a comparison of positions (compareInRank within a rank). */
function comparePositions(a: SearchPosition, b: SearchPosition): number {
  return a.rank - b.rank || compareText(a.last, b.last) || compareText(a.names, b.names) || compareEmploymentNumbers(a.anchor, b.anchor);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Ranked {
  person: DirectoryPerson;
  rank: Rank;
}

export interface SearchPage {
  persons: Array<{ person: PersonRead; position: SearchPosition }>;
  hasNextPage: boolean;
  endPosition: SearchPosition | null;
}

export async function searchPersons(ctx: SubgraphContext, f: DirectoryFilter, first: number, after: SearchPosition | null): Promise<SearchPage> {
  const directory = await directoryOf(ctx.sources.opus);
  let candidates: DirectoryPerson[];
  if (f.userName !== undefined && f.email !== undefined) {
    const byEmail = new Set(directory.withEmail(f.email));
    candidates = directory.withUserName(f.userName).filter((p) => byEmail.has(p));
  } else if (f.userName !== undefined) candidates = directory.withUserName(f.userName);
  else if (f.email !== undefined) candidates = directory.withEmail(f.email);
  else candidates = directory.persons;
  if (f.units) candidates = candidates.filter((p) => [...p.units].some((u) => f.units!.has(u)));

  let ranked: Ranked[] = [];
  for (const person of candidates) {
    const rank = f.name ? rankOf(person, f.name.query, f.name.words) : 0;
    if (rank !== null) ranked.push({ person, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || compareInRank(a.person, b.person));
  if (after) {
    // Keyset: resumes after the cursor's position, so a refresh of the directory between pages
    // neither repeats nor skips a person who was there before and after it.
    ranked = ranked.filter((r) => comparePositions(positionOf(r.person, r.rank), after) > 0);
  }

  // Exact lookups are few: their matches are checked against Opus as it is now, so an address or
  // user name changed since the directory was read does not find the person under the old one.
  const verify = f.userName !== undefined || f.email !== undefined;
  const out: SearchPage['persons'] = [];
  let next = 0;
  while (out.length <= first && next < ranked.length) {
    const chunk = ranked.slice(next, next + first + 1 - out.length);
    next += chunk.length;
    const numbers = chunk.map((r) => (verify ? r.person.numbers : [r.person.anchor]));
    const read = await loadEmployments(ctx, numbers.flat(), verify ? ['Persondata', 'Kontraktindhold', 'Kommunikation'] : ['Persondata']);
    const byNumber = new Map(numbers.flat().map((n, i) => [n, read[i]]));
    chunk.forEach((r, i) => {
      const employments = numbers[i].map((n) => byNumber.get(n)).filter((e) => !!e);
      const matching = verify
        ? employments.filter(
            (e) =>
              contractCovers(e!, today()) &&
              (f.userName === undefined || e!.userId?.toLowerCase() === f.userName.toLowerCase()) &&
              (f.email === undefined || e!.communication?.workEmail?.toLowerCase() === f.email.toLowerCase()),
          )
        : employments;
      const person = matching[0]?.person;
      if (person) out.push({ person, position: positionOf(r.person, r.rank) });
    });
  }
  const persons = out.slice(0, first);
  return { persons, hasNextPage: out.length > first, endPosition: persons.at(-1)?.position ?? after };
}
