// A promise that failed with nobody waiting on it ends a Node.js process by default, and with it every
// request in flight on that process. The servers log it as an error and keep serving: the request it
// belonged to, if any, runs into its deadline (the gateway's subgraph timeout) and gets a clear error.
import type { Logger } from './logging.js';

let installed = false;

/** Once per process: an unhandled rejection is logged at error level, and the process keeps serving. */
export function logUnhandledRejections(logger: Logger): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'a promise failed with nobody waiting on it; the process keeps serving');
  });
}
