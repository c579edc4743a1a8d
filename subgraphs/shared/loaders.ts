// Per-request DataLoaders: every entity reference and list field reads through these, so the N
// representations of one query-plan step become ceil(N / maxBatchSize) source calls. A new set is
// made for every request (see context.ts): caching across requests would leak one user's view of
// personal data to another's.
import DataLoader from 'dataloader';
import type { OrgFunction, OrgPerson, OrgUnit, OrgUser, Period, InterestGroup, ItSystem } from '../../sources/model.js';
import type { EmploymentAreas, OpusArea } from '../../sources/opus/OpusSource.js';
import type { Sources } from './sources.js';

export interface EmploymentKey {
  employmentNumber: string;
  areas: readonly OpusArea[];
  /** VirkningFilter: only effective-dated items overlapping this period. */
  period?: Period;
}

export interface LoaderOptions {
  /** Off only for the naive baseline in the benchmark: one source call per key. */
  batching: boolean;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const periodKey = (p?: Period) => (p ? `${p.from}..${p.to ?? ''}` : '');

/**
 * Loads employments with the union of the areas asked for in one tick: fields of different areas
 * on the same plan step still cost one Medarbejderoplysninger call (per period asked for).
 */
function employmentLoader(sources: Sources, options: LoaderOptions) {
  return new DataLoader<EmploymentKey, EmploymentAreas | null, string>(
    async (keys) => {
      const groups = new Map<string, EmploymentKey[]>();
      for (const key of keys) {
        pushTo(groups, periodKey(key.period), key);
      }
      const found = new Map<string, Map<string, EmploymentAreas>>();
      await Promise.all(
        [...groups].map(async ([k, group]) => {
          const numbers = [...new Set(group.map((g) => g.employmentNumber))];
          const areas = [...new Set(group.flatMap((g) => g.areas))];
          found.set(k, await sources.opus.readEmployments(numbers, areas, group[0].period));
        }),
      );
      return keys.map((key) => found.get(periodKey(key.period))?.get(key.employmentNumber) ?? null);
    },
    {
      batch: options.batching,
      cacheKeyFn: (key) => `${key.employmentNumber}|${[...key.areas].sort().join(',')}|${periodKey(key.period)}`,
    },
  );
}

function byIds<V>(fetch: (ids: readonly string[]) => Promise<Map<string, V>>, maxBatchSize: number, options: LoaderOptions) {
  return new DataLoader<string, V | null>(
    async (ids) => {
      const found = await fetch(ids);
      return ids.map((id) => found.get(id) ?? null);
    },
    { batch: options.batching, maxBatchSize },
  );
}

const LIST_PAGE = 1000;

/** Employment numbers placed in each Opus org unit on a date: one paged list call for all units asked. */
function unitEmploymentsLoader(sources: Sources, options: LoaderOptions) {
  return new DataLoader<{ orgUnitOpusId: string; activeOn: string }, string[], string>(
    async (keys) => {
      const byDate = new Map<string, string[]>();
      for (const k of keys) pushTo(byDate, k.activeOn, k.orgUnitOpusId);
      const placed = new Map<string, string[]>();
      for (const [activeOn, unitIds] of byDate) {
        const numbers: string[] = [];
        for (let after: string | null = null; ; ) {
          const page = await sources.opus.listEmployments({ orgUnitOpusIds: unitIds, activeOn }, after, LIST_PAGE);
          numbers.push(...page.numbers);
          if (!page.hasMore || page.numbers.length === 0) break;
          after = page.numbers[page.numbers.length - 1];
        }
        // The list says who is in any of the units; the placements say which one.
        const placements = await sources.opus.readEmployments(numbers, ['Organisation'], { from: activeOn, to: activeOn });
        for (const number of numbers) {
          const p = placements.get(number)?.placements?.find((pl) => pl.from <= activeOn && (pl.to === null || activeOn <= pl.to));
          if (!p) continue;
          pushTo(placed, `${p.orgUnitOpusId}|${activeOn}`, number);
        }
      }
      return keys.map((k) => placed.get(`${k.orgUnitOpusId}|${k.activeOn}`) ?? []);
    },
    { batch: options.batching, cacheKeyFn: (k) => `${k.orgUnitOpusId}|${k.activeOn}` },
  );
}

export function createLoaders(sources: Sources, options: LoaderOptions) {
  const { opus, org } = sources;
  return {
    unitEmployments: unitEmploymentsLoader(sources, options),
    employments: employmentLoader(sources, options),
    /** Employment numbers per CPR (one find-employees-by-cpr call per batch). */
    employmentsByCpr: new DataLoader<string, string[]>(
      async (cprs) => {
        const found = await opus.findEmploymentsByCpr(cprs);
        return cprs.map((cpr) => found.get(cpr) ?? []);
      },
      { batch: options.batching, maxBatchSize: opus.maxBatchSize },
    ),
    orgUnits: byIds<OrgUnit>((ids) => org.units(ids), org.maxBatchSize, options),
    orgFunctions: byIds<OrgFunction>((ids) => org.functions(ids), org.maxBatchSize, options),
    orgUsers: byIds<OrgUser>((ids) => org.users(ids), org.maxBatchSize, options),
    orgPersons: byIds<OrgPerson>((ids) => org.persons(ids), org.maxBatchSize, options),
    interestGroups: byIds<InterestGroup>((ids) => org.interestGroups(ids), org.maxBatchSize, options),
    itSystems: byIds<ItSystem>((ids) => org.itSystems(ids), org.maxBatchSize, options),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
