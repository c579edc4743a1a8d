// Starts the whole graph on free ports for a test file, with a generated municipality fixed in time,
// so expectations can be computed from the same data the simulators serve.
import { generateMunicipality } from '../../sources/sample/generate.js';
import type { Municipality } from '../../sources/model.js';
import { startStack, type Stack, type StackOptions } from '../../gateway/stack.js';
import { silentLogger } from '../../platform/logging.js';

const cache = new Map<string, Municipality>();

export function sampleMunicipality(employees: number, seed = 7): Municipality {
  const key = `${employees}:${seed}`;
  if (!cache.has(key)) cache.set(key, generateMunicipality({ employees, seed, today: '2026-11-01' }));
  // Simulators mutate their data on writes; give each stack its own copy.
  return structuredClone(cache.get(key)!);
}

export async function testStack(options: StackOptions & { employees?: number } = {}): Promise<Stack> {
  return startStack({ municipality: sampleMunicipality(options.employees ?? 300), logger: silentLogger, ...options });
}
