import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { Employment } from './types/Employment.js';
import { buildFederatedSchema } from '../shared/federation.js';
import { EmploymentAbsenceResolver } from './resolvers/EmploymentAbsenceResolver.js';

export function buildAbsenceSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [EmploymentAbsenceResolver],
    // Employment is reachable only through other subgraphs.
    orphanedTypes: [Employment],
    // Existence is the employee subgraph's business; fields here load their own data in batches.
    referenceResolvers: { Employment: (ref) => ({ employmentNumber: String(ref.employmentNumber) }) },
  });
}
