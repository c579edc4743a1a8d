// Child process entry (started by simulators.ts): generates the sample municipality, serves it from
// the Opus and FK ORG simulators at a fixed latency per call, and reports over IPC.
import { startEmbeddedSources } from '../../sources/embedded.js';
import { generateMunicipality } from '../../sources/sample/generate.js';
import { chooseWorkload } from '../workload.js';
import type { SimulatorCalls, SimulatorsConfig, SimulatorsMessage } from './simulators.js';
import { monotonicMs } from './clock.js';

const send = (message: SimulatorsMessage) => process.send!(message);
const config = JSON.parse(process.env.BENCH_SIMULATORS ?? '') as SimulatorsConfig;

const started = performance.now();
const municipality = generateMunicipality({ employees: config.employees, seed: config.seed, today: config.today });
const generatedMs = performance.now() - started;
const workload = chooseWorkload(municipality, config.nominals, config.seed);
const sources = await startEmbeddedSources({
  municipality,
  latencyMs: config.latencyMs,
  // They stand for remote sources: what they spend on an answer is not ours, so they spend little.
  wireCache: true,
  fkorgFaults: config.hierarchyPageLatencyMs ? { 'organisationsystem.fremsoegobjekthierarki': { latencyMs: config.hierarchyPageLatencyMs } } : undefined,
});

function takeCalls(): SimulatorCalls {
  const calls: Record<string, number> = {};
  const keys: Record<string, number> = {};
  const timeline: SimulatorCalls['timeline'] = [];
  // performance.now() is per process; on the machine's monotonic clock the bench can put the calls beside its requests.
  const onClock = (t: number | undefined) => (t === undefined ? null : monotonicMs(t));
  const add = (key: string, size: number, arrivedAt: number, answeredAt: number | undefined) => {
    calls[key] = (calls[key] ?? 0) + 1;
    keys[key] = (keys[key] ?? 0) + size;
    timeline.push({ key, arrivedAt: onClock(arrivedAt)!, answeredAt: onClock(answeredAt) });
  };
  for (const c of sources.opus.calls) add(c.areas ? `${c.endpoint} [${c.areas.join('+')}]` : c.endpoint, c.batchSize, c.arrivedAt, c.answeredAt);
  for (const c of sources.fkorg.calls) add(`${c.service}.${c.operation}`, c.size, c.arrivedAt, c.answeredAt);
  sources.opus.resetCalls();
  sources.fkorg.resetCalls();
  return { calls, keys, timeline };
}

process.on('message', (m: { type: string }) => {
  if (m.type === 'takeCalls') send({ type: 'calls', calls: takeCalls() });
});
// The parent going away (or stopping us) ends the simulators.
const stop = async () => {
  await sources.close();
  process.exit(0);
};
process.once('disconnect', stop);
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

send({
  type: 'ready',
  opusUrl: sources.config.opus.baseUrl,
  fkorgUrl: sources.config.org.baseUrl,
  kommunekode: sources.config.opus.kommunekode,
  opusMaxBatch: sources.config.opus.maxBatchSize,
  fkorgMaxBatch: sources.config.org.maxBatchSize,
  generatedMs,
  workload,
});
