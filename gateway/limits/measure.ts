// What an operation asks for, measured before anything is fetched: nesting depth, aliases, root
// fields, the largest page it requests and an estimated cost, where a list field multiplies the cost
// of what it selects by the page size it asks for (`first`) or by a default list size.
import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export interface Measurement {
  depth: number;
  aliases: number;
  rootFields: number;
  cost: number;
  /** The largest `first`/`last` asked for anywhere. */
  largestPage: number;
  introspection: boolean;
}

export interface MeasureOptions {
  /** Assumed size of a list without `first`. */
  defaultListSize: number;
}

// Page sizes are plain `Int` arguments on the field (no list- or input-object-nested ones in the schema).
const PAGE_ARGUMENTS = new Set(['first', 'last']);

function intValue(node: ValueNode, variables: Record<string, unknown>): number | undefined {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const v = variables[node.name.value];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}

export function measure(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  /** The operation's coerced variable values, declared defaults applied (variables.ts). */
  variables: Record<string, unknown>,
  options: MeasureOptions,
): Measurement {
  const m: Measurement = { depth: 0, aliases: 0, rootFields: 0, cost: 0, largestPage: 0, introspection: false };
  const root = schema.getRootType(operation.operation);

  /** Cost of a selection set on `type`; `paged` when the parent field already took a page size. */
  const walk = (set: SelectionSetNode, type: GraphQLNamedType | null | undefined, depth: number, paged: boolean, seen: ReadonlySet<string>): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[sel.name.value];
        if (!fragment || seen.has(sel.name.value)) continue;
        cost += walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), depth, paged, new Set([...seen, sel.name.value]));
        continue;
      }
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        cost += walk(sel.selectionSet, sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type, depth, paged, seen);
        continue;
      }
      const name = sel.name.value;
      if (sel.alias) m.aliases++;
      if (depth === 1) m.rootFields++;
      if (name === '__typename') continue;
      if (name === '__schema' || name === '__type') {
        // Introspection is allowed or refused as a whole, by client kind; its depth is not the caller's doing.
        m.introspection = true;
        continue;
      }
      m.depth = Math.max(m.depth, depth);
      const field = isObjectType(type) || isInterfaceType(type) ? (type.getFields()[name] as GraphQLField<unknown, unknown> | undefined) : undefined;
      let page: number | undefined;
      for (const arg of sel.arguments ?? []) {
        if (!PAGE_ARGUMENTS.has(arg.name.value)) continue;
        const value = intValue(arg.value, variables);
        if (value !== undefined) page = Math.max(page ?? 0, value);
      }
      if (page !== undefined) m.largestPage = Math.max(m.largestPage, page);
      const isList = field ? isListType(getNullableType(field.type)) : false;
      // A connection's `nodes` list is the page its parent asked for, not another multiplication.
      const multiplier = page ?? (isList && !paged ? options.defaultListSize : 1);
      const children = sel.selectionSet ? walk(sel.selectionSet, field ? getNamedType(field.type) : undefined, depth + 1, page !== undefined, seen) : 0;
      cost += 1 + multiplier * children;
    }
    return cost;
  };

  m.cost = walk(operation.selectionSet, root, 1, false, new Set());
  return m;
}
