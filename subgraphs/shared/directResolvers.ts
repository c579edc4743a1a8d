// type-graphql wraps every resolver for features this project does not use (middlewares, its auth
// checker, argument validation, input class instances): each call sorts the parameter list, looks the
// resolver class up in its container and validates every argument in an async function, so a field
// with arguments always answers through Promise.all, even when the method itself is synchronous; and
// every plain field gets a resolver that only reads the property. On a plan step of a thousand
// employments that is a thousand of each per field (docs/benchmarks.md, "Resolvers called directly").
//
// Where a resolver uses none of those features, this calls the method directly with the same
// arguments, and leaves plain fields to graphql-js's default resolver. Anything else keeps
// type-graphql's own resolver.
import { GraphQLObjectType, type GraphQLSchema } from 'graphql';

interface Param {
  kind: string;
  index: number;
  propertyName?: string;
  name?: string;
  getType?: () => unknown;
}

interface HandlerMetadata {
  target: Function;
  methodName: string;
  schemaName: string;
  params?: Param[];
  middlewares?: unknown[];
  roles?: unknown[];
  kind?: 'internal' | 'external';
  getObjectType?: () => Function;
}

interface FieldMetadata {
  target: Function;
  name: string;
  schemaName: string;
  middlewares?: unknown[];
  roles?: unknown[];
}

interface Storage {
  queries: HandlerMetadata[];
  mutations: HandlerMetadata[];
  fieldResolvers: HandlerMetadata[];
  objectTypes: Array<{ target: Function; name: string; fields?: FieldMetadata[] }>;
  inputTypes: Array<{ target: Function }>;
  argumentTypes: Array<{ target: Function }>;
}

type Resolve = (root: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;
type ResolversMap = Record<string, Record<string, unknown>>;

function storage(): Storage {
  const s = (globalThis as { TypeGraphQLMetadataStorage?: Storage }).TypeGraphQLMetadataStorage;
  if (!s) throw new Error('type-graphql has no metadata: build the schema first');
  return s;
}

/** Values that type-graphql passes through unchanged: scalars and enums, and lists of them. */
function isPlainValueType(type: unknown, s: Storage): boolean {
  const t = Array.isArray(type) ? type[0] : type;
  return !s.inputTypes.some((i) => i.target === t) && !s.argumentTypes.some((a) => a.target === t);
}

/** Root parameters typed as an object type are converted to instances of its class; those keep type-graphql's. */
function isPlainRoot(p: Param, s: Storage): boolean {
  if (!p.getType) return true;
  const t = p.getType();
  return !s.objectTypes.some((o) => o.target === t);
}

function direct(handler: HandlerMetadata, instances: Map<Function, object>, s: Storage): Resolve | undefined {
  if (handler.middlewares?.length || handler.roles) return undefined;
  const params = [...(handler.params ?? [])].sort((a, b) => a.index - b.index);
  const readers: Array<(root: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown> = [];
  for (const p of params) {
    if (p.kind === 'arg' && p.name !== undefined && isPlainValueType(p.getType?.(), s)) {
      const name = p.name;
      readers.push((_r, args) => args[name]);
    } else if (p.kind === 'context') {
      const property = p.propertyName;
      readers.push(property ? (_r, _a, ctx) => (ctx as Record<string, unknown>)[property] : (_r, _a, ctx) => ctx);
    } else if (p.kind === 'root' && isPlainRoot(p, s)) {
      const property = p.propertyName;
      readers.push(property ? (root) => (root as Record<string, unknown>)[property] : (root) => root);
    } else if (p.kind === 'info') {
      readers.push((_r, _a, _c, info) => info);
    } else {
      return undefined;
    }
  }
  let instance = instances.get(handler.target);
  if (!instance) instances.set(handler.target, (instance = new (handler.target as new () => object)()));
  const method = (instance as Record<string, (...values: unknown[]) => unknown>)[handler.methodName];
  if (typeof method !== 'function') return undefined;
  const bound = method.bind(instance);
  switch (readers.length) {
    case 0:
      return () => bound();
    case 1: {
      const [a] = readers;
      return (root, args, ctx, info) => bound(a(root, args, ctx, info));
    }
    case 2: {
      const [a, b] = readers;
      return (root, args, ctx, info) => bound(a(root, args, ctx, info), b(root, args, ctx, info));
    }
    default:
      return (root, args, ctx, info) => bound(...readers.map((r) => r(root, args, ctx, info)));
  }
}

/**
 * Rewrites, in place, the resolvers map type-graphql made for `schema` from `resolverClasses`: direct
 * calls for queries, mutations and field resolvers that need none of type-graphql's wrapping, and no
 * resolver at all for plain fields read as the property of the same name. Returns how many of each.
 */
export function directResolvers(schema: GraphQLSchema, resolverClasses: readonly Function[], resolvers: ResolversMap): { direct: number; plain: number; kept: number } {
  const s = storage();
  const ours = new Set(resolverClasses);
  const instances = new Map<Function, object>();
  const counts = { direct: 0, plain: 0, kept: 0 };
  const typeName = (target: Function | undefined) => s.objectTypes.find((o) => o.target === target)?.name;

  const replace = (type: string | undefined, field: string, handler: HandlerMetadata) => {
    if (!type || !resolvers[type] || typeof resolvers[type][field] !== 'function') return;
    const resolve = direct(handler, instances, s);
    if (resolve) {
      resolvers[type][field] = resolve;
      counts.direct++;
    } else counts.kept++;
  };
  const queryType = schema.getQueryType()?.name;
  const mutationType = schema.getMutationType()?.name;
  for (const q of s.queries) if (ours.has(q.target)) replace(queryType, q.schemaName, q);
  for (const m of s.mutations) if (ours.has(m.target)) replace(mutationType, m.schemaName, m);
  for (const f of s.fieldResolvers) {
    if (f.kind === 'internal' || !ours.has(f.target)) continue;
    replace(typeName(f.getObjectType?.()), f.schemaName, f);
  }

  // Plain fields: the default resolver reads root[schemaName], which is what type-graphql's does when
  // the property has the same name and nothing wraps it.
  const resolved = new Set(s.fieldResolvers.filter((f) => f.kind === 'internal' || ours.has(f.target)).map((f) => `${typeName(f.getObjectType?.())}.${f.schemaName}`));
  for (const o of s.objectTypes) {
    const type = schema.getType(o.name);
    if (!(type instanceof GraphQLObjectType) || !resolvers[o.name]) continue;
    for (const f of o.fields ?? []) {
      if (resolved.has(`${o.name}.${f.schemaName}`) || f.name !== f.schemaName || f.middlewares?.length || f.roles) continue;
      if (typeof resolvers[o.name][f.schemaName] !== 'function') continue;
      delete resolvers[o.name][f.schemaName];
      counts.plain++;
    }
  }
  return counts;
}
