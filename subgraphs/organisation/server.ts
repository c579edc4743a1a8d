// Runs the organisation subgraph alone: `npx tsx subgraphs/organisation/server.ts` (sources from the environment).
import { runSubgraphFromEnv } from '../shared/subgraph.js';
import { startHierarchy } from './hierarchy.js';
import { buildOrganisationSchema } from './schema.js';

await runSubgraphFromEnv('organisation', buildOrganisationSchema, { background: startHierarchy });
