// What every resolver receives. Loaders and the audit trail are created here, once per request, never
// at module level; the principal comes from the bearer token this subgraph verified itself.
import type { IncomingMessage } from 'node:http';
import type { Principal } from '../../platform/auth/principal.js';
import type { TokenVerifier } from '../../platform/auth/verifier.js';
import type { AuditSink } from '../../platform/audit/record.js';
import { AuditTrail } from '../../platform/audit/trail.js';
import { requestIdOf } from '../../platform/http.js';
import type { Idempotency } from './idempotency/idempotency.js';
import type { Logger } from '../../platform/logging.js';
import { createLoaders, type Loaders, type LoaderOptions } from './loaders.js';
import type { OperationFields } from './operationFields.js';
import type { Sources } from './sources.js';

export interface SubgraphContext {
  requestId: string;
  /** The fields the request's operation selects, once Apollo Server has resolved it (operationFields.ts). */
  operation: OperationFields;
  principal: Principal;
  sources: Sources;
  loaders: Loaders;
  audit: AuditTrail;
  /** For mutations: at most one application per idempotency key (records shared by replicas in PostgreSQL or Redis). */
  idempotency: Idempotency;
}


export interface ContextDeps {
  subgraph: string;
  sources: Sources;
  loaderOptions: LoaderOptions;
  verifier: TokenVerifier;
  auditSink: AuditSink;
  idempotency: Idempotency;
  logger: Logger;
}

export function contextFactory(deps: ContextDeps) {
  return async ({ req }: { req: IncomingMessage }): Promise<SubgraphContext> => {
    // Throws 401 before anything is read: a subgraph answers nobody it cannot identify.
    const principal = await deps.verifier.verify(req.headers.authorization);
    const requestId = requestIdOf(req);
    const operation: OperationFields = {};
    return {
      requestId,
      operation,
      principal,
      sources: deps.sources,
      loaders: createLoaders(deps.sources, deps.loaderOptions, operation),
      audit: new AuditTrail(deps.auditSink, { requestId, subgraph: deps.subgraph, principal, logger: deps.logger }),
      idempotency: deps.idempotency,
    };
  };
}
