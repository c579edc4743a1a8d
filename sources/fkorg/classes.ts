// The municipality's registreringsmønstre: which Klasse UUID is which unit type, function type (Leder,
// Stilling, a role) or KLE task, and which address Rolle is which kind of address. Three sources, the
// later overriding the earlier: the Anvisninger's fixed UUIDs (wire.ts), the classes read from
// Klassifikation (`list` on Klasse, by the client, for every UUID the data points at that is not yet
// known), and FKORG_CLASSES_FILE, which names the municipality's own where Klassifikation cannot be read.
import { readFileSync } from 'node:fs';
import type { OrgClass } from '../model.js';
import type { MappingContext } from './mapping.js';
import { ADDRESS_ROLES, ANVISNING_CLASSES, isUuid, type AddressKind } from './wire.js';

const ADDRESS_KINDS: readonly AddressKind[] = ['Postadresse', 'Email', 'Telefon', 'EAN', 'P-nummer', 'SE', 'CVR', 'Lokation'];

/**
 * FKORG_CLASSES_FILE, JSON:
 * `{ "classes": { "<Klasse UUID>": { "key": "<BrugervendtNoegle>", "name": "<Titel>" } },
 *    "addressRoles": { "<Rolle UUID>": "Email" } }`
 * A function type is Leder or Stilling when its key or name says so; any other is a role.
 */
export interface ClassesConfig {
  classes?: Record<string, { key: string; name: string }>;
  addressRoles?: Record<string, AddressKind>;
}

export function parseClassesConfig(json: unknown, source: string): ClassesConfig {
  const fail = (what: string): never => {
    throw new Error(`${source}: ${what}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('expected a JSON object with "classes" and/or "addressRoles"');
  const { classes = {}, addressRoles = {}, ...rest } = json as Record<string, unknown>;
  if (Object.keys(rest).length > 0) fail(`unknown key(s) ${Object.keys(rest).join(', ')}`);
  const out: Required<ClassesConfig> = { classes: {}, addressRoles: {} };
  for (const [id, c] of Object.entries(classes as Record<string, unknown>)) {
    if (!isUuid(id)) fail(`classes: "${id}" is not a UUID`);
    const { key, name } = (c ?? {}) as { key?: unknown; name?: unknown };
    if (typeof key !== 'string' || key === '' || typeof name !== 'string' || name === '') fail(`classes.${id}: expected { "key": string, "name": string }`);
    out.classes[id.toLowerCase()] = { key: key as string, name: name as string };
  }
  for (const [id, kind] of Object.entries(addressRoles as Record<string, unknown>)) {
    if (!isUuid(id)) fail(`addressRoles: "${id}" is not a UUID`);
    if (!ADDRESS_KINDS.includes(kind as AddressKind)) fail(`addressRoles.${id}: expected one of ${ADDRESS_KINDS.join(', ')}`);
    out.addressRoles[id.toLowerCase()] = kind as AddressKind;
  }
  return out;
}

/** Reads FKORG_CLASSES_FILE; a missing or malformed file stops start-up with a message naming the variable. */
export function readClassesFile(path: string): ClassesConfig {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`FKORG_CLASSES_FILE ${path} cannot be read: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new Error(`FKORG_CLASSES_FILE ${path} is not JSON: ${(err as Error).message}`);
  }
  return parseClassesConfig(json, `FKORG_CLASSES_FILE ${path}`);
}

export class KlasseCatalog {
  private readonly read = new Map<string, OrgClass>();
  /** Looked up in Klassifikation and not found there: not asked again until `forgetMisses`. */
  private readonly misses = new Set<string>();
  private readonly configured = new Map<string, OrgClass>();
  private readonly roles = new Map<string, AddressKind>();

  constructor(config: ClassesConfig = {}) {
    for (const c of ANVISNING_CLASSES) this.read.set(c.id, c);
    for (const [id, c] of Object.entries(config.classes ?? {})) this.configured.set(id.toLowerCase(), { id: id.toLowerCase(), ...c });
    for (const [id, kind] of Object.entries(ADDRESS_ROLES)) this.roles.set(id, kind);
    for (const [id, kind] of Object.entries(config.addressRoles ?? {})) this.roles.set(id.toLowerCase(), kind);
  }

  get(id: string): OrgClass | undefined {
    const key = id.toLowerCase();
    return this.configured.get(key) ?? this.read.get(key);
  }

  /** The ids of `ids` neither known nor already missed. */
  unresolved(ids: Iterable<string>): string[] {
    return [...new Set([...ids].map((id) => id.toLowerCase()))].filter((id) => !this.get(id) && !this.misses.has(id));
  }

  /** Classes read from Klassifikation; `asked` ids not among them are remembered as misses. */
  learn(asked: readonly string[], found: readonly OrgClass[]): void {
    for (const c of found) this.read.set(c.id.toLowerCase(), c);
    for (const id of asked) if (!this.read.has(id)) this.misses.add(id);
  }

  /** A new hierarchy load asks Klassifikation again for classes it did not have before. */
  forgetMisses(): void {
    this.misses.clear();
  }

  /** Class UUIDs whose key (BrugervendtNoegle) is `key`, for searches by key. */
  idsWithKey(key: string): string[] {
    const out = new Set<string>();
    for (const m of [this.read, this.configured]) for (const c of m.values()) if (c.key === key) out.add(c.id);
    return [...out];
  }

  context(): MappingContext {
    return { classes: (id) => this.get(id), addressRoles: (id) => this.roles.get(id.toLowerCase()), unknown: new Set() };
  }
}
