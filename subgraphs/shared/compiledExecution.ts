// Executes a subgraph's operations with graphql-jit instead of graphql-js's interpreter.
//
// A subgraph answers the same few documents over and over (the gateway's plan steps), and on the
// subtree query graphql-js's interpreter was a fifth of each subgraph's CPU: per field it collects the
// selection, coerces the arguments, and builds a promise for every object with an asynchronous field.
// graphql-jit turns a document into one JavaScript function that does exactly that document's work.
//
// Apollo Server accepts another executor only through its gateway interface, so this is a "gateway"
// that serves one fixed schema. Parsing, validation (with our limits), plugins, error formatting and
// the HTTP answer stay Apollo Server's; none of our plugins hooks into single fields (willResolveField),
// which an executor of its own would skip.
//
// A document is compiled once it has run `compileAfter` times on graphql-js (SUBGRAPH_COMPILE_AFTER,
// default 1): a one-off query (an analyst's, through the gateway) costs no compilation. Compiled
// functions live as long as Apollo Server keeps the parsed document in its document cache (they are
// keyed by that very object), so that cache's bound (30 MiB by default) bounds them too: a compiled
// plan step of the employee subgraph took 10 KiB of heap beyond its parsed document's 18 KiB.
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { GraphQLError, execute, getOperationAST, valueFromASTUntyped, type DocumentNode, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { ExecutionEvent } from '../../platform/metrics.js';

/** Apollo Server's gateway interface, read off its options (the package that declares it is Apollo's own dependency). */
type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

export type { ExecutionEvent };
/** Told of every execution; the subgraphs count them at /metrics (platform/metrics.ts). */
export type ExecutionObserver = (event: ExecutionEvent) => void;

/** A compiled operation, and the default values of its variables as a client would send them. */
interface Compiled {
  query: CompiledQuery['query'];
  defaults: Array<[name: string, value: unknown]>;
}

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): Compiled | null {
  const compiled = compileQuery(schema, document, operationName, {
    // Stack traces are never sent (platform/errors.ts); capturing them would be wasted work.
    disablingCapturingStackErrors: true,
  });
  // A document jit cannot compile (it answers why as errors) stays with graphql-js.
  if (!isCompiledQuery(compiled)) return null;
  const operation = getOperationAST(document, operationName);
  const defaults = (operation?.variableDefinitions ?? [])
    .filter((d) => d.defaultValue)
    .map((d): [string, unknown] => [d.variable.name.value, valueFromASTUntyped(d.defaultValue!)]);
  return { query: compiled.query.bind(compiled), defaults };
}

/**
 * graphql-jit's error of a field, as graphql-js's would be. Its own leaves `extensions` undefined
 * when what was thrown had none (a source's error), and Apollo Server reads `extensions.code`
 * before our formatter (platform/errors.ts) can give it one.
 */
function asGraphQLError(e: GraphQLError): GraphQLError {
  const error = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions: e.extensions });
  // graphql-js sets locations from AST nodes, which jit does not keep; its own are the same figures.
  if (e.locations) (error as { locations?: unknown }).locations = e.locations;
  return error;
}

/**
 * Runs before an operation executes; true when it started work (source reads) that should get going
 * before execution takes the event loop (prefetch.ts).
 */
export type BeforeExecute = (document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>, context: never) => boolean;

// Started reads pass through the source wrappers (resilience, coalescing), which may hand them on a
// few promise turns later; execution's own promise chains (one per entity) would queue ahead of them.
// One turn of the event loop lets the started reads leave first.
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function compiledExecutor(schema: GraphQLSchema, compileAfter: number, observe: ExecutionObserver = () => {}, beforeExecute?: BeforeExecute): GatewayExecutor {
  // Per document, per operation name: how often it ran on graphql-js, or what compiling it gave (null:
  // jit could not).
  const seen = new WeakMap<DocumentNode, Map<string, number | Compiled | null>>();
  return async ({ document, request, context }) => {
    if (beforeExecute?.(document, request.operationName ?? undefined, request.variables ?? {}, context as never)) await nextTurn();
    const name = request.operationName ?? '';
    let perName = seen.get(document);
    if (!perName) seen.set(document, (perName = new Map()));
    const stored = perName.get(name);
    let entry = stored === undefined ? 0 : stored;
    if (typeof entry === 'number' && entry >= compileAfter) {
      entry = compile(schema, document, request.operationName ?? undefined);
      perName.set(name, entry);
      observe(entry ? 'compiled-now' : 'not-compilable');
    }
    if (entry === null || typeof entry === 'number') {
      if (typeof entry === 'number') perName.set(name, entry + 1);
      observe('graphql-js');
      return execute({ schema, document, contextValue: context, variableValues: request.variables, operationName: request.operationName });
    }
    observe('compiled');
    let variables = request.variables ?? {};
    // graphql-jit refuses a missing non-null variable even when it has a default (`$v: Boolean! =
    // false`, which the gateway passes on as the client wrote it); the spec says the default applies.
    const missing = entry.defaults.filter(([n]) => !(n in variables));
    if (missing.length > 0) variables = { ...variables, ...Object.fromEntries(missing) };
    const result = await entry.query(undefined, context, variables);
    // Variables that do not fit are the client's error. graphql-js's errors say so by pointing at the
    // variable definition, which Apollo Server turns into BAD_USER_INPUT; jit's carry no node to point at.
    if (result.errors?.length && result.data === undefined) {
      return { errors: result.errors.map((e) => new GraphQLError(e.message, { extensions: { code: 'BAD_USER_INPUT' } })) };
    }
    return result.errors?.length ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };
}

/** Apollo Server's `gateway` option serving `schema` with `compiledExecutor`. */
export function compiledExecution(schema: GraphQLSchema, compileAfter: number, observe?: ExecutionObserver, beforeExecute?: BeforeExecute): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      // The SDL is only read for Apollo's schema reporting, which is off; the schema is what serves.
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    load: async () => ({ executor: compiledExecutor(schema, compileAfter, observe, beforeExecute) }),
    stop: async () => {},
  };
}
