// A FiltreretOejebliksbillede as effective-dated pieces. FK ORG is bitemporal: each Registrering
// (registration time) holds attribute, state and relation items, each with its own Virkning (valid
// time), and a registration holds at most one Overordnet and one Enhedstype (OrganisationEnhed.xsd), so
// a unit's history arrives as several registrations. The domain only knows valid time: the client reads
// the items of every live registration, and where two registrations say something for the same day,
// the later registration wins. An entity's versions are the stretches between the breakpoints of the
// items that make up a version.
import { virkningToInterval, type Interval } from './virkning.js';
import { child, children, text, type XmlNode } from './xml.js';

export class WireShapeError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path}: expected ${expected}`);
  }
}

/** An item (Egenskab, Gyldighed, a relation) with its valid-time interval. */
export interface Dated {
  interval: Interval;
  node: XmlNode;
  /** Position of the item's registration, oldest first: a later registration overrides an earlier one. */
  rank: number;
}

export interface ObjectRegistration {
  uuid: string;
  /** The registrations, oldest first. */
  registreringer: XmlNode[];
}

// Passiveret: taken out of use; Slettet: deleted. Neither belongs in the organisation any more.
const GONE = new Set(['Passiveret', 'Slettet']);

/**
 * The UUID and registrations of one FiltreretOejebliksbillede; null when the newest registration says
 * the object is passivated or deleted (or there is none), which callers treat as not found.
 */
export function readObject(obj: XmlNode, path: string): ObjectRegistration | null {
  const uuid = text(child(obj, 'ObjektType'), 'UUIDIdentifikator') ?? text(child(obj, 'ObjektID'), 'UUIDIdentifikator');
  if (!uuid) throw new WireShapeError(`${path}.ObjektType.UUIDIdentifikator`, 'a UUID');
  // Tidspunkt is the registration time; FK ORG lists oldest first, and equal times keep that order.
  const registreringer = children(obj, 'Registrering')
    .map((reg, i) => ({ reg, i, at: text(reg, 'Tidspunkt') ?? text(child(reg, 'FraTidspunkt'), 'TidsstempelDatoTid') ?? '' }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.i - b.i))
    .map((r) => r.reg);
  const newest = registreringer[registreringer.length - 1];
  if (!newest) return null;
  const lifecycle = text(newest, 'LivscyklusKode');
  if (lifecycle && GONE.has(lifecycle)) return null;
  return { uuid: uuid.toLowerCase(), registreringer };
}

/** The dated items `<list>/<item>` of every registration, e.g. AttributListe/Egenskab; cancelled (empty) items left out. */
export function dated(o: ObjectRegistration, list: 'AttributListe' | 'TilstandListe' | 'RelationListe', item: string, path: string): Dated[] {
  const out: Dated[] = [];
  o.registreringer.forEach((registrering, rank) => {
    for (const l of children(registrering, list)) {
      children(l, item).forEach((node, i) => {
        let interval: Interval | null;
        try {
          interval = virkningToInterval(node);
        } catch (err) {
          throw new WireShapeError(`${path}.${list}.${item}[${i}].Virkning`, `a valid Virkning (${(err as Error).message})`);
        }
        if (interval) out.push({ interval, node, rank });
      });
    }
  });
  return out;
}

/** The list element's LokalUdvidelse (beside its items, SagDokObjekt.xsd) of the newest registration that has one. */
export function lokalUdvidelse(o: ObjectRegistration, list: 'AttributListe'): XmlNode | undefined {
  for (let i = o.registreringer.length - 1; i >= 0; i--) {
    const ext = child(child(o.registreringer[i], list), 'LokalUdvidelse');
    if (ext) return ext;
  }
  return undefined;
}

/** The item in force on `day`; of overlapping ones (not expected), the one that started last. */
export function inForce(items: readonly Dated[], day: string): Dated | undefined {
  let best: Dated | undefined;
  for (const it of items) {
    if (it.interval.start <= day && (it.interval.end === null || day < it.interval.end)) {
      if (!best || it.rank > best.rank || (it.rank === best.rank && it.interval.start >= best.interval.start)) best = it;
    }
  }
  return best;
}

/**
 * The stretches between every start and end of the given items, each with the item of every track in
 * force in it. Only stretches where `tracks[0]` (the primary track, e.g. Egenskab) has an item are
 * returned, in time order.
 */
export function stretches(tracks: readonly (readonly Dated[])[]): Array<{ interval: Interval; items: Array<Dated | undefined> }> {
  const points = new Set<string>();
  for (const track of tracks)
    for (const it of track) {
      points.add(it.interval.start);
      if (it.interval.end !== null) points.add(it.interval.end);
    }
  const sorted = [...points].sort();
  const out: Array<{ interval: Interval; items: Array<Dated | undefined> }> = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    const end = i + 1 < sorted.length ? sorted[i + 1] : null;
    const items = tracks.map((t) => inForce(t, start));
    if (!items[0]) continue;
    out.push({ interval: { start, end }, items });
  }
  return out;
}

/**
 * Valid-time intervals in which the object is Aktiv according to its Gyldighed items, merged where they
 * touch. Null when the registration has no Gyldighed at all (then the caller decides from attributes).
 */
export function activeIntervals(o: ObjectRegistration, path: string): Interval[] | null {
  const states = dated(o, 'TilstandListe', 'Gyldighed', path);
  if (states.length === 0) return null;
  const active = states
    .filter((s) => text(s.node, 'GyldighedStatusKode') === 'Aktiv')
    .map((s) => s.interval)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return mergeIntervals(active);
}

export function mergeIntervals(sorted: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && (last.end === null || iv.start <= last.end)) {
      if (last.end !== null && (iv.end === null || iv.end > last.end)) last.end = iv.end;
    } else out.push({ ...iv });
  }
  return out;
}

/** From the first start to the last end of the intervals (gaps included), or null for none. */
export function span(intervals: readonly Interval[]): Interval | null {
  if (intervals.length === 0) return null;
  let start = intervals[0].start;
  let end: string | null = intervals[0].end;
  for (const iv of intervals) {
    if (iv.start < start) start = iv.start;
    if (end !== null && (iv.end === null || iv.end > end)) end = iv.end;
  }
  return { start, end };
}

/** The newest item: of the latest registration, in force at the end of everything (open or latest end), then latest start. */
export function latest(items: readonly Dated[]): Dated | undefined {
  let best: Dated | undefined;
  for (const it of items) {
    if (!best || it.rank > best.rank) best = it;
    else if (it.rank === best.rank) {
      const a = it.interval.end ?? '\uffff';
      const b = best.interval.end ?? '\uffff';
      if (a > b || (a === b && it.interval.start >= best.interval.start)) best = it;
    }
  }
  return best;
}

/**
 * Items still in force at the end of `life` (open, or ending no earlier than it): what an undated
 * domain list (addresses, KLE, members) holds. Order kept.
 */
export function currentAt(items: readonly Dated[], life: Interval): Dated[] {
  return items.filter((it) => it.interval.end === null || (life.end !== null && it.interval.end >= life.end));
}

/** The UUID or URN a relation item points at (ReferenceID), or null for a relation without a target (UnikIdType is a choice of the two). */
export function reference(item: XmlNode): { uuid: string } | { urn: string } | null {
  const ref = child(item, 'ReferenceID');
  const uuid = text(ref, 'UUIDIdentifikator');
  if (uuid) return { uuid: uuid.toLowerCase() };
  const urn = text(ref, 'URNIdentifikator');
  if (urn) return { urn };
  return null;
}

export function referencedUuid(item: XmlNode): string | null {
  const r = reference(item);
  return r && 'uuid' in r ? r.uuid : null;
}
