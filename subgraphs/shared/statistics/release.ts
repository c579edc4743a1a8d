// Which statistics cells may be released without revealing a group of fewer than `minimum` persons,
// not even as the difference of two answers (docs/statistics.md, "Suppression").
//
// A measure (the persons employed on a day, those hired in a period, those on one agreement...) is
// counted per unit where each person is placed: the unit's own count. An analyst can ask for a unit's
// own count, its subtree's count and the municipality's. Those sets nest, so subtracting answers can
// isolate any unit's own group: the subtree of a unit minus the subtrees of its children is the unit's
// own staff. The rule therefore groups the persons into blocks of at least `minimum` (or none), and
// releases a set only when it is a union of whole blocks: then every sum or difference of released
// answers is again a union of blocks, never a small group.
//
// Blocks are formed bottom-up along the tree. A unit's own persons, together with whatever its children
// could not place in a block, form a pool; a pool of `minimum` or more is a block. A smaller pool joins
// the block of the unit's child with the smallest subtree, so the unit's subtree stays a union of
// blocks and only that child's figures are withheld; a unit without such a child hands its pool to its
// parent. A pool left over above the roots makes the municipality's figure unreleasable too.

export type SuppressionReason = 'FEWER_THAN_MINIMUM' | 'COMPLEMENTARY' | 'OVERLAP';

export interface TreeUnit {
  id: string;
  /** Null (or an id not among the units) for a root. */
  parent: string | null;
}

export interface UnitRelease {
  /** Null when the unit's own count may be released. */
  own(unitId: string): SuppressionReason | null;
  /** Null when the count of the unit and every unit below it may be released. */
  subtree(unitId: string): SuppressionReason | null;
  /** Null when the count of every unit together may be released. */
  municipality(): SuppressionReason | null;
}

const MUNICIPALITY = Symbol('municipality');
type Node = string | typeof MUNICIPALITY;

interface Block {
  persons: number;
  /** Units whose own persons are in the block. */
  units: string[];
  /** The highest unit whose pool went into it: every unit of the block is in this unit's subtree. */
  top: Node;
}

export function releaseByUnit(units: readonly TreeUnit[], ownCounts: ReadonlyMap<string, number>, minimum: number): UnitRelease {
  const ids = new Set(units.map((u) => u.id));
  const parentOf = new Map<string, Node>(units.map((u) => [u.id, u.parent !== null && ids.has(u.parent) && u.parent !== u.id ? u.parent : MUNICIPALITY]));
  const children = new Map<Node, string[]>([[MUNICIPALITY, []]]);
  for (const u of units) children.set(u.id, []);
  for (const u of units) children.get(parentOf.get(u.id)!)!.push(u.id);
  const own = (id: string) => Math.max(0, ownCounts.get(id) ?? 0);

  // Post-order from the municipality down, without recursion: org trees can be deep.
  const order: Node[] = [];
  const stack: Node[] = [MUNICIPALITY];
  while (stack.length) {
    const node = stack.pop()!;
    order.push(node);
    stack.push(...children.get(node)!);
  }
  order.reverse();

  const subtreeCount = new Map<Node, number>();
  const topBlock = new Map<Node, Block>();
  const handedUp = new Map<Node, { persons: number; units: string[] }>();
  const blockOf = new Map<string, Block>();
  let leftover: { persons: number; units: string[] } | null = null;

  for (const node of order) {
    const kids = children.get(node)!;
    const pool = node === MUNICIPALITY ? { persons: 0, units: [] as string[] } : { persons: own(node), units: own(node) > 0 ? [node] : [] };
    let total = pool.persons;
    for (const kid of kids) {
      total += subtreeCount.get(kid)!;
      const up = handedUp.get(kid);
      if (up) {
        pool.persons += up.persons;
        pool.units.push(...up.units);
      }
    }
    subtreeCount.set(node, total);
    if (pool.persons === 0) continue;
    if (pool.persons >= minimum) {
      const block: Block = { persons: pool.persons, units: pool.units, top: node };
      for (const u of pool.units) blockOf.set(u, block);
      topBlock.set(node, block);
      continue;
    }
    const host = kids
      .filter((kid) => topBlock.has(kid))
      .sort((a, b) => subtreeCount.get(a)! - subtreeCount.get(b)! || (a < b ? -1 : 1))[0];
    if (host !== undefined) {
      const block = topBlock.get(host)!;
      block.persons += pool.persons;
      block.units.push(...pool.units);
      block.top = node;
      for (const u of pool.units) blockOf.set(u, block);
      topBlock.set(node, block);
    } else if (node === MUNICIPALITY) {
      leftover = pool;
    } else {
      handedUp.set(node, pool);
    }
  }

  // A subtree is broken when a block reaches into it from above, or when persons in it are in no block.
  const broken = new Set<Node>();
  const breakUpTo = (from: string, stopBefore: Node | null) => {
    for (let n: Node = from; n !== stopBefore; n = parentOf.get(n as string)!) {
      broken.add(n);
      if (n === MUNICIPALITY) break;
    }
  };
  for (const id of ids) {
    if (own(id) === 0) continue;
    const block = blockOf.get(id);
    breakUpTo(id, block ? block.top : null);
  }
  if (leftover) broken.add(MUNICIPALITY);

  const verdict = (count: number, whole: boolean): SuppressionReason | null => {
    if (count > 0 && count < minimum) return 'FEWER_THAN_MINIMUM';
    return whole ? null : 'OVERLAP';
  };
  const known = (id: string) => {
    if (!ids.has(id)) throw new Error(`unit ${id} is not in the tree the release was computed for`);
    return id;
  };
  return {
    own: (id) => {
      const count = own(known(id));
      const block = blockOf.get(id);
      return verdict(count, count === 0 || (block !== undefined && block.units.length === 1));
    },
    subtree: (id) => verdict(subtreeCount.get(known(id))!, !broken.has(id)),
    municipality: () => verdict(subtreeCount.get(MUNICIPALITY)!, !broken.has(MUNICIPALITY)),
  };
}

export interface TableCell {
  key: string;
  persons: number;
  /** The cell's own verdict, from releaseByUnit for its measure. */
  suppressed: SuppressionReason | null;
}

/**
 * A distribution's cells, which sum to a total, with COMPLEMENTARY added where a suppressed cell could
 * otherwise be recovered as the total minus the released cells: while the suppressed cells are a
 * single cell or hold fewer than `minimum` persons together, the smallest released cell that holds
 * anyone is suppressed too. When the total itself is withheld, nothing can be recovered from it.
 */
export function suppressComplementary(cells: readonly TableCell[], minimum: number, totalReleased: boolean): Map<string, SuppressionReason | null> {
  const out = new Map(cells.map((c) => [c.key, c.suppressed] as const));
  if (!totalReleased) return out;
  const suppressed = cells.filter((c) => c.suppressed !== null);
  if (suppressed.length === 0) return out;
  let persons = suppressed.reduce((sum, c) => sum + c.persons, 0);
  let count = suppressed.length;
  const candidates = cells
    .filter((c) => c.suppressed === null && c.persons > 0)
    .sort((a, b) => a.persons - b.persons || (a.key < b.key ? -1 : 1));
  for (const c of candidates) {
    if (count > 1 && persons >= minimum) break;
    out.set(c.key, 'COMPLEMENTARY');
    persons += c.persons;
    count++;
  }
  return out;
}
