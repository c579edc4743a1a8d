// The simulator's view of an OrgSnapshot: every object by UUID with its wire form (encoded on use;
// large ones kept, since the snapshot does not change), and what soeg can search on, with indexes on the
// relations so a search by unit, user, parent or KLE is a map lookup even for 60,000 users.
import type { OrgAddress, OrgSnapshot } from '../../model.js';
import {
  addressObjectId,
  encodeAddress,
  encodeFunction,
  encodeInterestGroup,
  encodeItSystem,
  encodeKlasse,
  encodeOrganisation,
  encodePerson,
  encodeUnit,
  encodeUser,
  type EncodeContext,
} from '../encode.js';
import type { ObjectService } from '../wire.js';
import type { Interval } from '../virkning.js';
import { pushTo } from '../../../platform/collections.js';

const KEEP_ENCODED_FROM = 32 * 1024;

/** How soeg finds objects of one type: Egenskab values and relation targets (lower-case UUIDs or URNs). */
export interface SearchSpec<T> {
  egenskab: Record<string, (item: T) => readonly string[]>;
  relations: Record<string, (item: T) => readonly string[]>;
}

export class Collection<T> {
  readonly ids: string[] = [];
  private readonly byId = new Map<string, T>();
  private readonly wire = new Map<string, string>();
  private readonly indexes = new Map<string, Map<string, T[]>>();

  constructor(
    items: Iterable<T>,
    private readonly idOf: (item: T) => string,
    private readonly encode: (item: T, window?: Interval) => string,
    readonly search: SearchSpec<T>,
  ) {
    for (const item of items) {
      const id = idOf(item).toLowerCase();
      if (this.byId.has(id)) continue;
      this.byId.set(id, item);
      this.ids.push(id);
    }
  }

  get size(): number {
    return this.ids.length;
  }

  get(id: string): T | undefined {
    return this.byId.get(id.toLowerCase());
  }

  idOfItem(item: T): string {
    return this.idOf(item).toLowerCase();
  }

  /**
   * The object's ObjektType + Registrering, or undefined when unknown. Encoding a user or function
   * takes microseconds, while keeping the wire form of all 60,000 of each would hold most of a
   * gigabyte, so only large objects (IT systems and groups with thousands of members) are kept.
   */
  xml(id: string, window?: Interval): string | undefined {
    const key = id.toLowerCase();
    // A part of the history is encoded for the one answer; the whole history may be kept.
    if (window) {
      const item = this.byId.get(key);
      return item === undefined ? undefined : this.encode(item, window);
    }
    let x = this.wire.get(key);
    if (x === undefined) {
      const item = this.byId.get(key);
      if (!item) return undefined;
      x = this.encode(item);
      if (x.length >= KEEP_ENCODED_FROM) this.wire.set(key, x);
    }
    return x;
  }

  /** Items related through `relation` to `target`, in snapshot order (index built on first use). */
  related(relation: string, target: string): readonly T[] {
    let index = this.indexes.get(relation);
    if (!index) {
      index = new Map();
      const values = this.search.relations[relation];
      for (const id of this.ids) {
        const item = this.byId.get(id)!;
        for (const v of new Set(values(item))) {
          pushTo(index, v, item);
        }
      }
      this.indexes.set(relation, index);
    }
    return index.get(target) ?? [];
  }

  private everything?: T[];

  all(): readonly T[] {
    this.everything ??= this.ids.map((id) => this.byId.get(id)!);
    return this.everything;
  }
}

export interface AddressRecord extends Pick<OrgAddress, 'value' | 'darId'> {
  id: string;
}

export class OrgIndex {
  readonly organisationId: string;
  readonly cvr: string;
  readonly collections: { [S in ObjectService]: Collection<unknown> };
  /** The Organisation objects: the municipality first, then the others it administers. */
  readonly organisations: OrgSnapshot['organisation'][];

  constructor(readonly snapshot: OrgSnapshot, registeredAt: string) {
    const org = snapshot.organisation;
    this.organisationId = org.id.toLowerCase();
    this.cvr = org.cvr;
    const ctx: EncodeContext = { organisationId: this.organisationId, registeredAt };
    const owner = (): string[] => [this.organisationId];

    const addresses = new Map<string, AddressRecord>();
    for (const u of snapshot.units)
      for (const a of u.addresses) {
        const id = addressObjectId(a);
        if (!addresses.has(id)) addresses.set(id, a.darId ? { id, value: a.value, darId: a.darId } : { id, value: a.value });
      }

    this.organisations = [org, ...(snapshot.otherOrganisations ?? [])];
    this.collections = {
      organisationenhed: new Collection(snapshot.units, (u) => u.id, (u, w) => encodeUnit(u, ctx, w), {
        egenskab: { EnhedNavn: (u) => u.versions.map((v) => v.name), BrugervendtNoegleTekst: (u) => [u.opusId] },
        relations: {
          Overordnet: (u) => u.versions.flatMap((v) => (v.parentId ? [v.parentId.toLowerCase()] : [])),
          Enhedstype: (u) => u.versions.map((v) => v.unitType.id.toLowerCase()),
          Opgaver: (u) => u.kle.map((k) => k.id.toLowerCase()),
          Tilhoerer: (u) => [(u.organisationId ?? this.organisationId).toLowerCase()],
        },
      }),
      organisationfunktion: new Collection(snapshot.functions, (f) => f.id, (f, w) => encodeFunction(f, ctx, w), {
        egenskab: { FunktionNavn: (f) => [f.name], BrugervendtNoegleTekst: (f) => [f.id] },
        relations: {
          Funktionstype: (f) => [f.functionType.id.toLowerCase()],
          TilknyttedeEnheder: (f) => f.unitIds.map((id) => id.toLowerCase()),
          TilknyttedeBrugere: (f) => f.userIds.map((id) => id.toLowerCase()),
        },
      }),
      bruger: new Collection(snapshot.users, (u) => u.id, (u, w) => encodeUser(u, ctx, w), {
        egenskab: { BrugervendtNoegleTekst: (u) => [u.userName], BrugerNavn: (u) => [u.userName] },
        relations: { TilknyttedePersoner: (u) => (u.personId ? [u.personId.toLowerCase()] : []), Tilhoerer: owner },
      }),
      person: new Collection(snapshot.persons, (p) => p.id, (p, w) => encodePerson(p, ctx, w), {
        egenskab: { NavnTekst: (p) => [p.name], 'CPR-NummerTekst': (p) => [p.cpr] },
        relations: {},
      }),
      adresse: new Collection(addresses.values(), (a) => a.id, (a, w) => encodeAddress(a.id, a, ctx, w), {
        egenskab: { AdresseTekst: (a) => [a.value] },
        relations: {},
      }),
      interessefaellesskab: new Collection(snapshot.interestGroups, (g) => g.id, (g, w) => encodeInterestGroup(g, ctx, w), {
        egenskab: { InteressefaellesskabNavn: (g) => [g.name], InteressefaellesskabTypeTekst: (g) => [g.type] },
        relations: {
          TilknyttedeEnheder: (g) => g.unitIds.map((id) => id.toLowerCase()),
          TilknyttedeBrugere: (g) => g.userIds.map((id) => id.toLowerCase()),
          Tilhoerer: owner,
        },
      }),
      itsystem: new Collection(snapshot.itSystems, (s) => s.id, (s, w) => encodeItSystem(s, ctx, w), {
        egenskab: { ItSystemNavn: (s) => [s.name], BrugervendtNoegleTekst: (s) => [s.shortName] },
        relations: { TilknyttedeBrugere: (s) => s.userIds.map((id) => id.toLowerCase()), Tilhoerer: owner },
      }),
      organisation: new Collection(this.organisations, (o) => o.id, (o, w) => encodeOrganisation(o, ctx, w), {
        egenskab: { OrganisationNavn: (o) => [o.name], BrugervendtNoegleTekst: (o) => [o.kommunekode] },
        relations: {},
      }),
      klasse: new Collection(snapshot.classes ?? [], (c) => c.id, (c) => encodeKlasse(c, ctx), {
        egenskab: { BrugervendtNoegleTekst: (c) => [c.key], TitelTekst: (c) => [c.name] },
        relations: {},
      }),
    } as OrgIndex['collections'];
  }
}
