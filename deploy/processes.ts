// Every process the container image runs, chosen by the container's first argument (deploy/run.ts).
// compose.yaml, docs/deployment.md and the README's "Deployment" list name the same processes
// (test/deployment/consistency.test.ts holds them to it).
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PORTS } from '../platform/topology.js';

export interface ProcessSpec {
  description: string;
  /** Modules run one after another in this one process, relative to the repository root. */
  modules: string[];
  /** A server: the variable naming its port, its default, and the paths it answers health on. */
  http?: { portVariable: string; defaultPort: number; health: string; ready: string };
  /**
   * `server` (answers HTTP), `worker` (runs until stopped), `job` (exits 0 once every module has
   * finished: migrations) or `tool` (a command run beside another process, `docker compose exec`).
   */
  kind: 'server' | 'worker' | 'job' | 'tool';
  /** Development only (the sample municipality, its token issuer): refused when NODE_ENV=production. */
  development?: boolean;
  /**
   * Options Node must start with (its heap is sized before any module runs): compose.yaml gives them
   * as the service's NODE_OPTIONS, and the benchmark starts the process with them too.
   */
  nodeOptions?: string[];
}

const packageScripts = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The module an npm script runs (`tsx <module>`): package.json stays the one place that names it. */
export function scriptModule(script: string): string {
  const match = /^tsx (\S+\.ts)$/.exec(packageScripts[script] ?? '');
  if (!match) throw new Error(`package.json script "${script}" is not "tsx <module>.ts"`);
  return match[1];
}

const server = (portVariable: string, defaultPort: number) => ({ portVariable, defaultPort, health: '/health', ready: '/ready' });
const subgraph = (name: keyof typeof DEFAULT_PORTS, description: string, nodeOptions?: string[]): ProcessSpec => ({
  kind: 'server',
  description,
  modules: [`subgraphs/${name}/server.ts`],
  http: server(`${name.toUpperCase()}_PORT`, DEFAULT_PORTS[name]),
  ...(nodeOptions ? { nodeOptions } : {}),
});

export const PROCESSES: Record<string, ProcessSpec> = {
  // The gateway holds some 50 requests in flight under load, each alive across its subgraph fetches:
  // 64 MiB semi-spaces let more of them die young between scavenges. Its CPU per request was lower in
  // 14 of 22 paired rounds of the frontend mix (7 higher, 1 equal), by a median of 0.06 ms, about 4 %
  // (docs/benchmarks.md, "Warm-up, one POST and the gateway's young generation").
  gateway: { kind: 'server', description: 'the gateway and explorer (PORT, 4000)', modules: ['gateway/main.ts'], http: server('PORT', 4000), nodeOptions: ['--max-semi-space-size=64'] },
  employee: subgraph('employee', 'the employee subgraph (EMPLOYEE_PORT, 4001)'),
  // Node 24 lets the young generation grow to 2 × 32 MiB; reading a whole FK ORG hierarchy fills it
  // with short-lived page objects, and at 100,000 employments 16 MiB semi-spaces (Node 20's size)
  // kept the peak RSS some 130 MiB lower at the same load time (docs/benchmarks.md, "Scale").
  organisation: subgraph('organisation', 'the organisation subgraph (ORGANISATION_PORT, 4002)', ['--max-semi-space-size=16']),
  absence: subgraph('absence', 'the absence subgraph (ABSENCE_PORT, 4003)'),
  payroll: subgraph('payroll', 'the payroll subgraph (PAYROLL_PORT, 4004)'),
  migrate: {
    kind: 'job',
    description: 'creates the idempotency, audit and extract store tables and the services\' login role, then exits (run before the services)',
    modules: [scriptModule('idempotency:migrate'), scriptModule('audit:migrate'), scriptModule('extract:migrate'), 'deploy/serviceRoleCommand.ts'],
  },
  'extract-watch': { kind: 'worker', description: 'ingests Opus extract files as they arrive in EXTRACT_DIR', modules: [scriptModule('extract:watch')] },
  'changes-webhooks': { kind: 'worker', description: 'delivers the change feed to its webhook subscribers', modules: [scriptModule('changes:webhooks')] },
  sample: {
    kind: 'server',
    description: 'development stand-ins: the Opus and FK ORG simulators on the sample municipality and a development token issuer',
    modules: ['deploy/sample.ts'],
    // The issuer's discovery document says the process is up; the simulators listen before it.
    http: { portVariable: 'DEV_ISSUER_PORT', defaultPort: 4100, health: '/.well-known/openid-configuration', ready: '/.well-known/openid-configuration' },
    development: true,
  },
  token: { kind: 'tool', description: 'prints a token from the sample issuer (`token --scopes all`)', modules: [scriptModule('token')], development: true },
};

/** Written by run.ts at start, read by deploy/healthcheck.mjs (which names the same file): the process's health and readiness URLs, null for a worker or job. */
export const HEALTH_FILE = join(tmpdir(), 'kommunegraf-health.json');

/** Where a process answers, as seen from inside its container. */
export function healthUrls(spec: ProcessSpec, env: Record<string, string | undefined>): { health: string; ready: string } | undefined {
  if (!spec.http) return undefined;
  const port = env[spec.http.portVariable] || String(spec.http.defaultPort);
  // A process listening on every interface answers on loopback; one bound to a name, on that name.
  const host = !env.HOST || env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return { health: base + spec.http.health, ready: base + spec.http.ready };
}
