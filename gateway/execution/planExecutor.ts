// Runs one query plan (made by @apollo/query-planner from the supergraph) against the subgraphs:
// fetches in sequence and side by side as the plan says, an entity fetch's representations taken
// from what earlier fetches answered, and every answer merged into one tree for the response shape
// (responseShape.ts). A fetch that fails leaves its fields missing and its error in the response,
// with the subgraph's errors' paths moved to where they are in the client's response.
import { GraphQLError, isAbstractType, isInterfaceType, isObjectType, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { FetchDataRewrite, FetchNode, QueryPlanSelectionNode, ResponsePath } from '@apollo/query-planner';
import type { GraphQLDataSource } from '@apollo/gateway';
import { inSpan } from '../../platform/tracing.js';
import { readOwn, writeOwn } from '../../platform/ownProperties.js';
import { memberAlias, memberVariable, type ExecNode, type MergedFetchNode } from './mergedFetches.js';
import { candidatesOf, EarlyFetches, type Sent } from './earlyFetches.js';
import { RememberedFetches, type SingleEntityFetch } from './rememberedFetches.js';

type Json = Record<string, unknown>;

export interface PlanRun<TContext> {
  services: Readonly<Record<string, GraphQLDataSource<TContext & Record<string, any>>>>;
  /** The supergraph as graphql-js sees it: what an entity's __typename can stand for. */
  supergraph: GraphQLSchema;
  /** The client's variables as sent: what the subgraphs get. */
  variables: Json;
  /** The same with the operation's defaults applied: what @skip/@include conditions read. */
  coerced: Json;
  context: TContext;
  /** Passed to the data sources as @apollo/gateway passes it. */
  incomingRequestContext: unknown;
  errors: GraphQLError[];
  /**
   * What a fetch sent early (earlyFetches.ts) noted under its own context (derived from `context`)
   * becomes `context`'s once its answer is used; the answer of one never used leaves nothing behind.
   */
  adoptEffects?: (from: object, to: object) => void;
  /** What single-entity fetches sent before, to send them early (rememberedFetches.ts); given for queries only. */
  remembered?: RememberedFetches;
}

interface Cursor {
  path: ResponsePath;
  data: unknown;
  /** The whole merged result, for an error's path. */
  full: Json;
}

/** Every fetch of `node`, its answers merged into `data`; failed fetches are noted in `run.errors`. */
export async function executePlan<TContext>(run: PlanRun<TContext>, node: ExecNode, data: Json): Promise<void> {
  const state: RunState = { early: new EarlyFetches<SubgraphResult>() };
  if (run.remembered) {
    state.variablesKey = RememberedFetches.variablesKey(run.variables);
    if (state.variablesKey !== undefined) startRemembered(run, node, state.early, state.variablesKey);
  }
  await executeNode(run, node, { path: [], data, full: data }, state);
  // A remembered fetch the plan did not reach this time (its parent answered null, or failed) is
  // forgotten rather than sent in vain on every repeat.
  for (const untaken of state.early.untaken()) if (run.remembered?.isSlot(untaken)) remember(run, state, untaken, undefined);
}

type Early = EarlyFetches<SubgraphResult>;

/** One request's fetches sent before the plan reached them, and its variables as remembered fetches are keyed. */
interface RunState {
  early: Early;
  variablesKey?: string;
}

async function executeNode<TContext>(run: PlanRun<TContext>, node: ExecNode, cursor: Cursor, state: RunState): Promise<void> {
  switch (node.kind) {
    case 'Sequence': {
      const [first, ...rest] = node.nodes;
      if (!first) return;
      // The root fetch goes first; entity fetches its arguments already give follow it at once.
      const started = executeNode(run, first, cursor, state);
      if (cursor.path.length === 0) startEarly(run, node, state.early);
      await started;
      for (const child of rest) await executeNode(run, child, cursor, state);
      return;
    }
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executeNode(run, child, cursor, state)));
      return;
    case 'Flatten': {
      const data = flatten(cursor.data, node.path, 0);
      if (data === undefined || data === null) return;
      await executeNode(run, node.node, { path: [...cursor.path, ...node.path], data, full: cursor.full }, state);
      return;
    }
    case 'Fetch':
    case 'MergedFetch':
      try {
        await inSpan('gateway.fetch', { service: node.serviceName }, () => (node.kind === 'Fetch' ? executeFetch(run, node, cursor, state) : executeMerged(run, node, cursor, state)));
      } catch (error) {
        run.errors.push(error instanceof GraphQLError ? error : new GraphQLError((error as Error).message, { originalError: error as Error }));
      }
      return;
    case 'Condition': {
      const branch = run.coerced[node.condition] === true ? node.ifClause : node.elseClause;
      if (branch) await executeNode(run, branch, cursor, state);
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

function entitiesAt(cursor: Cursor): Json[] {
  return (Array.isArray(cursor.data) ? cursor.data : [cursor.data]).filter((e): e is Json => e !== null && e !== undefined);
}

/** The client's variables the fetch uses. */
function usedVariables(run: PlanRun<unknown>, names: readonly string[] | undefined): Json {
  const variables: Json = {};
  for (const name of names ?? []) {
    if (Object.hasOwn(run.variables, name) && run.variables[name] !== undefined) variables[name] = run.variables[name];
  }
  return variables;
}

/** An entity fetch's representations, and for each the index of the entity it stands for. */
function representationsOf(run: PlanRun<unknown>, fetch: FetchNode, entities: Json[]): { representations: Json[]; owners: number[] } {
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
  return { representations, owners };
}

/** The subgraph's `_entities` answer merged into the entities they were asked for. */
function mergeEntities(run: PlanRun<unknown>, fetch: FetchNode, entities: Json[], owners: number[], answered: unknown): void {
  if (!Array.isArray(answered)) throw new Error('Expected "data._entities" in response to be an array');
  if (answered.length !== owners.length) throw new Error(`Expected "data._entities" to contain ${owners.length} elements`);
  for (let i = 0; i < answered.length; i++) {
    const entity = answered[i] as Json | null;
    const owner = entities[owners[i]];
    if (entity && !entity.__typename) entity.__typename = owner.__typename;
    rewrite(run.supergraph, fetch.outputRewrites, entity);
    deepMerge(owner, entity);
  }
}

/**
 * Sends the entity fetches of a root Sequence whose representations the operation's arguments give,
 * beside its root fetch (earlyFetches.ts). Each goes out under a context of its own, derived from the
 * request's, so that what it notes reaches the request only if the plan uses its answer.
 */
function startEarly<TContext>(run: PlanRun<TContext>, sequence: { kind: 'Sequence' | 'Parallel'; nodes: ExecNode[] }, early: Early): void {
  const candidates = candidatesOf(run.supergraph, sequence);
  if (candidates.length === 0) return;
  early.startPredicted(candidates, run.coerced, (fetch, path, representation) => sendEarly(run, fetch, [path], [representation]));
}

/** Sends the single-entity fetches of `plan` remembered for these variables (rememberedFetches.ts). */
function startRemembered<TContext>(run: PlanRun<TContext>, plan: ExecNode, early: Early, variablesKey: string): void {
  // What the arguments predict is sent from them (startEarly): it needs no earlier request.
  const predicted = plan.kind === 'Sequence' ? candidatesOf(run.supergraph, plan) : [];
  for (const slot of run.remembered!.recall(plan, variablesKey)) {
    if (predicted.some((c) => c.fetch === slot.node)) continue;
    const sent = JSON.parse(slot.sent) as Json[] | Json[][];
    const started = slot.node.kind === 'Fetch' ? sendEarly(run, slot.node, slot.path, sent as Json[]) : sendMergedEarly(run, slot.node, slot.path, sent as Json[][]);
    if (started) early.add(slot.node, started, 'remembered', (actual) => JSON.stringify(actual) === slot.sent);
  }
}

/**
 * An entity fetch sent before the plan reaches it, under a context of its own derived from the
 * request's, so that what it notes reaches the request only if the plan uses its answer.
 */
function sendEarly<TContext>(run: PlanRun<TContext>, fetch: FetchNode, path: ResponsePath, representations: Json[]): Sent<SubgraphResult> | undefined {
  const variables = usedVariables(run, fetch.variableUsages);
  // The plan's own fetch refuses such variables (executeFetch): nothing to send early.
  if ('representations' in variables) return undefined;
  variables.representations = representations;
  const request = { query: fetch.operation, operationName: fetch.operationName, document: fetch.operationDocumentNode, variables };
  return sentUnderOwnContext(run, fetch.serviceName, request, path);
}

function sendMergedEarly<TContext>(run: PlanRun<TContext>, node: MergedFetchNode, path: ResponsePath, parts: Json[][]): Sent<SubgraphResult> | undefined {
  if (parts.length !== node.members.length) return undefined;
  const variables = usedVariables(run, node.variableUsages);
  parts.forEach((representations, i) => (variables[memberVariable(i)] = representations));
  return sentUnderOwnContext(run, node.serviceName, { query: node.operation, operationName: node.operationName, document: node.document, variables }, path, partsOf(node, path));
}

function sentUnderOwnContext<TContext>(
  run: PlanRun<TContext>,
  serviceName: string,
  request: Parameters<typeof send>[2],
  path: ResponsePath,
  parts?: Parameters<typeof send>[4],
): Sent<SubgraphResult> {
  const context = Object.create(run.context as object) as TContext;
  const answer = inSpan('gateway.fetch', { service: serviceName, early: 'true' }, () => send({ ...run, context }, serviceOf(run, serviceName), request, { path, data: undefined, full: {} }, parts));
  return { answer, adopt: () => run.adoptEffects?.(context as object, run.context as object) };
}

/** For failedFetchPaths.ts: what each member of a merged fetch at `path` fills, and where. */
function partsOf(node: MergedFetchNode, path: ResponsePath): Array<{ path: ResponsePath; document: DocumentNode | string }> {
  return node.members.map((m) => ({ path: [...path, ...m.path], document: m.fetch.operationDocumentNode ?? m.fetch.operation }));
}

/** Notes what a single-entity fetch sent (rememberedFetches.ts); its JSON, for comparing with what went out early. */
function remember(run: PlanRun<unknown>, state: RunState, node: SingleEntityFetch, sent: unknown): void {
  if (state.variablesKey !== undefined && run.remembered?.isSlot(node)) run.remembered.remember(node, state.variablesKey, sent === undefined ? undefined : JSON.stringify(sent));
}

async function executeFetch<TContext>(run: PlanRun<TContext>, fetch: FetchNode, cursor: Cursor, state: RunState): Promise<void> {
  const service = serviceOf(run, fetch.serviceName);
  const entities = entitiesAt(cursor);
  if (entities.length === 0) {
    if (fetch.requires) remember(run, state, fetch, undefined);
    return;
  }
  const variables = usedVariables(run, fetch.variableUsages);

  // An entity fetch sends the representations of its entities; a root fetch, only the variables.
  let owners: number[] | null = null;
  if (fetch.requires) {
    const asked = representationsOf(run, fetch, entities);
    remember(run, state, fetch, asked.representations.length > 0 ? asked.representations : undefined);
    if (asked.representations.length === 0) return;
    if ('representations' in variables) throw new Error('Variables cannot contain key "representations"');
    variables.representations = asked.representations;
    owners = asked.owners;
  }
  // An entity fetch that went out early is used when it asked for exactly these entities.
  const sentEarly = owners ? state.early.take(fetch, variables.representations) : undefined;
  const response = await (sentEarly ?? send(run, service, { query: fetch.operation, operationName: fetch.operationName, document: fetch.operationDocumentNode, variables }, cursor));
  const place = errorPlacement(cursor, owners);
  for (const error of response.errors ?? []) run.errors.push(subgraphError(error, fetch.serviceName, place(error.path)));
  const received = response.data as Json | null | undefined;
  if (!received) return;
  if (owners) {
    mergeEntities(run, fetch, entities, owners, received._entities);
    return;
  }
  rewrite(run.supergraph, fetch.outputRewrites, received);
  for (const entity of entities) deepMerge(entity, received);
}

/** Several entity fetches to one subgraph (mergedFetches.ts) in one request; each answer to its own entities. */
async function executeMerged<TContext>(run: PlanRun<TContext>, node: MergedFetchNode, cursor: Cursor, state: RunState): Promise<void> {
  const service = serviceOf(run, node.serviceName);
  const parts = node.members.map((member) => {
    const at = flatten(cursor.data, member.path, 0);
    const memberCursor: Cursor = { path: [...cursor.path, ...member.path], data: at, full: cursor.full };
    const entities = at === undefined || at === null ? [] : entitiesAt(memberCursor);
    return { fetch: member.fetch, cursor: memberCursor, entities, ...representationsOf(run, member.fetch, entities) };
  });
  const asked = parts.map((p) => p.representations);
  const none = parts.every((p) => p.representations.length === 0);
  remember(run, state, node, none ? undefined : asked);
  if (none) return;
  const variables = usedVariables(run, node.variableUsages);
  parts.forEach((p, i) => (variables[memberVariable(i)] = p.representations));
  const response = await (state.early.take(node, asked) ??
    send(
      run,
      service,
      { query: node.operation, operationName: node.operationName, document: node.document, variables },
      cursor,
      // For failedFetchPaths.ts: what each member was to fill, and where.
      partsOf(node, cursor.path),
    ));
  const places = parts.map((p) => errorPlacement(p.cursor, p.owners));
  for (const error of response.errors ?? []) {
    const i = typeof error.path?.[0] === 'string' ? node.members.findIndex((_, m) => memberAlias(m) === error.path![0]) : -1;
    const path = i >= 0 ? places[i](['_entities', ...error.path!.slice(1)]) : undefined;
    run.errors.push(subgraphError(error, node.serviceName, path));
  }
  const received = response.data as Json | null | undefined;
  if (!received) return;
  parts.forEach((p, i) => {
    if (p.representations.length > 0) mergeEntities(run, p.fetch, p.entities, p.owners, received[memberAlias(i)]);
  });
}

function serviceOf<TContext>(run: PlanRun<TContext>, name: string): GraphQLDataSource<TContext & Record<string, any>> {
  const service = run.services[name];
  if (!service) throw new Error(`No subgraph named "${name}"`);
  return service;
}

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
type SubgraphErrorShape = { message?: string; path?: ReadonlyArray<string | number>; extensions?: Json };
type SubgraphResult = { data?: unknown; errors?: readonly SubgraphErrorShape[] };

async function send<TContext>(
  run: PlanRun<TContext>,
  service: GraphQLDataSource<TContext & Record<string, any>>,
  request: { query: string; operationName: string | undefined; document: DocumentNode | undefined; variables: Json },
  cursor: Cursor,
  parts?: Array<{ path: ResponsePath; document: DocumentNode | string }>,
): Promise<SubgraphResult> {
  const options = {
    // GraphQLDataSourceRequestKind.INCOMING_OPERATION, which @apollo/gateway's index does not export.
    kind: 'incoming operation' as never,
    request: { query: request.query, variables: request.variables, operationName: request.operationName },
    incomingRequestContext: run.incomingRequestContext as never,
    context: run.context as TContext & Record<string, any>,
    document: request.document,
    pathInIncomingRequest: cursor.path,
    ...(parts ? { parts } : {}),
  };
  const response: SubgraphResponse = await service.process(options);
  return response as SubgraphResult;
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
function subgraphError(error: SubgraphErrorShape, serviceName: string, path: Array<string | number> | undefined): GraphQLError {
  const extensions: Json = { ...error.extensions, serviceName };
  if (extensions.code === undefined) extensions.code = 'DOWNSTREAM_SERVICE_ERROR';
  return new GraphQLError(error.message || `Error while fetching subquery from service "${serviceName}"`, {
    path,
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
    const into = readOwn(target, key);
    if (into && isObject(from)) deepMerge(into as Json, from);
    else if (Array.isArray(from) && Array.isArray(into) && from.length === into.length) {
      for (let i = 0; i < from.length; i++) {
        if (isObject(into[i]) && isObject(from[i])) deepMerge(into[i] as Json, from[i] as Json);
        else into[i] = from[i];
      }
    } else writeOwn(target, key, from);
  }
  return target;
}
