// Virkning (valid time) <-> the domain's calendar periods, exactly and in both directions.
//
// The domain writes periods as Danish HR does: `from` and `to` are both inclusive calendar days, `to`
// null when open. FK ORG's Virkning is an instant interval, FraTidspunkt inclusive and TilTidspunkt
// exclusive, either bound possibly GraenseIndikator=true (unbounded). So a domain period
// 2024-01-01..2024-12-31 is Virkning [2024-01-01T00:00 Danish time, 2025-01-01T00:00 Danish time), and
// back. Timestamps are written as Danish local midnight with its UTC offset (+01:00 or +02:00); when
// read, any offset is converted to Danish local time first, so a service answering in UTC maps to the
// same days.
//
// Internally an interval is { start, end } with `end` exclusive (null = open); the unbounded start is
// OPEN_START, so intervals compare as plain ISO strings.
import type { IsoDate, Period } from '../model.js';
import { escapeXml, child, text, type XmlNode } from './xml.js';

/** The domain date an unbounded FraTidspunkt maps to, and the one written as GraenseIndikator. */
export const OPEN_START: IsoDate = '0001-01-01';

export interface Interval {
  start: IsoDate;
  /** Exclusive; null = open. */
  end: IsoDate | null;
}

export class VirkningError extends Error {}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function addDays(date: IsoDate, days: number): IsoDate {
  const m = ISO_DATE.exec(date);
  if (!m) throw new VirkningError(`not an ISO date: ${date}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + days * DAY_MS;
  return new Date(t).toISOString().slice(0, 10);
}

export function periodToInterval(p: Period): Interval {
  return { start: p.from, end: p.to === null ? null : addDays(p.to, 1) };
}

export function intervalToPeriod(iv: Interval): Period {
  return { from: iv.start, to: iv.end === null ? null : addDays(iv.end, -1) };
}

// ---------------------------------------------------------------- writing

const offsetCache = new Map<IsoDate, string>();
const offsetFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', timeZoneName: 'longOffset' });

/** The UTC offset of Danish local midnight on `date`, as `+01:00` or `+02:00`. */
function copenhagenMidnightOffset(date: IsoDate): string {
  let offset = offsetCache.get(date);
  if (offset) return offset;
  // DST switches at 01:00 UTC, so 22:00 UTC the evening before lies in the same offset as local midnight.
  const probe = new Date(`${date}T00:00:00Z`).getTime() - 2 * 3_600_000;
  const name = offsetFormat.formatToParts(probe).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  offset = name === 'GMT' ? '+00:00' : name.replace('GMT', '');
  if (offsetCache.size > 20_000) offsetCache.clear();
  offsetCache.set(date, offset);
  return offset;
}

export function timestampOf(date: IsoDate): string {
  return `${date}T00:00:00${copenhagenMidnightOffset(date)}`;
}

function bound(name: 'FraTidspunkt' | 'TilTidspunkt', date: IsoDate | null): string {
  const inner = date === null ? '<sd:GraenseIndikator>true</sd:GraenseIndikator>' : `<sd:TidsstempelDatoTid>${escapeXml(timestampOf(date))}</sd:TidsstempelDatoTid>`;
  return `<sd:${name}>${inner}</sd:${name}>`;
}

/** `<sd:Virkning>`: the `sd` prefix (sagdok) is declared on the operation element (wire.ts PREFIX_DECLARATIONS). */
export function intervalToVirkningXml(iv: Interval): string {
  return `<sd:Virkning>${bound('FraTidspunkt', iv.start === OPEN_START ? null : iv.start)}${bound('TilTidspunkt', iv.end)}</sd:Virkning>`;
}

export function periodToVirkningXml(p: Period): string {
  return intervalToVirkningXml(periodToInterval(p));
}

// ---------------------------------------------------------------- reading

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const localFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Danish local date of a timestamp, and whether it is exactly local midnight. */
function localDateOf(ts: string): { date: IsoDate; midnight: boolean } {
  const m = TIMESTAMP.exec(ts.trim());
  if (!m) throw new VirkningError(`not a dateTime: ${ts}`);
  const [, date, hh = '00', mm = '00', ss = '00', frac = '', zone] = m;
  const wallMidnight = hh === '00' && mm === '00' && ss === '00' && !/[1-9]/.test(frac);
  if (!zone) return { date, midnight: wallMidnight };
  // Our own timestamps (and most of FK ORG's) are already Danish midnight: skip the conversion.
  const normalisedZone = zone === 'Z' ? '+00:00' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  if (wallMidnight && normalisedZone === copenhagenMidnightOffset(date)) return { date, midnight: true };
  const instant = Date.parse(`${date}T${hh}:${mm}:${ss}${frac}${normalisedZone}`);
  if (Number.isNaN(instant)) throw new VirkningError(`not a dateTime: ${ts}`);
  const parts = Object.fromEntries(localFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  const local = `${parts.year}-${parts.month}-${parts.day}`;
  const millis = instant % 1000 !== 0;
  return { date: local, midnight: parts.hour === '00' && parts.minute === '00' && parts.second === '00' && !millis };
}

/** A TidspunktType (SagDokObjekt.xsd): a timestamp, or open (GraenseIndikator). */
function readTidspunkt(node: XmlNode, name: string): { open: true } | { open: false; ts: string } {
  const ts = text(node, 'TidsstempelDatoTid');
  if (ts !== undefined && ts !== '') return { open: false, ts };
  const open = text(node, 'GraenseIndikator');
  if (open === 'true' || open === '1') return { open: true };
  throw new VirkningError(`${name} has neither TidsstempelDatoTid nor GraenseIndikator=true`);
}

function readBound(virkning: XmlNode, name: 'FraTidspunkt' | 'TilTidspunkt'): { open: true } | { open: false; ts: string } {
  const node = child(virkning, name);
  if (!node) throw new VirkningError(`Virkning without ${name}`);
  return readTidspunkt(node, name);
}

/**
 * The valid time a list or laes asks for with VirkningFraFilter and VirkningTilFilter (TidspunktType,
 * SagDokObjekt.xsd ListInputType/LaesInputType), on Danish dates like every Virkning here. A filter left
 * out means now (`today`): with neither, FK ORG answers what is in effect now; GraenseIndikator leaves
 * that side open. Undefined for the whole history (both open). The real service's reading, as a public
 * client relies on it: OS2sync, IntegrationLayer/Source/stubs/OrganisationFunktionStub.cs,
 * GetLatestRegistrations ("this ensures that we get the full history when reading, and not just what is
 * valid right now"), which sends both with GraenseIndikator for history and neither for the state now.
 */
export function validTimeFilter(fra: XmlNode | undefined, til: XmlNode | undefined, today: IsoDate): Interval | undefined {
  const bound = (node: XmlNode, name: string) => {
    const t = readTidspunkt(node, name);
    return t.open ? null : localDateOf(t.ts);
  };
  const from = fra ? bound(fra, 'VirkningFraFilter') : { date: today, midnight: true };
  const to = til ? bound(til, 'VirkningTilFilter') : { date: today, midnight: false };
  const start = from === null ? OPEN_START : from.date;
  const end = to === null ? null : to.midnight ? to.date : addDays(to.date, 1);
  return start === OPEN_START && end === null ? undefined : { start, end: end !== null && end <= start ? addDays(start, 1) : end };
}

/**
 * The interval of an item's `<Virkning>`. A start within a day counts from that day; an end within a
 * day still includes that day (the item was in force on part of it). Null for an empty interval
 * (Fra = Til), which FK ORG uses to cancel an item: it was never in force.
 */
export function virkningToInterval(item: XmlNode): Interval | null {
  const virkning = child(item, 'Virkning');
  if (!virkning) throw new VirkningError('item without Virkning');
  const fra = readBound(virkning, 'FraTidspunkt');
  const til = readBound(virkning, 'TilTidspunkt');
  const start = fra.open ? OPEN_START : localDateOf(fra.ts).date;
  let end: IsoDate | null = null;
  if (!til.open) {
    const t = localDateOf(til.ts);
    end = t.midnight ? t.date : addDays(t.date, 1);
  }
  if (end !== null && end <= start) return null;
  return { start, end };
}
