import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { Employment } from './types/Employment.js';
import { buildFederatedSchema } from '../shared/federation.js';
import { EmploymentPayrollResolver } from './resolvers/EmploymentPayrollResolver.js';

export function buildPayrollSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [EmploymentPayrollResolver],
    // Employment is reachable only through other subgraphs.
    orphanedTypes: [Employment],
    // Existence is the employee subgraph's business; fields here load their own data in batches.
    referenceResolvers: { Employment: (ref) => ({ employmentNumber: String(ref.employmentNumber) }) },
  });
}
