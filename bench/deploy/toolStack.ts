// Our stack for the side tools (bench:tuning, bench:operations): the development issuer, the
// simulators, the subgraphs and the gateway, with a frontend token of every scope; all of it stopped
// when the tool's work ends, however it ends.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevIssuer } from '../../platform/auth/devIssuer.js';
import { ALL_SCOPES } from '../../platform/auth/scopes.js';
import { today } from '../../subgraphs/shared/dates.js';
import { startOurStack, type OurStack } from './ourStack.js';

export interface ToolStackOptions {
  /** Names the temporary audit directory. */
  name: string;
  employees: number;
  latencyMs: number;
  /** Options for node in the gateway and subgraph processes, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Subtree sizes the workload should pick units for (none by default). */
  nominals?: number[];
  /** Extra gateway environment, e.g. MAX_QUERY_COST for a large subtree page. */
  gatewayEnv?: Record<string, string>;
  /** Extra environment of every subgraph, e.g. OPUS_MAX_CONCURRENCY as the full benchmark sets it. */
  subgraphEnv?: Record<string, string>;
}

export async function withToolStack<T>(options: ToolStackOptions, work: (stack: OurStack, token: string) => Promise<T>): Promise<T> {
  const issuer = await startDevIssuer({});
  const auditDir = await mkdtemp(join(tmpdir(), `kommunegraf-${options.name}-`));
  try {
    const stack = await startOurStack({
      simulators: { employees: options.employees, seed: 1, today: today(), latencyMs: options.latencyMs, nominals: options.nominals ?? [] },
      issuerUrl: issuer.url,
      batching: true,
      auditDir,
      gatewayEnv: options.gatewayEnv ?? {},
      subgraphEnv: options.subgraphEnv,
      nodeArgs: options.nodeArgs,
    });
    try {
      return await work(stack, await issuer.token({ scopes: ALL_SCOPES, clientKind: 'frontend' }));
    } finally {
      await stack.close();
    }
  } finally {
    await issuer.close();
    await rm(auditDir, { recursive: true, force: true });
  }
}
