// Runs the payroll subgraph alone: `npx tsx subgraphs/payroll/server.ts` (sources from the environment).
import { runSubgraphFromEnv } from '../shared/subgraph.js';
import { buildPayrollSchema } from './schema.js';

await runSubgraphFromEnv('payroll', buildPayrollSchema);
