// The real Redis and PostgreSQL the machine and CI run. Tests of the paths that use them talk to the
// real services; only where the service is absent outside CI are they skipped, with a message.
import net from 'node:net';

export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
export const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || defaultPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * True when the service answers. Absent outside CI: false, with a message saying what was skipped.
 * Absent under CI=true: throws, because CI promises the service and a skip would hide a gap.
 */
export async function serviceAvailable(name: 'redis' | 'postgres', what: string): Promise<boolean> {
  const url = name === 'redis' ? REDIS_URL : DATABASE_URL;
  if (await reachable(url, name === 'redis' ? 6379 : 5432)) return true;
  const message = `${name} at ${url.replace(/\/\/[^@]*@/, '//')} does not answer`;
  if (process.env.CI) throw new Error(`${message}; CI must run it (${what})`);
  console.warn(`[skipped] ${what}: ${message} (set ${name === 'redis' ? 'REDIS_URL' : 'DATABASE_URL'} or start it)`);
  return false;
}
