// Entity fetches of a single entity, sent at the start of a query with the representations the same
// plan sent for the same variables the last time. On a unit's staff page
//   query UnitStaff($id: ID!) { orgUnit(id: $id) { name employments { employmentNumber } } }
// the employee subgraph is asked for the unit by its Opus number, which only the organisation subgraph
// answers, so its fetch waits for organisation's. The next time the page is asked for, the unit has the
// same number: the gateway remembers what the fetch sent ({ __typename: "OrgUnit", opusId: "1234" }),
// by the fetch's place in the plan and the request's variables, and sends it beside the fetches before
// it. When the plan reaches the fetch, the remembered answer is used only if the representations the
// plan makes from what came before are exactly the remembered ones; otherwise (the unit was renumbered,
// the root field answered null, or failed) the answer is dropped and the fetch goes out as written. So
// the client's response is the plan's in every case, and a source round trip shorter when it repeats.
//
// Only for queries, and only for fetches whose entities are reached through single objects from the
// root (no list on the way): what is remembered are the keys of single entities (a unit's number, a
// person's opaque id with the placements a field requires), never the members of a list, which would
// be a copy of the data. Remembered per gateway process, at most `capacity` fetches and 16 MiB of
// text, the least recently sent dropped first, never logged. A remembered representation is only
// ever sent for a request that names the same plan and variables, under that request's own token:
// the subgraph answers (and audits) it for that caller, as the plan's own fetch would.
import type { FetchNode, ResponsePath } from '@apollo/query-planner';
import type { ExecNode, MergedFetchNode } from './mergedFetches.js';

/** A fetch node whose entities are single objects: an entity Fetch, or a merged one (mergedFetches.ts). */
export type SingleEntityFetch = FetchNode | MergedFetchNode;

export interface Slot {
  node: SingleEntityFetch;
  /** Where the fetch's entities are in the response: the Flatten paths down to it. */
  path: ResponsePath;
}

/** Longest JSON of the request's variables that is remembered by; a request with more is not. */
const MAX_VARIABLES_JSON = 2_048;
/** Longest JSON of what one fetch sent that is kept. */
const MAX_REPRESENTATIONS_JSON = 4_096;
export const DEFAULT_REMEMBERED_FETCHES = 20_000;
/** Most characters of keys and representations kept in all, whatever `capacity` allows. */
const DEFAULT_MAX_TEXT = 16 * 1024 * 1024;

const slotsByPlan = new WeakMap<ExecNode, Slot[]>();

/** The fetches of `plan` whose entities are single objects reached through single objects; found once per plan. */
export function singleEntitySlots(plan: ExecNode): Slot[] {
  let slots = slotsByPlan.get(plan);
  if (!slots) {
    slots = [];
    collect(plan, [], slots);
    slotsByPlan.set(plan, slots);
  }
  return slots;
}

function collect(node: ExecNode, path: ResponsePath, out: Slot[]): void {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      for (const child of node.nodes) collect(child, path, out);
      return;
    case 'Flatten':
      collect(node.node, [...path, ...node.path], out);
      return;
    case 'Condition':
      if (node.ifClause) collect(node.ifClause, path, out);
      if (node.elseClause) collect(node.elseClause, path, out);
      return;
    case 'Fetch':
      // A root fetch (no requires) answers from the arguments alone; under a list, many entities.
      if (node.requires && path.length > 0 && !path.includes('@')) out.push({ node, path });
      return;
    case 'MergedFetch':
      if (path.every((step) => step !== '@') && node.members.every((m) => m.path.length > 0 && !m.path.includes('@'))) out.push({ node, path });
      return;
    default:
      return;
  }
}

/** What single-entity fetches sent, by place in the plan and the request's variables. */
export class RememberedFetches {
  private readonly sent = new Map<string, string>();
  /** Characters of the keys and values in `sent`. */
  private text = 0;
  private readonly ids = new WeakMap<SingleEntityFetch, number>();
  private readonly slots = new WeakSet<SingleEntityFetch>();
  private nextId = 0;

  constructor(
    readonly capacity = DEFAULT_REMEMBERED_FETCHES,
    private readonly maxText = DEFAULT_MAX_TEXT,
  ) {}

  /** The key for a request's variables; undefined when they are too long to remember by. */
  static variablesKey(variables: Record<string, unknown>): string | undefined {
    const json = JSON.stringify(variables);
    return json.length <= MAX_VARIABLES_JSON ? json : undefined;
  }

  /** The slots of `plan` with what they sent for these variables last time (JSON), for those remembered. */
  recall(plan: ExecNode, variablesKey: string): Array<Slot & { sent: string }> {
    const out: Array<Slot & { sent: string }> = [];
    if (this.capacity === 0) return out;
    for (const slot of singleEntitySlots(plan)) {
      this.slots.add(slot.node);
      const sent = this.sent.get(this.key(slot.node, variablesKey));
      if (sent !== undefined) out.push({ ...slot, sent });
    }
    return out;
  }

  /** Whether `node` is a single-entity fetch of a plan recalled before: the only ones remembered. */
  isSlot(node: object): node is SingleEntityFetch {
    return this.capacity > 0 && this.slots.has(node as SingleEntityFetch);
  }

  /** Notes what a fetch of a recalled plan sent (JSON), or forgets it (undefined: it sent nothing). */
  remember(node: SingleEntityFetch, variablesKey: string, sent: string | undefined): void {
    if (!this.isSlot(node)) return;
    const key = this.key(node, variablesKey);
    this.forget(key);
    if (sent === undefined || sent.length > MAX_REPRESENTATIONS_JSON) return;
    // Map order is insertion order: the first key is the one least recently sent.
    while (this.sent.size > 0 && (this.sent.size >= this.capacity || this.text + key.length + sent.length > this.maxText)) this.forget(this.sent.keys().next().value!);
    this.sent.set(key, sent);
    this.text += key.length + sent.length;
  }

  private forget(key: string): void {
    const old = this.sent.get(key);
    if (old === undefined) return;
    this.sent.delete(key);
    this.text -= key.length + old.length;
  }

  get size(): number {
    return this.sent.size;
  }

  /** Characters kept, keys and representations together. */
  get textSize(): number {
    return this.text;
  }

  private key(node: SingleEntityFetch, variablesKey: string): string {
    let id = this.ids.get(node);
    if (id === undefined) this.ids.set(node, (id = this.nextId++));
    return `${id}\u0000${variablesKey}`;
  }
}
