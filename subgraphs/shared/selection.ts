// Which fields of a type a query selects, so an entity can be fetched from its source with exactly the
// areas its fields need, in one call per plan step.
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

// A plan step hands a subgraph up to thousands of representations, or list items, with one selection:
// walk it once per field node list and type. The sets are shared: callers only read them.
const memo = new WeakMap<GraphQLResolveInfo['fieldNodes'], Map<string, ReadonlySet<string>>>();

export function selectedFields(info: GraphQLResolveInfo, typeName: string): ReadonlySet<string> {
  let byType = memo.get(info.fieldNodes);
  if (!byType) memo.set(info.fieldNodes, (byType = new Map()));
  let names = byType.get(typeName);
  if (!names) byType.set(typeName, (names = walkSelection(info, typeName)));
  return names;
}

function walkSelection(info: GraphQLResolveInfo, typeName: string): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) names.add(sel.name.value);
      else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (!sel.typeCondition || sel.typeCondition.name.value === typeName) visit(sel.selectionSet, seen);
      } else if (!seen.has(sel.name.value)) {
        const fragment = info.fragments[sel.name.value];
        seen.add(sel.name.value);
        if (fragment && fragment.typeCondition.name.value === typeName) visit(fragment.selectionSet, seen);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, new Set());
  return names;
}

/** Selected fields of a connection's `nodes`/`edges.node`, for list fields that return connections. */
export function selectedNodeFields(info: GraphQLResolveInfo, typeName: string): Set<string> {
  const names = new Set<string>();
  for (const node of info.fieldNodes) {
    for (const sel of node.selectionSet?.selections ?? []) {
      if (sel.kind !== Kind.FIELD) continue;
      if (sel.name.value === 'nodes') collect(sel.selectionSet);
      if (sel.name.value === 'edges') {
        for (const edgeSel of sel.selectionSet?.selections ?? []) {
          if (edgeSel.kind === Kind.FIELD && edgeSel.name.value === 'node') collect(edgeSel.selectionSet);
        }
      }
    }
  }
  return names;

  function collect(set: SelectionSetNode | undefined) {
    for (const name of selectedFields({ ...info, fieldNodes: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '' }, selectionSet: set }] } as unknown as GraphQLResolveInfo, typeName)) {
      names.add(name);
    }
  }
}
