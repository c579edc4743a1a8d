// Writes each request's audit trail before its response leaves the subgraph. When the log cannot be
// written, the response carries no data: personal data is never handed out unaudited.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../logging.js';
import { ErrorCode } from '../errors.js';
import type { AuditTrail } from './trail.js';

/** The gateway names subgraph operations `<client operation>__<subgraph>__<n>`; the log wants the client's name. */
export function clientOperationName(name: string | null | undefined): string | null {
  if (!name) return null;
  return name.replace(/__[a-z0-9_]+__\d+$/i, '') || null;
}

export function auditPlugin(logger: Logger): ApolloServerPlugin<{ audit: AuditTrail; requestId?: string }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName }) {
          contextValue.audit.operationName = clientOperationName(operationName);
        },
        async willSendResponse({ contextValue, response }) {
          if (!contextValue.audit?.pendingReads) return;
          try {
            await contextValue.audit.flush();
          } catch (error) {
            logger.error({ err: error, requestId: contextValue.requestId }, 'audit log write failed; response withheld');
            response.body = {
              kind: 'single',
              singleResult: {
                data: null,
                errors: [{ message: 'The audit log cannot be written, so personal data is withheld', extensions: { code: ErrorCode.AUDIT_UNAVAILABLE } }],
              },
            };
          }
        },
      };
    },
  };
}
