import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { Employment } from './types/Employment.js';
import { buildFederatedSchema } from '../shared/federation.js';
import { EmploymentOneOffPaymentResolver } from './resolvers/EmploymentOneOffPaymentResolver.js';
import { EmploymentPayrollResolver, prefetchSalaryPlacement } from './resolvers/EmploymentPayrollResolver.js';
import { EmploymentTaxResolver } from './resolvers/EmploymentTaxResolver.js';
import { OneOffPaymentMutationResolver } from './resolvers/OneOffPaymentMutationResolver.js';
import { OneOffPaymentBulkMutationResolver } from './resolvers/OneOffPaymentBulkMutationResolver.js';
import { FixedPayItemMutationResolver } from './resolvers/FixedPayItemMutationResolver.js';

export function buildPayrollSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [EmploymentPayrollResolver, EmploymentTaxResolver, EmploymentOneOffPaymentResolver, OneOffPaymentMutationResolver, OneOffPaymentBulkMutationResolver, FixedPayItemMutationResolver],
    // Employment is reachable only through other subgraphs.
    orphanedTypes: [Employment],
    // Existence is the employee subgraph's business. Each field loads its own Opus area through the
    // per-request loader, which reads all areas asked for on one plan step in one call; loading here
    // instead would read areas (Skattedata) for fields the caller may not see.
    referenceResolvers: { Employment: (ref) => ({ employmentNumber: String(ref.employmentNumber) }) },
    // A plan step's salary placements are read as soon as its employments are known (shared/prefetch.ts).
    prefetch: { Employment: { salaryPlacement: prefetchSalaryPlacement } },
  });
}
