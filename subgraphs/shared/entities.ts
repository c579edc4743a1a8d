// The `_entities` root field without @apollo/subgraph's per-entity promise. Its resolver passes every
// reference through an async function that awaits even a plain object and then marks it with
// Object.defineProperty('__typename'), which changes the object's hidden class: on a plan step of a
// thousand employments that is a thousand promises, awaits and reshaped objects before any field of
// ours runs (docs/benchmarks.md, "Reads that start with the step, a leaner `_entities`, ..."). This answers a reference that resolved to a
// plain object with that object, and awaits only references that resolved to a promise. Anything else
// (an interface entity, an unknown type) goes to @apollo/subgraph's resolver unchanged.
import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { isPromise, keyFields } from './auth/guard.js';

type Reference = Record<string, unknown> & { __typename?: unknown };
type ResolveReference = (reference: Reference, context: unknown, info: unknown) => unknown;

/** `value` marked as `typename` for the `_Entity` union, as @apollo/subgraph marks it, without reshaping a fresh object twice. */
function typed(value: unknown, typename: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  const object = value as Reference;
  if (object.__typename === typename) return object;
  // Another __typename (a reference resolver that returned its input under another type): a copy, as @apollo/subgraph does.
  if ('__typename' in object) return { ...object, __typename: typename };
  object.__typename = typename;
  return object;
}

/** Replaces `Query._entities`'s resolver, in place, for the object entity types of `schema`. */
export function leanEntities(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  if (!field?.resolve) return schema;
  const original = field.resolve as GraphQLFieldResolver<unknown, unknown>;
  const references = new Map<string, ResolveReference | null>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const apollo = (type.extensions as { apollo?: { subgraph?: { resolveReference?: ResolveReference } } }).apollo;
    if (keyFields(type).length > 0) references.set(type.name, apollo?.subgraph?.resolveReference ?? null);
  }
  field.resolve = (source, args, context, info) => {
    const representations = (args as { representations: Reference[] }).representations;
    for (const r of representations) if (typeof r.__typename !== 'string' || !references.has(r.__typename)) return original(source, args, context, info);
    const answers = new Array<unknown>(representations.length);
    for (let i = 0; i < representations.length; i++) {
      const reference = representations[i];
      const typename = reference.__typename as string;
      const resolve = references.get(typename);
      const resolved = resolve ? resolve(reference, context, info) : reference;
      answers[i] = isPromise(resolved) ? resolved.then((v) => typed(v, typename)) : typed(resolved, typename);
    }
    return answers;
  };
  return schema;
}
