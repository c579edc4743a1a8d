// One log line per HTTP request: who (subject, client), what (operation), status, how long, which
// error codes. Never variables or results: they can hold personal data. The node:http layer (http.ts)
// writes the line once the response is sent, so refusals Apollo's plugins never see (401 from the
// context function, 400 for a body that is not JSON, 413, 404) get theirs too; this plugin adds what
// only the GraphQL pipeline knows.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Principal } from './auth/principal.js';
import type { Logger } from './logging.js';

/** What the GraphQL pipeline learnt about the request the http layer is serving. */
export interface RequestRecord {
  operationName?: string | null;
  principal?: Principal;
  errors?: string[];
}

export interface RequestLogOptions {
  logger: Logger;
  level: 'info' | 'debug';
}

const current = new AsyncLocalStorage<RequestRecord>();

/** Runs `fn` (the GraphQL execution of one request) with `record` for the plugin to fill in. */
export function withRequestRecord<T>(record: RequestRecord, fn: () => T): T {
  return current.run(record, fn);
}

export interface RequestLine {
  requestId: string;
  method?: string;
  path: string;
  status: number;
  durationMs: number;
  record: RequestRecord;
  /** Codes of a refusal answered outside the GraphQL pipeline. */
  errors?: string[];
}

export function logRequest({ logger, level }: RequestLogOptions, line: RequestLine): void {
  if (!logger.isLevelEnabled(level)) return;
  const p = line.record.principal;
  logger[level](
    {
      requestId: line.requestId,
      method: line.method,
      path: line.path,
      operationName: line.record.operationName ?? null,
      subject: p?.subject,
      clientId: p?.clientId,
      clientKind: p?.clientKind,
      status: line.status,
      durationMs: line.durationMs,
      errors: line.record.errors ?? line.errors,
    },
    'graphql request',
  );
}

export function requestLogPlugin(logger: Logger, level: 'info' | 'debug'): ApolloServerPlugin<{ requestId?: string; principal?: Principal }> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const record: RequestRecord = {
            operationName: operationName ?? null,
            principal: contextValue?.principal,
            errors: body?.errors?.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')),
          };
          const served = current.getStore();
          if (served) {
            Object.assign(served, record);
            return;
          }
          // Executed without our http layer (executeOperation): the line is written here.
          logRequest(
            { logger, level },
            { requestId: contextValue?.requestId ?? '', path: '', status: response.http.status ?? 200, durationMs: Math.round((performance.now() - started) * 10) / 10, record },
          );
        },
      };
    },
  };
}
