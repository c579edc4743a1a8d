// Injected misbehaviour, so clients and subgraphs can be tested against the ways a real gateway fails:
// slowness, 5xx, never answering, and answers that are not what the contract promises.

export interface OpusFault {
  /** Extra delay before answering, on top of the simulator's latency. */
  latencyMs?: number;
  /** Share of calls (0-1) that misbehave as configured below; 1 when not given. */
  errorRate?: number;
  /** Answer with this HTTP status (e.g. 500, 503) and a JSON error body. */
  status?: number;
  /** Never answer; the connection stays open until the client gives up or the simulator closes. */
  timeout?: boolean;
  /** Answer HTTP 200 with a body that is not valid JSON ('json') or valid JSON of the wrong shape ('shape'). */
  malformed?: 'json' | 'shape';
  /** Only calls concerning these employments (an update's Medarbejder) suffer the fault; others pass untouched. */
  employmentNumbers?: string[];
  /** Only the next `times` calls the fault concerns suffer it; it counts down, and at 0 it is spent. */
  times?: number;
}

/** The fault as it bears on one call: none when it concerns other employments or is spent; counts the call down. */
export function faultFor(fault: OpusFault | undefined, employmentNumber: string | undefined): OpusFault | undefined {
  if (!fault) return undefined;
  if (fault.employmentNumbers && !(employmentNumber !== undefined && fault.employmentNumbers.includes(employmentNumber))) return undefined;
  if (fault.times !== undefined) {
    if (fault.times <= 0) return undefined;
    fault.times -= 1;
  }
  return fault;
}

export type FaultAction = { kind: 'timeout' } | { kind: 'status'; status: number } | { kind: 'malformed'; mode: 'json' | 'shape' } | null;

/** What one call should suffer under the fault, if anything beyond latency. */
export function faultAction(fault: OpusFault | undefined, random: () => number = Math.random): FaultAction {
  if (!fault) return null;
  const misbehaves = fault.timeout || fault.status !== undefined || fault.malformed !== undefined;
  if (!misbehaves || random() >= (fault.errorRate ?? 1)) return null;
  if (fault.timeout) return { kind: 'timeout' };
  if (fault.malformed) return { kind: 'malformed', mode: fault.malformed };
  return { kind: 'status', status: fault.status ?? 503 };
}

export const MALFORMED_BODIES = {
  json: '{"Header": {"Status": "0", "Tekst": ""}, "Medarbejdere": [',
  shape: JSON.stringify({ Header: { Status: '0', Tekst: '' }, Medarbejdere: 'ikke en liste', Medarbejdernumre: 42, OrgEnheder: {}, Resultater: 'x', Engangsydelser: 7 }),
} as const;
