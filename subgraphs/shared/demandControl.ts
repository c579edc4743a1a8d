// The cost model in the SDL: demand-control directives (IBM's cost spec, linked by Federation 2.9 as
// https://specs.apollo.dev/cost/v0.1). Composition copies them into the supergraph, so any router
// reading it (ours, Apollo Router, Hive Gateway) estimates an operation's cost from the same numbers.
import { Directive } from 'type-graphql';
import { DEFAULT_PAGE_SIZE } from '../../platform/pageSize.js';

/** What a router assumes for a list's length when it has nothing better. */
export const DEFAULT_LIST_SIZE = 20;

/** The weight of a mutation that sends an update to a source: ten reads' worth, on top of the operation's own. */
export const SOURCE_UPDATE_COST = 10;

export interface ListSizeOptions {
  /** The length to assume (without a slicing argument in the operation). */
  assumedSize?: number;
  /** Arguments whose value is the length (`first`). */
  slicingArguments?: string[];
  /** Child fields that are the list sized by the slicing argument (a connection's `nodes`). */
  sizedFields?: string[];
  /** The spec's default (true) refuses an operation that gives no slicing argument. */
  requireOneSlicingArgument?: boolean;
}

/** `@listSize(...)` on a field: how many items it returns. */
export function ListSize(options: ListSizeOptions): MethodDecorator & PropertyDecorator {
  const args = Object.entries(options)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}: ${JSON.stringify(value)}`);
  return Directive(`@listSize(${args.join(', ')})`);
}

/**
 * A cursor-paginated connection: its `nodes` are as many as `first` asks for, or the resolver's
 * default page when `first` is left out.
 */
export function Paginated(defaultPage = DEFAULT_PAGE_SIZE): MethodDecorator & PropertyDecorator {
  return ListSize({ assumedSize: defaultPage, slicingArguments: ['first'], sizedFields: ['nodes'], requireOneSlicingArgument: false });
}

/** `@cost(weight: n)`: the field costs n instead of 1 (an object) or 0 (a scalar). */
export function Cost(weight: number): MethodDecorator & PropertyDecorator {
  return Directive(`@cost(weight: ${weight})`);
}
