// The four subgraphs, how each builds its schema and how one is started: the one list compose, the
// whole-stack runner (gateway/stack.ts) and tests share, and all the gateway side knows of the subgraphs.
import type { GraphQLSchema } from 'graphql';
import { buildAbsenceSchema } from './absence/schema.js';
import { buildEmployeeSchema } from './employee/schema.js';
import { buildOrganisationSchema } from './organisation/schema.js';
import { buildPayrollSchema } from './payroll/schema.js';
import type { SubgraphName } from '../platform/topology.js';
import type { BackgroundStarter } from './shared/subgraph.js';
import { startHierarchy } from './organisation/hierarchy.js';
import { startOpusOrgTree } from './shared/opusOrgTree.js';
import { startEmployeeBackground } from './employee/background.js';

export const SUBGRAPH_SCHEMAS: Record<SubgraphName, () => Promise<GraphQLSchema>> = {
  employee: buildEmployeeSchema,
  organisation: buildOrganisationSchema,
  absence: buildAbsenceSchema,
  payroll: buildPayrollSchema,
};

/** What each subgraph loads in the background from its start (its /ready waits for the first). */
export const SUBGRAPH_BACKGROUND: Partial<Record<SubgraphName, BackgroundStarter>> = {
  employee: startEmployeeBackground,
  organisation: startHierarchy,
  absence: startOpusOrgTree,
};

export { SUBGRAPHS, type SubgraphName } from '../platform/topology.js';

// What the whole-stack runner needs to start subgraphs itself (one process, the embedded default).
export { startSubgraph } from './shared/subgraph.js';
export { createSources, type SourceCallHook } from './shared/sources.js';
export { subgraphLimitsFromEnv } from './shared/limits.js';
export { migrateWebhooks, startWebhookDelivery, type WebhookRunner } from './employee/webhooks/runner.js';
