// Per-request DataLoaders: every entity reference and list field reads through these, so the N
// representations of one query-plan step become ceil(N / maxBatchSize) source calls. A new set is
// made for every request (see context.ts): caching across requests would leak one user's view of
// personal data to another's.
import DataLoader from 'dataloader';
import type { IsoDate, OneOffPayment, OrgFunction, OrgPerson, OrgUser, Period, InterestGroup, ItSystem } from '../../sources/model.js';
import type { OrgAddressObject, OrgUnitCore, OrgUnitRecord } from '../../sources/fkorg/OrgSource.js';
import { selectsAny, type OperationFields } from './operationFields.js';
import type { EmploymentAreas, EmploymentFilter, OpusArea } from '../../sources/opus/OpusSource.js';
import { mapConcurrently } from '../../sources/concurrency.js';
import { readEmploymentRegistrations, type EmploymentRegistration } from '../../sources/opus/extract/store/areaHistory.js';
import { isValidOn, overlaps, versionOn } from './dates.js';
import { badInput } from '../../platform/errors.js';
import type { Sources } from './sources.js';
import { pushTo } from '../../platform/collections.js';

export interface EmploymentKey {
  employmentNumber: string;
  areas: readonly OpusArea[];
  /** VirkningFilter: only effective-dated items overlapping this period. */
  period?: Period;
  /** As registered at this instant (extract mode); none: the current registration. */
  registeredAt?: string;
}

export interface LoaderOptions {
  /** Off only for the naive baseline in the benchmark: one source call per key. */
  batching: boolean;
}

const periodKey = (p?: Period) => (p ? `${p.from}..${p.to ?? ''}` : '');
/** One source read per period and registration time asked for. */
const readKey = (k: { period?: Period; registeredAt?: string }) => `${periodKey(k.period)}@${k.registeredAt ?? ''}`;

/**
 * Loads employments with the union of the areas asked for in one tick: fields of different areas
 * on the same plan step still cost one Medarbejderoplysninger call (per period asked for). A later
 * read of areas an earlier read of the request already covered (same employment, period and
 * registration) is answered from that read: an Employee's contracts after its Employment was read
 * with more areas cost no second call.
 */
function covers(read: readonly OpusArea[], asked: readonly OpusArea[]): boolean {
  for (const a of asked) if (!read.includes(a)) return false;
  return true;
}

class EmploymentReads {
  private readonly loader: DataLoader<EmploymentKey, EmploymentAreas | null, string>;
  /** Reads made so far, by employment and readKey, with the areas each asked for. */
  private readonly made = new Map<string, Array<{ areas: readonly OpusArea[]; read: Promise<EmploymentAreas | null> }>>();

  /** Reads started by `prefetch`, by readKey: all their employments in one read, waited for by later loads. */
  private readonly prefetched = new Map<string, Array<{ areas: readonly OpusArea[]; numbers: ReadonlySet<string>; read: Promise<Map<string, EmploymentAreas>> }>>();

  constructor(
    private readonly sources: Sources,
    private readonly options: LoaderOptions,
    private readonly operation: OperationFields,
  ) {
    this.loader = new DataLoader<EmploymentKey, EmploymentAreas | null, string>(
      async (keys) => {
        const groups = new Map<string, EmploymentKey[]>();
        for (const key of keys) {
          pushTo(groups, readKey(key), key);
        }
        const found = new Map<string, Map<string, EmploymentAreas>>();
        await Promise.all(
          [...groups].map(async ([k, group]) => {
            const numbers = new Set<string>();
            const areas = new Set<OpusArea>();
            for (const g of group) {
              numbers.add(g.employmentNumber);
              for (const a of g.areas) areas.add(a);
            }
            found.set(k, await sources.opus.readEmployments([...numbers], [...areas], group[0].period, group[0].registeredAt));
          }),
        );
        return keys.map((key) => found.get(readKey(key))?.get(key.employmentNumber) ?? null);
      },
      // No cache of its own: `made` below answers every repeated read (the same employment, period
      // and registration, with areas an earlier read covered), so a key string per load is not needed.
      { batch: options.batching, cache: false },
    );
  }

  /** The areas a read must have: Adresse with Persondata when the operation selects an address. */
  private withAddress<K extends { areas: readonly OpusArea[] }>(key: K): K {
    return key.areas.includes('Persondata') && !key.areas.includes('Adresse') && selectsAny(this.operation, ADDRESS_FIELDS) ? { ...key, areas: [...key.areas, 'Adresse'] } : key;
  }

  /**
   * Starts one read of `areas` for all of `numbers` now, for loads that will follow (shared/prefetch.ts):
   * each later load of one of them, with areas this read covers, waits for it instead of joining a
   * batch. A failure is for those loads to report. Nothing without batching (the naive baseline).
   */
  prefetch(numbers: readonly string[], areas: readonly OpusArea[], period?: Period, registeredAt?: string): void {
    if (!this.options.batching || numbers.length === 0) return;
    const key = this.withAddress({ areas, period, registeredAt });
    const unique = new Set(numbers);
    const read = this.sources.opus.readEmployments([...unique], key.areas, period, registeredAt);
    read.catch(() => undefined);
    pushTo(this.prefetched, readKey(key), { areas: key.areas, numbers: unique, read });
  }

  load(key: EmploymentKey): Promise<EmploymentAreas | null> {
    key = this.withAddress(key);
    // Called once per entity of a plan step: no closures, and the plain number as the key when no
    // period or registration time is asked for.
    const keyOfRead = key.period === undefined && key.registeredAt === undefined ? null : readKey(key);
    const at = keyOfRead === null ? key.employmentNumber : `${key.employmentNumber}|${keyOfRead}`;
    const earlier = this.made.get(at);
    if (earlier !== undefined) {
      for (const m of earlier) if (covers(m.areas, key.areas)) return m.read;
    }
    const read = this.fromPrefetch(key, keyOfRead) ?? this.loader.load(key);
    if (earlier === undefined) this.made.set(at, [{ areas: key.areas, read }]);
    else earlier.push({ areas: key.areas, read });
    return read;
  }

  /** `keyOfRead`: readKey(key) when `load` made it already (null: not made). */
  private fromPrefetch(key: EmploymentKey, keyOfRead: string | null): Promise<EmploymentAreas | null> | undefined {
    if (this.prefetched.size === 0) return undefined;
    for (const p of this.prefetched.get(keyOfRead ?? readKey(key)) ?? []) {
      if (p.numbers.has(key.employmentNumber) && covers(p.areas, key.areas)) return p.read.then((found) => found.get(key.employmentNumber) ?? null);
    }
    return undefined;
  }

  /** As DataLoader's loadMany: a failed load is its Error in the list. */
  loadMany(keys: readonly EmploymentKey[]): Promise<Array<EmploymentAreas | null | Error>> {
    return Promise.all(keys.map((k) => this.load(k).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
  }
}

/**
 * Every key's value (null for an object the source does not have), or the first failure. DataLoader's
 * loadMany answers a failed load as an Error in the list instead; dropped there, a source that could
 * not answer would read as "none" (no manager, no holders) rather than as an error on the field.
 */
export function loadAll<K, V>(loader: { load(key: K): Promise<V> }, keys: readonly K[]): Promise<V[]> {
  return Promise.all(keys.map((key) => loader.load(key)));
}

/**
 * Starts loading `keys` now, so they go in the batch being gathered, for a read a later step makes
 * anyway (a guess from the hierarchy snapshot). A failure is for that later load to report.
 */
export function preload<K>(loader: { load(key: K): Promise<unknown> }, keys: Iterable<K>): void {
  for (const key of keys) loader.load(key).catch(() => undefined);
}

/**
 * FK ORG objects by UUID. The client splits a batch into `list` calls of at most its maxBatchSize and
 * answers when all are back, so everything one step asks for resolves together and the next step's
 * reads batch whole too (split in the loader, the parts would resolve apart and scatter them).
 */
function byIds<V>(fetch: (ids: readonly string[]) => Promise<Map<string, V>>, options: LoaderOptions) {
  return new DataLoader<string, V | null>(
    async (ids) => {
      const found = await fetch(ids);
      return ids.map((id) => found.get(id) ?? null);
    },
    { batch: options.batching },
  );
}

const LIST_PAGE = 1000;

/**
 * The employments Opus lists under `filter` (all its pages), read with `areas` and Organisation (to
 * tell the units apart) in ceil(N / max batch) Medarbejderoplysninger calls.
 */
async function listAndRead(sources: Sources, filter: EmploymentFilter, areas: Iterable<OpusArea>, virkning?: Period): Promise<Map<string, EmploymentAreas>> {
  // The list and the read see the same registration.
  const numbers: string[] = [];
  for (let after: string | null = null; ; ) {
    const page = await sources.opus.listEmployments(filter, after, LIST_PAGE);
    numbers.push(...page.numbers);
    if (!page.hasMore || page.numbers.length === 0) break;
    after = page.numbers[page.numbers.length - 1];
  }
  return sources.opus.readEmployments(numbers, [...new Set<OpusArea>(['Organisation', ...areas])].sort(), virkning, filter.registeredAt);
}

/**
 * Every employment active on at least one day of the period, with `areas` (and Organisation) read for
 * it: one paged list call and ceil(N / max batch) Medarbejderoplysninger calls. Not a per-request
 * loader: the workforce statistics keep what it returns per process (statistics/periodCache.ts).
 */
export function employmentsActiveDuring(sources: Sources, period: { from: IsoDate; to: IsoDate }, areas: Iterable<OpusArea>): Promise<Map<string, EmploymentAreas>> {
  return listAndRead(sources, { activeDuring: period }, areas, period);
}

export interface UnitEmploymentsKey {
  orgUnitOpusId: string;
  activeOn: IsoDate;
  /** The areas the selection under the unit's employments needs, read in the same call as the placements. */
  areas: readonly OpusArea[];
  registeredAt?: string;
}

/**
 * Employments placed in each Opus org unit on a date, with the areas asked for: per date, one paged
 * list call for all units asked, and one Medarbejderoplysninger read (ceil(N / max batch) calls) that
 * brings the placements and every selected area at once, so the fields below need no second read.
 */
function unitEmploymentsLoader(sources: Sources, options: LoaderOptions) {
  return new DataLoader<UnitEmploymentsKey, EmploymentAreas[], string>(
    async (keys) => {
      const byDate = new Map<string, UnitEmploymentsKey[]>();
      const dateKey = (k: { activeOn: IsoDate; registeredAt?: string }) => `${k.activeOn}@${k.registeredAt ?? ''}`;
      for (const k of keys) pushTo(byDate, dateKey(k), k);
      const placed = new Map<string, EmploymentAreas[]>();
      for (const [date, group] of byDate) {
        const { activeOn, registeredAt } = group[0];
        const read = await listAndRead(sources, { orgUnitOpusIds: [...new Set(group.map((k) => k.orgUnitOpusId))], activeOn, registeredAt }, group.flatMap((k) => k.areas));
        for (const e of read.values()) {
          // The list says who is in any of the units; the placements say which one.
          const p = versionOn(e.placements ?? [], activeOn);
          if (!p) continue;
          pushTo(placed, `${p.orgUnitOpusId}|${date}`, e);
        }
      }
      return keys.map((k) => placed.get(`${k.orgUnitOpusId}|${dateKey(k)}`) ?? []);
    },
    { batch: options.batching, cacheKeyFn: (k) => `${k.orgUnitOpusId}|${k.activeOn}@${k.registeredAt ?? ''}|${[...k.areas].sort().join(',')}` },
  );
}

export interface OneOffPaymentKey {
  employmentNumber: string;
  /** Payments whose start date falls in this period (both bounds inclusive; `to: null` is open). */
  period: Period;
}

/** Most Engangsydelser reads one batch has in flight at once. */
export const ONE_OFF_READ_CONCURRENCY = 8;
/** Engangsydelser is read one employment per call: one request may not turn into more calls than this. */
export const MAX_ONE_OFF_READS_PER_REQUEST = 200;

/**
 * Engangsydelser per employment and period. The Opus read endpoint takes one employee, so nothing
 * crosses employments: a batch costs one call per distinct employment (periods asked for the same
 * employment are read once, over their union, and split here), at most ONE_OFF_READ_CONCURRENCY at a
 * time. One failed call fails only the keys of its employment.
 */
function oneOffPaymentLoader(sources: Sources, options: LoaderOptions) {
  const employmentsRead = new Set<string>();
  return new DataLoader<OneOffPaymentKey, OneOffPayment[], string>(
    async (keys) => {
      const byEmployment = new Map<string, Period>();
      for (const { employmentNumber, period } of keys) {
        if (!employmentsRead.has(employmentNumber) && employmentsRead.size >= MAX_ONE_OFF_READS_PER_REQUEST) continue;
        employmentsRead.add(employmentNumber);
        const seen = byEmployment.get(employmentNumber);
        byEmployment.set(
          employmentNumber,
          !seen ? period : { from: period.from < seen.from ? period.from : seen.from, to: seen.to === null || period.to === null ? null : period.to > seen.to ? period.to : seen.to },
        );
      }
      const read = new Map<string, OneOffPayment[] | Error>();
      await mapConcurrently([...byEmployment], ONE_OFF_READ_CONCURRENCY, async ([employmentNumber, period]) => {
        try {
          read.set(employmentNumber, await sources.opus.readOneOffPayments(employmentNumber, period));
        } catch (error) {
          read.set(employmentNumber, error instanceof Error ? error : new Error(String(error)));
        }
      });
      return keys.map(({ employmentNumber, period }) => {
        const found = read.get(employmentNumber);
        if (!found) {
          return badInput(`One-off payments are read one employment per Opus call; one request may read them for at most ${MAX_ONE_OFF_READS_PER_REQUEST} employments`, {
            limit: MAX_ONE_OFF_READS_PER_REQUEST,
          });
        }
        return found instanceof Error ? found : found.filter((p) => isValidOn(period, p.startDate));
      });
    },
    { batch: options.batching, cacheKeyFn: (k) => `${k.employmentNumber}|${periodKey(k.period)}` },
  );
}

export interface UnitPeriodKey {
  orgUnitOpusIds: readonly string[];
  period: { from: string; to: string };
  areas: readonly OpusArea[];
}

/**
 * Employments active and placed in any of the units on at least one day of the period, with `areas`
 * read for that period (Organisation always, to tell the units apart). Per period asked: one paged
 * list call for the units of every key together, and ceil(N / maxBatchSize) Medarbejderoplysninger
 * calls for the N employments found.
 */
function unitEmploymentsDuringLoader(sources: Sources, options: LoaderOptions) {
  return new DataLoader<UnitPeriodKey, EmploymentAreas[], string>(
    async (keys) => {
      const byPeriod = new Map<string, UnitPeriodKey[]>();
      for (const k of keys) pushTo(byPeriod, periodKey(k.period), k);
      const found = new Map<string, EmploymentAreas[]>();
      await Promise.all(
        [...byPeriod.values()].map(async (group) => {
          const period = group[0].period;
          const units = [...new Set(group.flatMap((k) => k.orgUnitOpusIds))];
          const read = [...(await listAndRead(sources, { orgUnitOpusIds: units, activeDuring: period }, group.flatMap((k) => k.areas), period)).values()];
          for (const k of group) {
            const wanted = new Set(k.orgUnitOpusIds);
            const placedIn = (e: EmploymentAreas) => (e.placements ?? []).some((p) => wanted.has(p.orgUnitOpusId) && overlaps(p, period.from, period.to));
            found.set(keyOf(k), read.filter(placedIn));
          }
        }),
      );
      return keys.map((k) => found.get(keyOf(k)) ?? []);
    },
    { batch: options.batching, cacheKeyFn: keyOf },
  );

  function keyOf(k: UnitPeriodKey): string {
    return `${[...k.orgUnitOpusIds].sort().join(',')}|${periodKey(k.period)}|${[...k.areas].sort().join(',')}`;
  }
}

export interface CprKey {
  cpr: string;
  registeredAt?: string;
}

/**
 * The OrgUnit fields that read a unit's Adresser or Opgaver relations (organisation/resolvers/
 * OrgUnitResolver.ts). An operation that selects none of them, by any type, gets its units read
 * without those relations, which are most of each unit's XML. A field of the same name on another
 * type only costs the full read.
 */
const UNIT_RELATION_FIELDS = ['addresses', 'kle', 'kleTasks'];

/**
 * A person's home address (Adresse, under navne- og adressebeskyttelse for some) is read from Opus
 * only for an operation that shows it: with Persondata when the operation selects `address`
 * (Employee.address) or is not known, so that field finds it read; never for a name.
 */
const ADDRESS_FIELDS = ['address'];

/** `operation`: the fields of the request's operation, read when a batch goes out (set by then: operationFields.ts). */
export function createLoaders(sources: Sources, options: LoaderOptions, operation: OperationFields = {}) {
  const { opus, org } = sources;
  return {
    unitEmployments: unitEmploymentsLoader(sources, options),
    unitEmploymentsDuring: unitEmploymentsDuringLoader(sources, options),
    employments: new EmploymentReads(sources, options, operation),
    oneOffPayments: oneOffPaymentLoader(sources, options),
    /** Every version the Opus extract store holds of an employment, oldest first: one query per batch. Callers check the store is configured. */
    employmentRegistrations: new DataLoader<string, EmploymentRegistration[]>(
      async (numbers) => {
        const found = await readEmploymentRegistrations(sources.extractStore!, numbers);
        return numbers.map((n) => found.get(n) ?? []);
      },
      { batch: options.batching },
    ),
    /** Employment numbers per CPR (one find-employees-by-cpr call per batch and registration time). */
    employmentsByCpr: new DataLoader<CprKey, string[], string>(
      async (keys) => {
        const byRegistration = new Map<string, CprKey[]>();
        for (const k of keys) pushTo(byRegistration, k.registeredAt ?? '', k);
        const found = new Map<string, Map<string, string[]>>();
        await Promise.all([...byRegistration].map(async ([r, group]) => found.set(r, await opus.findEmploymentsByCpr(group.map((k) => k.cpr), group[0].registeredAt))));
        return keys.map((k) => found.get(k.registeredAt ?? '')?.get(k.cpr) ?? []);
      },
      { batch: options.batching, maxBatchSize: opus.maxBatchSize, cacheKeyFn: (k) => `${k.cpr}@${k.registeredAt ?? ''}` },
    ),
    /**
     * FK ORG units, their addresses resolved by `orgAddresses` only when asked for; without their
     * Adresser and Opgaver relations when the operation selects no field that reads them.
     */
    orgUnits: byIds<OrgUnitCore>((ids) => (selectsAny(operation, UNIT_RELATION_FIELDS) ? org.unitRecords(ids) : org.unitCores(ids)), options),
    /** Units with those relations, for a field that needs them on a unit read without (organisation/units.ts withRelations). */
    orgUnitRelations: byIds<OrgUnitRecord>((ids) => org.unitRecords(ids), options),
    orgAddresses: byIds<OrgAddressObject>((ids) => org.addresses(ids), options),
    orgFunctions: byIds<OrgFunction>((ids) => org.functions(ids), options),
    orgUsers: byIds<OrgUser>((ids) => org.users(ids), options),
    orgPersons: byIds<OrgPerson>((ids) => org.persons(ids), options),
    interestGroups: byIds<InterestGroup>((ids) => org.interestGroups(ids), options),
    itSystems: byIds<ItSystem>((ids) => org.itSystems(ids), options),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
