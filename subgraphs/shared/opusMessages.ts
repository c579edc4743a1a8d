// Opus's update answers carry messages (Meddelelse) of a type E/W/I/S; every subgraph that writes to
// Opus shows that type as this one enum, so the composed graph has it once.
import { registerEnumType } from 'type-graphql';
import type { OneOffPaymentResult, OpusMessage } from '../../sources/opus/OpusSource.js';
import { updateIdToWire } from '../../sources/opus/wire.js';

export const MessageSeverity = { ERROR: 'E', WARNING: 'W', INFO: 'I', SUCCESS: 'S' } as const;
registerEnumType(MessageSeverity, {
  name: 'OpusMessageSeverity',
  description: 'Meddelelsestype. An ERROR means Opus stored nothing from the request.',
  valuesConfig: {
    ERROR: { description: 'E (or SAP A/X): the request was refused.' },
    WARNING: { description: 'W: accepted, with a warning.' },
    INFO: { description: 'I: information.' },
    SUCCESS: { description: 'S: success.' },
  },
});

/** The enum value of a message's type. */
export const SEVERITY: Record<OpusMessage['type'], string> = { E: MessageSeverity.ERROR, W: MessageSeverity.WARNING, I: MessageSeverity.INFO, S: MessageSeverity.SUCCESS };

/**
 * Opus refused an update: nothing was applied, so the idempotency key is not used up and a corrected
 * retry may resend. Thrown inside Idempotency.run to keep the refusal out of the stored answers.
 */
export class OpusNotApplied extends Error {
  constructor(readonly result: OneOffPaymentResult) {
    super('Opus did not apply the update');
  }
}

/** Opus's message code as one key: some gateways zero-pad or send codes as numbers ("0119", 119 and "119" are one code). */
export function normalOpusCode(opusCode: string): string {
  return /^\d+$/.test(opusCode) ? String(Number(opusCode)) : opusCode;
}

/** The line (from 1) a message concerns, when its text names one of the `lineCount` lines sent the way `prefix` reads ("Engangsydelse Nr. 001: ..."). */
export function lineNamed(text: string, prefix: RegExp, lineCount: number): number | null {
  const m = prefix.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= lineCount ? n : null;
}

/** What an update of numbered lines (engangsydelser, faste tillæg/fradrag) was sent with. */
export interface LineUpdateContext {
  employmentNumber: string;
  validateOnly: boolean;
  lineCount: number;
  replayed: boolean;
}

/** How one update names its messages: the stable codes it knows and how its texts name a line. */
export interface LineUpdateNames<Code extends string> {
  codes: Readonly<Record<string, Code>>;
  linePrefix: RegExp;
}

/**
 * Opus's answer to an update of numbered lines, as the typed result clients see: Opus's own code and
 * text on every message, a stable code (OTHER for the rest) and the line each message concerns.
 */
export function lineUpdateAnswer<Code extends string>(result: OneOffPaymentResult, c: LineUpdateContext, names: LineUpdateNames<Code>) {
  return {
    employmentNumber: c.employmentNumber,
    accepted: result.accepted,
    stored: result.accepted && !c.validateOnly,
    validateOnly: c.validateOnly,
    updateId: updateIdToWire(result.updateId),
    timestamp: result.timestamp,
    replayed: c.replayed,
    messages: result.messages.map((m) => ({
      code: names.codes[normalOpusCode(m.code)] ?? ('OTHER' as const),
      opusCode: m.code,
      severity: SEVERITY[m.type],
      text: m.text,
      line: lineNamed(m.text, names.linePrefix, c.lineCount),
    })),
  };
}
