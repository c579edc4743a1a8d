// Child processes of the benchmark: every gateway, subgraph and the simulators run in a process of
// their own, so each one's memory and CPU time can be read apart and no gateway shares an event loop
// with the services it calls. Shared by our deployment and the Hive Gateway peer.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUTPUT_KEPT = 64 * 1024;
const HEAD_KEPT = 8 * 1024;
const STOP_GRACE_MS = 10_000;

export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** The last 64 KiB of its stdout and stderr together. */
  output(): string;
  /** The first 8 KiB of its stdout and stderr together (what it said at start: the inspector's URL). */
  head(): string;
  exited(): boolean;
  /** SIGTERM, SIGKILL after a grace period; resolves once it has exited. */
  stop(): Promise<void>;
}

// A child that outlives a crashed benchmark would hold its port and a core.
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess) {
  if (!exitHookInstalled) {
    process.once('exit', () => {
      for (const c of running) c.kill('SIGKILL');
    });
    exitHookInstalled = true;
  }
  running.add(child);
  child.once('exit', () => running.delete(child));
}

/**
 * Only what a process needs to run: an inherited REDIS_URL, OTEL_*, APOLLO_*, HIVE_*, PORT or
 * LOG_LEVEL would silently change what is measured.
 */
export function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) if (process.env[key] !== undefined) env[key] = process.env[key];
  return env;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface SpawnOptions {
  name: string;
  env: NodeJS.ProcessEnv;
  /** An IPC channel (process.send) besides stdout and stderr. */
  ipc?: boolean;
  /** Options for node itself, e.g. --cpu-prof. */
  nodeArgs?: string[];
}

/** Runs `node <args>` from the repository root. */
export function spawnNode(args: string[], options: SpawnOptions): Child {
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: options.env,
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  // Both pipes are always read: a full pipe would stall the process mid-benchmark (our gateway logs a
  // line per request at info).
  let output = '';
  let head = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
    if (head.length < HEAD_KEPT) head = (head + chunk.toString('utf8')).slice(0, HEAD_KEPT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.once('error', (error) => keep(Buffer.from(`\nspawn error: ${error.message}\n`)));
  return {
    name: options.name,
    pid: child.pid ?? -1,
    process: child,
    output: () => output,
    head: () => head,
    exited: () => hasExited(child),
    stop: async () => {
      if (hasExited(child)) return;
      const exited = waitForExit(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a TypeScript entry point of this repository in its own Node process (tsx as loader, no wrapper process). */
export function spawnTs(file: string, options: SpawnOptions): Child {
  return spawnNode([...(options.nodeArgs ?? []), '--import', 'tsx', file], options);
}

/** Polls `ready` until it holds; fails with the child's output when it exits or the time runs out. */
export async function waitUntil(child: Child, what: string, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exited()) throw childError(child, `exited with ${child.process.exitCode ?? child.process.signalCode} before ${what}`);
    if (await ready()) return;
    if (Date.now() > deadline) {
      await child.stop();
      throw childError(child, `no ${what} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function childError(child: Child, why: string): Error {
  return new Error(`${child.name} (pid ${child.pid}) did not start: ${why}\n--- its output ---\n${child.output().trim()}`);
}
