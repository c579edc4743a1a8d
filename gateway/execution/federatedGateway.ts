// The gateway runtime Apollo Server runs: the supergraph composed at build time, @apollo/query-planner
// for the plans (one per operation, kept while Apollo Server keeps the parsed document), and our own
// execution of them (planExecutor.ts, responseShape.ts). @apollo/gateway's executor rebuilt the
// operation in federation-internals' model on every request, made usage-reporting trace objects and
// tracing spans with tracing off, and shaped the response with a generic walker: 20 to 40 % of the
// gateway's CPU (docs/benchmarks.md, "The gateway's own plan execution").
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type { GraphQLDataSource } from '@apollo/gateway';
import type {
  GatewayExecutionResult,
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import {
  executeSync,
  getVariableValues,
  GraphQLError,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { inSpan } from '../../platform/tracing.js';
import { CompiledResponse } from './responseShape.js';
import { executePlan } from './planExecutor.js';
import { withMergedFetches, type ExecNode } from './mergedFetches.js';
import { DEFAULT_REMEMBERED_FETCHES, RememberedFetches } from './rememberedFetches.js';

export interface FederatedGatewayOptions<TContext> {
  supergraphSdl: string;
  /** The data source of each subgraph the supergraph names. */
  buildService(subgraph: { name: string; url: string }): GraphQLDataSource<TContext & Record<string, any>>;
  /** What a fetch sent early noted under its own context becomes the request's (planExecutor.ts, PlanRun.adoptEffects). */
  adoptEffects?: (from: object, to: object) => void;
  /** Single-entity fetches remembered to send early the next time (rememberedFetches.ts); 0 turns it off. */
  rememberedFetches?: number;
}

interface CompiledOperation {
  /** The plan, entity fetches to one subgraph in one Parallel step merged; none for introspection alone. */
  plan?: ExecNode;
  response: CompiledResponse;
  operation: OperationDefinitionNode;
  fragments: FragmentDefinitionNode[];
}

/** Operations planned beyond the parsed documents Apollo Server keeps (their text hashed). */
const PLANS_BY_HASH = 1_000;

export class FederatedGateway<TContext> implements GatewayInterface {
  private readonly listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  private readonly byDocument = new WeakMap<DocumentNode, Map<string | null, CompiledOperation>>();
  private readonly byHash = new Map<string, CompiledOperation>();
  private readonly remembered: RememberedFetches;
  private state?: {
    supergraph: Supergraph;
    supergraphSchema: GraphQLSchema;
    apiSchema: GraphQLSchema;
    planner: QueryPlanner;
    services: Record<string, GraphQLDataSource<TContext & Record<string, any>>>;
  };

  constructor(private readonly options: FederatedGatewayOptions<TContext>) {
    this.remembered = new RememberedFetches(options.rememberedFetches ?? DEFAULT_REMEMBERED_FETCHES);
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): () => void {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }

  async load(): Promise<GatewayLoadResult> {
    const supergraph = Supergraph.build(this.options.supergraphSdl, { validateSupergraph: true });
    const services: Record<string, GraphQLDataSource<TContext & Record<string, any>>> = {};
    for (const { name, url } of supergraph.subgraphsMetadata()) services[name] = this.options.buildService({ name, url: url ?? '' });
    const apiSchema = supergraph.apiSchema().toGraphQLJSSchema();
    this.state = { supergraph, supergraphSchema: supergraph.schema.toGraphQLJSSchema(), apiSchema, planner: new QueryPlanner(supergraph), services };
    for (const listener of this.listeners) listener({ apiSchema, coreSupergraphSdl: this.options.supergraphSdl });
    return { executor: (requestContext) => this.execute(requestContext as GatewayGraphQLRequestContext<TContext>) };
  }

  async stop(): Promise<void> {
    this.listeners.clear();
  }

  /** The plan and response shape of the request's operation: made once, then looked up. */
  private compiled(rc: GatewayGraphQLRequestContext<TContext>): CompiledOperation {
    const name = rc.request.operationName ?? null;
    let perDocument = this.byDocument.get(rc.document);
    const found = perDocument?.get(name);
    if (found) return found;
    const hashKey = `${rc.queryHash}\u0000${name ?? ''}`;
    let compiled = this.byHash.get(hashKey);
    if (!compiled) {
      compiled = this.compile(rc.document, rc.operation, name);
      if (this.byHash.size >= PLANS_BY_HASH) this.byHash.delete(this.byHash.keys().next().value!);
      this.byHash.set(hashKey, compiled);
    }
    if (!perDocument) this.byDocument.set(rc.document, (perDocument = new Map()));
    perDocument.set(name, compiled);
    return compiled;
  }

  private compile(document: DocumentNode, operation: OperationDefinitionNode, name: string | null): CompiledOperation {
    const { supergraph, planner, apiSchema } = this.state!;
    const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
    const { node } = planner.buildQueryPlan(operationFromDocument(supergraph.apiSchema(), document, { operationName: name ?? undefined }));
    if (node?.kind === 'Subscription') throw new GraphQLError('Subscriptions are not supported by this gateway', { extensions: { code: 'BAD_REQUEST' } });
    return { plan: node ? withMergedFetches(node) : undefined, response: new CompiledResponse(apiSchema, operation, Object.fromEntries(fragments.map((f) => [f.name.value, f]))), operation, fragments };
  }

  private async execute(rc: GatewayGraphQLRequestContext<TContext>): Promise<GatewayExecutionResult> {
    const { apiSchema, supergraphSchema, services } = this.state!;
    let compiled: CompiledOperation;
    try {
      compiled = await inSpan('gateway.plan', {}, async () => this.compiled(rc));
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      throw error;
    }
    const variables = rc.request.variables ?? {};
    // Apollo Server leaves the variables to the gateway: checked against the operation's definitions
    // here. The subgraphs get them as sent; conditions (@skip/@include) read them with defaults applied.
    let coerced: Record<string, unknown> = {};
    if (compiled.operation.variableDefinitions?.length) {
      const checked = getVariableValues(apiSchema, compiled.operation.variableDefinitions, variables);
      if (checked.errors) return { errors: checked.errors };
      coerced = checked.coerced;
    }
    const run = {
      services,
      supergraph: supergraphSchema,
      variables,
      coerced,
      context: rc.context,
      incomingRequestContext: rc,
      errors: [] as GraphQLError[],
      adoptEffects: this.options.adoptEffects,
      // An entity fetch after a mutation must see what the mutation did: never sent early.
      remembered: compiled.operation.operation === 'query' ? this.remembered : undefined,
    };
    const merged: Record<string, unknown> = {};
    if (compiled.plan) await executePlan(run, compiled.plan, merged);
    let shaped;
    try {
      shaped = compiled.response.shape(merged, coerced, (field) => this.introspect(compiled, field, variables));
    } catch (error) {
      return { errors: [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message, { originalError: error as Error })] };
    }
    if (run.errors.length > 0) return { errors: run.errors, data: shaped.data };
    // As @apollo/gateway does: values the subgraphs should not have answered are reported beside the
    // data, not as errors, unless a fetch failed (then the fetch's error explains the nulls).
    if (shaped.errors.length > 0) return { extensions: { valueCompletion: shaped.errors }, data: shaped.data };
    return { data: shaped.data };
  }

  /** `__schema` / `__type`, answered by graphql-js on the API schema. */
  private introspect(compiled: CompiledOperation, field: FieldNode, variables: Record<string, unknown>): unknown {
    const document: DocumentNode = {
      kind: Kind.DOCUMENT,
      definitions: [
        { kind: Kind.OPERATION_DEFINITION, operation: compiled.operation.operation, variableDefinitions: compiled.operation.variableDefinitions, selectionSet: { kind: Kind.SELECTION_SET, selections: [field] } },
        ...compiled.fragments,
      ],
    };
    const { data, errors } = executeSync({ schema: this.state!.apiSchema, document, variableValues: variables, rootValue: {} });
    if (errors?.length) throw errors[0];
    return data?.[field.alias?.value ?? field.name.value];
  }
}
