// soeg as the simulator answers it: Egenskab values with FK ORG's `*` wildcard (case-insensitive),
// relation targets by UUID or URN, all criteria combined with AND, results in a stable order and paged
// by FoersteResultatReference/MaksimalAntalKvantitet.
//
// A criterion matches if it held at any time in the object's history: the client sends no SoegVirkning,
// and callers narrow by date on the objects they then `list`. Criteria the simulator cannot evaluate are
// refused with 40 rather than ignored, so a client bug cannot pass as an empty or too-wide result.
import { child, children, isNode, text, type XmlNode } from '../xml.js';
import type { Collection } from './OrgIndex.js';

export class SoegRefusal extends Error {}

export interface SoegRequest {
  offset: number;
  limit: number;
  egenskab: Array<{ name: string; pattern: string }>;
  relations: Array<{ name: string; target: string }>;
}

function nonNegativeInt(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new SoegRefusal(`${name} skal være et ikke-negativt heltal.`);
  return Number(raw);
}

export function parseSoeg(input: XmlNode, maxPage: number): SoegRequest {
  const offset = nonNegativeInt(text(input, 'FoersteResultatReference'), 'FoersteResultatReference', 0);
  const limit = Math.min(nonNegativeInt(text(input, 'MaksimalAntalKvantitet'), 'MaksimalAntalKvantitet', maxPage), maxPage);
  const egenskab: SoegRequest['egenskab'] = [];
  for (const list of children(input, 'AttributListe'))
    for (const e of children(list, 'Egenskab'))
      for (const [name, value] of Object.entries(e)) {
        if (name === 'Virkning') continue;
        const v = Array.isArray(value) ? value[0] : value;
        if (typeof v !== 'string') throw new SoegRefusal(`Egenskab ${name} skal være tekst.`);
        if (v !== '') egenskab.push({ name, pattern: v });
      }
  const relations: SoegRequest['relations'] = [];
  const relationList = child(input, 'RelationListe');
  for (const name of Object.keys(relationList ?? {})) {
    for (const item of children(relationList, name)) {
      const ref = child(item, 'ReferenceID');
      const uuid = text(ref, 'UUIDIdentifikator');
      const urn = text(ref, 'URNIdentifikator');
      if (uuid) relations.push({ name, target: uuid.toLowerCase() });
      else if (urn) relations.push({ name, target: urn.toLowerCase() });
      else if (isNode(item) && Object.keys(item).some((k) => k !== 'Virkning')) throw new SoegRefusal(`Relation ${name} uden ReferenceID.`);
    }
  }
  return { offset, limit, egenskab, relations };
}

const patternCache = new Map<string, RegExp>();

function wildcard(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${source}$`, 'is');
    if (patternCache.size > 1000) patternCache.clear();
    patternCache.set(pattern, re);
  }
  return re;
}

/** The page of matching ids asked for, in snapshot order. */
export function runSoeg<T>(collection: Collection<T>, req: SoegRequest): string[] {
  const { egenskab: egenskabSpec, relations: relationSpec } = collection.search;
  for (const e of req.egenskab) if (!egenskabSpec[e.name]) throw new SoegRefusal(`Der kan ikke søges på ${e.name}.`);
  for (const r of req.relations) if (!relationSpec[r.name]) throw new SoegRefusal(`Der kan ikke søges på relationen ${r.name}.`);

  // Start from the smallest relation index hit, then check every criterion on those candidates only.
  let candidates: readonly T[] | undefined;
  for (const r of req.relations) {
    const hit = collection.related(r.name, r.target);
    if (!candidates || hit.length < candidates.length) candidates = hit;
  }
  const checks: Array<(item: T) => boolean> = [
    ...req.egenskab.map((e) => {
      const re = wildcard(e.pattern);
      const values = egenskabSpec[e.name];
      return (item: T) => values(item).some((v) => re.test(v));
    }),
    ...req.relations.map((r) => {
      const values = relationSpec[r.name];
      return (item: T) => values(item).includes(r.target);
    }),
  ];
  // Matching stops at the end of the page: a paged walk over 60,000 functions stays linear.
  const wanted = req.offset + req.limit;
  const ids: string[] = [];
  for (const item of candidates ?? collection.all()) {
    if (ids.length >= wanted) break;
    if (checks.every((check) => check(item))) ids.push(collection.idOfItem(item));
  }
  return ids.slice(req.offset);
}
