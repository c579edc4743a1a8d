// A subgraph that could not be reached leaves the fields it was asked for null, but @apollo/gateway
// reports the failed fetch as one error without a `path`. Each failed fetch is noted here (where it
// was in the response, which fields it was to fill), and before the response goes out its
// SUBGRAPH_UNAVAILABLE / SUBGRAPH_TIMEOUT error becomes one error per nulled field, with that path.
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLDataSource } from '@apollo/gateway';
import { GraphQLError, Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';
import { GatewayErrorCode } from '../platform/errors.js';

const FAILURE_CODES: ReadonlySet<unknown> = new Set([GatewayErrorCode.SUBGRAPH_UNAVAILABLE, GatewayErrorCode.SUBGRAPH_TIMEOUT]);

interface FailedFetch {
  subgraph: string;
  /** Where the fetch's fields go, `@` standing for every element of a list (the gateway's notation). */
  path: ReadonlyArray<string | number>;
  /** Response names of the fields the fetch was to fill there. */
  fields: string[];
}

const failures = new WeakMap<object, FailedFetch[]>();

/** One fetch of a request that carries several. */
interface FetchPart {
  path: ReadonlyArray<string | number>;
  document: DocumentNode | string;
}

/** Response names of a fetch's top-level fields; for an entity fetch, those it asks of each entity. */
function fieldsOf(document: DocumentNode | undefined): string[] {
  const operation = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [];
  const names = (set: SelectionSetNode, out: string[]): string[] => {
    for (const s of set.selections) {
      if (s.kind === Kind.INLINE_FRAGMENT) names(s.selectionSet, out);
      else if (s.kind === Kind.FIELD && s.name.value !== '__typename') out.push(s.alias?.value ?? s.name.value);
    }
    return out;
  };
  const top = operation.selectionSet.selections;
  const entities = top.length === 1 && top[0].kind === Kind.FIELD && top[0].name.value === '_entities' ? top[0].selectionSet : undefined;
  return [...new Set(names(entities ?? operation.selectionSet, []))];
}

/** The gateway hands over the fetch's document only sometimes; its text always. */
function parseQuietly(query: string | undefined): DocumentNode | undefined {
  try {
    return query ? parse(query) : undefined;
  } catch {
    return undefined;
  }
}

/** Notes the position of every fetch of `dataSource` that fails with SUBGRAPH_UNAVAILABLE or SUBGRAPH_TIMEOUT. */
export function notingFailedFetches<T extends GraphQLDataSource>(subgraph: string, dataSource: T): T {
  const process = dataSource.process.bind(dataSource);
  dataSource.process = async (options) => {
    try {
      return await process(options);
    } catch (error) {
      if (options.kind === 'incoming operation' && error instanceof GraphQLError && FAILURE_CODES.has(error.extensions.code) && options.context) {
        const noted = failures.get(options.context) ?? [];
        // Entity fetches the gateway merged into one request (execution/mergedFetches.ts) come as parts, each with its place.
        const parts = (options as { parts?: FetchPart[] }).parts ?? [{ path: options.pathInIncomingRequest ?? [], document: options.document ?? options.request.query ?? '' }];
        for (const part of parts) noted.push({ subgraph, path: part.path, fields: fieldsOf(typeof part.document === 'string' ? parseQuietly(part.document) : part.document) });
        failures.set(options.context, noted);
      }
      throw error;
    }
  };
  return dataSource;
}

/** The failed fetches noted under `from` become `to`'s (an early fetch's, once its answer is used: execution/earlyFetches.ts). */
export function adoptFailedFetches(from: object, to: object): void {
  const noted = failures.get(from);
  if (!noted) return;
  failures.delete(from);
  failures.set(to, [...(failures.get(to) ?? []), ...noted]);
}

type Path = Array<string | number>;

/** Paths of the fields `fetch` left null in `data`, or the nearest enclosing null they made. */
function nulledPaths(data: unknown, fetch: FailedFetch): Path[] {
  const out: Path[] = [];
  const walk = (value: unknown, rest: ReadonlyArray<string | number>, at: Path) => {
    if (value === null || value === undefined) {
      // Non-null fields the fetch did not fill make their parent null, up to a nullable one.
      if (at.length > 0) out.push(at);
      return;
    }
    if (rest.length === 0) {
      if (typeof value !== 'object') return;
      for (const field of fetch.fields) if ((value as Record<string, unknown>)[field] == null) out.push([...at, field]);
      return;
    }
    const [step, ...tail] = rest;
    if (step === '@') {
      if (Array.isArray(value)) value.forEach((element, i) => walk(element, tail, [...at, i]));
      return;
    }
    if (typeof value === 'object') walk((value as Record<string, unknown>)[step], tail, [...at, step]);
  };
  if (data === null || data === undefined) {
    // The whole result was nulled: a root fetch's fields are the paths.
    return fetch.path.length === 0 ? fetch.fields.map((f) => [f]) : [];
  }
  walk(data, fetch.path, []);
  return out;
}

const key = (path: Path) => JSON.stringify(path);

export function failedFetchPathsPlugin(): ApolloServerPlugin<object> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const noted = failures.get(contextValue);
          if (!noted || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors) return;
          const errors = [];
          for (const error of result.errors) {
            const subgraph = error.extensions?.subgraph;
            if (error.path || !FAILURE_CODES.has(error.extensions?.code) || typeof subgraph !== 'string') {
              errors.push(error);
              continue;
            }
            const paths = new Map<string, Path>();
            for (const fetch of noted.filter((f) => f.subgraph === subgraph)) for (const p of nulledPaths(result.data, fetch)) paths.set(key(p), p);
            if (paths.size === 0) errors.push(error);
            for (const path of paths.values()) errors.push({ ...error, path });
          }
          // One failed fetch is reported once per field it nulled, not once per fetch of the same subgraph.
          const seen = new Set<string>();
          result.errors = errors.filter((e) => {
            if (!FAILURE_CODES.has(e.extensions?.code)) return true;
            const id = `${String(e.extensions?.code)}:${e.path ? key(e.path as Path) : e.message}`;
            if (seen.has(id)) return false;
            seen.add(id);
            return true;
          });
        },
      };
    },
  };
}
