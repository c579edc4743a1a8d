// Runs the employee subgraph alone: `npx tsx subgraphs/employee/server.ts` (sources from the environment).
import { runSubgraphFromEnv } from '../shared/subgraph.js';
import { startEmployeeBackground } from './background.js';
import { buildEmployeeSchema } from './schema.js';

await runSubgraphFromEnv('employee', buildEmployeeSchema, { background: startEmployeeBackground });
