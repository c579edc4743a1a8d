import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import type { SubgraphContext } from '../shared/context.js';
import { buildFederatedSchema } from '../shared/federation.js';
import { EmployeeResolver } from './resolvers/EmployeeResolver.js';
import { InterestGroupResolver } from './resolvers/InterestGroupResolver.js';
import { ItUserResolver } from './resolvers/ItUserResolver.js';
import { OrgManagerResolver } from './resolvers/OrgManagerResolver.js';
import { OrgPositionResolver } from './resolvers/OrgPositionResolver.js';
import { OrgUnitQueryResolver, resolveOrgUnitReference } from './resolvers/OrgUnitQueryResolver.js';
import { OrgUnitResolver } from './resolvers/OrgUnitResolver.js';
import { OrgUnitStaffResolver } from './resolvers/OrgUnitStaffResolver.js';
import { OrgUnitTreeResolver } from './resolvers/OrgUnitTreeResolver.js';
import { OrgUnitVersionResolver } from './resolvers/OrgUnitVersionResolver.js';
import { OrganisationResolver } from './resolvers/OrganisationResolver.js';
import { OrgRoleResolver } from './resolvers/OrgRoleResolver.js';

export function buildOrganisationSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      OrgUnitQueryResolver,
      OrgUnitResolver,
      OrgUnitTreeResolver,
      OrgUnitStaffResolver,
      OrgUnitVersionResolver,
      OrgManagerResolver,
      OrgPositionResolver,
      OrgRoleResolver,
      OrganisationResolver,
      ItUserResolver,
      InterestGroupResolver,
      EmployeeResolver,
    ],
    referenceResolvers: {
      OrgUnit: (ref, ctx: SubgraphContext, info) => resolveOrgUnitReference(ref as { id?: string; opusId?: string }, ctx, info),
      // The representation is all `manager` needs: the key and the units the gateway fetched for @requires.
      Employee: (ref) => ref,
    },
  });
}
