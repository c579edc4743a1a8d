// The live heap of a benchmark process: a full garbage collection through the process's own inspector
// (started with --inspect=127.0.0.1:0), then the heap in use. Without it a slice's lowest reading still
// holds whatever garbage the collector had not yet taken, which says more about V8's heuristics than
// about a leak. Chrome DevTools Protocol: HeapProfiler.collectGarbage, Runtime.getHeapUsage.
import type { Child } from './child.js';

/** Node's flag: the inspector on a free loopback port, announced on stderr. */
export const INSPECT_ARG = '--inspect=127.0.0.1:0';

const LISTENING = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+)/;

export function inspectorUrl(child: Child): string | undefined {
  return LISTENING.exec(child.head())?.[1];
}

/** Collects garbage in the process behind `url` and answers its heap in use, in bytes. */
export async function liveHeapBytes(url: string, timeoutMs = 30_000): Promise<number> {
  const socket = new WebSocket(url);
  const pending = new Map<number, (result: Record<string, unknown>) => void>();
  let nextId = 1;
  const failed = new Promise<never>((_, reject) => {
    socket.addEventListener('error', () => reject(new Error(`inspector at ${url} failed`)));
    setTimeout(() => reject(new Error(`inspector at ${url} did not answer within ${timeoutMs} ms`)), timeoutMs).unref();
  });
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: Record<string, unknown> };
    if (message.id !== undefined) pending.get(message.id)?.(message.result ?? {});
  });
  const call = (method: string) =>
    Promise.race([
      failed,
      new Promise<Record<string, unknown>>((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, method }));
      }),
    ]);
  try {
    await Promise.race([failed, new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }))]);
    // Twice: the first collection can leave objects whose finalizers ran during it.
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    return Number(usage.usedSize);
  } finally {
    socket.close();
  }
}
