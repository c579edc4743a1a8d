// Plain objects filled with keys that come from outside (a client's aliases, a subgraph's answer, XML
// element names) inherit Object.prototype's members. A key that names one (`constructor`, `toString`,
// `__proto__`, ...) must be read as the object's own property only, or the inherited member is taken
// for a value, and `__proto__` must be written as an own property, or the write replaces the prototype.

const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** `object[key]` when it is the object's own; undefined for a member only inherited. */
export function readOwn(object: Record<string, unknown>, key: string): unknown {
  return PROTOTYPE_NAMES.has(key) && !Object.hasOwn(object, key) ? undefined : object[key];
}

/** `object[key] = value` as an own property, `__proto__` included. */
export function writeOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}
