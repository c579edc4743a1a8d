// Runs one query plan (made by @apollo/query-planner from the supergraph) against the subgraphs:
// fetches in sequence and side by side as the plan says, an entity fetch's representations taken
// from what earlier fetches answered, and every answer merged into one tree for the response shape
// (responseShape.ts). A fetch that fails leaves its fields missing and its error in the response,
// with the subgraph's errors' paths moved to where they are in the client's response.
import { GraphQLError, isAbstractType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import type { FetchDataRewrite, FetchNode, PlanNode, QueryPlanSelectionNode, ResponsePath } from '@apollo/query-planner';
import type { GraphQLDataSource } from '@apollo/gateway';
import { inSpan } from '../../platform/tracing.js';

type Json = Record<string, unknown>;

export interface PlanRun<TContext> {
  services: Readonly<Record<string, GraphQLDataSource<TContext & Record<string, any>>>>;
  /** The supergraph as graphql-js sees it: what an entity's __typename can stand for. */
  supergraph: GraphQLSchema;
  variables: Json;
  context: TContext;
  /** Passed to the data sources as @apollo/gateway passes it. */
  incomingRequestContext: unknown;
  errors: GraphQLError[];
}

interface Cursor {
  path: ResponsePath;
  data: unknown;
  /** The whole merged result, for an error's path. */
  full: Json;
}

/** Every fetch of `node`, its answers merged into `data`; failed fetches are noted in `run.errors`. */
export async function executePlan<TContext>(run: PlanRun<TContext>, node: PlanNode, data: Json): Promise<void> {
  await executeNode(run, node, { path: [], data, full: data });
}

async function executeNode<TContext>(run: PlanRun<TContext>, node: PlanNode, cursor: Cursor): Promise<void> {
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executeNode(run, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executeNode(run, child, cursor)));
      return;
    case 'Flatten': {
      const data = flatten(cursor.data, node.path, 0);
      if (data === undefined || data === null) return;
      await executeNode(run, node.node, { path: [...cursor.path, ...node.path], data, full: cursor.full });
      return;
    }
    case 'Fetch':
      try {
        await inSpan('gateway.fetch', { service: node.serviceName }, () => executeFetch(run, node, cursor));
      } catch (error) {
        run.errors.push(error instanceof GraphQLError ? error : new GraphQLError((error as Error).message, { originalError: error as Error }));
      }
      return;
    case 'Condition': {
      const branch = run.variables[node.condition] === true ? node.ifClause : node.elseClause;
      if (branch) await executeNode(run, branch, cursor);
      return;
    }
    case 'Defer':
      throw new GraphQLError('@defer is not supported by this gateway', { extensions: { code: 'BAD_REQUEST' } });
  }
}

/** The values at `path` under `value`, lists flattened where the path says `@`. */
function flatten(value: unknown, path: ResponsePath, from: number): unknown {
  if (from === path.length || value === undefined || value === null) return value;
  const step = path[from];
  if (step === '@') {
    if (!Array.isArray(value)) return undefined;
    const out: unknown[] = [];
    for (const element of value) {
      const inner = flatten(element, path, from + 1);
      if (Array.isArray(inner)) for (const x of inner) out.push(x);
      else out.push(inner);
    }
    return out;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  return flatten(Object.hasOwn(value, step) ? (value as Json)[step as string] : undefined, path, from + 1);
}

async function executeFetch<TContext>(run: PlanRun<TContext>, fetch: FetchNode, cursor: Cursor): Promise<void> {
  const service = run.services[fetch.serviceName];
  if (!service) throw new Error(`No subgraph named "${fetch.serviceName}"`);
  const entities = (Array.isArray(cursor.data) ? cursor.data : [cursor.data]).filter((e): e is Json => e !== null && e !== undefined);
  if (entities.length === 0) return;
  const variables: Json = {};
  for (const name of fetch.variableUsages ?? []) {
    if (Object.hasOwn(run.variables, name) && run.variables[name] !== undefined) variables[name] = run.variables[name];
  }

  if (!fetch.requires) {
    const received = await send(run, service, fetch, variables, cursor, null);
    if (!received) return;
    rewrite(run.supergraph, fetch.outputRewrites, received);
    for (const entity of entities) deepMerge(entity, received);
    return;
  }

  const representations: Json[] = [];
  const owners: number[] = [];
  entities.forEach((entity, i) => {
    const representation = select(run.supergraph, entity, fetch.requires!);
    if (representation && representation.__typename) {
      rewrite(run.supergraph, fetch.inputRewrites, representation);
      representations.push(representation);
      owners.push(i);
    }
  });
  if (representations.length === 0) return;
  if ('representations' in variables) throw new Error('Variables cannot contain key "representations"');
  variables.representations = representations;
  const received = await send(run, service, fetch, variables, cursor, owners);
  if (!received) return;
  const answered = received._entities;
  if (!Array.isArray(answered)) throw new Error('Expected "data._entities" in response to be an array');
  if (answered.length !== representations.length) throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  for (let i = 0; i < answered.length; i++) {
    const entity = answered[i] as Json | null;
    const owner = entities[owners[i]];
    if (entity && !entity.__typename) entity.__typename = owner.__typename;
    rewrite(run.supergraph, fetch.outputRewrites, entity);
    deepMerge(owner, entity);
  }
}

async function send<TContext>(
  run: PlanRun<TContext>,
  service: GraphQLDataSource<TContext & Record<string, any>>,
  fetch: FetchNode,
  variables: Json,
  cursor: Cursor,
  owners: number[] | null,
): Promise<Json | null | undefined> {
  const response = await service.process({
    // GraphQLDataSourceRequestKind.INCOMING_OPERATION, which @apollo/gateway's index does not export.
    kind: 'incoming operation' as never,
    request: { query: fetch.operation, variables, operationName: fetch.operationName },
    incomingRequestContext: run.incomingRequestContext as never,
    context: run.context as TContext & Record<string, any>,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: cursor.path,
  });
  if (response.errors) {
    const place = errorPlacement(cursor, owners);
    for (const error of response.errors) run.errors.push(subgraphError(error, fetch.serviceName, place));
  }
  return response.data as Json | null | undefined;
}

/**
 * Where a subgraph's error goes in the client's response: an entity fetch's `_entities.<i>` becomes
 * the path of the entity it was asked for; a root fetch's path is under the fetch's position.
 */
function errorPlacement(cursor: Cursor, owners: number[] | null): (path: ReadonlyArray<string | number> | undefined) => Array<string | number> | undefined {
  let entityPaths: Array<Array<string | number>> | undefined;
  return (path) => {
    if (owners && typeof path?.[1] === 'number') {
      entityPaths ??= pathsOf(cursor.full, cursor.path);
      const owner = owners[path[1]];
      return [...(owner === undefined ? [] : (entityPaths[owner] ?? [])), ...path.slice(2)];
    }
    return path ? [...cursor.path, ...path] : undefined;
  };
}

/** Paths in `data` of the non-null values a cursor at `path` stands for, in the cursor's order. */
function pathsOf(data: unknown, path: ResponsePath): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const walk = (value: unknown, from: number, at: Array<string | number>) => {
    if (value === null || value === undefined) return;
    if (from === path.length) {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, from, [...at, i]));
      else out.push(at);
      return;
    }
    const step = path[from];
    if (step === '@') {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, from + 1, [...at, i]));
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, from, [...at, i]));
    else if (typeof value === 'object' && Object.hasOwn(value, step)) walk((value as Json)[step as string], from + 1, [...at, step]);
  };
  walk(data, 0, []);
  return out;
}

/** A subgraph's error as the client sees it: its message and code, the subgraph's name, its path in the response. */
function subgraphError(error: { message?: string; path?: ReadonlyArray<string | number>; extensions?: Json }, serviceName: string, place: ReturnType<typeof errorPlacement>): GraphQLError {
  const extensions: Json = { ...error.extensions, serviceName };
  if (extensions.code === undefined) extensions.code = 'DOWNSTREAM_SERVICE_ERROR';
  return new GraphQLError(error.message || `Error while fetching subquery from service "${serviceName}"`, {
    path: place(error.path),
    extensions,
    originalError: Object.assign(new Error(error.message), error),
  });
}

/** What `requires` selects of an entity: its representation; null when a required field is missing. */
function select(schema: GraphQLSchema, source: Json | null, selections: readonly QueryPlanSelectionNode[]): Json | null {
  if (source === null) return null;
  const out: Json = {};
  for (const s of selections) {
    if (s.kind === 'Field') {
      const key = s.alias ?? s.name;
      const value = Object.hasOwn(source, key) ? source[key] : undefined;
      if (value === undefined) return null;
      if (Array.isArray(value)) out[key] = s.selections ? value.map((v) => select(schema, v as Json | null, s.selections!)) : value;
      else out[key] = s.selections ? select(schema, value as Json | null, s.selections) : value;
    } else if (s.typeCondition && isOfType(schema, source, s.typeCondition)) {
      deepMerge(out, select(schema, source, s.selections));
    }
  }
  return out;
}

const subtypes = new WeakMap<GraphQLSchema, Map<string, boolean>>();

/** Whether `value`'s __typename is `condition` or one of its possible types. */
function isOfType(schema: GraphQLSchema, value: Json, condition: string, unknownTypename = false): boolean {
  const typename = value.__typename;
  if (typeof typename !== 'string' || typename === '') return unknownTypename;
  if (typename === condition) return true;
  let known = subtypes.get(schema);
  if (!known) subtypes.set(schema, (known = new Map()));
  const key = `${condition}\u0000${typename}`;
  let answer = known.get(key);
  if (answer === undefined) {
    const type = schema.getType(typename);
    const abstract = schema.getType(condition);
    answer = Boolean(type && abstract && isAbstractType(abstract) && (isObjectType(type) || isInterfaceType(type)) && schema.isSubType(abstract, type));
    known.set(key, answer);
  }
  return answer;
}

/** Fetch rewrites (the planner's ValueSetter and KeyRenamer), applied in place. */
function rewrite(schema: GraphQLSchema, rewrites: readonly FetchDataRewrite[] | undefined, value: unknown): void {
  if (!rewrites) return;
  for (const r of rewrites) {
    if (r.path.length === 0) continue;
    const last = r.path[r.path.length - 1];
    at(schema, r.path, 0, r.path.length - 1, value, (object) => {
      if (r.kind === 'ValueSetter') object[last] = r.setValueTo;
      else if (object[last]) {
        object[r.renameKeyTo] = object[last];
        object[last] = undefined;
      }
    });
  }
}

const FRAGMENT = '... on ';

function at(schema: GraphQLSchema, path: readonly string[], from: number, to: number, value: unknown, apply: (object: Json) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) at(schema, path, from, to, v, apply);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (from === to) {
    apply(value as Json);
    return;
  }
  const step = path[from];
  if (step.startsWith(FRAGMENT)) {
    if (isOfType(schema, value as Json, step.slice(FRAGMENT.length), true)) at(schema, path, from + 1, to, value, apply);
  } else {
    at(schema, path, from + 1, to, Object.hasOwn(value, step) ? (value as Json)[step] : undefined, apply);
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges `source` into `target`: objects key by key, lists of the same length element by element. */
export function deepMerge(target: Json, source: Json | null | undefined): Json {
  if (source === undefined || source === null) return target;
  for (const key of Object.keys(source)) {
    const from = source[key];
    if (from === undefined) continue;
    const into = target[key];
    if (into && isObject(from)) deepMerge(into as Json, from);
    else if (Array.isArray(from) && Array.isArray(into) && from.length === into.length) {
      for (let i = 0; i < from.length; i++) {
        if (isObject(into[i]) && isObject(from[i])) deepMerge(into[i] as Json, from[i] as Json);
        else into[i] = from[i];
      }
    } else if (key === '__proto__') Object.defineProperty(target, key, { value: from, enumerable: true, writable: true, configurable: true });
    else target[key] = from;
  }
  return target;
}
