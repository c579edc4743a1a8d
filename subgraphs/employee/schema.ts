import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import type { SubgraphContext } from '../shared/context.js';
import { areasForSelection } from '../shared/employments.js';
import { buildFederatedSchema } from '../shared/federation.js';
import { EMPLOYMENT_AREAS } from './fieldAreas.js';
import { EmployeeResolver, resolveEmployeeReference } from './resolvers/EmployeeResolver.js';
import { EmploymentResolver } from './resolvers/EmploymentResolver.js';
import { OrgUnitResolver } from './resolvers/OrgUnitResolver.js';

export function buildEmployeeSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [EmploymentResolver, EmployeeResolver, OrgUnitResolver],
    referenceResolvers: {
      // One load per representation; the loader turns a plan step's representations into one call.
      Employment: (ref, ctx: SubgraphContext, info) =>
        ctx.loaders.employments.load({ employmentNumber: String(ref.employmentNumber), areas: areasForSelection(info, 'Employment', EMPLOYMENT_AREAS) }),
      Employee: (ref, ctx: SubgraphContext) => resolveEmployeeReference(ref as { id: string }, ctx),
      OrgUnit: (ref) => ({ opusId: String(ref.opusId) }),
    },
  });
}
