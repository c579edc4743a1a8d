// Entity fetches sent together with the root fetch they wait for. In the plan of
//   query { employment(employmentNumber: $n) { employee { name } absences { type } } }
// the absence fetch follows the employee fetch, which only answers the employment's key, though the
// representation the absence fetch will send, { __typename: "Employment", employmentNumber: $n }, is
// known from the operation's arguments before either is sent. Each such fetch is sent at once, beside
// the root fetch, and its answer is used only when the representation the plan makes from the root
// fetch's answer is exactly the one predicted; otherwise (the root field answered null, another key,
// or failed) the answer is dropped and the fetch is sent as the plan says. The client's response is
// the plan's either way: one source round trip shorter when the prediction holds.
//
// Only for queries (an entity fetch after a mutation must see what the mutation did), only for a
// root field returning a single object whose entity key fields are all arguments of that field, and
// only for the entity fetches directly after the root fetch (at the root field's own path). Fetches
// whose keys only an earlier fetch answers are sent early from memory instead (rememberedFetches.ts).
import {
  getNullableType,
  isObjectType,
  Kind,
  OperationTypeNode,
  valueFromAST,
  type FieldNode,
  type GraphQLSchema,
} from 'graphql';
import type { FetchNode, QueryPlanSelectionNode } from '@apollo/query-planner';
import { operationOf, type ExecNode } from './mergedFetches.js';
import { recordEarlyFetch } from '../../platform/metrics.js';

type Json = Record<string, unknown>;

/** An entity fetch of a Sequence whose representation the operation's arguments give. */
interface Candidate {
  fetch: FetchNode;
  /** The root field's response key: the Flatten's path. */
  path: string;
  /** The representation, from the operation's coerced variables; undefined when a value is missing. */
  predict(coerced: Json): Json | undefined;
}

const plans = new WeakMap<object, Candidate[]>();

/** The entity fetches of `sequence` that can start with its root fetch (none for most plans); found once per plan. */
export function candidatesOf(schema: GraphQLSchema, sequence: { kind: 'Sequence' | 'Parallel'; nodes: ExecNode[] }): Candidate[] {
  let found = plans.get(sequence);
  if (!found) plans.set(sequence, (found = findCandidates(schema, sequence)));
  return found;
}

function findCandidates(schema: GraphQLSchema, sequence: { kind: 'Sequence' | 'Parallel'; nodes: ExecNode[] }): Candidate[] {
  const [first, ...rest] = sequence.nodes;
  if (first?.kind !== 'Fetch' || first.requires || first.operationKind !== OperationTypeNode.QUERY) return [];
  const root = operationOf(first);
  const queryType = schema.getQueryType();
  if (!root || !queryType) return [];
  const out: Candidate[] = [];
  // The nodes right after the root fetch, or side by side in the Parallel step right after it.
  const next = rest[0]?.kind === 'Parallel' ? rest[0].nodes : rest.slice(0, 1);
  for (const node of next) {
    if (node.kind !== 'Flatten' || node.path.length !== 1 || node.node.kind !== 'Fetch') continue;
    const fetch = node.node;
    const path = String(node.path[0]);
    const field = root.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && (s.alias?.value ?? s.name.value) === path);
    const definition = field && queryType.getFields()[field.name.value];
    const returned = definition && getNullableType(definition.type);
    if (!field || !definition || !isObjectType(returned) || !fetch.requires || fetch.inputRewrites?.length) continue;
    const predict = predictor(fetch.requires, returned.name, field, definition.args);
    if (predict) out.push({ fetch, path, predict });
  }
  return out;
}

/**
 * How to make the representation `requires` selects from the root field's arguments: only when it
 * selects `... on <the field's type> { __typename <fields> }` and each of those fields is a leaf the
 * root field takes as an argument of the same name.
 */
function predictor(
  requires: readonly QueryPlanSelectionNode[],
  typename: string,
  field: FieldNode,
  args: ReadonlyArray<{ name: string; type: Parameters<typeof valueFromAST>[1] }>,
): Candidate['predict'] | undefined {
  const [fragment] = requires;
  if (requires.length !== 1 || fragment.kind !== 'InlineFragment' || fragment.typeCondition !== typename) return undefined;
  // One reader per selected field, in the order `requires` selects them, as the plan's own representation has them.
  const readers: Array<[name: string, read: (coerced: Json) => unknown]> = [];
  for (const s of fragment.selections) {
    if (s.kind !== 'Field' || s.alias || s.selections) return undefined;
    if (s.name === '__typename') {
      readers.push([s.name, () => typename]);
      continue;
    }
    const argument = field.arguments?.find((a) => a.name.value === s.name);
    const definition = args.find((a) => a.name === s.name);
    if (!argument || !definition) return undefined;
    const { value } = argument;
    readers.push([s.name, value.kind === Kind.VARIABLE ? (coerced) => coerced[value.name.value] : () => valueFromAST(value, definition.type)]);
  }
  if (readers.length < 2) return undefined;
  return (coerced) => {
    const representation: Json = {};
    for (const [name, read] of readers) {
      const value = read(coerced);
      // Keys are scalars: anything else could never equal what the plan makes, and is not sent.
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
      representation[name] = value;
    }
    return representation;
  };
}

/** Two representations with the same fields and the same scalar values. */
function sameRepresentation(a: Json, b: Json): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/** A fetch on its way: its answer, and how to hand what sending it noted to the request. */
export interface Sent<TAnswer> {
  answer: Promise<TAnswer>;
  /** Called once its answer is used: what the fetch noted (a failure, stale data) becomes the request's. */
  adopt(): void;
}

type Reason = Parameters<typeof recordEarlyFetch>[0];

interface Started<TAnswer> extends Sent<TAnswer> {
  reason: Reason;
  /** Whether what the plan would send (a Fetch's representations, a merged fetch's per member) is what this one sent. */
  matches(actual: unknown): boolean;
}

/**
 * The fetches of one request that went out before the plan reached them, waiting for it: those the
 * operation's arguments predict (here) and those remembered from an earlier request (rememberedFetches.ts).
 */
export class EarlyFetches<TAnswer> {
  private readonly started = new Map<object, Started<TAnswer>>();

  /** Sends every candidate whose representation the variables give; `send` makes the fetch, or declines it. */
  startPredicted(candidates: Candidate[], coerced: Json, send: (fetch: FetchNode, path: string, representation: Json) => Sent<TAnswer> | undefined): void {
    for (const c of candidates) {
      // Never sent twice (rememberedFetches.ts leaves these to the arguments).
      if (this.started.has(c.fetch)) continue;
      const representation = c.predict(coerced);
      const sent = representation && send(c.fetch, c.path, representation);
      if (!representation || !sent) continue;
      this.add(c.fetch, sent, 'predicted', (actual) => Array.isArray(actual) && actual.length === 1 && sameRepresentation(actual[0] as Json, representation));
    }
  }

  /** A fetch sent early some other way, used when `matches` says the plan would send the same. */
  add(node: object, sent: Sent<TAnswer>, reason: Reason, matches: (actual: unknown) => boolean): void {
    // An answer the plan never takes must not surface as an unhandled rejection.
    sent.answer.catch(() => {});
    this.started.set(node, { ...sent, reason, matches });
  }

  /** Once the plan has run: the fetches sent early that it never reached, counted as dropped. */
  untaken(): object[] {
    for (const s of this.started.values()) recordEarlyFetch(s.reason, 'dropped');
    return [...this.started.keys()];
  }

  /**
   * The early answer for `node` when what the plan would send now (`actual`) is exactly what went out;
   * undefined otherwise, and the plan sends the fetch itself. Taken at most once.
   */
  take(node: object, actual: unknown): Promise<TAnswer> | undefined {
    const started = this.started.get(node);
    if (!started) return undefined;
    this.started.delete(node);
    const used = started.matches(actual);
    recordEarlyFetch(started.reason, used ? 'used' : 'dropped');
    if (!used) return undefined;
    return started.answer.finally(() => started.adopt());
  }
}
