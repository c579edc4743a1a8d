// Memory and CPU time of a process, read from /proc (Linux): what the kernel counts, whatever runtime
// the process has, so our gateway and Hive Gateway are measured the same way.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcStats {
  /** Resident set size now. */
  rssBytes: number;
  /** Peak resident set size since the process started (VmHWM). */
  peakRssBytes: number;
  /** User plus system CPU time since the process started. */
  cpuMs: number;
  /** Of that, system (kernel) time: system calls, such as the loopback TCP stack's work on a socket write. */
  systemCpuMs: number;
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function statusKb(status: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!m) throw new Error(`/proc status has no ${field}`);
  return Number(m[1]) * 1024;
}

export function procStats(pid: number): ProcStats {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name and state.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return {
    rssBytes: statusKb(status, 'VmRSS'),
    peakRssBytes: statusKb(status, 'VmHWM'),
    cpuMs: (ticks * 1000) / clockTicks(),
    systemCpuMs: (Number(fields[12]) * 1000) / clockTicks(),
  };
}

/**
 * CPU nanoseconds a process has run so far, from /proc/<pid>/task/<tid>/schedstat (no 10 ms ticks): its
 * main thread, and all its other threads together (V8's compilers and GC helpers, libuv's pool).
 */
export function threadCpuNs(pid: number): { main: number; helpers: number } {
  let main = 0;
  let helpers = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      if (tid === String(pid)) main += ns;
      else helpers += ns;
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return { main, helpers };
}

/** CPU milliseconds each process spent while `work` ran, and of those the kernel's (system time). */
export async function cpuDuring<T>(pids: Record<string, number>, work: () => Promise<T>): Promise<{ result: T; cpuMs: Record<string, number>; systemCpuMs: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, procStats(pid)]));
  const result = await work();
  const after = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, procStats(pid)]));
  const delta = (field: 'cpuMs' | 'systemCpuMs') => Object.fromEntries(Object.keys(pids).map((name) => [name, after[name][field] - before[name][field]]));
  return { result, cpuMs: delta('cpuMs'), systemCpuMs: delta('systemCpuMs') };
}

export const MiB = 1024 * 1024;
