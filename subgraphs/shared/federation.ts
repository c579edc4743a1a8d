// type-graphql classes -> a Federation 2 subgraph schema. type-graphql knows nothing of federation, so
// the schema is printed with its directives, linked to the federation spec and rebuilt by
// @apollo/subgraph with type-graphql's own resolvers plus our __resolveReference functions.
import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { AccessDirective } from './auth/access.js';
import { describeAccess, guardSchema } from './auth/guard.js';
import type { SubgraphContext } from './context.js';
import { directResolvers } from './directResolvers.js';
import { leanEntities } from './entities.js';
import { declarePrefetches, type Prefetches } from './prefetch.js';

// Federation 2.9 is the first with the demand-control directives (demandControl.ts).
export const FEDERATION_IMPORTS = ['@key', '@shareable', '@external', '@requires', '@provides', '@inaccessible', '@tag', '@cost', '@listSize'];

export type ReferenceResolver = (reference: Record<string, unknown>, context: SubgraphContext, info: GraphQLResolveInfo) => unknown;

export interface SubgraphSchemaDefinition {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // Entity types only reachable through other subgraphs must be listed, or they vanish silently.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  referenceResolvers?: Record<string, ReferenceResolver>;
  /** Fields whose source reads start as soon as an `_entities` step's references are known (prefetch.ts). */
  prefetch?: Prefetches;
}

/**
 * TypeScript applies parameter decorators last to first, so type-graphql would list every field's
 * arguments in reverse (`to` before `from`). It keeps each parameter's index and passes arguments by
 * name, so ordering its metadata by index changes only how the schema reads.
 */
function argumentsInDeclaredOrder(): void {
  const storage = (globalThis as { TypeGraphQLMetadataStorage?: { params: Array<{ index: number }> } }).TypeGraphQLMetadataStorage;
  storage?.params.sort((a, b) => a.index - b.index);
}

export async function buildFederatedSchema(definition: SubgraphSchemaDefinition): Promise<GraphQLSchema> {
  argumentsInDeclaredOrder();
  const typeGraphqlSchema = await buildSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    skipCheck: true,
    validate: false,
    directives: [AccessDirective],
  });
  describeAccess(typeGraphqlSchema);
  const sdl =
    `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ${JSON.stringify(FEDERATION_IMPORTS)})\n\n` +
    printSchemaWithDirectives(typeGraphqlSchema);
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  directResolvers(typeGraphqlSchema, definition.resolvers, resolvers);
  for (const [typeName, resolveReference] of Object.entries(definition.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), __resolveReference: resolveReference };
  }
  // type-graphql emits no Query type for a subgraph that only extends entities; federation adds its own.
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never });
  declarePrefetches(schema, definition.prefetch);
  return guardSchema(leanEntities(schema));
}
