// One copy of each repeated value of a hierarchy walk. A whole organisation is kept for minutes, and
// its objects repeat the same strings many times over: dates, class names, the UUID of a unit in each
// of its functions and sub-units, the UUID of a user in each function, group and IT system. Each page
// is decoded into strings of its own, so without this every repetition is a string of its own too.
// The pool lives for one walk only.

export class ValuePool {
  private readonly strings = new Map<string, string>();
  private readonly classes = new Map<string, object>();

  /** `value` with every string in it (object members and array items, at any depth) replaced by the pool's copy. */
  share<T>(value: T): T {
    return this.visit(value) as T;
  }

  private string(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  private visit(value: unknown): unknown {
    if (typeof value === 'string') return this.string(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.visit(value[i]);
      return value;
    }
    if (typeof value !== 'object' || value === null) return value;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = this.visit(record[key]);
    // A class (Klasse: id, key, name) is one object wherever it is used.
    if (isClass(record)) {
      const identity = `${record.id}\u0000${record.key}\u0000${record.name}`;
      const known = this.classes.get(identity);
      if (known) return known;
      this.classes.set(identity, record);
    }
    return record;
  }
}

function isClass(record: Record<string, unknown>): boolean {
  const keys = Object.keys(record);
  return keys.length === 3 && typeof record.id === 'string' && typeof record.key === 'string' && typeof record.name === 'string';
}
