// The four subgraphs and how each builds its schema: the one list compose, start and tests share.
import type { GraphQLSchema } from 'graphql';
import { buildAbsenceSchema } from './absence/schema.js';
import { buildEmployeeSchema } from './employee/schema.js';
import { buildOrganisationSchema } from './organisation/schema.js';
import { buildPayrollSchema } from './payroll/schema.js';
import type { SubgraphName } from './shared/config.js';
import type { BackgroundStarter } from './shared/subgraph.js';
import { startHierarchy } from './organisation/hierarchy.js';
import { startOpusOrgTree } from './absence/opusOrgTree.js';
import { startDirectory } from './employee/directory.js';

export const SUBGRAPH_SCHEMAS: Record<SubgraphName, () => Promise<GraphQLSchema>> = {
  employee: buildEmployeeSchema,
  organisation: buildOrganisationSchema,
  absence: buildAbsenceSchema,
  payroll: buildPayrollSchema,
};

/** What each subgraph loads in the background from its start (its /ready waits for the first). */
export const SUBGRAPH_BACKGROUND: Partial<Record<SubgraphName, BackgroundStarter>> = {
  employee: startDirectory,
  organisation: startHierarchy,
  absence: startOpusOrgTree,
};

export { SUBGRAPHS, type SubgraphName } from './shared/config.js';
