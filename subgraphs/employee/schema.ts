import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import type { SubgraphContext } from '../shared/context.js';
import { today } from '../shared/dates.js';
import { areasForSelection } from '../shared/employments.js';
import { buildFederatedSchema } from '../shared/federation.js';
import { EMPLOYMENT_AREAS } from './fieldAreas.js';
import { viewOn } from './parents.js';
import { AccessLogResolver } from './resolvers/AccessLogResolver.js';
import { ChangeResolver } from './resolvers/ChangeResolver.js';
import { CommunicationResolver } from './resolvers/CommunicationResolver.js';
import { EmployeeResolver, resolveEmployeeReference } from './resolvers/EmployeeResolver.js';
import { EmploymentHistoryResolver } from './resolvers/EmploymentHistoryResolver.js';
import { EmploymentResolver } from './resolvers/EmploymentResolver.js';
import { OrgUnitResolver } from './resolvers/OrgUnitResolver.js';
import { PersonalDataResolver } from './resolvers/PersonalDataResolver.js';
import { WorkforceStatisticsResolver } from './resolvers/WorkforceStatisticsResolver.js';
import { configureStatistics } from '../shared/statistics/settings.js';

export function buildEmployeeSchema(): Promise<GraphQLSchema> {
  // Checked at start-up: a wrong STATISTICS_MIN_PERSONS stops the subgraph.
  configureStatistics(process.env);
  return buildFederatedSchema({
    resolvers: [EmploymentResolver, EmploymentHistoryResolver, EmployeeResolver, OrgUnitResolver, CommunicationResolver, PersonalDataResolver, ChangeResolver, AccessLogResolver, WorkforceStatisticsResolver],
    referenceResolvers: {
      // One load per representation; the loader turns a plan step's representations into one call
      // with the areas of every selected field.
      Employment: async (ref, ctx: SubgraphContext, info) => {
        const e = await ctx.loaders.employments.load({ employmentNumber: String(ref.employmentNumber), areas: areasForSelection(info, 'Employment', EMPLOYMENT_AREAS) });
        return e ? viewOn(e, today()) : null;
      },
      Employee: (ref, ctx: SubgraphContext) => resolveEmployeeReference(ref as { id: string }, ctx),
      OrgUnit: (ref) => ({ opusId: String(ref.opusId) }),
      WorkforceStatistics: (ref) => ({ id: String(ref.id) }),
    },
  });
}
