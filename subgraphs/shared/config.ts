// Settings of the subgraphs alone. Every variable is listed in the README's table.
import { intFromEnv, type Env } from '../../platform/env.js';

export function batchingFromEnv(env: Env = process.env): boolean {
  return env.DATALOADER_BATCHING !== 'off';
}

export const STATISTICS_MIN_PERSONS = 'STATISTICS_MIN_PERSONS';

/**
 * The fewest persons a released statistics cell may count (docs/statistics.md, "Suppression"). At
 * least 2: a cell of one person is that person's data.
 */
export function statisticsMinPersonsFromEnv(env: Env = process.env): number {
  return intFromEnv(env, STATISTICS_MIN_PERSONS, 5, 2, 1_000_000);
}

export const SUBGRAPH_COMPILE_AFTER = 'SUBGRAPH_COMPILE_AFTER';

/**
 * How often a document runs on graphql-js before graphql-jit compiles it (compiledExecution.ts):
 * default 1, 0 compiles at first sight, `off` never compiles.
 */
export function compileAfterFromEnv(env: Env = process.env): number | 'off' {
  if (env[SUBGRAPH_COMPILE_AFTER] === 'off') return 'off';
  return intFromEnv(env, SUBGRAPH_COMPILE_AFTER, 1, 0, 1_000_000);
}
