// Which fraværsarter are health data: AUDIT_SENSITIVE_ABSENCE_TYPES, checked when the absence schema
// is built, so a typo stops the subgraph instead of silently auditing less.
import { describe, expect, it } from 'vitest';
import { sensitiveAbsenceTypesFromEnv } from '../../subgraphs/absence/sensitiveAbsences.js';
import { buildAbsenceSchema } from '../../subgraphs/absence/schema.js';

describe('AUDIT_SENSITIVE_ABSENCE_TYPES', () => {
  it('defaults to sickness, a child’s sickness, barsel and orlov', () => {
    expect([...sensitiveAbsenceTypesFromEnv({})].sort()).toEqual(['barnsSygedag', 'barsel', 'orlov', 'sygdom']);
  });

  it('takes a municipality’s own list of enum names', () => {
    const types = sensitiveAbsenceTypesFromEnv({ AUDIT_SENSITIVE_ABSENCE_TYPES: 'sygdom, BARNS_SYGEDAG,BARSEL,omsorgsdage' });
    expect([...types].sort()).toEqual(['barnsSygedag', 'barsel', 'omsorgsdage', 'sygdom']);
  });

  it('refuses unknown types and a list without sickness or barsel, naming the variable', () => {
    expect(() => sensitiveAbsenceTypesFromEnv({ AUDIT_SENSITIVE_ABSENCE_TYPES: 'SYGDOM,BARNS_SYGEDAG,BARSEL,SICK' })).toThrow(/AUDIT_SENSITIVE_ABSENCE_TYPES: SICK is not an AbsenceType/);
    expect(() => sensitiveAbsenceTypesFromEnv({ AUDIT_SENSITIVE_ABSENCE_TYPES: 'SYGDOM,ORLOV' })).toThrow(/AUDIT_SENSITIVE_ABSENCE_TYPES must include BARNS_SYGEDAG, BARSEL/);
  });

  it('stops the absence subgraph from building when wrong', async () => {
    const before = process.env.AUDIT_SENSITIVE_ABSENCE_TYPES;
    process.env.AUDIT_SENSITIVE_ABSENCE_TYPES = 'SYGDOM,BARSEL,BARNS_SYGEDAG,FEVER';
    try {
      await expect(buildAbsenceSchema()).rejects.toThrow(/AUDIT_SENSITIVE_ABSENCE_TYPES/);
    } finally {
      if (before === undefined) delete process.env.AUDIT_SENSITIVE_ABSENCE_TYPES;
      else process.env.AUDIT_SENSITIVE_ABSENCE_TYPES = before;
    }
  });
});
