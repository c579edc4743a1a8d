// The Opus and FK ORG simulators in a process of their own (simulatorsMain.ts), so their CPU time and
// memory are not charged to any gateway or subgraph. The child generates the municipality itself and
// sends back only what the benchmark needs: the URLs and the workload chosen from the data.
import type { Child } from './child.js';
import { baseEnv, childError, spawnTs } from './child.js';
import type { Workload } from '../workload.js';

export interface SimulatorsConfig {
  employees: number;
  seed: number;
  today: string;
  latencyMs: number;
  nominals: number[];
  /** Extra latency of FK ORG's fremsoegobjekthierarki per page, on top of `latencyMs`. */
  hierarchyPageLatencyMs?: number;
}

/** Calls the simulators received, by `endpoint [areas]` or `service.operation`. */
export interface SimulatorCalls {
  calls: Record<string, number>;
  keys: Record<string, number>;
  /** Each call by the same key, when it arrived and when its answer went out (ms on the machine's monotonic clock, bench/deploy/clock.ts; null: not answered). */
  timeline: Array<{ key: string; arrivedAt: number; answeredAt: number | null }>;
}

export type SimulatorsMessage =
  | { type: 'ready'; opusUrl: string; fkorgUrl: string; kommunekode: string; opusMaxBatch: number; fkorgMaxBatch: number; generatedMs: number; workload: Workload }
  | { type: 'calls'; calls: SimulatorCalls };

export interface SimulatorsProcess {
  child: Child;
  ready: Extract<SimulatorsMessage, { type: 'ready' }>;
  /** Calls since the last reset, then resets the simulators' call logs. */
  takeCalls(): Promise<SimulatorCalls>;
}

const ENTRY = 'bench/deploy/simulatorsMain.ts';

/** `nodeArgs`: options for node, e.g. --cpu-prof. */
export async function startSimulators(config: SimulatorsConfig, timeoutMs = 120_000, nodeArgs: string[] = []): Promise<SimulatorsProcess> {
  const child = spawnTs(ENTRY, {
    name: 'simulators',
    ipc: true,
    nodeArgs,
    env: { ...baseEnv(), NODE_ENV: 'production', BENCH_SIMULATORS: JSON.stringify(config) },
  });
  const ready = await new Promise<Extract<SimulatorsMessage, { type: 'ready' }>>((resolve, reject) => {
    const timer = setTimeout(() => {
      void child.stop();
      reject(childError(child, `not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    child.process.on('message', (m: SimulatorsMessage) => {
      if (m.type !== 'ready') return;
      clearTimeout(timer);
      resolve(m);
    });
    child.process.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(childError(child, `exited with ${code ?? signal}`));
    });
  });
  return {
    child,
    ready,
    takeCalls: () =>
      new Promise((resolve) => {
        child.process.once('message', (m: SimulatorsMessage) => {
          if (m.type === 'calls') resolve(m.calls);
        });
        child.process.send({ type: 'takeCalls' });
      }),
  };
}
