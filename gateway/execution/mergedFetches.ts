// @apollo/query-planner sometimes plans two entity fetches to the same subgraph side by side: for the
// employee card, the employment's unit and the person's manager both come from organisation, in one
// Parallel step. Sent as they are, that is two HTTP requests to one subgraph, each with its own token
// check, context and source reads. They go out as one operation instead, each fetch's `_entities`
// under its own alias and with its own representations (Hive Gateway's planners send one fetch here
// too: docs/benchmarks.md). The subgraph then resolves both in one request, its loaders batching
// across them.
import { Kind, parse, print, stripIgnoredCharacters, visit, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type VariableDefinitionNode } from 'graphql';
import type { FetchNode, PlanNode, ResponsePath } from '@apollo/query-planner';

export interface MergedMember {
  /** Where the fetch's entities are, below the Parallel step (a Flatten's path; [] for none). */
  path: ResponsePath;
  fetch: FetchNode;
}

export interface MergedFetchNode {
  kind: 'MergedFetch';
  serviceName: string;
  members: MergedMember[];
  operation: string;
  operationName: string | undefined;
  document: DocumentNode;
  /** Variables of the client's operation the merged operation uses. */
  variableUsages: string[];
}

/** A plan as the gateway runs it: @apollo/query-planner's nodes, and merged fetches inside Parallel steps. */
export type ExecNode =
  | Exclude<PlanNode, { kind: 'Sequence' | 'Parallel' | 'Flatten' | 'Condition' }>
  | { kind: 'Sequence' | 'Parallel'; nodes: ExecNode[] }
  | { kind: 'Flatten'; path: ResponsePath; node: ExecNode }
  | { kind: 'Condition'; condition: string; ifClause?: ExecNode; elseClause?: ExecNode }
  | MergedFetchNode;

export const memberAlias = (i: number) => `_entities${i}`;
const REPRESENTATIONS = 'representations';
export const memberVariable = (i: number) => `${REPRESENTATIONS}${i}`;

/** `node` with every Parallel step's entity fetches to one subgraph merged into one fetch. */
export function withMergedFetches(node: PlanNode): ExecNode {
  switch (node.kind) {
    case 'Sequence':
      return { kind: 'Sequence', nodes: node.nodes.map(withMergedFetches) };
    case 'Flatten':
      return { kind: 'Flatten', path: node.path, node: withMergedFetches(node.node) };
    case 'Condition':
      return {
        kind: 'Condition',
        condition: node.condition,
        ...(node.ifClause ? { ifClause: withMergedFetches(node.ifClause) } : {}),
        ...(node.elseClause ? { elseClause: withMergedFetches(node.elseClause) } : {}),
      };
    case 'Parallel':
      return { kind: 'Parallel', nodes: mergeParallel(node.nodes) };
    default:
      return node;
  }
}

/** An entity fetch, alone or under one Flatten, that can share a request with others. */
function memberOf(node: PlanNode): MergedMember | undefined {
  const [path, fetch] = node.kind === 'Flatten' ? [node.path, node.node] : [[], node];
  if (fetch.kind !== 'Fetch' || !fetch.requires || fetch.operationKind !== 'query' || fetch.hasDefers) return undefined;
  // The members' representations are renamed representations0, 1, ...: no client variable may be called so.
  if (fetch.variableUsages?.some((v) => v.startsWith(REPRESENTATIONS))) return undefined;
  return entitiesField(fetch) ? { path, fetch } : undefined;
}

function mergeParallel(nodes: PlanNode[]): ExecNode[] {
  const groups = new Map<string, Array<{ index: number; member: MergedMember }>>();
  nodes.forEach((node, index) => {
    const member = memberOf(node);
    if (!member) return;
    const group = groups.get(member.fetch.serviceName) ?? [];
    group.push({ index, member });
    groups.set(member.fetch.serviceName, group);
  });
  const out: ExecNode[] = [];
  const merged = new Set<number>();
  for (const [serviceName, group] of groups) {
    if (group.length < 2) continue;
    for (const { index } of group) merged.add(index);
    out.push(mergedFetch(serviceName, group.map((g) => g.member)));
  }
  nodes.forEach((node, index) => {
    if (!merged.has(index)) out.push(withMergedFetches(node));
  });
  return out;
}

function documentOf(fetch: FetchNode): DocumentNode {
  return fetch.operationDocumentNode ?? parse(fetch.operation);
}

/** The fetch's operation, when its document holds exactly one. */
export function operationOf(fetch: FetchNode): OperationDefinitionNode | undefined {
  const operations = documentOf(fetch).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operations.length === 1 ? operations[0] : undefined;
}

/** The operation's only field, when it is `_entities(representations: $representations)`. */
function entitiesField(fetch: FetchNode): FieldNode | undefined {
  const operation = operationOf(fetch);
  if (!operation) return undefined;
  const [field, ...rest] = operation.selectionSet.selections;
  if (rest.length > 0 || field?.kind !== Kind.FIELD || field.name.value !== '_entities' || field.alias) return undefined;
  const arg = field.arguments?.[0];
  return field.arguments?.length === 1 && arg?.value.kind === Kind.VARIABLE && arg.value.name.value === REPRESENTATIONS ? field : undefined;
}

function mergedFetch(serviceName: string, members: MergedMember[]): MergedFetchNode {
  const selections: FieldNode[] = [];
  const variables = new Map<string, VariableDefinitionNode>();
  const fragments: FragmentDefinitionNode[] = [];
  members.forEach((member, i) => {
    // Each member's representations and fragments get names of their own.
    const renamed = visit(documentOf(member.fetch), {
      Variable: (node) => (node.name.value === REPRESENTATIONS ? { ...node, name: { ...node.name, value: memberVariable(i) } } : undefined),
      FragmentSpread: (node) => ({ ...node, name: { ...node.name, value: `m${i}_${node.name.value}` } }),
      FragmentDefinition: (node) => ({ ...node, name: { ...node.name, value: `m${i}_${node.name.value}` } }),
    });
    for (const d of renamed.definitions) {
      if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.push(d);
      if (d.kind !== Kind.OPERATION_DEFINITION) continue;
      for (const v of d.variableDefinitions ?? []) if (!variables.has(v.variable.name.value)) variables.set(v.variable.name.value, v);
      const field = d.selectionSet.selections[0] as FieldNode;
      selections.push({ ...field, alias: { kind: Kind.NAME, value: memberAlias(i) } });
    }
  });
  const operationName = members[0].fetch.operationName;
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: 'query' as OperationDefinitionNode['operation'],
        ...(operationName ? { name: { kind: Kind.NAME, value: operationName } } : {}),
        variableDefinitions: [...variables.values()],
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      },
      ...fragments,
    ],
  };
  const usages = new Set(members.flatMap((m) => m.fetch.variableUsages ?? []));
  return { kind: 'MergedFetch', serviceName, members, operation: stripIgnoredCharacters(print(document)), operationName, document, variableUsages: [...usages] };
}
