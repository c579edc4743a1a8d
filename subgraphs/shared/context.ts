// What every resolver receives. Loaders are created here, once per request, never at module level.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createLoaders, type Loaders, type LoaderOptions } from './loaders.js';
import type { Sources } from './sources.js';

export interface SubgraphContext {
  requestId: string;
  sources: Sources;
  loaders: Loaders;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export function contextFactory(sources: Sources, options: LoaderOptions) {
  return async ({ req }: { req: IncomingMessage }): Promise<SubgraphContext> => ({
    requestId: requestIdOf(req),
    sources,
    loaders: createLoaders(sources, options),
  });
}
