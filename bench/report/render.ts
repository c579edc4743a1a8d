// The run's tables, as plain text for the terminal and as Markdown for the README.
import { OUR_GATEWAY, TARGET_THROUGHPUT_PEER, TARGET_THROUGHPUT_RATIO, type BenchResults } from './results.js';
import { describeBound, throughputBound } from './throughputBound.js';
import type { SubtreeResult } from '../scenarios/subtree.js';

export interface Section {
  title: string;
  header: string[];
  rows: string[][];
  notes?: string[];
}

const fmt = (n: number) => n.toLocaleString('en-US');
/** What a timing cell says when the requests it would time failed. */
export const FAILED_CELL = 'FAIL (errors)';
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)} x`;

function stepCell(s: SubtreeResult, subgraph: string, operation: string): string {
  const step = s.steps.find((x) => x.subgraph === subgraph && x.operation === operation);
  if (!step) return '-';
  return step.floor === null ? String(step.calls) : `${step.calls}/${step.floor}`;
}

function subtreeSection(r: BenchResults): Section | undefined {
  if (!r.subtree?.length) return undefined;
  return {
    title: `Batching: source calls per plan step (calls/floor, floor = ceil(N / max batch)) and latency at ${r.settings.latencyMs} ms per source call`,
    header: ['N', 'units (pages)', 'organisation FK ORG list', 'employee list-employees', 'employee read-employee-data', 'absence read', 'payroll read', 'calls/floor', 'p50 ms', 'floor ms', 'p50/floor'],
    rows: r.subtree.map((s) => [
      fmt(s.employments),
      `${fmt(s.pages.reduce((a, p) => a + p.units, 0))} (${s.pages.length})`,
      stepCell(s, 'organisation', 'fkorg organisationenhed.list'),
      stepCell(s, 'employee', 'opus list-employees'),
      stepCell(s, 'employee', 'opus read-employee-data'),
      stepCell(s, 'absence', 'opus read-employee-data'),
      stepCell(s, 'payroll', 'opus read-employee-data'),
      `${fmt(s.callsPerRun)}/${fmt(s.floorPerRun)}`,
      s.errors.length ? FAILED_CELL : String(s.latencyMs.p50),
      String(s.latencyFloorMs),
      s.errors.length ? '-' : ratio(s.latencyMs.p50, s.latencyFloorMs),
    ]),
    notes: r.subtree.flatMap((s) => {
      const cpu = Object.entries(s.cpuMs)
        .map(([p, ms]) => `${p} ${Math.round(ms)}`)
        .join(', ');
      const extra = s.steps.filter((x) => x.floor === null).map((x) => `${x.subgraph} ${x.operation} ${x.calls}`);
      // Older result files have no phases.
      const phases = (s.phases ?? []).map((p) => `${p.source} ${fmt(p.calls)}x ${p.firstArrivalMs}-${p.lastAnswerMs}`).join(', ');
      return [
        `N = ${fmt(s.employments)} (${s.subtree.name}): CPU ms per query: ${cpu}` + (extra.length ? `; cache refreshes during the runs: ${extra.join(', ')}` : '') + (s.stableCalls ? '' : '; calls differed between runs'),
        ...(phases ? [`source calls, ms after the request (first arrival-last answer, medians): ${phases}; answer ${s.latencyMs.p50}`] : []),
      ];
    }),
  };
}

function naiveSection(r: BenchResults): Section | undefined {
  if (!r.naive?.length) return undefined;
  return {
    title: 'Naive baseline: the same queries with DataLoader batching off (DATALOADER_BATCHING=off)',
    header: ['N', 'source calls', 'batched', 'calls x', 'p50 ms', 'batched p50 ms', 'latency x'],
    rows: r.naive.map((n) => {
      const b = r.subtree?.find((s) => s.subtree.unitId === n.subtree.unitId);
      return [
        fmt(n.employments),
        fmt(n.callsPerRun),
        b ? fmt(b.callsPerRun) : '-',
        b ? (n.callsPerRun / b.callsPerRun).toFixed(1) : '-',
        n.errors.length ? FAILED_CELL : String(n.latencyMs.p50),
        b ? (b.errors.length ? FAILED_CELL : String(b.latencyMs.p50)) : '-',
        b && !n.errors.length && !b.errors.length ? (n.latencyMs.p50 / b.latencyMs.p50).toFixed(1) : '-',
      ];
    }),
  };
}

/** The machine's spell: bench/calibration.ts's fixed work, timed before the stack started and after it stopped. */
function calibrationText(r: BenchResults): string {
  const c = r.machine.calibrationMs;
  return c ? `, calibration ${c.start} -> ${c.end} ms (the same fixed work on every run: higher is a slower spell)` : '';
}

function boundNotes(r: BenchResults): string[] {
  const ours = r.throughput?.find((g) => g.name === OUR_GATEWAY);
  const peer = r.throughput?.find((g) => g.name === TARGET_THROUGHPUT_PEER);
  if (!ours || !peer || ours.failed || peer.failed) return [];
  return [describeBound(throughputBound(ours, peer, TARGET_THROUGHPUT_RATIO), peer.name)];
}

/** How often our gateway's early entity fetches were used; results written before they were counted have none. */
function earlyFetchNotes(r: BenchResults): string[] {
  const e = r.throughput?.find((g) => g.name === OUR_GATEWAY)?.earlyFetchesPerRequest;
  if (!e) return [];
  return [
    `${OUR_GATEWAY}: entity fetches sent early and used, per request: ${e.predictedUsed} from the arguments, ${e.rememberedUsed} with what the same query sent before (the mix's 5,000 bodies repeat from the start each round); dropped ${e.dropped}`,
  ];
}

function throughputSection(r: BenchResults): Section | undefined {
  if (!r.throughput?.length) return undefined;
  const t = r.settings.throughput;
  return {
    title: `Throughput: frontend mix, ${t.connections} connections, ${t.rounds} rounds of ${t.durationSec} s per gateway, alternating; medians`,
    notes: ['others: the simulators and the load generator, which share the 2 cores with the gateway and the subgraphs', ...earlyFetchNotes(r), ...boundNotes(r)],
    header: ['gateway', 'RPS', 'p50 ms', 'p99 ms', 'gateway CPU ms/req', 'subgraphs CPU ms/req', 'others CPU ms/req', 'subgraph fetches/req', 'source calls/req', 'RPS per round', 'failed'],
    rows: r.throughput.map((g) => [
      g.name,
      g.failed ? FAILED_CELL : String(g.rps),
      g.failed ? FAILED_CELL : String(g.p50Ms),
      g.failed ? FAILED_CELL : String(g.p99Ms),
      String(g.gatewayCpuMsPerRequest),
      String(g.subgraphsCpuMsPerRequest),
      String(g.othersCpuMsPerRequest),
      String(g.subgraphFetchesPerRequest),
      // Results written before the column was added do not have it.
      g.sourceCallsPerRequest === undefined ? '-' : String(g.sourceCallsPerRequest),
      g.rounds.map((x) => x.rps).join(', '),
      String(g.failed),
    ]),
  };
}

function scaleSection(r: BenchResults): Section | undefined {
  if (!r.scale && !r.startup) return undefined;
  const names = Object.keys(r.startup?.processes ?? r.scale?.peakRssMiB ?? {});
  const memory = r.scale?.memory;
  return {
    title: `Scale: ${fmt(r.settings.employees)} employments (${fmt(r.startup?.units ?? 0)} units); memory under ${fmt(memory?.requests ?? 0)} requests of the mix`,
    header: ['process', 'startup s', 'peak RSS MiB', 'RSS MiB after warm-up -> end', 'live heap MiB after each slice (full GC)'],
    rows: names.map((name) => {
      const p = memory?.processes.find((x) => x.name === name);
      const first = p?.samples[0];
      const last = p?.samples[p.samples.length - 1];
      return [
        name,
        r.startup ? (r.startup.processes[name] / 1000).toFixed(1) : '-',
        r.scale ? fmt(r.scale.peakRssMiB[name]) : '-',
        first && last ? `${first.rssMiB} -> ${last.rssMiB}` : '-',
        p ? p.samples.slice(1).map((x) => x.heapUsedMiB).join(', ') : '-',
      ];
    }),
    notes: r.startup
      ? [
          `first request after the gateway said ready: ${Math.round(r.startup.firstRequestMs)} ms (startup s counts until each subgraph's /ready said 200: the organisation's includes its first FK ORG hierarchy load); the simulators (no target) generated the municipality in ${(r.startup.simulatorsGenerateMs / 1000).toFixed(1)} s` +
            (r.scale ? ` and peaked at ${fmt(r.scale.peakRssMiB.simulators)} MiB` : ''),
        ]
      : [],
  };
}

function extractSection(r: BenchResults): Section | undefined {
  const x = r.extract;
  if (!x) return undefined;
  return {
    title: `Opus extract store (PostgreSQL): a ${fmt(x.employments)}-employee extract ingested, the next day's with ${x.settings.changeShare * 100} % of the employments changed, and the change feed read ${x.settings.pageSize} events a page through the gateway`,
    header: ['ingest s', 'ingest peak RSS MiB', 'next day s', 'next day peak RSS MiB', 'changed', 'events of the next day', 'feed pages read', 'page p50 ms', 'page p99 ms'],
    rows: [[x.ingestSec, x.ingestPeakRssMiB, x.diffSec, x.diffPeakRssMiB, fmt(x.changed), fmt(x.diffEvents), x.pages, x.pageP50Ms, x.pageP99Ms].map(String)],
  };
}

function statisticsSection(r: BenchResults): Section | undefined {
  const st = r.statistics;
  if (!st) return undefined;
  const failed = st.errors.length > 0 || st.headcount === null;
  const ms = (v: number) => (failed ? FAILED_CELL : String(v));
  return {
    title: `Workforce statistics: the municipality-wide MunicipalityWorkforce query at ${fmt(st.employments)} employments; cold: a period not asked before (every employment read from Opus), warm: the same period again`,
    header: ['employments', 'headcount answered', 'cold runs', 'cold p50 ms', 'cold p95 ms', 'warm runs', 'warm p50 ms', 'warm p95 ms'],
    rows: [[fmt(st.employments), st.headcount === null ? '-' : fmt(st.headcount), String(st.settings.cold), ms(st.coldMs.p50), ms(st.coldMs.p95), String(st.settings.warm), ms(st.warmMs.p50), ms(st.warmMs.p95)]],
    notes: failed ? [`first error: ${st.errors[0] ?? 'no headcount in the answer'}`] : [],
  };
}

function hierarchySection(r: BenchResults): Section | undefined {
  const h = r.hierarchy;
  if (!h) return undefined;
  const s = h.settings;
  return {
    title: `Hierarchy: ${fmt(h.employments)} employments (${fmt(h.units)} units), FK ORG ${s.pageLatencyMs} ms per hierarchy page, TTL ${s.ttlSeconds} s; ${s.connections} connections for ${s.durationSec} s of unit tree, managers and staff queries while it refreshes`,
    header: ['time to ready s', 'hierarchy pages until ready', 'pages during load', 'refreshes done (failed)', 'queries sent', 'failed', 'p50 ms', 'p99 ms', 'organisation peak RSS MiB', 'heap MiB after first load -> most during refreshes'],
    rows: [
      [
        h.readySec.toFixed(1),
        fmt(h.pagesUntilReady),
        fmt(h.pagesDuringLoad),
        `${h.refreshes} (${h.failedLoads})`,
        fmt(h.sent),
        fmt(h.failed),
        h.failed ? FAILED_CELL : String(h.p50Ms),
        h.failed ? FAILED_CELL : String(h.p99Ms),
        fmt(h.organisationPeakRssMiB),
        `${h.heapAfterReadyMiB} -> ${h.heapPeakMiB}`,
      ],
    ],
  };
}

function failedScenariosSection(r: BenchResults): Section | undefined {
  if (!r.failedScenarios?.length) return undefined;
  return {
    title: 'Scenarios that failed before they had measured (no table of theirs above)',
    header: ['scenario', 'error'],
    rows: r.failedScenarios.map((f) => [f.scenario, f.error]),
  };
}

function checksSection(r: BenchResults): Section {
  return {
    title: 'Targets',
    header: ['', 'check', 'target', 'measured'],
    rows: r.checks.map((c) => [c.pass ? 'PASS' : 'FAIL', `${c.scenario}: ${c.name}`, c.target, c.measured]),
  };
}

function sections(r: BenchResults): Section[] {
  return [subtreeSection(r), naiveSection(r), throughputSection(r), scaleSection(r), hierarchySection(r), extractSection(r), statisticsSection(r), failedScenariosSection(r), checksSection(r)].filter((s): s is Section => s !== undefined);
}

export function textTable(s: Section): string {
  const all = [s.header, ...s.rows];
  const widths = s.header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => (cell ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [s.title, line(s.header), widths.map((w) => '-'.repeat(w)).join('  '), ...s.rows.map(line), ...(s.notes ?? []).map((n) => `  ${n}`)].join('\n');
}

function markdownTable(s: Section): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `**${s.title}**`,
    '',
    `| ${s.header.map(esc).join(' | ')} |`,
    `|${s.header.map(() => '---').join('|')}|`,
    ...s.rows.map((row) => `| ${row.map(esc).join(' | ')} |`),
    ...(s.notes?.length ? ['', ...s.notes.map((n) => `- ${n}`)] : []),
  ].join('\n');
}

export function renderText(r: BenchResults): string {
  const head = `kommunegraf benchmark (${r.mode}), ${r.startedAt}, ${r.wallSec} s; ${r.machine.cpus} CPUs ${r.machine.cpuModel}, Node ${r.machine.node}, load ${r.machine.loadStart} -> ${r.machine.loadEnd}${calibrationText(r)}`;
  return [head, ...sections(r).map(textTable)].join('\n\n');
}

export function renderMarkdown(r: BenchResults): string {
  const head = `Run of ${r.startedAt.slice(0, 10)} (\`${r.mode}\`, ${Math.round(r.wallSec)} s): ${r.machine.cpus} CPUs (${r.machine.cpuModel}), Node ${r.machine.node}, load average ${r.machine.loadStart} at the start and ${r.machine.loadEnd} at the end${calibrationText(r)}; from \`bench/results/latest.json\`.`;
  return [head, ...sections(r).map(markdownTable)].join('\n\n');
}
