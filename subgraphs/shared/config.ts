// Settings of the subgraphs alone. Every variable is listed in the README's table.
import type { Env } from '../../platform/env.js';

export function batchingFromEnv(env: Env = process.env): boolean {
  return env.DATALOADER_BATCHING !== 'off';
}
