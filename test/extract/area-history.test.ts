// How the extract store's registrations of one employment become the history of Kontraktindhold and
// Kommunikation (sources/opus/extract/store/areaHistory.ts): the rules the gateway test cannot reach
// with the sample's files.
import { describe, expect, it } from 'vitest';
import { communicationVersions, contractVersions, type EmploymentRegistration } from '../../sources/opus/extract/store/areaHistory.js';
import type { StoredEmployee } from '../../sources/opus/extract/store/employmentFromRecord.js';

const BASE: StoredEmployee = {
  id: '10001',
  entryDate: '2025-01-01',
  leaveDate: null,
  lastChanged: '2026-01-10',
  position: 'Sagsbehandler',
  positionShort: 'Sagsbeh.',
  email: 'a@kommune.dk',
  workPhone: '11111111',
  firstName: 'Anna',
  orgUnit: '100',
};

const reg = (at: string, record: Partial<StoredEmployee>, status: EmploymentRegistration['status'] = 'active'): EmploymentRegistration => ({
  registeredAt: new Date(at),
  status,
  record: { ...BASE, ...record },
});

const positions = (regs: EmploymentRegistration[]) => contractVersions('10001', regs).map((v) => ({ position: v.value.position, validFrom: v.validFrom, validTo: v.validTo }));

describe('contract and communication versions from registrations', () => {
  it('makes no version of a registration that changed neither area', () => {
    const regs = [reg('2026-02-01T03:00:00Z', {}), reg('2026-02-02T03:00:00Z', { orgUnit: '200', firstName: 'Anne', lastChanged: '2026-02-02' })];
    expect(positions(regs)).toEqual([{ position: 'Sagsbehandler', validFrom: '2026-01-10', validTo: null }]);
    expect(communicationVersions('10001', regs)).toHaveLength(1);
  });

  it('dates a change by the extract’s day when lastChanged is no later than the version before', () => {
    const regs = [reg('2026-02-01T03:00:00Z', {}), reg('2026-02-05T03:00:00Z', { position: 'Specialkonsulent' })];
    expect(positions(regs)).toEqual([
      { position: 'Sagsbehandler', validFrom: '2026-01-10', validTo: '2026-02-04' },
      { position: 'Specialkonsulent', validFrom: '2026-02-05', validTo: null },
    ]);
  });

  it('never dates a version before the employment began', () => {
    expect(positions([reg('2026-02-01T03:00:00Z', { entryDate: '2026-01-15' })])).toEqual([{ position: 'Sagsbehandler', validFrom: '2026-01-15', validTo: null }]);
  });

  it('forgets what came before an annulment: the employment counted as never having existed', () => {
    const regs = [
      reg('2026-02-01T03:00:00Z', {}),
      reg('2026-02-02T03:00:00Z', {}, 'annulled'),
      reg('2026-03-01T03:00:00Z', { position: 'Specialkonsulent', lastChanged: '2026-02-20' }),
    ];
    expect(positions(regs)).toEqual([{ position: 'Specialkonsulent', validFrom: '2026-02-20', validTo: null }]);
    expect(contractVersions('10001', regs.slice(0, 2))).toEqual([]);
  });

  it('ends the last version with the employment’s leave date', () => {
    const regs = [reg('2026-02-01T03:00:00Z', {}), reg('2026-07-01T03:00:00Z', { leaveDate: '2026-06-30', lastChanged: '2026-06-20' }, 'left')];
    const versions = contractVersions('10001', regs);
    // The leave date is a term of the contract: a new version, ending on it.
    expect(versions.map((v) => [v.value.end, v.validFrom, v.validTo])).toEqual([
      [null, '2026-01-10', '2026-06-19'],
      ['2026-06-30', '2026-06-20', '2026-06-30'],
    ]);
    expect(communicationVersions('10001', regs).map((v) => [v.validFrom, v.validTo])).toEqual([['2026-01-10', '2026-06-30']]);
  });
});
