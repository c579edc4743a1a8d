// The person directory behind `employees(filter: { name | userName | email })`: who is employed today,
// by name, AD user name (Opus Kontraktindhold BrugerID) and work e-mail (Kommunikation ArbejdsEmail),
// kept per process and refreshed in the background (subgraphs/shared/backgroundSnapshot.ts). The
// Dataservice's contract is not public: the element names are those sources/opus/wire.ts models.
//
// Why an index and not a search at the source: Opus list-employees filters by unit and date only, so a
// search at Opus would read every employment's Persondata per request (50,000 employments: 500
// read calls); FK ORG's Person `soeg` matches NavnTekst with wildcards but neither folds Danish
// letters (Aagaard/Ågaard) nor ranks, and a short prefix matches thousands, all of which would have
// to be read to rank them. The index costs one walk of list-employees (a call per 1,000) plus reads of
// four areas (a call per 100) per refresh, outside any request; a search then costs no source call
// for the match, and one batched Persondata read per 100 persons shown. Not persisted: it holds CPR
// numbers, which never go to disk.
import type { IsoDate } from '../../sources/model.js';
import type { OpusSource } from '../../sources/opus/OpusSource.js';
import { compareEmploymentNumbers } from '../../sources/opus/wire.js';
import { SOURCE_NAME as OPUS_NAME } from '../../sources/opus/errors.js';
import { BackgroundSnapshot, type BackgroundSnapshotOptions } from '../shared/backgroundSnapshot.js';
import { intFromEnv } from '../../platform/env.js';
import { today, versionOn } from '../shared/dates.js';
import { createLogger, type Logger } from '../../platform/logging.js';
import { pushTo } from '../../platform/collections.js';

/** One employment active on the day the directory was read, in the few fields a search needs. */
export interface DirectoryRecord {
  employmentNumber: string;
  cpr: string;
  firstName: string;
  lastName: string;
  userName: string | null;
  email: string | null;
  orgUnitOpusId: string | null;
}

export interface DirectoryRead {
  /** The day whose active employments were read. */
  date: IsoDate;
  records: DirectoryRecord[];
}

/** A person in the directory, at their lowest active medarbejdernummer (the anchor, as in `employees`). */
export interface DirectoryPerson {
  cpr: string;
  anchor: string;
  /** Every active employment, lowest first. */
  numbers: string[];
  firstName: string;
  lastName: string;
  /** Name parts folded both ways (see fold), first names first, the last name last. */
  parts: Folded[];
  full: Folded;
  lastFolded: Folded;
  userNames: Set<string>;
  emails: Set<string>;
  units: Set<string>;
}

export interface Folded {
  /** Danish letters transcribed: æ/ä → ae, ø/ö → oe, å → aa, ü → ue. */
  t: string;
  /** Danish letters stripped to their base letter: æ/ä → a, ø/ö → o, å → a, ü → u. */
  s: string;
}

/**
 * Folds a name or a query for matching: lower case, other diacritics removed (é → e), whitespace and
 * hyphens to one space, and Danish letters in two forms, transcribed (Sørensen → soerensen, Ågaard →
 * aagaard) and stripped (Sørensen → sorensen). A query matches a name when either form of the query is
 * in the same form of the name: "ågaard" and "aagaard" find Aagaard, "sorensen", "soerensen" and
 * "Sørensen" find Sørensen.
 */
export function fold(text: string): Folded {
  const base = text
    .toLowerCase()
    .replace(/[\s\-‐–]+/g, ' ')
    .trim();
  const t = strip(base.replace(/[æä]/g, 'ae').replace(/[øö]/g, 'oe').replace(/å/g, 'aa').replace(/ü/g, 'ue'));
  const s = strip(base.replace(/[æä]/g, 'a').replace(/[øö]/g, 'o').replace(/å/g, 'a').replace(/ü/g, 'u'));
  return { t, s };
}

function strip(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Match classes, best first: exact last or full name, every word a prefix of a name part, substrings. */
export const Rank = { Exact: 0, Prefix: 1, Substring: 2 } as const;
export type Rank = (typeof Rank)[keyof typeof Rank];

function same(a: Folded, b: Folded) {
  return a.t === b.t || a.s === b.s;
}
function startsWith(a: Folded, b: Folded) {
  return a.t.startsWith(b.t) || a.s.startsWith(b.s);
}
function includes(a: Folded, b: Folded) {
  return a.t.includes(b.t) || a.s.includes(b.s);
}

/** How the person matches the folded query words, or null when some word matches nothing. */
export function rankOf(p: DirectoryPerson, query: Folded, words: Folded[]): Rank | null {
  if (same(p.full, query) || same(p.lastFolded, query)) return Rank.Exact;
  if (words.every((w) => p.parts.some((part) => startsWith(part, w))) || startsWith(p.full, query)) return Rank.Prefix;
  if (words.every((w) => includes(p.full, w))) return Rank.Substring;
  return null;
}

/** The stable order within a rank: folded last name, folded first names, anchor. */
export function compareInRank(a: DirectoryPerson, b: DirectoryPerson): number {
  return (
    compareText(a.lastFolded.t, b.lastFolded.t) ||
    compareText(a.parts.map((x) => x.t).join(' '), b.parts.map((x) => x.t).join(' ')) ||
    compareEmploymentNumbers(a.anchor, b.anchor)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class DirectoryIndex {
  readonly date: IsoDate;
  readonly persons: DirectoryPerson[];
  private readonly byUserName = new Map<string, DirectoryPerson[]>();
  private readonly byEmail = new Map<string, DirectoryPerson[]>();

  constructor(read: DirectoryRead) {
    this.date = read.date;
    const sorted = [...read.records].sort((a, b) => compareEmploymentNumbers(a.employmentNumber, b.employmentNumber));
    const byCpr = new Map<string, DirectoryPerson>();
    for (const r of sorted) {
      let p = byCpr.get(r.cpr);
      if (!p) {
        // Named as at the lowest active employment: Persondata is the person's, the same on each.
        const parts = `${r.firstName} ${r.lastName}`.split(/[\s-]+/).filter(Boolean).map(fold);
        p = {
          cpr: r.cpr,
          anchor: r.employmentNumber,
          numbers: [],
          firstName: r.firstName,
          lastName: r.lastName,
          parts,
          full: fold(`${r.firstName} ${r.lastName}`),
          lastFolded: fold(r.lastName),
          userNames: new Set(),
          emails: new Set(),
          units: new Set(),
        };
        byCpr.set(r.cpr, p);
      }
      p.numbers.push(r.employmentNumber);
      if (r.userName) p.userNames.add(r.userName.toLowerCase());
      if (r.email) p.emails.add(r.email.toLowerCase());
      if (r.orgUnitOpusId) p.units.add(r.orgUnitOpusId);
    }
    this.persons = [...byCpr.values()];
    for (const p of this.persons) {
      for (const u of p.userNames) pushTo(this.byUserName, u, p);
      for (const e of p.emails) pushTo(this.byEmail, e, p);
    }
  }

  withUserName(userName: string): DirectoryPerson[] {
    return this.byUserName.get(userName.toLowerCase()) ?? [];
  }

  withEmail(email: string): DirectoryPerson[] {
    return this.byEmail.get(email.toLowerCase()) ?? [];
  }
}


/** Numbers per list-employees call (the Opus gateway's page) and per read round while loading. */
const LIST_PAGE = 1000;

/**
 * Reads the directory: every employment active on `date`, a list-employees page at a time, and its
 * Persondata, Kontraktindhold (BrugerID), Kommunikation (ArbejdsEmail) and Organisation read in
 * batches (the client splits each round at OPUS_MAX_BATCH). Only the compact records are kept, so
 * memory is bounded by `max` records; a municipality with more fails the load, naming the variable.
 */
export async function readDirectory(source: OpusSource, date: IsoDate, max: number): Promise<DirectoryRead> {
  const records: DirectoryRecord[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await source.listEmployments({ activeOn: date }, after, LIST_PAGE);
    if (page.numbers.length === 0) break;
    if (records.length + page.numbers.length > max) throw new Error(`more than ${max} employments are active on ${date}; raise EMPLOYEE_DIRECTORY_MAX_EMPLOYMENTS`);
    const read = await source.readEmployments(page.numbers, ['Persondata', 'Kontraktindhold', 'Kommunikation', 'Organisation']);
    for (const e of read.values()) {
      if (!e.person) continue;
      records.push({
        employmentNumber: e.employmentNumber,
        cpr: e.person.cpr,
        firstName: e.person.firstName,
        lastName: e.person.lastName,
        userName: e.userId ?? null,
        email: e.communication?.workEmail ?? null,
        orgUnitOpusId: versionOn(e.placements ?? [], date)?.orgUnitOpusId ?? null,
      });
    }
    if (!page.hasMore) break;
    after = page.numbers.at(-1)!;
  }
  return { date, records };
}

export function directoryOptions(env: Record<string, string | undefined>, log: Logger = createLogger({ name: 'employee' })): BackgroundSnapshotOptions<DirectoryRead> {
  const ttl = intFromEnv(env, 'EMPLOYEE_DIRECTORY_TTL_SECONDS', 900, 1, 86_400);
  return {
    name: 'opus-directory',
    source: OPUS_NAME,
    what: `The person directory from ${OPUS_NAME}`,
    ttlMs: ttl * 1000,
    maxStaleMs: intFromEnv(env, 'EMPLOYEE_DIRECTORY_MAX_STALE_SECONDS', Math.max(86_400, ttl), ttl, 30 * 86_400) * 1000,
    loadTimeoutMs: intFromEnv(env, 'EMPLOYEE_DIRECTORY_LOAD_TIMEOUT_SECONDS', 1800, 1, 86_400) * 1000,
    retry: { baseDelayMs: 1000, maxDelayMs: 60_000 },
    log,
  };
}

const perSource = new WeakMap<OpusSource, BackgroundSnapshot<DirectoryRead, DirectoryIndex>>();

/** The subgraph's background work (BackgroundStarter): the directory for its Opus client. */
export function startDirectory(sources: { opus: OpusSource }, _config: unknown, env: Record<string, string | undefined>, logger?: Logger) {
  let snapshot = perSource.get(sources.opus);
  if (!snapshot) {
    const max = intFromEnv(env, 'EMPLOYEE_DIRECTORY_MAX_EMPLOYMENTS', 200_000, 1, 10_000_000);
    snapshot = new BackgroundSnapshot(() => readDirectory(sources.opus, today(), max), (read) => new DirectoryIndex(read), directoryOptions(env, logger)).start();
    perSource.set(sources.opus, snapshot);
  }
  return snapshot;
}

/** The directory started for `source`; a request never starts one. */
export function directoryOf(source: OpusSource): Promise<DirectoryIndex> {
  const snapshot = perSource.get(source);
  if (!snapshot) throw new Error('the person directory was not started with the subgraph');
  return snapshot.current();
}
