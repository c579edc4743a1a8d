import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../shared/federation.js';
import { EmploymentAbsenceResolver, prefetchAbsences } from './resolvers/EmploymentAbsenceResolver.js';
import { OrgUnitAbsenceResolver } from './resolvers/OrgUnitAbsenceResolver.js';
import { configureSensitiveAbsenceTypes } from './sensitiveAbsences.js';
import { WorkforceAbsenceResolver } from './resolvers/WorkforceAbsenceResolver.js';
import { WorkforceStatistics } from './types/WorkforceStatistics.js';
import { configureStatistics } from '../shared/statistics/settings.js';
import { Employment } from './types/Employment.js';
import { OrgUnit } from './types/OrgUnit.js';

export async function buildAbsenceSchema(): Promise<GraphQLSchema> {
  // Checked at start-up: a wrong AUDIT_SENSITIVE_ABSENCE_TYPES stops the subgraph.
  configureSensitiveAbsenceTypes(process.env);
  configureStatistics(process.env);
  return buildFederatedSchema({
    resolvers: [EmploymentAbsenceResolver, OrgUnitAbsenceResolver, WorkforceAbsenceResolver],
    // Both are reachable only through other subgraphs.
    orphanedTypes: [Employment, OrgUnit, WorkforceStatistics],
    // Existence is the employee and organisation subgraphs' business; fields here load their own data
    // in batches (an Opus unit number unknown to Opus gives NOT_FOUND on the statistics field).
    referenceResolvers: {
      Employment: (ref) => ({ employmentNumber: String(ref.employmentNumber) }),
      OrgUnit: (ref) => ({ opusId: String(ref.opusId) }),
      WorkforceStatistics: (ref) => ({ id: String(ref.id) }),
    },
    // A plan step's absences are read as soon as its employments are known (shared/prefetch.ts).
    prefetch: { Employment: { absences: prefetchAbsences } },
  });
}
