// Which fields of a type a query selects, so an entity can be fetched from its source with exactly the
// areas its fields need, in one call per plan step.
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

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
  forEachField(info, info.fieldNodes, typeName, (field) => names.add(field.name.value));
  return names;
}

/** Calls `onField` for each field the selection sets of `nodes` select on `typeName`, through fragments. */
function forEachField(info: GraphQLResolveInfo, nodes: readonly FieldNode[], typeName: string, onField: (field: FieldNode) => void): void {
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) onField(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (!sel.typeCondition || sel.typeCondition.name.value === typeName) visit(sel.selectionSet, seen);
      } else if (!seen.has(sel.name.value)) {
        const fragment = info.fragments[sel.name.value];
        seen.add(sel.name.value);
        if (fragment && fragment.typeCondition.name.value === typeName) visit(fragment.selectionSet, seen);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet, new Set());
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

/** Selected fields of `innerType` below the field `field` of `typeName` (e.g. Employment's `employee { ... }`). */
export function selectedFieldsBelow(info: GraphQLResolveInfo, typeName: string, field: string, innerType: string): ReadonlySet<string> {
  const below: FieldNode[] = [];
  forEachField(info, info.fieldNodes, typeName, (f) => {
    if (f.name.value === field) below.push(f);
  });
  const names = new Set<string>();
  forEachField(info, below, innerType, (f) => names.add(f.name.value));
  return names;
}
