// The objects of FK ORG `list` and `laes` answers, decoded once per content. Every request reads its
// units, functions and persons fresh from FK ORG (units.ts), and FK ORG answers an object that has not
// changed with the same bytes: a unit's FiltreretOejebliksbillede is about 8 KB of XML, which took
// about 100 µs to read and map and was the organisation subgraph's largest cost under load
// (docs/benchmarks.md, "Decoding an FK ORG object once per content"). Decoded objects are kept by the
// SHA-256 of their bytes, so an unchanged unit costs about 10 µs (passed over in the answer, hashed).
//
// Nothing is served that FK ORG did not just answer: the key is the answer's own content, so a changed
// object is a new key, and the object is decoded (and its XML checked) afresh. Kept objects are shared
// by requests and so frozen. An object whose decoding met a class Klassifikation could not name is not
// kept: it is decoded again once the class is known.
import { hash } from 'node:crypto';
import type { MappingContext } from './mapping.js';
import { isNode, parseXml, type SkipElement, type XmlNode } from './xml.js';

/** Default number of objects kept (FKORG_DECODED_OBJECTS): a municipality's units and the functions, users and persons asked for. */
export const DEFAULT_DECODED_OBJECTS = 20_000;

export type ObjectDecoder<T> = (obj: XmlNode, path: string, ctx: MappingContext) => T | null;

/** The content of a FiltreretOejebliksbillede (kept raw by readXml) as nested objects. */
export function parseObject(content: string, skip?: SkipElement): XmlNode {
  // Read under an element of its own name, so that repeated elements are told by the same parents.
  const doc = parseXml(`<FiltreretOejebliksbillede>${content}</FiltreretOejebliksbillede>`, { skip });
  const [obj] = doc.FiltreretOejebliksbillede as unknown[]; // a repeated element (xml.ts): always a list
  return isNode(obj) ? obj : {};
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** At most `capacity` objects, the least recently used dropped first (two generations of half each). */
export class DecodedObjects {
  private young = new Map<string, unknown>();
  private old = new Map<string, unknown>();

  constructor(readonly capacity = DEFAULT_DECODED_OBJECTS) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError('capacity must be a whole number, 0 or more');
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  /**
   * The object `content` decodes to with `decode` (one decoder, and one `skip`, per `kind`): kept,
   * or parsed and decoded now. Class UUIDs the decoding could not resolve are added to `ctx.unknown`.
   */
  decode<T>(kind: string, content: string, path: string, ctx: MappingContext, decode: ObjectDecoder<T>, skip?: SkipElement): T | null {
    if (this.capacity === 0) return decode(parseObject(content, skip), path, ctx);
    const key = `${kind}\n${hash('sha256', content, 'base64')}`;
    const kept = this.find(key);
    if (kept !== undefined) return kept as T | null;
    const own: MappingContext = { ...ctx, unknown: new Set() };
    const value = decode(parseObject(content, skip), path, own);
    for (const id of own.unknown) ctx.unknown.add(id);
    if (own.unknown.size === 0) this.keep(key, deepFreeze(value));
    return value;
  }

  private find(key: string): unknown {
    const young = this.young.get(key);
    if (young !== undefined) return young;
    const old = this.old.get(key);
    if (old !== undefined) this.keep(key, old);
    return old;
  }

  private keep(key: string, value: unknown): void {
    if (this.young.size >= Math.ceil(this.capacity / 2)) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
