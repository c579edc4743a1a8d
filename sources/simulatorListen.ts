// Both simulators listen the same way: keep-alive longer than their clients' idle timeout, so a
// client always closes an idle socket first and never writes onto one the server is closing.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function listenSimulator(server: Server, port: number, host: string): Promise<{ url: string; port: number }> {
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 31_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: actual, address } = server.address() as AddressInfo;
  return { url: `http://${address.includes(':') ? `[${address}]` : address}:${actual}`, port: actual };
}
