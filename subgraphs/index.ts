// The four subgraphs and how each builds its schema: the one list compose, start and tests share.
import type { GraphQLSchema } from 'graphql';
import { buildAbsenceSchema } from './absence/schema.js';
import { buildEmployeeSchema } from './employee/schema.js';
import { buildOrganisationSchema } from './organisation/schema.js';
import { buildPayrollSchema } from './payroll/schema.js';
import type { SubgraphName } from './shared/config.js';

export const SUBGRAPH_SCHEMAS: Record<SubgraphName, () => Promise<GraphQLSchema>> = {
  employee: buildEmployeeSchema,
  organisation: buildOrganisationSchema,
  absence: buildAbsenceSchema,
  payroll: buildPayrollSchema,
};

export { SUBGRAPHS, type SubgraphName } from './shared/config.js';
