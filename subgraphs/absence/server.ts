// Runs the absence subgraph alone: `npx tsx subgraphs/absence/server.ts` (sources from the environment).
import { runSubgraphFromEnv } from '../shared/subgraph.js';
import { startOpusOrgTree } from '../shared/opusOrgTree.js';
import { buildAbsenceSchema } from './schema.js';

await runSubgraphFromEnv('absence', buildAbsenceSchema, { background: startOpusOrgTree });
