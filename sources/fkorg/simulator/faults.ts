// Injected misbehaviour, so the client and the subgraphs can be tested against the ways FK ORG fails:
// slowness, refusals in StandardRetur, SOAP Faults, gateway errors, never answering, and answers that
// are not XML at all.

export interface FkOrgFault {
  /** Extra delay before answering, on top of the simulator's latency. */
  latencyMs?: number;
  /**
   * Share of calls (0-1) that misbehave as configured below; 1 when not given. Given alone (nothing
   * else below set), the misbehaviour is a SOAP Fault.
   */
  errorRate?: number;
  /** Answer HTTP 200 with this StandardRetur.StatusKode (e.g. 49, 50, 40). */
  status?: number | string;
  /** Never answer; the connection stays open until the client gives up or the simulator closes. */
  timeout?: boolean;
  /** Answer HTTP 500 with a SOAP 1.2 Fault (Receiver). */
  soapFault?: boolean;
  /** Answer with this HTTP status and no SOAP body (e.g. 503 from a load balancer). */
  httpStatus?: number;
  /** Answer HTTP 200 with a body that is not well-formed XML. */
  malformed?: boolean;
  /** Drop the connection without answering (as a load balancer closing an idle socket). */
  reset?: boolean;
  /** Misbehave on this many of the calls the fault applies to, then behave again. Unlimited when not given. */
  times?: number;
}

export type FaultAction =
  | { kind: 'timeout' }
  | { kind: 'malformed' }
  | { kind: 'reset' }
  | { kind: 'soapFault' }
  | { kind: 'http'; status: number }
  | { kind: 'status'; status: string }
  | null;

/** What one call should suffer under the fault, if anything beyond latency. */
export function faultAction(fault: FkOrgFault | undefined, random: () => number = Math.random): FaultAction {
  if (!fault) return null;
  const configured = fault.timeout || fault.malformed || fault.reset || fault.soapFault || fault.httpStatus !== undefined || fault.status !== undefined;
  if (!configured && fault.errorRate === undefined) return null;
  if (random() >= (fault.errorRate ?? 1)) return null;
  if (fault.timeout) return { kind: 'timeout' };
  if (fault.malformed) return { kind: 'malformed' };
  if (fault.reset) return { kind: 'reset' };
  if (fault.httpStatus !== undefined) return { kind: 'http', status: fault.httpStatus };
  if (fault.status !== undefined) return { kind: 'status', status: String(fault.status) };
  return { kind: 'soapFault' };
}

export const MALFORMED_BODY = '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><ListOutput>';
