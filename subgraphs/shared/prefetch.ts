// Source reads of a plan step started as soon as its references are known, before any resolver runs.
//
// On an `_entities` step the per-entity resolvers reach the per-request loader one entity at a time,
// so the batched source call left a subgraph only when the last of a thousand entities had got that
// far: 3 to 5 ms after execution began at N = 929 (docs/benchmarks.md, "Reads that start with the
// step"). A subgraph may declare, for a field of an entity type, how to start its reads for all of a
// step's references at once (EmploymentReads.prefetch: one read for the step); the resolvers' loads
// then wait for that read instead of making their own.
//
// Started only where that changes nothing but the time:
// - every field the step selects on the type has a prefetch (else its own loads would come later and
//   cost a second source call instead of sharing the first);
// - the caller may read each of them (the guard's policy, auth/guard.ts): nothing forbidden is read;
// - the variables coerce as execution will coerce them, and a prefetch that throws on its arguments
//   starts nothing: the resolver reports the error;
// - the selection holds plain fields only (no fragment spreads or directives).
import {
  getArgumentValues,
  getVariableValues,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import { hasAllScopes } from '../../platform/auth/principal.js';
import { pushTo } from '../../platform/collections.js';
import { keyFields, policyOf } from './auth/guard.js';
import type { SubgraphContext } from './context.js';

export type Reference = Record<string, unknown>;

/** Starts the loads the field's resolver will make for each of `references`, with its arguments as coerced. */
export type FieldPrefetch = (ctx: SubgraphContext, references: readonly Reference[], args: Record<string, unknown>, field: FieldNode) => void;

/** By type, then field name. */
export type Prefetches = Record<string, Record<string, FieldPrefetch>>;

interface Planned {
  typename: string;
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
  prefetch: FieldPrefetch;
  scopes: readonly string[];
}

const declared = new WeakMap<GraphQLSchema, Prefetches>();

/** Records `prefetches` for `schema` (federation.ts, from the subgraph's definition). */
export function declarePrefetches(schema: GraphQLSchema, prefetches: Prefetches | undefined): void {
  if (prefetches) declared.set(schema, prefetches);
}

/** The step's prefetches, or null when one selected field of a type has none (that type is then left alone). */
function plan(schema: GraphQLSchema, prefetches: Prefetches, operation: OperationDefinitionNode): { variable: string; planned: Planned[]; definitions: VariableDefinitionNode[] } | null {
  const entities = operation.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === '_entities');
  const argument = entities?.arguments?.find((a) => a.name.value === 'representations');
  if (!entities?.selectionSet || argument?.value.kind !== Kind.VARIABLE) return null;
  const planned: Planned[] = [];
  for (const selection of entities.selectionSet.selections) {
    if (selection.kind !== Kind.INLINE_FRAGMENT || !selection.typeCondition) continue;
    const typename = selection.typeCondition.name.value;
    const type = schema.getType(typename);
    const forType = prefetches[typename];
    if (!forType || !isObjectType(type)) continue;
    const fields = typeFields(type, forType, selection.selectionSet, typename, schema);
    if (fields) planned.push(...fields);
  }
  if (!planned.length) return null;
  // The variables the prefetched fields' arguments use, to be coerced as execution will coerce them.
  const used = new Set<string>();
  for (const p of planned) for (const a of p.node.arguments ?? []) if (a.value.kind === Kind.VARIABLE) used.add(a.value.name.value);
  const definitions = (operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value));
  return { variable: argument.value.name.value, planned, definitions };
}

function typeFields(type: GraphQLObjectType, forType: Record<string, FieldPrefetch>, selectionSet: SelectionSetNode, typename: string, schema: GraphQLSchema): Planned[] | null {
  const fields: Planned[] = [];
  const keys = new Set(keyFields(type).flat());
  for (const s of selectionSet.selections) {
    // A fragment spread or directive would need more than this reads: leave the step as it is.
    if (s.kind !== Kind.FIELD || s.directives?.length) return null;
    const name = s.name.value;
    if (name === '__typename' || keys.has(name)) continue;
    const field = type.getFields()[name];
    const prefetch = forType[name];
    if (!field || !prefetch) return null;
    const policy = policyOf(type, field, schema);
    fields.push({ typename, field, node: s, prefetch, scopes: policy?.kind === 'scopes' ? policy.scopes : [] });
  }
  return fields;
}

/**
 * The hook compiledExecution.ts calls before running an operation: for an `_entities` step whose
 * selection is all declared, starts the reads; true when it started any. Plans are kept per parsed document.
 */
export type Prefetcher = (document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>, ctx: SubgraphContext) => boolean;

export function entityPrefetcher(schema: GraphQLSchema): Prefetcher | undefined {
  const prefetches = declared.get(schema);
  if (!prefetches) return undefined;
  const plans = new WeakMap<DocumentNode, Map<string, ReturnType<typeof plan>>>();
  return (document, operationName, variables, ctx) => {
    let perName = plans.get(document);
    if (!perName) plans.set(document, (perName = new Map()));
    const name = operationName ?? '';
    let planned = perName.get(name);
    if (planned === undefined) {
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
      planned = operation?.operation === 'query' ? plan(schema, prefetches, operation) : null;
      perName.set(name, planned);
    }
    if (!planned || !ctx.principal) return false;
    const representations = variables[planned.variable];
    if (!Array.isArray(representations)) return false;
    const byType = new Map<string, Reference[]>();
    for (const r of representations as Reference[]) {
      const typename = r?.__typename;
      if (typeof typename === 'string') pushTo(byType, typename, r);
    }
    // Variables that do not coerce are the client's error, answered by execution: nothing is read.
    const coerced = getVariableValues(schema, planned.definitions, variables);
    if (coerced.errors) return false;
    let started = false;
    for (const p of planned.planned) {
      const references = byType.get(p.typename);
      if (!references || !hasAllScopes(ctx.principal, p.scopes)) continue;
      try {
        p.prefetch(ctx, references, getArgumentValues(p.field, p.node, coerced.coerced), p.node);
        started = true;
      } catch {
        // Arguments the field refuses: its resolver meets them again and answers the error.
      }
    }
    return started;
  };
}

/** The names of a field's sub-selection when it is plain fields only; null when it holds fragments (then a prefetch cannot tell what its resolver will select). */
export function plainFieldNames(field: FieldNode): Set<string> | null {
  const names = new Set<string>();
  for (const s of field.selectionSet?.selections ?? []) {
    if (s.kind !== Kind.FIELD) return null;
    names.add(s.name.value);
  }
  return names;
}
