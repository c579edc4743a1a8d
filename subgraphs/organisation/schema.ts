import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import type { SubgraphContext } from '../shared/context.js';
import { buildFederatedSchema } from '../shared/federation.js';
import { OrgUnitResolver, resolveOrgUnitReference } from './resolvers/OrgUnitResolver.js';

export function buildOrganisationSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [OrgUnitResolver],
    referenceResolvers: {
      OrgUnit: (ref, ctx: SubgraphContext) => resolveOrgUnitReference(ref as { id?: string; opusId?: string }, ctx),
    },
  });
}
