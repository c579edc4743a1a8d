// Kommunikation as callers may write it: validated and normalised before anything is sent to Opus.
import { parseEmail, parsePhone } from '../../sources/identifiers.js';
import type { Communication } from '../../sources/model.js';
import { badInput } from '../../platform/errors.js';
import type { CommunicationInput } from './inputs/CommunicationInput.js';

/** The fields a request changes; a field left out is absent and keeps what Opus holds. */
export type CommunicationChanges = Partial<Communication>;

const FIELDS = ['workEmail', 'workPhone', 'mobilePhone'] as const;

const RULES: Record<(typeof FIELDS)[number], { normalise: (s: string) => string; rule: string }> = {
  workEmail: { normalise: parseEmail, rule: 'an e-mail address such as navn@kommune.dk' },
  // Opus holds Danish numbers in their national form; +45/0045 and spaces are dropped.
  workPhone: { normalise: (s) => parsePhone(s).slice(3), rule: 'a Danish phone number: 8 digits, optionally prefixed +45 or 0045, spaces allowed' },
  mobilePhone: { normalise: (s) => parsePhone(s).slice(3), rule: 'a Danish phone number: 8 digits, optionally prefixed +45 or 0045, spaces allowed' },
};

/**
 * The changes the input asks for, normalised. Every offending field is named (`extensions.fields`,
 * as `input.<field>`); values are not repeated in the message.
 */
export function parseCommunicationInput(input: CommunicationInput): CommunicationChanges {
  const changes: CommunicationChanges = {};
  const problems: Array<{ field: string; rule: string }> = [];
  for (const field of FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    if (value === null || value.trim() === '') {
      changes[field] = null;
      continue;
    }
    try {
      changes[field] = RULES[field].normalise(value);
    } catch {
      problems.push({ field: `input.${field}`, rule: RULES[field].rule });
    }
  }
  if (problems.length > 0) {
    throw badInput(problems.map((p) => `${p.field} must be ${p.rule}`).join('; '), { argument: 'input', fields: problems.map((p) => p.field) });
  }
  if (Object.keys(changes).length === 0) {
    const fields = FIELDS.map((f) => `input.${f}`);
    throw badInput(`input must give at least one of ${fields.join(', ')}`, { argument: 'input', fields });
  }
  return changes;
}
