// Turns a GraphQL answer into tables: its lists of objects, each flattened to columns with dotted paths.

/** A figure withheld by the graph (a statistics cell `{ value: null, suppressed: REASON }`). */
export interface Suppressed {
  suppressed: string;
}

export type Cell = string | number | boolean | null | Suppressed;

export interface ObjectList {
  /** Where the list is in `data`, e.g. `orgUnits.nodes` or `orgUnit.children[].employments`. */
  path: string;
  rows: Record<string, unknown>[];
  /** Per row, the text fields of the items of the lists it is nested in, e.g. `orgUnit.children[].name`. */
  context: Record<string, string>[];
}

export interface Table {
  columns: string[];
  rows: Cell[][];
}

export function isSuppressed(cell: Cell): cell is Suppressed {
  return typeof cell === 'object' && cell !== null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every list of objects in `data`, in the order of the answer. A list inside the items of another
 * list is one table of all their items together (`orgUnit.children[].workforceStatistics.byAgreement`:
 * every unit's agreements), each row led by the text fields of the item it came from (the unit's
 * name), since that is what an analyst would otherwise copy together by hand.
 */
export function findObjectLists(data: unknown): ObjectList[] {
  const found: ObjectList[] = [];
  if (isObject(data)) walk([{ value: data, context: {} }], '', found);
  return found;
}

interface Node {
  value: Record<string, unknown>;
  /** What the rows of lists below this object inherit. */
  context: Record<string, string>;
}

function walk(parents: Node[], path: string, found: ObjectList[]): void {
  const keys = new Set(parents.flatMap((parent) => Object.keys(parent.value)));
  for (const key of keys) {
    const childPath = join(path, key);
    const children = parents
      .map((parent) => ({ child: parent.value[key], context: parent.context }))
      .filter(({ child }) => child !== undefined && child !== null);
    const items = children.flatMap(({ child, context }) =>
      Array.isArray(child) ? child.filter((item) => item !== null && item !== undefined).map((item: unknown) => ({ item, context })) : [],
    );
    const rows = items.filter((entry): entry is { item: Record<string, unknown>; context: Record<string, string> } => isObject(entry.item));
    if (rows.length > 0 && rows.length === items.length) {
      found.push({ path: childPath, rows: rows.map((r) => r.item), context: rows.map((r) => r.context) });
      const elementPath = `${childPath}[]`;
      walk(rows.map(({ item, context }) => ({ value: item, context: { ...context, ...textFields(item, elementPath) } })), elementPath, found);
    }
    const objects = children.filter((entry): entry is { child: Record<string, unknown>; context: Record<string, string> } => isObject(entry.child));
    if (objects.length > 0) walk(objects.map(({ child, context }) => ({ value: child, context })), childPath, found);
  }
}

const ID = /(^|\.)id$/;

/** An item's text fields by path below `prefix`; ids are left out, as they tell a reader nothing. */
function textFields(item: Record<string, unknown>, prefix: string): Record<string, string> {
  const out = new Map<string, Raw>();
  flattenInto(item, '', out);
  const fields: Record<string, string> = {};
  for (const [path, value] of out) if (typeof value === 'string' && !ID.test(path)) fields[`${prefix}.${path}`] = value;
  return fields;
}

/** The list shown first: the one with the most rows, the first of those in the answer. */
export function largestList(lists: ObjectList[]): ObjectList | undefined {
  return lists.reduce<ObjectList | undefined>((best, list) => (!best || list.rows.length > best.rows.length ? list : best), undefined);
}

/** A statistics cell: `value` beside a `suppressed` reason (a string, or true with a `reason`). */
function suppressionOf(value: Record<string, unknown>): string | undefined {
  if (!('value' in value) || !('suppressed' in value) || value.value !== null) return undefined;
  const { suppressed, reason } = value;
  if (typeof suppressed === 'string') return suppressed;
  if (suppressed === true) return typeof reason === 'string' ? reason : '';
  return undefined;
}

const LIST = Symbol('list');
type Raw = Cell | { [LIST]: unknown[] };

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function flattenInto(value: unknown, path: string, out: Map<string, Raw>): void {
  if (Array.isArray(value)) {
    out.set(path, { [LIST]: value });
  } else if (isObject(value)) {
    const reason = suppressionOf(value);
    const cellObject = 'value' in value && 'suppressed' in value;
    for (const [key, child] of Object.entries(value)) {
      // The reason is shown in the value's own column, so a separate column would only repeat it.
      if (cellObject && key === 'suppressed') continue;
      if (cellObject && key === 'value' && reason !== undefined) out.set(join(path, 'value'), { suppressed: reason });
      else flattenInto(child, join(path, key), out);
    }
  } else if (value === null || value === undefined) {
    if (!out.has(path)) out.set(path, null);
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    out.set(path, value);
  } else {
    out.set(path, String(value));
  }
}

function isList(raw: Raw | undefined): raw is { [LIST]: unknown[] } {
  return typeof raw === 'object' && raw !== null && LIST in raw;
}

/**
 * One column per leaf path of the rows, in order of first appearance, after the columns of their
 * context. A nested list becomes one cell: the list of scalars joined with ", " (e.g. a unit's
 * `tags`), the list of objects as its count (e.g. a unit's `employments`: how many), since its items
 * have a table of their own.
 */
export function toTable(rows: Record<string, unknown>[], context: Record<string, string>[] = []): Table {
  const flat = rows.map((row) => {
    const out = new Map<string, Raw>();
    flattenInto(row, '', out);
    return out;
  });
  const seen = new Set<string>();
  for (const row of flat) for (const key of row.keys()) seen.add(key);
  // A nested object that is null in some rows leaves a column of its own; drop it where other
  // rows show its fields and it holds nothing itself.
  const columns = [...seen].filter(
    (column) => !([...seen].some((other) => other.startsWith(`${column}.`)) && flat.every((row) => (row.get(column) ?? null) === null)),
  );
  const joined = new Set(
    columns.filter((column) => flat.some((row) => {
      const raw = row.get(column);
      return isList(raw) && raw[LIST].some((item) => item !== null && typeof item !== 'object');
    })),
  );
  const contextColumns = [...new Set(context.flatMap((fields) => Object.keys(fields)))];
  return {
    columns: [...contextColumns, ...columns],
    rows: flat.map((row, i) => [
      ...contextColumns.map((column) => context[i]?.[column] ?? null),
      ...columns.map((column): Cell => {
        const raw = row.get(column);
        if (raw === undefined) return null;
        if (!isList(raw)) return raw;
        return joined.has(column) ? raw[LIST].filter((item) => item !== null).map(String).join(', ') : raw[LIST].length;
      }),
    ]),
  };
}
